CREATE TABLE networks (
    id         uuid PRIMARY KEY,
    project_id uuid,
    name       varchar(255) NOT NULL,
    cidr       varchar(43),
    mtu        integer      NOT NULL CHECK (mtu BETWEEN 68 AND 65535),
    status     varchar(16)  NOT NULL CHECK (status IN ('ACTIVE')),
    created_at timestamptz  NOT NULL
);

CREATE INDEX networks_project_idx ON networks (project_id, created_at);
