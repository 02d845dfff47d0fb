-- Projects are opaque strings (api-service's project ids), not UUIDs.
ALTER TABLE networks ALTER COLUMN project_id TYPE varchar(64) USING project_id::text;
ALTER TABLE networks ADD COLUMN admin_state_up boolean NOT NULL DEFAULT true;
ALTER TABLE networks ADD COLUMN shared boolean NOT NULL DEFAULT false;

CREATE TABLE subnets (
    id               uuid PRIMARY KEY,
    project_id       varchar(64),
    network_id       uuid         NOT NULL REFERENCES networks (id),
    name             varchar(255) NOT NULL,
    ip_version       integer      NOT NULL CHECK (ip_version IN (4, 6)),
    cidr             varchar(43)  NOT NULL,
    gateway_ip       varchar(45),
    -- "first-last" ranges separated by ';', e.g. 10.0.0.2-10.0.0.254
    allocation_pools text         NOT NULL,
    -- addresses separated by ','
    dns_nameservers  text         NOT NULL DEFAULT '',
    enable_dhcp      boolean      NOT NULL,
    created_at       timestamptz  NOT NULL
);
CREATE INDEX subnets_network_idx ON subnets (network_id);

CREATE TABLE ports (
    id             uuid PRIMARY KEY,
    project_id     varchar(64),
    network_id     uuid         NOT NULL REFERENCES networks (id),
    name           varchar(255) NOT NULL DEFAULT '',
    mac_address    varchar(17)  NOT NULL,
    device_id      varchar(255) NOT NULL DEFAULT '',
    device_owner   varchar(255) NOT NULL DEFAULT '',
    admin_state_up boolean      NOT NULL DEFAULT true,
    status         varchar(16)  NOT NULL CHECK (status IN ('DOWN', 'ACTIVE', 'BUILD', 'ERROR')),
    created_at     timestamptz  NOT NULL,
    CONSTRAINT ports_mac_per_network UNIQUE (network_id, mac_address)
);
CREATE INDEX ports_device_idx ON ports (device_id);

-- IPAM: one row per allocated address; the unique constraint makes a double allocation impossible.
CREATE TABLE port_ips (
    port_id    uuid        NOT NULL REFERENCES ports (id) ON DELETE CASCADE,
    subnet_id  uuid        NOT NULL REFERENCES subnets (id),
    ip_address varchar(45) NOT NULL,
    PRIMARY KEY (port_id, subnet_id, ip_address),
    CONSTRAINT port_ips_one_owner UNIQUE (subnet_id, ip_address)
);

CREATE TABLE security_groups (
    id          uuid PRIMARY KEY,
    project_id  varchar(64)  NOT NULL,
    name        varchar(255) NOT NULL,
    description varchar(255) NOT NULL DEFAULT '',
    created_at  timestamptz  NOT NULL
);
-- one 'default' group per project, also when two requests create it at once
CREATE UNIQUE INDEX security_groups_one_default ON security_groups (project_id) WHERE name = 'default';

CREATE TABLE security_group_rules (
    id                uuid PRIMARY KEY,
    project_id        varchar(64) NOT NULL,
    security_group_id uuid        NOT NULL REFERENCES security_groups (id) ON DELETE CASCADE,
    direction         varchar(8)  NOT NULL CHECK (direction IN ('ingress', 'egress')),
    ethertype         varchar(4)  NOT NULL CHECK (ethertype IN ('IPv4', 'IPv6')),
    protocol          varchar(8)  CHECK (protocol IN ('tcp', 'udp', 'icmp')),
    port_range_min    integer,
    port_range_max    integer,
    remote_ip_prefix  varchar(43),
    remote_group_id   uuid        REFERENCES security_groups (id),
    created_at        timestamptz NOT NULL
);
CREATE INDEX security_group_rules_group_idx ON security_group_rules (security_group_id);

CREATE TABLE port_security_groups (
    port_id           uuid NOT NULL REFERENCES ports (id) ON DELETE CASCADE,
    security_group_id uuid NOT NULL REFERENCES security_groups (id),
    PRIMARY KEY (port_id, security_group_id)
);
CREATE INDEX port_security_groups_group_idx ON port_security_groups (security_group_id);
