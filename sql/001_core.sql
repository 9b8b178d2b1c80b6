-- Core tables: runs, raw documents, articles, what cleaning removed, and quarantined documents.
-- Applied once, in order with the other numbered files, by `newsetl.warehouse.migrate`; recorded in schema_migrations.

CREATE TABLE runs (
    run_id              VARCHAR PRIMARY KEY,   -- Airflow run id, or cli__<time> for `newsetl ingest`
    trigger             VARCHAR NOT NULL,      -- airflow | cli
    interval_start      TIMESTAMPTZ,           -- the data interval the run owns (NULL = unbounded)
    interval_end        TIMESTAMPTZ,
    sources             VARCHAR[] NOT NULL,
    started_at          TIMESTAMPTZ NOT NULL,
    finished_at         TIMESTAMPTZ,
    documents_read      BIGINT NOT NULL DEFAULT 0,  -- raw documents read or fetched
    articles_new        BIGINT NOT NULL DEFAULT 0,
    articles_updated    BIGINT NOT NULL DEFAULT 0,  -- content changed since the stored version
    articles_unchanged  BIGINT NOT NULL DEFAULT 0,
    documents_rejected  BIGINT NOT NULL DEFAULT 0,  -- quarantined, see rejected_documents
    documents_duplicate BIGINT NOT NULL DEFAULT 0,  -- a second document for an article already in this run
    status              VARCHAR NOT NULL            -- running | loaded | checked | failed
);

CREATE TABLE run_sources (
    run_id              VARCHAR NOT NULL,
    source              VARCHAR NOT NULL,
    documents_read      BIGINT NOT NULL,
    articles_new        BIGINT NOT NULL,
    articles_updated    BIGINT NOT NULL,
    articles_unchanged  BIGINT NOT NULL,
    documents_rejected  BIGINT NOT NULL,
    documents_duplicate BIGINT NOT NULL,
    PRIMARY KEY (run_id, source)
);

CREATE TABLE raw_documents (
    raw_id        VARCHAR NOT NULL,   -- sha256 of the exact bytes; the landing address
    source        VARCHAR NOT NULL,
    uri           VARCHAR NOT NULL,   -- path inside the source (file#Lline for JSON Lines), or URL
    url           VARCHAR,
    format        VARCHAR NOT NULL,   -- text | html | jsonl
    encoding      VARCHAR,            -- how the bytes were decoded
    size_bytes    BIGINT NOT NULL,
    landing_path  VARCHAR NOT NULL,
    read_at       TIMESTAMPTZ NOT NULL,   -- when these bytes were first read from this place
    run_id        VARCHAR NOT NULL,   -- the run that first read these bytes here
    PRIMARY KEY (source, uri, raw_id)
);

CREATE TABLE articles (
    article_id           VARCHAR PRIMARY KEY,  -- sha256(source, url or uri), stable across runs
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
    rules_version        VARCHAR NOT NULL      -- cleaning rules that produced it
);

CREATE TABLE removed_lines (
    article_id VARCHAR NOT NULL,
    raw_id     VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    line_no    INTEGER NOT NULL,   -- 1-based line in the raw text dump
    rule_id    VARCHAR NOT NULL,   -- which cleaning rule removed it
    text       VARCHAR NOT NULL,
    run_id     VARCHAR NOT NULL,
    PRIMARY KEY (article_id, line_no)
);

CREATE TABLE rejected_documents (
    source            VARCHAR NOT NULL,
    uri               VARCHAR NOT NULL,
    raw_id            VARCHAR NOT NULL,   -- '' when the bytes could not be read at all
    reason_code       VARCHAR NOT NULL,   -- empty | too_large | corrupt_archive | binary | undecodable | malformed | no_article | ...
    reason            VARCHAR NOT NULL,   -- what a person needs to know to act
    first_rejected_at TIMESTAMPTZ NOT NULL,
    last_rejected_at  TIMESTAMPTZ NOT NULL,
    run_id            VARCHAR NOT NULL,   -- the last run that rejected it
    PRIMARY KEY (source, uri, raw_id)
);

CREATE TABLE check_results (
    run_id     VARCHAR NOT NULL,
    check_name VARCHAR NOT NULL,   -- accounting | boilerplate_leak | required_fields | duplicate_keys | ...
    status     VARCHAR NOT NULL,   -- pass | warn | fail
    detail     VARCHAR NOT NULL,   -- what was found and what to do about it
    checked_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, check_name)
);
