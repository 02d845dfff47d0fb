package dev.stratus.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code stratus --version}: the version the jar's manifest names. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"stratus CLI " + (version == null ? "(development build)" : version)
                + ", Java " + System.getProperty("java.version")};
    }
}
