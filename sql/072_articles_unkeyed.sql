-- articles without a primary-key index.
--
-- DuckDB rewrites the last row group of a table that has an index whenever rows are appended and the file is
-- checkpointed (duckdb/duckdb#21316: a table without one gets a new row group instead). For articles, with their
-- bodies, that is up to 16,384 articles rewritten by every load, however small: 0.26-0.30 s a load at 12,500
-- articles, and a file that grew with each such load (2 MB a load there) until the freed blocks were reused
-- (docs/benchmarks.md). The loader is the only writer and decides new articles by key, so article_id stays
-- unique by construction; the load checks it before it commits, and the duplicate_keys check after each load.
-- Applied once by `newsetl.warehouse.migrate`; the columns are those of 001 and 020, in the same order.

CREATE TABLE articles_unkeyed (
    article_id           VARCHAR NOT NULL,     -- sha256(source, url or uri), stable across runs
    source               VARCHAR NOT NULL,
    uri                  VARCHAR NOT NULL,
    url                  VARCHAR,
    canonical_url        VARCHAR,
    title                VARCHAR,
    summary              VARCHAR,
    body                 VARCHAR NOT NULL,     -- paragraphs separated by a blank line
    authors              VARCHAR[] NOT NULL,
    published_at         TIMESTAMPTZ,
    updated_at           TIMESTAMPTZ,
    language             VARCHAR,
    section              VARCHAR,
    tags                 VARCHAR[] NOT NULL,
    captions             STRUCT(text VARCHAR, credit VARCHAR)[] NOT NULL,
    reading_time_minutes INTEGER,
    word_count           INTEGER NOT NULL,
    content_hash         VARCHAR NOT NULL,     -- sha256 of title, summary, body, authors, published_at
    raw_id               VARCHAR NOT NULL,     -- the raw document this version came from
    run_id               VARCHAR NOT NULL,     -- the run that wrote this version
    extractor            VARCHAR NOT NULL,     -- text-rules | html
    rules_version        VARCHAR NOT NULL,     -- cleaning rules that produced it
    url_key              VARCHAR,              -- normalised URL the article is keyed on (NULL: keyed on uri)
    version              INTEGER DEFAULT 1,    -- number of the current version in article_versions
    first_seen_at        TIMESTAMPTZ,          -- when the warehouse first loaded the article
    loaded_at            TIMESTAMPTZ           -- when the current version was loaded
);
INSERT INTO articles_unkeyed SELECT * FROM articles;
DROP TABLE articles;
ALTER TABLE articles_unkeyed RENAME TO articles;
