-- `removed_lines` becomes a view over `removed_line_lists`: one row a document, its removed lines in a list, as
-- the cleaning process stages them. The load wrote a row a line (6.9 million for the 99,705 articles of the
-- 100,000-dump benchmark, 7.9 s of the load); writing the staged lists as they are took 3.3 s, and the table is
-- half the size (docs/benchmarks.md). The view shows the columns and rows the table had. Unkeyed like the table
-- was (sql/040): the loader replaces an article's rows as a whole, one row an article.
-- Lines loaded before this file move over as lists of one line each, a row a line as they were: grouping them into
-- one list an article cannot spill to disk, and ran out of memory at the writer's 256 MB for the 6.9 million lines
-- of 99,705 articles (this copy took 6.3 s and 339 MiB). An article's next change replaces its rows with one list.
CREATE TABLE removed_line_lists (
    article_id VARCHAR NOT NULL,
    raw_id     VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    run_id     VARCHAR NOT NULL,
    -- line: 1-based in the raw text dump; rule: which cleaning rule removed it; text: the line as it was
    lines      STRUCT(line INTEGER, rule VARCHAR, text VARCHAR)[] NOT NULL
);
INSERT INTO removed_line_lists
SELECT article_id, raw_id, source, run_id, [{'line': line_no, 'rule': rule_id, 'text': text}] FROM removed_lines;
DROP TABLE removed_lines;

CREATE VIEW removed_lines AS
SELECT article_id, raw_id, source, removed.line AS line_no, removed.rule AS rule_id, removed.text AS text, run_id
FROM (SELECT article_id, raw_id, source, run_id, unnest(lines) AS removed FROM removed_line_lists);
