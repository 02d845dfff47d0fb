package dev.stratus.cli.commands.server;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How to log into a guest: the user and the private key. */
public final class SshOptions {
    @Option(names = {"-l", "--login"}, paramLabel = "USER", description = "The guest's user (default: "
            + "STRATUS_SSH_USER, else the image's os_admin_user property, else debian).")
    String user;

    @Option(names = {"-i", "--identity"}, paramLabel = "FILE", description = "The private key (default: "
            + "STRATUS_SSH_KEY, else the dev stack's .stratus/demo_key, the key pair `demo`).")
    Path identity;
}
