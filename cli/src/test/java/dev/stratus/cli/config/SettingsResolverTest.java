package dev.stratus.cli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SettingsResolverTest {
    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    private Path stack() throws IOException {
        Path state = dir.resolve("repo/.stratus");
        Files.createDirectories(state);
        Files.writeString(state.resolve("dev.env"), """
                STRATUS_URL=http://localhost:8080
                STRATUS_USER=demo
                STRATUS_PASSWORD=pw
                STRATUS_PROJECT=demo
                STRATUS_TOKEN=dev-token
                STRATUS_ADMIN_TOKEN=admin-token
                """);
        return state;
    }

    private void config(String text) throws IOException {
        Path file = home().resolve(".config/stratus/config");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Settings resolve(Map<String, String> env, Map<String, String> flags, boolean admin) throws IOException {
        Path work = dir.resolve("repo/sub");
        Files.createDirectories(work);
        return SettingsResolver.resolve(new ConfigLocations(env, work, home()).sources(flags), admin);
    }

    @Test
    void devEnvAloneGivesTheDemoToken() throws IOException {
        stack();
        Settings s = resolve(Map.of(), Map.of(), false);
        assertEquals("http://localhost:8080", s.url());
        assertEquals("dev-token", s.token());
        assertEquals("demo", s.credentials().user());
        assertEquals(dir.resolve("repo/.stratus/dev.env").toString(), s.authSource());
    }

    @Test
    void configFileBeatsDevEnvForTheSameUrl() throws IOException {
        stack();
        config("STRATUS_URL=http://localhost:8080/\nSTRATUS_TOKEN=login-token\n");
        Settings s = resolve(Map.of(), Map.of(), false);
        assertEquals("login-token", s.token());
        assertEquals("http://localhost:8080", s.url());
    }

    @Test
    void environmentBeatsConfigFileAndFlagsBeatEnvironment() throws IOException {
        stack();
        config("STRATUS_URL=http://cloud.example\nSTRATUS_TOKEN=login-token\n");
        Map<String, String> env = Map.of("STRATUS_URL", "http://env.example", "STRATUS_TOKEN", "env-token");
        Settings fromEnv = resolve(env, Map.of(), false);
        assertEquals("http://env.example", fromEnv.url());
        assertEquals("env-token", fromEnv.token());
        assertEquals("the environment", fromEnv.authSource());

        Settings fromFlags = resolve(env, Map.of("STRATUS_URL", "http://flag.example", "STRATUS_TOKEN", "flag-token"),
                false);
        assertEquals("http://flag.example", fromFlags.url());
        assertEquals("flag-token", fromFlags.token());
    }

    @Test
    void aTokenSavedForAnotherUrlIsNeverSentToThisOne() throws IOException {
        stack();
        config("STRATUS_URL=http://cloud.example\nSTRATUS_TOKEN=cloud-token\n");
        // the URL comes from the environment; the config file's token is for another cloud, dev.env's too
        Settings s = resolve(Map.of("STRATUS_URL", "http://third.example"), Map.of(), false);
        assertEquals("http://third.example", s.url());
        assertNull(s.token());
        assertNull(s.credentials());
    }

    @Test
    void theConfigFileUrlWinsOverDevEnvAndTakesItsOwnToken() throws IOException {
        stack();
        config("STRATUS_URL=http://cloud.example\nSTRATUS_TOKEN=cloud-token\n");
        Settings s = resolve(Map.of(), Map.of(), false);
        assertEquals("http://cloud.example", s.url());
        assertEquals("cloud-token", s.token());
    }

    @Test
    void adminTakesTheAdminToken() throws IOException {
        stack();
        Settings s = resolve(Map.of(), Map.of(), true);
        assertEquals("admin-token", s.token());
        assertNull(s.credentials(), "the demo user's password must not stand in for the admin");
    }

    @Test
    void applicationCredentialInTheEnvironmentIssuesTokens() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("STRATUS_URL", "http://ci.example");
        env.put("STRATUS_APPLICATION_CREDENTIAL_ID", "cred-1");
        env.put("STRATUS_APPLICATION_CREDENTIAL_SECRET", "s3cret");
        Settings s = resolve(env, Map.of(), false);
        assertNull(s.token());
        assertEquals("cred-1", s.credentials().credentialId());
        assertEquals("application credential cred-1", s.credentials().who());
    }

    @Test
    void stratusStatePointsAtTheStacksStateDirectory() throws IOException {
        Path state = stack();
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Settings s = SettingsResolver.resolve(new ConfigLocations(Map.of("STRATUS_STATE", state.toString()),
                elsewhere, home()).sources(Map.of()), false);
        assertEquals("dev-token", s.token());
    }

    @Test
    void configFileLocation() {
        assertEquals(Path.of("/x/cfg"), new ConfigLocations(Map.of("STRATUS_CONFIG", "/x/cfg"), dir, home())
                .configFile());
        assertEquals(Path.of("/xdg/stratus/config"), new ConfigLocations(Map.of("XDG_CONFIG_HOME", "/xdg"), dir,
                home()).configFile());
        assertEquals(home().resolve(".config/stratus/config"), new ConfigLocations(Map.of(), dir, home())
                .configFile());
    }

    @Test
    void nothingConfiguredGivesNothing() throws IOException {
        Settings s = resolve(Map.of(), Map.of(), false);
        assertNull(s.url());
        assertNull(s.token());
    }
}
