-- issue 4: validation results, protection, tags, deactivation, sharing
ALTER TABLE images DROP CONSTRAINT images_status_check;
ALTER TABLE images ADD CONSTRAINT images_status_check
    CHECK (status IN ('queued', 'saving', 'active', 'killed', 'deactivated'));
ALTER TABLE images DROP CONSTRAINT images_visibility_check;
ALTER TABLE images ADD CONSTRAINT images_visibility_check CHECK (visibility IN ('private', 'shared', 'public'));
ALTER TABLE images ADD COLUMN virtual_size bigint;
ALTER TABLE images ADD COLUMN protected boolean NOT NULL DEFAULT false;
ALTER TABLE images ADD COLUMN tags jsonb NOT NULL DEFAULT '[]'::jsonb;
