-- A server's description, metadata (bounded string pairs) and tags (filters tag / tags-any on GET /v1/servers).
ALTER TABLE instance ADD COLUMN description VARCHAR(255);
ALTER TABLE instance ADD COLUMN metadata    JSONB NOT NULL DEFAULT '{}';
CREATE TABLE instance_tag (
    instance_id         UUID          NOT NULL,
    tag                 VARCHAR(60)   NOT NULL,
    PRIMARY KEY (instance_id, tag)
);
CREATE INDEX instance_tag_by_tag ON instance_tag (tag, instance_id);
