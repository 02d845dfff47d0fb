-- GET /v1/servers walks an index in the list's order and stops after a page (deploy/bench/server-list.sh, 10,000
-- servers in a project): the default order (created_at, id) and sort_key=name, each with the id that breaks ties
-- so the order and a page's marker bound are index conditions. Without them a page of the name order sorted every
-- server of the project, and the id tie-break of the default order was sorted on top of (project_id, created_at).
-- instance_project_live is a prefix of the first and goes. (sort_key=updated_at and status have no index: every
-- status report writes updated_at, and an index on it would make each of those updates a non-HOT update that
-- writes every index of the table.)
CREATE INDEX instance_list_created ON instance (project_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX instance_list_name ON instance (project_id, name, id) WHERE deleted_at IS NULL;
DROP INDEX instance_project_live;
