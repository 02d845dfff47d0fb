-- The security groups of a server's ports when it was created (POST /v1/servers security_groups, or the project's
-- default group), as its view shows them: [{"id", "name"}]. NULL for servers created before: not known here.
ALTER TABLE instance ADD COLUMN security_groups JSONB;
