-- One row per project that created a network or port: creates lock it (SELECT ... FOR UPDATE) while they count
-- the project's networks/ports against its quota, so parallel creates cannot overrun a limit.
CREATE TABLE project_quota_lock (
    project_id varchar(64) PRIMARY KEY
);

CREATE INDEX ports_project_idx ON ports (project_id);

