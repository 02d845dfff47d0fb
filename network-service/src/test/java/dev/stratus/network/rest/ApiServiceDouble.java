package dev.stratus.network.rest;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * api-service as network-service sees it in module tests ({@link dev.stratus.devinfra.ApiServiceDouble}):
 * {@link #LIMIT} networks, ports and floating IPs for projects named {@code quota-*}, -1 (unlimited) for
 * {@code unlimited-*}, 1000 for the others.
 */
public class ApiServiceDouble extends dev.stratus.devinfra.ApiServiceDouble {
    public static final String PASSWORD = "network-test-password";
    public static final int LIMIT = 5;
    /** How many quota reads were answered. */
    public static final AtomicInteger QUOTA_READS = new AtomicInteger();

    public ApiServiceDouble() {
        super("network", PASSWORD, QUOTA_READS);
    }

    @Override
    protected String limits(String project) {
        long limit = project.startsWith("quota-") ? LIMIT : project.startsWith("unlimited-") ? -1 : 1000;
        return "\"networks\":{\"limit\":" + limit + ",\"in_use\":null},\"ports\":{\"limit\":" + limit
                + ",\"in_use\":null},\"floating_ips\":{\"limit\":" + limit + ",\"in_use\":null}";
    }
}
