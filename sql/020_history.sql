-- History: every version of every article, the current one included; `articles` stays the current state.
-- Identity: articles are keyed on their normalised canonical URL (`url_key`), else their place in the source.

ALTER TABLE articles ADD COLUMN url_key VARCHAR;            -- normalised URL the article is keyed on (NULL: keyed on uri)
ALTER TABLE articles ADD COLUMN version INTEGER DEFAULT 1;  -- number of the current version in article_versions
ALTER TABLE articles ADD COLUMN first_seen_at TIMESTAMPTZ;  -- when the warehouse first loaded the article
ALTER TABLE articles ADD COLUMN loaded_at TIMESTAMPTZ;      -- when the current version was loaded

UPDATE articles SET
    first_seen_at = coalesce((SELECT r.started_at FROM runs r WHERE r.run_id = articles.run_id), current_timestamp),
    loaded_at = coalesce((SELECT r.started_at FROM runs r WHERE r.run_id = articles.run_id), current_timestamp);

CREATE TABLE article_versions (
    article_id           VARCHAR NOT NULL,
    version              INTEGER NOT NULL,      -- 1, 2, ... in the order the warehouse learned them
    valid_from           TIMESTAMPTZ NOT NULL,  -- when this version was loaded
    valid_to             TIMESTAMPTZ,           -- when a later version (or a retirement) replaced it; NULL = current
    ended_by             VARCHAR,               -- updated | retired (NULL while current)
    source               VARCHAR NOT NULL,
    uri                  VARCHAR NOT NULL,
    url                  VARCHAR,
    canonical_url        VARCHAR,
    url_key              VARCHAR,
    title                VARCHAR,
    summary              VARCHAR,
    body                 VARCHAR NOT NULL,
    authors              VARCHAR[] NOT NULL,
    published_at         TIMESTAMPTZ,
    updated_at           TIMESTAMPTZ,
    language             VARCHAR,
    section              VARCHAR,
    tags                 VARCHAR[] NOT NULL,
    captions             STRUCT(text VARCHAR, credit VARCHAR)[] NOT NULL,
    reading_time_minutes INTEGER,
    word_count           INTEGER NOT NULL,
    content_hash         VARCHAR NOT NULL,
    raw_id               VARCHAR NOT NULL,      -- lineage of this version: raw document, run, rules
    run_id               VARCHAR NOT NULL,
    extractor            VARCHAR NOT NULL,
    rules_version        VARCHAR NOT NULL,
    PRIMARY KEY (article_id, version)
);

INSERT INTO article_versions BY NAME
SELECT article_id, 1 AS version, first_seen_at AS valid_from, NULL AS valid_to, NULL AS ended_by,
       source, uri, url, canonical_url, url_key, title, summary, body, authors, published_at, updated_at, language,
       section, tags, captions, reading_time_minutes, word_count, content_hash, raw_id, run_id, extractor, rules_version
FROM articles;

-- An article disappears from `articles` when the document it came from now names another article (its canonical
-- link changed, or the URL key rules did): its last version is closed with ended_by = 'retired'.
ALTER TABLE runs ADD COLUMN articles_retired BIGINT DEFAULT 0;
ALTER TABLE run_sources ADD COLUMN articles_retired BIGINT DEFAULT 0;
