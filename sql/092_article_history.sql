-- `article_versions` becomes a view: closed versions are kept in `article_history`, the current version of each
-- article is its row in `articles`. The table held a full copy of every current article, so each body was written
-- twice on every load; the view shows the same columns and rows as the table did (the current version's
-- rules_version is the one `articles` records: the newest rules that cleaned that content to the same result).
-- Unkeyed like removed_lines (sql/040): the loader writes it alone, one row per version it closes.
CREATE TABLE article_history (
    article_id           VARCHAR NOT NULL,
    version              INTEGER NOT NULL,      -- 1, 2, ... in the order the warehouse learned them
    valid_from           TIMESTAMPTZ NOT NULL,  -- when this version was loaded
    valid_to             TIMESTAMPTZ NOT NULL,  -- when a later version (or a retirement) replaced it
    ended_by             VARCHAR NOT NULL,      -- updated | retired
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
    rules_version        VARCHAR NOT NULL
);
INSERT INTO article_history SELECT * FROM article_versions WHERE valid_to IS NOT NULL ORDER BY article_id, version;
DROP TABLE article_versions;

CREATE VIEW article_versions AS
SELECT * FROM article_history
UNION ALL
SELECT article_id, version, loaded_at AS valid_from, NULL::TIMESTAMPTZ AS valid_to, NULL::VARCHAR AS ended_by,
       source, uri, url, canonical_url, url_key, title, summary, body, authors, published_at, updated_at, language,
       section, tags, captions, reading_time_minutes, word_count, content_hash, raw_id, run_id, extractor,
       rules_version
FROM articles;
