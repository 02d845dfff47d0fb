-- Images that instances are booting from, learnt from the instance events (Kafka): an image a booting instance
-- needs cannot be deleted (409). Rows go when the instance is built, fails or is deleted.
CREATE TABLE image.booting_instance (
    instance_id text        NOT NULL,
    image_id    text        NOT NULL,
    since       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (instance_id, image_id)
);
CREATE INDEX booting_instance_image ON image.booting_instance (image_id);

-- Instances whose boot already ended: their request event, if it comes late (another topic), is not booting.
CREATE TABLE image.finished_instance (
    instance_id text        PRIMARY KEY,
    finished_at timestamptz NOT NULL DEFAULT now()
);
