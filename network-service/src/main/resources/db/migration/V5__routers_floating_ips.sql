-- The external network ("outside the cloud"): routers take their gateway address on it, floating IPs come from it.
ALTER TABLE networks ADD COLUMN router_external boolean NOT NULL DEFAULT false;

-- A router: a qrouter-<id> namespace on the agent serving routers. Its gateway (a port network:router_gateway on an
-- external network) and its interfaces (ports network:router_interface holding their subnets' gateway addresses)
-- are ports, so their addresses come from IPAM like every other.
CREATE TABLE routers (
    id                  uuid PRIMARY KEY,
    project_id          varchar(64)  NOT NULL,
    name                varchar(255) NOT NULL DEFAULT '',
    admin_state_up      boolean      NOT NULL DEFAULT true,
    external_network_id uuid REFERENCES networks (id),
    gateway_port_id     uuid REFERENCES ports (id),
    created_at          timestamptz  NOT NULL
);
CREATE INDEX routers_project_idx ON routers (project_id, created_at);

-- A floating IP: an address of an external network (held by a port network:floatingip for IPAM), associated or not
-- with a port behind a router (port_id, fixed_ip_address, router_id all set, or all null).
CREATE TABLE floating_ips (
    id                  uuid PRIMARY KEY,
    project_id          varchar(64)  NOT NULL,
    floating_network_id uuid         NOT NULL REFERENCES networks (id),
    floating_port_id    uuid         NOT NULL REFERENCES ports (id),
    floating_ip_address varchar(45)  NOT NULL,
    port_id             uuid REFERENCES ports (id),
    fixed_ip_address    varchar(45),
    router_id           uuid REFERENCES routers (id),
    description         varchar(255) NOT NULL DEFAULT '',
    created_at          timestamptz  NOT NULL,
    CONSTRAINT floating_ips_one_per_port UNIQUE (port_id),
    CONSTRAINT floating_ips_associated CHECK ((port_id IS NULL) = (fixed_ip_address IS NULL)
        AND (port_id IS NULL) = (router_id IS NULL))
);
CREATE INDEX floating_ips_project_idx ON floating_ips (project_id, created_at);
CREATE INDEX floating_ips_router_idx ON floating_ips (router_id);
