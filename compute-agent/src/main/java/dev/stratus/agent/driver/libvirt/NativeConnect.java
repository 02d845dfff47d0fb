package dev.stratus.agent.driver.libvirt;

import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/** A libvirt connection that exposes its native pointer, for the calls libvirt-java 0.5.4 lacks. */
final class NativeConnect extends Connect {

    NativeConnect(String uri) throws LibvirtException {
        super(uri, false);
    }

    /** The native {@code virConnectPtr}; valid until {@link #close()}. */
    Pointer pointer() {
        return vcp.getPointer();
    }
}
