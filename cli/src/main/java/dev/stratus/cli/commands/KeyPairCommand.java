package dev.stratus.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.cli.CliFailure;
import dev.stratus.cli.output.Column;
import dev.stratus.client.api.KeyPairsApi;
import dev.stratus.client.model.CreateKeyPairRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** {@code stratus keypair <verb>}: the project's SSH key pairs (the API takes a name or an id). */
@Command(name = "keypair", aliases = "key-pair", description = "SSH key pairs: list, show, create (import or "
        + "generate), delete.")
public final class KeyPairCommand extends ApiCommand {
    private static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("TYPE", "type"), Column.of("FINGERPRINT", "fingerprint"));

    @Command(name = "list", description = "List the project's key pairs.")
    int list() throws Exception {
        out().list(api(KeyPairsApi::new).listKeyPairs().getKeyPairs(), COLUMNS);
        return 0;
    }

    @Command(name = "show", description = "Show a key pair (its public key and fingerprint).")
    int show(@Parameters(paramLabel = "KEYPAIR", description = "Name or id.") String keyPair) throws Exception {
        out().show(api(KeyPairsApi::new).getKeyPair(keyPair));
        return 0;
    }

    @Command(name = "create", description = {"Import a public key (--public-key), or have an ed25519 pair "
            + "generated: its private key is shown this once, or written to --private-key (mode 600)."})
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--public-key", paramLabel = "FILE", description = "An OpenSSH public key file "
                       + "(e.g. ~/.ssh/id_ed25519.pub).") Path publicKey,
               @Option(names = "--private-key", paramLabel = "FILE", description = "Where to write the generated "
                       + "private key (instead of printing it).") Path privateKey) throws Exception {
        CreateKeyPairRequest body = new CreateKeyPairRequest().name(name);
        if (publicKey != null) {
            body.publicKey(read(publicKey));
        }
        JsonNode created = out().tree(api(KeyPairsApi::new).createKeyPair(body, idempotencyKey()));
        if (privateKey != null && created.hasNonNull("private_key")) {
            write(privateKey, created.path("private_key").asText());
            ((ObjectNode) created).remove("private_key");
            err().println("private key written to " + privateKey);
        }
        out().show(created);
        return 0;
    }

    @Command(name = "delete", description = "Delete key pairs (servers keep the keys they were given).")
    int delete(@Parameters(arity = "1..*", paramLabel = "KEYPAIR", description = "Names or ids.")
               List<String> keyPairs) throws Exception {
        KeyPairsApi api = api(KeyPairsApi::new);
        for (String keyPair : keyPairs) {
            api.deleteKeyPair(keyPair);
            Deletions.done(this, "key pair", keyPair);
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw CliFailure.usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void write(Path file, String key) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, key.endsWith("\n") ? key : key + "\n");
    }
}
