-- What the quality checks found, item by item (check_results keeps one verdict per check),
-- and the record of each published analyst snapshot.

CREATE TABLE check_findings (
    run_id     VARCHAR NOT NULL,
    check_name VARCHAR NOT NULL,
    source     VARCHAR,            -- the source concerned, when there is one
    subject    VARCHAR,            -- article_id, uri or key the finding is about
    rule_id    VARCHAR,            -- boilerplate_leak: the rule whose line is still in the body
    detail     VARCHAR NOT NULL    -- what was found (an example line, a count)
);

CREATE TABLE publications (
    published_at TIMESTAMPTZ NOT NULL,  -- when this state was copied to the analyst snapshot
    run_id       VARCHAR,               -- the last run loaded into it
    articles     BIGINT NOT NULL,
    snapshot     VARCHAR NOT NULL       -- where it was published
);
