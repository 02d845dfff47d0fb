package dev.stratus.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Configuration of api-service ({@code stratus.api.*}). */
@ConfigMapping(prefix = "stratus.api")
public interface ApiConfig {

    /**
     * Base URL of image-service, used to resolve images on server create (the typed client
     * {@code dev.stratus.api.client.ImageServiceClient}, config key {@code image-service}: its timeouts, retries and
     * circuit breaker are set in application.properties) and as the target of the edge route {@code /v1/images*}.
     * Default {@code http://localhost:8083}.
     */
    @WithDefault("http://localhost:8083")
    String imageServiceUrl();

    /**
     * Base URL of network-service, the target of the edge routes {@code /v1/networks*}, {@code /v1/subnets*},
     * {@code /v1/ports*}, {@code /v1/security-groups*}, {@code /v1/security-group-rules*},
     * {@code /v1/routers*}, {@code /v1/floating-ips*}, and of the typed client {@code dev.stratus.api.client.NetworkServiceClient} (config
     * key {@code network-service}; ports of new servers, usage). Default {@code http://localhost:8084}.
     */
    @WithDefault("http://localhost:8084")
    String networkServiceUrl();

    /** Whether api-service routes the other services' native routes (one public URL). Off behind an Ingress. */
    @WithDefault("true")
    boolean edgeRouting();

    /**
     * How often the outbox relay looks for unpublished rows when nothing woke it up. Commits wake it at once,
     * so this only bounds the delay after a crash or a failed publish. Default 1 s.
     */
    @WithDefault("1s")
    Duration outboxPollInterval();

    /**
     * How often expired servers ({@code expires_at} passed) are looked for and deleted. Deletion starts within this
     * interval of a server's time. Default 1 s.
     */
    @WithDefault("1s")
    Duration expiryInterval();

    /**
     * How long a host may stay silent (agents report every few seconds) before its servers show status UNKNOWN
     * (their vm_state is kept; they come back when it reports again). Default 30 s.
     */
    @WithDefault("30s")
    Duration hostDownAfter();

    /**
     * How long a resize may await {@code confirm-resize} or {@code revert-resize} (status VERIFY_RESIZE) before
     * Stratus confirms it (action {@code confirm-resize} by Stratus in the history). Checked every
     * {@code expiry-interval}. Default 1 h; Nova's {@code resize_confirm_window} is the same idea.
     */
    @WithDefault("1h")
    Duration resizeConfirmAfter();

    /**
     * How often a long poll of the event feed ({@code GET /v1/events?wait_seconds=N}) reads the database again while it
     * finds nothing new: the delay between an event and a waiting follower seeing it is at most this. Each waiting
     * request costs one short query per interval; nothing is held between them. Default 500 ms.
     */
    @WithDefault("500ms")
    Duration eventsPollInterval();

    /** Tokens, passwords, signing keys ({@code stratus.api.identity.*}). */
    IdentityConfig identity();

    /** Users and projects created at first start ({@code stratus.api.bootstrap.*}). */
    BootstrapConfig bootstrap();

    /** Per project and action request rates ({@code stratus.api.rate-limits.*}). */
    RateLimitConfig rateLimits();

    /** Default quotas of every project ({@code stratus.api.quotas.*}); admins override them per project. */
    QuotaConfig quotas();
}
