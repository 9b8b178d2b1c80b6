-- Learned boilerplate: lines a text-dump source repeats in many of its documents (menus, ad labels, trust banners,
-- newsletter prompts, footers). Recomputed by the loader after each load from the articles stored (so loading the
-- same input twice gives the same rows), published to the staging folder, and removed from later documents with
-- rule id `learned:<source>`. See `newsetl.learn`.

CREATE TABLE learned_lines (
    source           VARCHAR NOT NULL,
    line             VARCHAR NOT NULL,     -- the line as it stands in the dumps, surrounding whitespace trimmed
    documents        BIGINT NOT NULL,      -- the source's stored articles whose dump holds the line
    source_documents BIGINT NOT NULL,      -- the source's stored text-dump articles
    first_seen_at    TIMESTAMPTZ NOT NULL, -- first read of a document holding the line
    last_seen_at     TIMESTAMPTZ NOT NULL, -- last read of a document holding the line
    status           VARCHAR NOT NULL,     -- active (removed from later documents) | disabled (vetoed: cleaning.learn.never)
    PRIMARY KEY (source, line)
);

-- For people: what is learned per source, how often it was seen, since when, and the rule id it removes lines with.
CREATE VIEW learned_boilerplate AS
SELECT source,
       line,
       status,
       documents,
       source_documents,
       round(documents / source_documents, 3) AS share,
       first_seen_at,
       last_seen_at,
       'learned:' || source AS rule_id
FROM learned_lines
ORDER BY source, documents DESC, line;
