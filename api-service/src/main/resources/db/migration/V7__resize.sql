-- A resize in flight or awaiting confirmation keeps the old flavor here (null otherwise): a revert gives it back,
-- the quota counts the larger of old and new until it is settled, and resized_at starts the auto-confirm clock.
ALTER TABLE instance ADD COLUMN resize_from_flavor_id VARCHAR(64);
ALTER TABLE instance ADD COLUMN resize_from_vcpus     INT;
ALTER TABLE instance ADD COLUMN resize_from_ram_mb    INT;
ALTER TABLE instance ADD COLUMN resize_from_disk_gb   INT;
ALTER TABLE instance ADD COLUMN resized_at            TIMESTAMPTZ;
-- names the resize in every event of it (the id of its history entry)
ALTER TABLE instance ADD COLUMN resize_reference      UUID;
CREATE INDEX instance_resized_at ON instance (resized_at) WHERE resized_at IS NOT NULL AND deleted_at IS NULL;
