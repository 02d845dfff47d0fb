package dev.stratus.scheduler.rest;

import dev.stratus.platform.openapi.ContractFilter;

/**
 * scheduler-service's OpenAPI description beyond its annotations: tags, security and the shared problem+json
 * errors of {@link ContractFilter}. Its routes are for administrators on the scheduler's own port (the public URL
 * does not route {@code /v1/scheduler/*}), so they are not part of {@code openapi/stratus.yaml}.
 */
public class SchedulerContract extends ContractFilter {
}
