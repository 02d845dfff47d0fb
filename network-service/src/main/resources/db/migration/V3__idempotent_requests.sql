-- Idempotency-Key of creates (POST networks, subnets, ports, security groups, rules), kept by platform's
-- IdempotencyStore (dev.stratus.platform.idempotency): a row per (project, hash of the key), claimed (in_progress)
-- before the create runs and done with its encrypted response.
CREATE TABLE idempotent_request (
    scope               VARCHAR(64)   NOT NULL,
    key_hash            VARCHAR(64)   NOT NULL,
    request_hash        VARCHAR(64)   NOT NULL,
    attempt             VARCHAR(36)   NOT NULL,
    state               VARCHAR(16)   NOT NULL CHECK (state IN ('in_progress', 'done')),
    status              INT,
    location            VARCHAR(2048),
    response            BYTEA,
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key_hash)
);
CREATE INDEX idempotent_request_age ON idempotent_request (created_at);
