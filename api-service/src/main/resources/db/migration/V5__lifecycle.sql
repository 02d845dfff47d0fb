-- The instance's life (issue 10): the power generation the agents converge to, what happens when the guest powers
-- itself off, the action in flight, and the history of actions (Nova's instance actions).
ALTER TABLE instance ADD COLUMN power_generation   BIGINT      NOT NULL DEFAULT 0;
ALTER TABLE instance ADD COLUMN shutdown_behavior  VARCHAR(16) NOT NULL DEFAULT 'STOP';
ALTER TABLE instance ADD COLUMN task_action_id     UUID;
ALTER TABLE instance ALTER COLUMN task_state TYPE VARCHAR(32);

-- One row per request (and per thing Stratus did by itself: user_id NULL): started with the request, finished
-- when the task it started is over (result success or error, with the reason).
CREATE TABLE instance_action (
    id                  UUID          PRIMARY KEY,
    instance_id         UUID          NOT NULL,
    project_id          VARCHAR(64)   NOT NULL,
    request_id          VARCHAR(64)   NOT NULL,
    action              VARCHAR(32)   NOT NULL,
    user_id             VARCHAR(64),
    started_at          TIMESTAMPTZ   NOT NULL,
    finished_at         TIMESTAMPTZ,
    result              VARCHAR(16),
    message             TEXT
);
CREATE INDEX instance_action_instance ON instance_action (instance_id, started_at);

-- A lifetime for throwaway servers: past expires_at the sweeper deletes the server (action "expire"). A project may
-- have a default TTL (servers created without one get it) and a maximum (no server lives longer after its creation).
ALTER TABLE instance ADD COLUMN expires_at TIMESTAMPTZ;
CREATE INDEX instance_expiry ON instance (expires_at) WHERE deleted_at IS NULL AND expires_at IS NOT NULL;
CREATE TABLE project_server_ttl (
    project_id          VARCHAR(64)   PRIMARY KEY,
    default_ttl_seconds BIGINT        CHECK (default_ttl_seconds > 0),
    max_ttl_seconds     BIGINT        CHECK (max_ttl_seconds > 0)
);

-- Host liveness: agents report every few seconds (HostReport); a host silent for stratus.api.host-down-after has
-- its servers shown UNKNOWN (host_lost_at set, vm_state kept) until it reports again. The placement each instance
-- got is kept, so an agent that lost its files can ask what should run on its host (GET /internal/hosts/{host}/instances).
ALTER TABLE instance ADD COLUMN host_lost_at    TIMESTAMPTZ;
ALTER TABLE instance ADD COLUMN placement       TEXT;
ALTER TABLE instance ADD COLUMN power_operation VARCHAR(16);
CREATE INDEX instance_host_live ON instance (host) WHERE deleted_at IS NULL;
CREATE TABLE host_liveness (
    host                VARCHAR(255)  PRIMARY KEY,
    last_report_at      TIMESTAMPTZ   NOT NULL,
    lost_at             TIMESTAMPTZ
);
