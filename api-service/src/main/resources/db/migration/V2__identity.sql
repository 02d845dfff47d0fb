-- Identity: projects, users, role assignments, signing keys, application credentials.
CREATE TABLE project (
    id                  VARCHAR(64)  PRIMARY KEY,
    name                VARCHAR(64)  NOT NULL UNIQUE,
    description         VARCHAR(255),
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
    id                  VARCHAR(64)  PRIMARY KEY,
    name                VARCHAR(64)  NOT NULL UNIQUE,
    password_hash       VARCHAR(128) NOT NULL,
    enabled             BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE role_assignment (
    user_id             VARCHAR(64)  NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    project_id          VARCHAR(64)  NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    role                VARCHAR(16)  NOT NULL CHECK (role IN ('admin', 'member', 'reader', 'service')),
    PRIMARY KEY (user_id, project_id, role)
);

-- RSA signing keys. The newest unretired key signs; a retired key stays in the JWKS until every token it
-- signed has expired (retired_at + token lifetime).
CREATE TABLE signing_key (
    kid                 VARCHAR(64)  PRIMARY KEY,
    private_key         TEXT         NOT NULL,
    public_jwk          TEXT         NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    retired_at          TIMESTAMPTZ
);

CREATE TABLE application_credential (
    id                  VARCHAR(64)  PRIMARY KEY,
    user_id             VARCHAR(64)  NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    project_id          VARCHAR(64)  NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    name                VARCHAR(64)  NOT NULL,
    secret_hash         VARCHAR(128) NOT NULL,
    roles               VARCHAR(255) NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    expires_at          TIMESTAMPTZ,
    revoked_at          TIMESTAMPTZ
);
CREATE INDEX application_credential_owner ON application_credential (project_id, user_id);

-- Quotas: a row per overridden limit; defaults come from configuration.
CREATE TABLE quota_limit (
    project_id          VARCHAR(64)  NOT NULL,
    resource            VARCHAR(32)  NOT NULL,
    hard_limit          BIGINT       NOT NULL CHECK (hard_limit >= -1),
    PRIMARY KEY (project_id, resource)
);

-- Compute usage per project, locked (SELECT ... FOR UPDATE) by every create and delete of a server.
CREATE TABLE project_usage (
    project_id          VARCHAR(64)  PRIMARY KEY,
    instances           BIGINT       NOT NULL DEFAULT 0,
    vcpus               BIGINT       NOT NULL DEFAULT 0,
    ram_mb              BIGINT       NOT NULL DEFAULT 0
);

-- Idempotency-Key of creates: one row per (project, key), written in the create's transaction.
CREATE TABLE idempotency_key (
    project_id          VARCHAR(64)  NOT NULL,
    idem_key            VARCHAR(255) NOT NULL,
    request_hash        VARCHAR(64)  NOT NULL,
    status              INT          NOT NULL,
    location            VARCHAR(1024),
    response_body       TEXT         NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, idem_key)
);
CREATE INDEX idempotency_key_age ON idempotency_key (created_at);
