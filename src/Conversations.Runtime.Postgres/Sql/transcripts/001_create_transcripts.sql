-- Session transcripts, append-only: one row per event. (session_id, seq) is the primary key, so a
-- stale second activation of a session that tries to write a seq already taken fails instead of
-- forking the history. client_message_id is set on customer and agent messages; a session rebuilds
-- its deduplication from those rows when it activates.
CREATE TABLE IF NOT EXISTS transcripts (
    session_id        text        NOT NULL,
    seq               bigint      NOT NULL CHECK (seq > 0),
    kind              text        NOT NULL,
    sender_role       text        NOT NULL,
    sender_id         text,
    sender_name       text,
    body              text,
    data              jsonb,
    client_message_id text,
    at                timestamptz NOT NULL,
    PRIMARY KEY (session_id, seq)
);
