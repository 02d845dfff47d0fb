package dev.stratus.cli.config;

/**
 * What a token is issued from: a user's password (with the project to scope it to) or an application credential.
 */
public record Credentials(String user, String password, String project, String credentialId, String secret) {
    public static Credentials password(String user, String password, String project) {
        return new Credentials(user, password, project, null, null);
    }

    public static Credentials applicationCredential(String id, String secret) {
        return new Credentials(null, null, null, id, secret);
    }

    /** The credentials {@code source} holds, or null when it holds no complete pair. */
    static Credentials of(Source source) {
        if (source.get(Keys.CREDENTIAL_ID) != null && source.get(Keys.CREDENTIAL_SECRET) != null) {
            return applicationCredential(source.get(Keys.CREDENTIAL_ID), source.get(Keys.CREDENTIAL_SECRET));
        }
        if (source.get(Keys.USER) != null && source.get(Keys.PASSWORD) != null) {
            return password(source.get(Keys.USER), source.get(Keys.PASSWORD), source.get(Keys.PROJECT));
        }
        return null;
    }

    public boolean isApplicationCredential() {
        return credentialId != null;
    }

    /** Who, for messages: the user (and project) or the credential id; never the secret. */
    public String who() {
        return isApplicationCredential() ? "application credential " + credentialId
                : user + (project == null ? "" : " (project " + project + ")");
    }

    @Override
    public String toString() {
        return who();
    }
}
