-- The example asset consumer's table (dags/articles_daily_summary.py): articles per source and publication day,
-- rebuilt from `articles` whenever the articles asset announces new or updated articles.

CREATE TABLE daily_source_summary (
    source         VARCHAR NOT NULL,
    day            DATE,                 -- UTC day of published_at; NULL for articles without a date
    articles       BIGINT NOT NULL,
    words          BIGINT NOT NULL,
    with_title     BIGINT NOT NULL,      -- articles that have a title
    languages      VARCHAR[] NOT NULL,   -- distinct languages, sorted
    refreshed_at   TIMESTAMPTZ NOT NULL
);
