-- The resize an allocation holds the larger size for (the reference api-service gave it), until it is settled.
ALTER TABLE allocation ADD COLUMN resize_reference text;
