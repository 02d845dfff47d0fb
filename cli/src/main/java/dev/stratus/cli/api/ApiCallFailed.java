package dev.stratus.cli.api;

/** Carries a checked failure of a generated client call (its ApiException) through code that takes no checked ones. */
public final class ApiCallFailed extends RuntimeException {
    public ApiCallFailed(Exception cause) {
        super(cause);
    }
}
