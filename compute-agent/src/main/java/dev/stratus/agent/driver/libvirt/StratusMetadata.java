package dev.stratus.agent.driver.libvirt;

import org.libvirt.Domain;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;

/**
 * The Stratus metadata of a domain (written by {@link MetadataConfigurator}); a domain without it
 * is not a Stratus instance.
 *
 * @param instanceId     the instance id
 * @param memoryCapKib   the memory hard limit to apply after each start
 * @param host           the compute host whose agent manages it; empty for a domain defined before owners were
 *                       recorded (every agent of the libvirt daemon takes it, as before)
 */
record StratusMetadata(String instanceId, long memoryCapKib, String host) {

    /** Whether the agent of {@code owner} (null: any) manages this domain. */
    boolean ownedBy(String owner) {
        return owner == null || host.isEmpty() || host.equals(owner);
    }

    /** {@code VIR_DOMAIN_METADATA_ELEMENT}. */
    private static final int METADATA_ELEMENT = 2;
    /** {@code VIR_DOMAIN_AFFECT_CURRENT}. */
    private static final int AFFECT_CURRENT = 0;

    /** The Stratus metadata of {@code domain}, empty if it has none. */
    static Optional<StratusMetadata> of(Domain domain) throws LibvirtException {
        String xml;
        try {
            xml = domain.getMetadata(METADATA_ELEMENT, MetadataConfigurator.NAMESPACE, AFFECT_CURRENT);
        } catch (LibvirtException e) {
            if (Domains.is(e, Error.ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA)) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(parse(xml));
    }

    static StratusMetadata parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element instance = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)))
                    .getDocumentElement();
            return new StratusMetadata(instance.getAttribute(MetadataConfigurator.ID_ATTRIBUTE),
                    Long.parseLong(instance.getAttribute(MetadataConfigurator.MEMORY_CAP_ATTRIBUTE)),
                    instance.getAttribute(MetadataConfigurator.HOST_ATTRIBUTE));
        } catch (ParserConfigurationException | SAXException | IOException | NumberFormatException e) {
            throw new IllegalStateException("unreadable Stratus metadata: " + xml, e);
        }
    }
}
