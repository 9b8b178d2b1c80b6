-- Every fetch outcome of a run's live sources: articles, feeds and sitemaps, one row per URL and run.
-- Copied from the fetch state file by the load (`newsetl.warehouse.fetch_log`); a rerun of a run replaces its rows.

CREATE TABLE fetch_log (
    run_id       VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,
    url          VARCHAR NOT NULL,   -- as discovered (feed item link, sitemap <loc>, list line)
    purpose      VARCHAR NOT NULL,   -- page | feed | sitemap
    outcome      VARCHAR NOT NULL,   -- fetched | not_modified | skipped_robots | refused | failed
    status       INTEGER,            -- last HTTP status, NULL when no response (timeout, refused before sending)
    code         VARCHAR,            -- short cause: http_404, timeout, connection, too_large, internal_address, robots, malformed, unsafe_xml …
    reason       VARCHAR,            -- what a person needs to know to act
    bytes        BIGINT NOT NULL,    -- body bytes received (0 for a 304)
    raw_id       VARCHAR,            -- landed body (also for not_modified: the body we already had)
    final_url    VARCHAR,            -- after redirects
    content_type VARCHAR,
    headers      JSON,               -- response headers (Set-Cookie left out)
    attempts     INTEGER NOT NULL,   -- 1 + retries
    elapsed_ms   INTEGER NOT NULL,
    fetched_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, source, url)
);
