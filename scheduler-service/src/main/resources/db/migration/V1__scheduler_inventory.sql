-- Host inventory, fed by the agents' HostReports. used_* only change through claims and releases;
-- generation grows with every change that can invalidate a placement decision (claim, release, new totals).
CREATE TABLE host (
    name         text PRIMARY KEY,
    agent_url    text        NOT NULL,
    virt_type    text,
    vcpus        integer     NOT NULL,
    ram_mb       bigint      NOT NULL,
    disk_gb      bigint      NOT NULL,
    used_vcpus   integer     NOT NULL DEFAULT 0,
    used_ram_mb  bigint      NOT NULL DEFAULT 0,
    used_disk_gb bigint      NOT NULL DEFAULT 0,
    generation   bigint      NOT NULL DEFAULT 0,
    last_seen    timestamptz NOT NULL
);

-- One row per placed instance: the durable record of a claim (and the source of re-published placements).
CREATE TABLE allocation (
    instance_id        text PRIMARY KEY,
    host               text        NOT NULL REFERENCES host (name),
    project_id         text,
    vcpus              integer     NOT NULL,
    ram_mb             bigint      NOT NULL,
    disk_gb            bigint      NOT NULL,
    placement_event_id text        NOT NULL,
    created_at         timestamptz NOT NULL
);
CREATE INDEX allocation_host_idx ON allocation (host);

-- Instances whose deletion was requested: a re-delivered InstanceRequested for them is never placed again.
CREATE TABLE deleted_instance (
    instance_id text PRIMARY KEY,
    deleted_at  timestamptz NOT NULL
);
