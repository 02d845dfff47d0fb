package dev.stratus.cli.config;

/**
 * The settings a command runs with: the API's URL, and a token or the credentials to issue one, each with the name
 * of the source it came from (for messages such as "the token from ~/.config/stratus/config expired").
 *
 * @param url         the public base URL ({@code STRATUS_URL}), never with a trailing slash; null when none is set
 * @param token       the bearer token, or null
 * @param credentials what a token can be (re-)issued from when there is none or it expired, or null
 * @param authSource  the source of the token or credentials
 * @param lookup      every source, for the other settings (first one that has a key wins)
 */
public record Settings(String url, String urlSource, String token, Credentials credentials, String authSource,
                      SourceChain lookup) {
    /** Another setting ({@link Keys}) from the first source that has it, or null. */
    public String get(String key) {
        return lookup.get(key);
    }
}
