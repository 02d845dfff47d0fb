-- SSH key pairs of a project (POST /v1/key-pairs): the OpenSSH public key line and its SHA256 fingerprint; a
-- generated private key is returned once and never stored. Counted against the key_pairs quota.
CREATE TABLE key_pair (
    id                  VARCHAR(36)   PRIMARY KEY,
    project_id          VARCHAR(64)   NOT NULL,
    user_id             VARCHAR(64)   NOT NULL,
    name                VARCHAR(64)   NOT NULL,
    type                VARCHAR(32)   NOT NULL,
    public_key          TEXT          NOT NULL,
    fingerprint         VARCHAR(64)   NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL,
    UNIQUE (project_id, name)
);
