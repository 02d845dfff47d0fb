package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.InstanceSpec;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.StringReader;
import java.nio.file.Path;

/** Sample specs and XML helpers for the configurator tests. */
final class DomainSpecs {

    static final String ID = "3f2c8a9e-1b7d-4c52-9e0f-6a1d2b3c4d5e";

    private DomainSpecs() {
    }

    static InstanceSpec instance(Integer cpuQuotaPercent) {
        return new InstanceSpec(ID, 2, 256, cpuQuotaPercent, 512, Path.of("/var/lib/stratus/instances/" + ID + "/disk"),
                Path.of("/var/lib/stratus/images/kernel"), Path.of("/var/lib/stratus/images/initrd"),
                "console=ttyS0 quiet", Path.of("/var/lib/stratus/instances/" + ID + "/console.log"));
    }

    static DomainSpec domain(InstanceSpec instance) {
        return DomainSpec.of(instance, "qemu", "pc");
    }

    /** Runs one configurator on an empty document and returns it parsed back from XML. */
    static Document configure(DomainConfigurator configurator, DomainSpec spec) {
        DomainDocument document = new DomainDocument();
        configurator.configure(spec, document);
        return parse(DomainXmlWriter.serialize(document));
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + xml, e);
        }
    }

    static String xpath(Document document, String expression) {
        try {
            return XPathFactory.newInstance().newXPath().evaluate(expression, document);
        } catch (Exception e) {
            throw new AssertionError(expression, e);
        }
    }

    static int count(Document document, String expression) {
        try {
            return ((Double) XPathFactory.newInstance().newXPath().evaluate("count(" + expression + ")", document,
                    XPathConstants.NUMBER)).intValue();
        } catch (Exception e) {
            throw new AssertionError(expression, e);
        }
    }
}
