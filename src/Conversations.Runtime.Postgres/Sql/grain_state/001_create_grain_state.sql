-- Grain state, one row per (grain, state name); the payload is the GrainStateSerializer's JSON.
-- Every version comes from one sequence, so a row that is cleared and written again never gets back
-- a version (ETag) that a stale activation may still hold.
CREATE SEQUENCE IF NOT EXISTS grain_state_version_seq AS bigint;

CREATE TABLE IF NOT EXISTS grain_state (
    state_name  text        NOT NULL,
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    payload     jsonb       NOT NULL,
    version     bigint      NOT NULL DEFAULT nextval('grain_state_version_seq'),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key, state_name)
);

ALTER SEQUENCE grain_state_version_seq OWNED BY grain_state.version;
