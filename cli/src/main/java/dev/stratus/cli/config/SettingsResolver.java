package dev.stratus.cli.config;

import java.util.List;

/**
 * Picks the settings from the sources, highest precedence first (see docs/cli.md, "Configuration"): the command
 * line ({@code --url}, {@code --token}), the environment ({@code STRATUS_URL}, {@code STRATUS_TOKEN}...), the CLI's
 * config file ({@code stratus login} writes it), then the dev stack's {@code .stratus/dev.env}.
 * <ul>
 *   <li>The URL is the first source's that has one.</li>
 *   <li>The token (or the credentials to issue one) is the first source's that has one and names no other URL: a
 *       token saved for another cloud is never sent to this one.</li>
 *   <li>{@code admin} takes {@code STRATUS_ADMIN_TOKEN} instead of {@code STRATUS_TOKEN} (dev.env has both).</li>
 * </ul>
 */
public final class SettingsResolver {
    private SettingsResolver() {
    }

    public static Settings resolve(List<Source> sources, boolean admin) {
        SourceChain chain = new SourceChain(sources);
        Source urlSource = chain.first(Keys.URL);
        String url = urlSource == null ? null : trimSlash(urlSource.get(Keys.URL));
        String tokenKey = admin ? Keys.ADMIN_TOKEN : Keys.TOKEN;
        for (Source source : sources) {
            String own = source.get(Keys.URL);
            if (own != null && url != null && !trimSlash(own).equals(url)) {
                continue;
            }
            String token = source.get(tokenKey);
            Credentials credentials = admin ? null : Credentials.of(source);
            if (token != null || credentials != null) {
                return new Settings(url, name(urlSource), token, credentials, source.name(), chain);
            }
        }
        return new Settings(url, name(urlSource), null, null, null, chain);
    }

    private static String name(Source source) {
        return source == null ? null : source.name();
    }

    static String trimSlash(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
