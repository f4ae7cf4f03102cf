-- Durable reminders, scoped by service (cluster) id. grain_hash is GrainId.StableHash(), a uint kept
-- in a bigint; silos read the rows of the hash range they own through the (service_id, grain_hash) index.
-- Versions come from one sequence so that a removed and re-created reminder never reuses an ETag.
CREATE SEQUENCE IF NOT EXISTS reminders_version_seq AS bigint;

CREATE TABLE IF NOT EXISTS reminders (
    service_id     text        NOT NULL,
    grain_type     text        NOT NULL,
    grain_key      text        NOT NULL,
    reminder_name  text        NOT NULL,
    grain_hash     bigint      NOT NULL CHECK (grain_hash BETWEEN 0 AND 4294967295),
    start_at       timestamptz NOT NULL,
    period_ms      bigint      NOT NULL CHECK (period_ms >= 0),
    version        bigint      NOT NULL DEFAULT nextval('reminders_version_seq'),
    PRIMARY KEY (service_id, grain_type, grain_key, reminder_name)
);

ALTER SEQUENCE reminders_version_seq OWNED BY reminders.version;

CREATE INDEX IF NOT EXISTS reminders_service_id_grain_hash_idx ON reminders (service_id, grain_hash);
