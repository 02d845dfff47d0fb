CREATE TABLE flavor (
    id                  VARCHAR(64)  PRIMARY KEY,
    name                VARCHAR(255) NOT NULL UNIQUE,
    vcpus               INT          NOT NULL CHECK (vcpus > 0),
    ram_mb              INT          NOT NULL CHECK (ram_mb > 0),
    disk_gb             INT          NOT NULL CHECK (disk_gb > 0),
    cpu_quota_percent   INT          CHECK (cpu_quota_percent BETWEEN 1 AND 100),
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);

INSERT INTO flavor (id, name, vcpus, ram_mb, disk_gb, cpu_quota_percent) VALUES
    ('m1.tiny',   'm1.tiny',   1, 128, 1, NULL),
    ('m1.small',  'm1.small',  1, 256, 2, NULL),
    ('m1.medium', 'm1.medium', 2, 512, 4, NULL),
    ('t1.tiny',   't1.tiny',   1, 128, 1, 50),
    ('m1.huge',   'm1.huge',  16, 65536, 320, NULL);

CREATE TABLE instance (
    id                  UUID         PRIMARY KEY,
    project_id          VARCHAR(64)  NOT NULL,
    name                VARCHAR(255) NOT NULL,
    flavor_id           VARCHAR(64)  NOT NULL REFERENCES flavor (id),
    image_id            VARCHAR(64)  NOT NULL,
    vcpus               INT          NOT NULL,
    ram_mb              INT          NOT NULL,
    disk_gb             INT          NOT NULL,
    desired_state       VARCHAR(16)  NOT NULL,
    vm_state            VARCHAR(16)  NOT NULL,
    task_state          VARCHAR(16),
    power_state         VARCHAR(16),
    host                VARCHAR(255),
    agent_url           VARCHAR(1024),
    fault               TEXT,
    status_seq          BIGINT       NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    deleted_at          TIMESTAMPTZ
);
CREATE INDEX instance_project_live ON instance (project_id, created_at) WHERE deleted_at IS NULL;

-- Transactional outbox (Debezium's shape): written in the same transaction as the change it announces.
CREATE TABLE outbox (
    seq                 BIGSERIAL    PRIMARY KEY,
    id                  UUID         NOT NULL UNIQUE,
    aggregate_type      VARCHAR(64)  NOT NULL,
    aggregate_id        VARCHAR(64)  NOT NULL,
    type                VARCHAR(128) NOT NULL,
    topic               VARCHAR(255) NOT NULL,
    payload             TEXT         NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
