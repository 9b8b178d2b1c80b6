-- When each source's learned lines were last counted, and with which settings. The count is a pure function of the
-- articles, their raw documents and removed lines, and the source's `cleaning.learn` settings: a load that changed
-- no article, under the same settings, would count the same lines again (1.5 s at 100,000 articles), so it skips
-- the count (newsetl.learn.refresh.refresh_learned).
CREATE TABLE learn_counts (
    source     VARCHAR PRIMARY KEY,
    settings   VARCHAR NOT NULL,     -- the source's cleaning.learn settings and the count's version, as JSON
    counted_at TIMESTAMPTZ NOT NULL
);
