package dev.stratus.agent.driver.libvirt;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

/**
 * A domain XML document under construction: a JDK DOM with the few helpers configurators need.
 * Text and attribute values are set through the DOM, so they are escaped by construction.
 */
final class DomainDocument {

    private final Document document;
    private final Element root;
    private Element devices;

    DomainDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            document = factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("JDK XML parser unavailable", e);
        }
        root = document.createElement("domain");
        document.appendChild(root);
    }

    Document document() {
        return document;
    }

    /** The {@code <domain>} element. */
    Element root() {
        return root;
    }

    /** The {@code <devices>} element, created on first use. */
    Element devices() {
        if (devices == null) {
            devices = append(root, "devices");
        }
        return devices;
    }

    /** The first child of {@code parent} named {@code name}, created if absent. */
    Element child(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getTagName())) {
                return element;
            }
        }
        return append(parent, name);
    }

    /** Appends a new element {@code name} to {@code parent}. */
    Element append(Element parent, String name) {
        Element element = document.createElement(name);
        parent.appendChild(element);
        return element;
    }

    /** Appends a new element {@code name} with text content {@code text} to {@code parent}. */
    Element append(Element parent, String name, Object text) {
        Element element = append(parent, name);
        element.setTextContent(String.valueOf(text));
        return element;
    }

    /** Appends a new element with the given attributes (name/value pairs) to {@code parent}. */
    Element appendWith(Element parent, String name, String... attributes) {
        Element element = append(parent, name);
        for (int i = 0; i < attributes.length; i += 2) {
            element.setAttribute(attributes[i], attributes[i + 1]);
        }
        return element;
    }
}
