-- Cluster membership, scoped by cluster id. Every status change bumps cluster_version.version in the same
-- transaction, conditional on the version the writer read (compare-and-swap); heartbeats only touch
-- heartbeat_at. suspicions is a jsonb array of {"voter": "host:port@generation", "at": timestamptz}.
CREATE TABLE IF NOT EXISTS cluster_version (
    cluster_id  text   PRIMARY KEY,
    version     bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS cluster_members (
    cluster_id    text        NOT NULL,
    host          text        NOT NULL,
    port          integer     NOT NULL CHECK (port BETWEEN 0 AND 65535),
    generation    bigint      NOT NULL,
    status        text        NOT NULL CHECK (status IN ('joining', 'active', 'shutting_down', 'dead')),
    started_at    timestamptz NOT NULL,
    heartbeat_at  timestamptz NOT NULL,
    suspicions    jsonb       NOT NULL DEFAULT '[]',
    PRIMARY KEY (cluster_id, host, port, generation)
);
