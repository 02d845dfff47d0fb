-- identity (issue 3): images belong to the caller's project (api-service project ids are strings);
-- a shared image is visible to its member projects
ALTER TABLE images ALTER COLUMN project_id TYPE varchar(64) USING project_id::text;

CREATE TABLE image_members (
    image_id   uuid        NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    member     varchar(64) NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (image_id, member)
);
CREATE INDEX image_members_member_idx ON image_members (member);
