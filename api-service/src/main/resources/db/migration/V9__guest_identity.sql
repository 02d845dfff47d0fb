-- What a server's guest learns about itself (POST /v1/servers: hostname, key_name, user_data, config_drive), kept
-- with the instance as it was at create (the key pair's public key copied: deleting the key pair changes no server),
-- and the server's ports as its view shows them ("addresses"). Servers created before have no config drive and their
-- name as host name; their ports are read from their placement (the network named by its id).
ALTER TABLE instance ADD COLUMN hostname     VARCHAR(253);
ALTER TABLE instance ADD COLUMN key_name     VARCHAR(64);
ALTER TABLE instance ADD COLUMN public_key   TEXT;
ALTER TABLE instance ADD COLUMN user_data    TEXT;
ALTER TABLE instance ADD COLUMN config_drive BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE instance ADD COLUMN ports        JSONB NOT NULL DEFAULT '[]';
UPDATE instance SET hostname = name WHERE hostname IS NULL;
UPDATE instance SET ports = COALESCE((
    SELECT jsonb_agg(jsonb_build_object('portId', p ->> 'portId', 'networkId', p ->> 'networkId',
                                        'networkName', p ->> 'networkId', 'ipAddress', p ->> 'ipAddress',
                                        'macAddress', p ->> 'macAddress'))
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(placement::jsonb -> 'ports') = 'array'
                                   THEN placement::jsonb -> 'ports' ELSE '[]'::jsonb END) AS p), '[]')
WHERE placement IS NOT NULL;
