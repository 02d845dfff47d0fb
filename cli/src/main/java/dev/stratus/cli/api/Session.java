package dev.stratus.cli.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.cli.CliFailure;
import dev.stratus.cli.config.Credentials;
import dev.stratus.cli.config.Jwt;
import dev.stratus.cli.config.Settings;
import dev.stratus.client.ApiClient;
import dev.stratus.client.ApiException;
import dev.stratus.client.api.AuthApi;
import dev.stratus.client.model.IssuedToken;
import dev.stratus.client.model.TokenRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;
import java.net.http.HttpRequest;

/**
 * The generated client, configured from the settings: the base URL, and a bearer token on every request. A token
 * that is missing or expired is issued again from the credentials of the same source when it has some
 * ({@code STRATUS_USER}/{@code STRATUS_PASSWORD} in dev.env, an application credential in the environment).
 */
public final class Session {
    private static final String USER_AGENT = "stratus-cli/" + Session.class.getPackage().getImplementationVersion();

    private final Settings settings;
    private final ApiClient client;
    private String token;

    private Session(Settings settings, ApiClient client) {
        this.settings = settings;
        this.client = client;
    }

    /** A session for {@code settings}; fails with a usage error when there is no URL or nothing to authenticate. */
    public static Session open(Settings settings) throws ApiException {
        if (settings.url() == null) {
            throw CliFailure.usage("no API URL: set STRATUS_URL, pass --url, run `stratus login --url URL`, "
                    + "or start the dev stack with `./stratus up`");
        }
        Session session = new Session(settings, newClient(settings.url()));
        session.authenticate();
        return session;
    }

    /** A client for {@code url} that sends no token (for issuing one). */
    public static ApiClient newClient(String url) {
        ApiClient client = new ApiClient();
        if (url.startsWith("http://")) {
            // the JDK's default TLS context parses the whole CA store at the first client: nothing to verify here
            client.setHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(PlainHttp.CONTEXT));
        }
        client.updateBaseUri(url);
        client.setConnectTimeout(Duration.ofSeconds(10));
        client.setReadTimeout(Duration.ofMinutes(5));
        client.setRequestInterceptor(request -> request.header("User-Agent", USER_AGENT));
        return client;
    }

    /** Issues a token from {@code credentials} at {@code url}. */
    public static IssuedToken issue(String url, Credentials credentials) throws ApiException {
        TokenRequest request = new TokenRequest();
        if (credentials.isApplicationCredential()) {
            request.applicationCredentialId(credentials.credentialId()).secret(credentials.secret());
        } else {
            request.user(credentials.user()).password(credentials.password()).project(credentials.project());
        }
        return new AuthApi(newClient(url)).issueToken(request);
    }

    private void authenticate() throws ApiException {
        String current = settings.token();
        if (current != null && !Jwt.expired(current, Instant.now())) {
            use(current);
            return;
        }
        Credentials credentials = settings.credentials();
        if (credentials != null) {
            use(issue(settings.url(), credentials).getToken());
            return;
        }
        if (current != null) {
            throw CliFailure.api("the token from " + settings.authSource() + " expired at "
                    + Jwt.expiry(current).orElseThrow() + ": run `stratus login` (or `./stratus up` for the dev stack)");
        }
        throw CliFailure.usage("no token: set STRATUS_TOKEN, pass --token, run `stratus login`, "
                + "or start the dev stack with `./stratus up` (its .stratus/dev.env is read)");
    }

    private void use(String token) {
        this.token = token;
        client.setRequestInterceptor(bearer(token));
    }

    private static Consumer<HttpRequest.Builder> bearer(String token) {
        return request -> request.header("User-Agent", USER_AGENT).header("Authorization", "Bearer " + token);
    }

    /**
     * The same client with one more change to each request (after the token): an upload replaces the body with a
     * metered one. The API object must be made after this call (the generated APIs copy the interceptor).
     */
    public ApiClient withRequest(Consumer<HttpRequest.Builder> change) {
        ApiClient copy = newClient(settings.url());
        copy.setReadTimeout(null); // the answer comes after the whole body: an upload takes as long as it takes
        copy.setRequestInterceptor(bearer(token).andThen(change));
        return copy;
    }

    /** An API of the generated client: {@code session.api(ServersApi::new)}. */
    public <T> T api(Function<ApiClient, T> constructor) {
        return constructor.apply(client);
    }

    public ApiClient client() {
        return client;
    }

    public ObjectMapper mapper() {
        return client.getObjectMapper();
    }

    public String url() {
        return settings.url();
    }

    public String token() {
        return token;
    }

    public Settings settings() {
        return settings;
    }
}
