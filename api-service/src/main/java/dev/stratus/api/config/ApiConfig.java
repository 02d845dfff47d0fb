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
     * How often a long poll of the event feed ({@code GET /v1/events?wait_seconds=N}) reads the database again while
     * commits cannot wake it: {@code events-listen} off, or its LISTEN connection lost (until it is back). Then the
     * delay between an event and a waiting follower seeing it is at most this, and each waiting request costs one
     * short query per interval. While api-service listens, a follower reads again only when an event of its project
     * is committed, and this is the longest pause between the re-reads of an event an older open transaction still
     * holds back (10 ms, 20, 40... up to this). Default 500 ms.
     */
    @WithDefault("500ms")
    Duration eventsPollInterval();

    /**
     * Whether api-service LISTENs on PostgreSQL channel {@code stratus_events}, to which every commit of a server
     * action (started or finished) sends a NOTIFY: one connection per replica, outside the pool, from
     * {@code quarkus.datasource.jdbc.url}, {@code username} and {@code password}. Then a waiting follower of the
     * event feed gets a committed event within milliseconds instead of up to {@code events-poll-interval}. Turn it
     * off where LISTEN does not work, e.g. behind a pooler in transaction mode (PgBouncer): followers then read every
     * {@code events-poll-interval}. Default true.
     */
    @WithDefault("true")
    boolean eventsListen();

    /** Tokens, passwords, signing keys ({@code stratus.api.identity.*}). */
    IdentityConfig identity();

    /** Users and projects created at first start ({@code stratus.api.bootstrap.*}). */
    BootstrapConfig bootstrap();

    /** Per project and action request rates ({@code stratus.api.rate-limits.*}). */
    RateLimitConfig rateLimits();

    /** Default quotas of every project ({@code stratus.api.quotas.*}); admins override them per project. */
    QuotaConfig quotas();
}
