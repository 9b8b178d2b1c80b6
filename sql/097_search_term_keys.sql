-- The search postings hold each term as a 64-bit key instead of its text. A load sorts its postings by term, and
-- sorting and writing 18 million strings was most of what indexing 100,000 articles cost: the search part of the
-- 100,000-dump benchmark's load took 6.6 s instead of 18.2 s, with the keys made where the terms are counted
-- (`newsetl.warehouse.terms`, with the same macro), and a term's postings are found faster (1.2 ms against 1.9 ms,
-- median of eight terms; docs/benchmarks.md). The key is the first 8 bytes of the term's MD5, read as a big-endian
-- number: a definition that no DuckDB release can change (its `hash` may), so keys stored by one version are found
-- by the next. Two terms share a key with probability about n^2 / 2^65 for n distinct terms (3 in a billion for
-- the benchmark's 357,794); they would then count as one term in the scores of the articles that hold either.
CREATE MACRO search_key(term) AS ('0x' || md5(term)[:16])::UBIGINT;

CREATE TABLE search_postings_keyed (
    term_key UBIGINT NOT NULL,      -- search_key() of the Porter stem of a token, stopwords left out
    docid    BIGINT NOT NULL,
    tf       INTEGER NOT NULL       -- how often the term occurs in the article
);
INSERT INTO search_postings_keyed SELECT search_key(term), docid, tf FROM search_postings ORDER BY 1;
DROP TABLE search_postings;
ALTER TABLE search_postings_keyed RENAME TO search_postings;
UPDATE search_layout SET sorted_runs = (SELECT CASE WHEN count(*) > 0 THEN 1 ELSE 0 END FROM search_postings);

-- sql/095's macro, giving each term's key.
CREATE OR REPLACE MACRO search_terms_of(pending) AS TABLE
WITH piece_counts AS MATERIALIZED (
    SELECT docid, piece, count(*)::INTEGER AS tf
    FROM (SELECT p.docid,
                 unnest(string_split(regexp_replace(lower(translate(concat_ws(' ', a.title, a.summary, a.body),
                                                                    chr(173) || chr(8203) || chr(65279), '')),
                                                    '[\s0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/\|''''"`-]+', ' ', 'g'),
                                     ' ')) AS piece
          FROM query_table(pending) p JOIN articles a USING (article_id))
    WHERE piece <> ''
    GROUP BY ALL),
stems AS MATERIALIZED (
    SELECT piece, search_key(stem(token, 'porter')) AS term_key
    FROM (SELECT piece, unnest(search_tokenize(piece)) AS token FROM (SELECT DISTINCT piece FROM piece_counts))
    WHERE token <> '' AND token NOT IN (SELECT word FROM search_stopwords))
SELECT s.term_key, p.docid, sum(p.tf)::INTEGER AS tf
FROM piece_counts p JOIN stems s USING (piece)
GROUP BY ALL;

-- sql/070's search, over the keys.
CREATE OR REPLACE MACRO search_articles(q) AS TABLE
WITH query_terms AS (SELECT DISTINCT search_key(stem(unnest(search_tokenize(q)), 'porter')) AS term_key),
matches AS (
    SELECT p.docid, p.tf, count(*) OVER (PARTITION BY p.term_key) AS df
    FROM search_postings p
    WHERE p.term_key IN (SELECT term_key FROM query_terms)),
totals AS (SELECT count(*) AS documents, avg(len) AS average_length FROM search_docs),
scores AS (
    SELECT m.docid,
           sum(log(((t.documents - m.df) + 0.5) / (m.df + 0.5) + 1)
               * ((m.tf * (1.2 + 1)) / (m.tf + (1.2 * ((1 - 0.75) + (0.75 * (d.len / t.average_length))))))) AS score
    FROM matches m JOIN search_docs d USING (docid) CROSS JOIN totals t
    GROUP BY m.docid)
SELECT s.score, a.published_at, a.source, a.title, a.url, a.article_id, c.story_id
FROM scores s
JOIN search_docs d USING (docid)
JOIN articles a USING (article_id)
LEFT JOIN story_clusters c USING (article_id)
ORDER BY s.score DESC, a.article_id;
