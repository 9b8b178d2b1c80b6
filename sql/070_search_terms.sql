-- Ranked full-text search kept up to date by each load for the articles it wrote, instead of rebuilding the fts
-- index over every article inside every load (371 s of a 571 s load at 100,000 articles, docs/benchmarks.md).
-- The same BM25 as the fts extension's match_bm25, over the same terms: the extension's tokenizer (accents and
-- case folded, digits and punctuation split), its English stopwords, its Porter stemmer (`stem`, so the fts
-- extension must be loaded to load or to search). Maintained by `newsetl.warehouse.search.update_search_index`.

-- The 571 English stopwords of the SMART system that the fts index used.
CREATE TABLE search_stopwords (word VARCHAR NOT NULL);
INSERT INTO search_stopwords SELECT sw FROM fts_main_articles.stopwords;

CREATE SEQUENCE search_docid;

CREATE TABLE search_docs (
    docid      BIGINT NOT NULL,     -- the postings' key: a number, 8 bytes a posting instead of a 64-character id
    article_id VARCHAR NOT NULL,
    len        INTEGER NOT NULL     -- terms indexed in title, summary and body (BM25's document length)
);

CREATE TABLE search_postings (
    term  VARCHAR NOT NULL,         -- Porter stem of a token, stopwords left out
    docid BIGINT NOT NULL,
    tf    INTEGER NOT NULL          -- how often the term occurs in the article
);

-- The fts extension's tokenizer, as its index defined it (query strings go through it).
CREATE MACRO search_tokenize(s) AS
    string_split_regex(regexp_replace(lower(strip_accents(CAST(s AS VARCHAR))),
                                      '[0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/\|''''"`-]+', ' ', 'g'), '\s+');

-- Terms of the articles listed in the table named `pending` (docid, article_id). Text is lowered and cut at
-- whitespace, digits and punctuation; only the distinct pieces then go through the tokenizer (accent stripping is
-- the costly part), the stopword list and the stemmer. The pieces' tokens are exactly the tokenizer's tokens of
-- the whole text: folding never turns a letter into whitespace or punctuation save a few Greek marks (the Greek
-- question mark becomes ';'), and each piece is tokenized again to split those.
CREATE MACRO search_terms_of(pending) AS TABLE
WITH pieces AS MATERIALIZED (
    SELECT p.docid,
           unnest(string_split(regexp_replace(lower(concat_ws(' ', a.title, a.summary, a.body)),
                                              '[\s0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/\|''''"`-]+', ' ', 'g'),
                               ' ')) AS piece
    FROM query_table(pending) p JOIN articles a USING (article_id)),
stems AS (
    SELECT piece, stem(token, 'porter') AS term
    FROM (SELECT piece, unnest(search_tokenize(piece)) AS token FROM (SELECT DISTINCT piece FROM pieces))
    WHERE token <> '' AND token NOT IN (SELECT word FROM search_stopwords))
SELECT s.term, p.docid, count(*)::INTEGER AS tf
FROM pieces p JOIN stems s USING (piece)
GROUP BY ALL;

-- Every current article, indexed once here; later loads index what they write.
CREATE TEMP TABLE search_pending AS SELECT nextval('search_docid') AS docid, article_id FROM articles;
CREATE TEMP TABLE search_pending_terms AS SELECT * FROM search_terms_of('search_pending');
INSERT INTO search_postings SELECT * FROM search_pending_terms ORDER BY term;
INSERT INTO search_docs
SELECT p.docid, p.article_id, coalesce(sum(t.tf), 0)
FROM search_pending p LEFT JOIN search_pending_terms t USING (docid)
GROUP BY ALL;
DROP TABLE search_pending_terms;
DROP TABLE search_pending;

DROP SCHEMA fts_main_articles CASCADE;

-- BM25 (k1 = 1.2, b = 0.75) with the fts extension's idf, log((N - df + 0.5) / (df + 0.5) + 1), written as its
-- match_bm25 writes it so the scores are the same numbers. Every matching article, best first.
CREATE OR REPLACE MACRO search_articles(q) AS TABLE
WITH query_terms AS (SELECT DISTINCT stem(unnest(search_tokenize(q)), 'porter') AS term),
matches AS (
    SELECT p.docid, p.tf, count(*) OVER (PARTITION BY p.term) AS df
    FROM search_postings p
    WHERE p.term IN (SELECT term FROM query_terms)),
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

-- One row per matching story (its best-scoring copy), best first: count stories, not copies.
CREATE OR REPLACE MACRO search_stories(q) AS TABLE
SELECT max(score) AS score, story_id, arg_max(title, score) AS title, arg_max(source, score) AS best_source,
       count(*) AS matching_copies, min(published_at) AS first_published
FROM search_articles(q)
GROUP BY story_id
ORDER BY score DESC, story_id;
