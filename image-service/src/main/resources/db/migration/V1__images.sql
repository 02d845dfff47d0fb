CREATE TABLE images (
    id               uuid PRIMARY KEY,
    project_id       uuid,
    name             varchar(255) NOT NULL,
    status           varchar(16)  NOT NULL CHECK (status IN ('queued', 'saving', 'active', 'killed')),
    disk_format      varchar(16)  NOT NULL,
    container_format varchar(16)  NOT NULL,
    min_disk         integer      NOT NULL DEFAULT 0 CHECK (min_disk >= 0),
    min_ram          integer      NOT NULL DEFAULT 0 CHECK (min_ram >= 0),
    size             bigint,
    os_hash_algo     varchar(16)  NOT NULL DEFAULT 'sha256',
    os_hash_value    char(64),
    checksum         char(32),
    visibility       varchar(16)  NOT NULL CHECK (visibility IN ('private', 'public')),
    properties       jsonb        NOT NULL DEFAULT '{}'::jsonb,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL
);

CREATE INDEX images_name_idx ON images (name);
CREATE INDEX images_project_idx ON images (project_id);
CREATE INDEX images_hash_idx ON images (os_hash_value);
