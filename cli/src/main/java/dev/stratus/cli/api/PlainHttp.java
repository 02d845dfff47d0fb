package dev.stratus.cli.api;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.security.GeneralSecurityException;

/**
 * The TLS context of a client that only speaks plain HTTP: one that trusts nothing, so building it reads no CA
 * store (the JDK's default context parses every certificate of cacerts, a noticeable part of the CLI's start).
 */
final class PlainHttp {
    static final SSLContext CONTEXT = context();

    private PlainHttp() {
    }

    private static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[0], null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
