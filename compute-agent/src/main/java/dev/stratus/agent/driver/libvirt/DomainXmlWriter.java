package dev.stratus.agent.driver.libvirt;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringWriter;
import java.util.List;

/** Serializes a {@link DomainSpec} to libvirt domain XML by running each configurator in turn. */
public final class DomainXmlWriter {

    private final List<DomainConfigurator> configurators = List.of(
            new IdentityConfigurator(),
            new MetadataConfigurator(),
            new MachineConfigurator(),
            new CpuConfigurator(),
            new MemoryConfigurator(),
            new OsConfigurator(),
            new SmbiosConfigurator(),
            new DiskConfigurator(),
            new CdromConfigurator(),
            new NicConfigurator(),
            new ConsoleConfigurator(),
            new MinimalDevicesConfigurator());

    /** The domain XML of {@code spec}. */
    public String write(DomainSpec spec) {
        DomainDocument domain = new DomainDocument();
        for (DomainConfigurator configurator : configurators) {
            configurator.configure(spec, domain);
        }
        return serialize(domain);
    }

    static String serialize(DomainDocument domain) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(domain.document()), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize domain XML", e);
        }
    }
}
