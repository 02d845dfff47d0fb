package dev.stratus.api.feed;

/** The two events of one action record: when it started, and when it finished (with its result). */
public enum EventPhase {
    STARTED("started"),
    FINISHED("finished");

    private final String apiName;

    EventPhase(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
