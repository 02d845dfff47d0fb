package dev.stratus.cli.config;

/** The setting names, the same in the environment, the config file and {@code .stratus/dev.env}. */
public final class Keys {
    public static final String URL = "STRATUS_URL";
    public static final String TOKEN = "STRATUS_TOKEN";
    public static final String TOKEN_EXPIRES_AT = "STRATUS_TOKEN_EXPIRES_AT";
    public static final String ADMIN_TOKEN = "STRATUS_ADMIN_TOKEN";
    public static final String USER = "STRATUS_USER";
    public static final String PASSWORD = "STRATUS_PASSWORD";
    public static final String PROJECT = "STRATUS_PROJECT";
    public static final String CREDENTIAL_ID = "STRATUS_APPLICATION_CREDENTIAL_ID";
    public static final String CREDENTIAL_SECRET = "STRATUS_APPLICATION_CREDENTIAL_SECRET";
    public static final String EXTERNAL_NAMESPACE = "STRATUS_EXTERNAL_NAMESPACE";
    public static final String SCHEDULER_URL = "STRATUS_SCHEDULER_URL";
    public static final String SSH_KEY = "STRATUS_SSH_KEY";
    public static final String SSH_USER = "STRATUS_SSH_USER";

    private Keys() {
    }
}
