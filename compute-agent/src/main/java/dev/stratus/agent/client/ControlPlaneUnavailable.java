package dev.stratus.agent.client;

/** api-service could not be asked (unreachable, no token, or an answer other than 200); try again later. */
public class ControlPlaneUnavailable extends RuntimeException {
    public ControlPlaneUnavailable(String message) {
        super(message);
    }
}
