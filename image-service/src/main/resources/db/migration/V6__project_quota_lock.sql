-- One row per project that created an image or uploaded data: image creates and upload commits lock it
-- (SELECT ... FOR UPDATE) while they count the project's images / image bytes against its quotas, so parallel
-- requests cannot overrun a limit.
CREATE TABLE image.project_quota_lock (
    project_id varchar(64) PRIMARY KEY
);
