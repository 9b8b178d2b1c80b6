-- removed_lines without a primary-key index.
-- The table is an audit log written only by the loader, which replaces an article's lines as a whole (delete,
-- then insert the lines of the one document that won the article), so (article_id, line_no) stays unique by
-- construction. The index cost more than the rest of the load together (ART inserts plus checkpoint: 3.8 s of
-- 5.4 s for 558,000 lines on the benchmark machine, docs/benchmarks.md) and DuckDB keeps such an index in memory,
-- growing with the table. Applied once by `newsetl.warehouse.migrate`.

CREATE TABLE removed_lines_unkeyed (
    article_id VARCHAR NOT NULL,
    raw_id     VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    line_no    INTEGER NOT NULL,   -- 1-based line in the raw text dump
    rule_id    VARCHAR NOT NULL,   -- which cleaning rule removed it
    text       VARCHAR NOT NULL,
    run_id     VARCHAR NOT NULL
);
INSERT INTO removed_lines_unkeyed SELECT article_id, raw_id, source, line_no, rule_id, text, run_id FROM removed_lines;
DROP TABLE removed_lines;
ALTER TABLE removed_lines_unkeyed RENAME TO removed_lines;
