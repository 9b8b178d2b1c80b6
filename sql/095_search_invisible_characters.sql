-- Characters that are invisible inside a word leave the search terms: the soft hyphen (U+00AD, `&shy;`), the
-- zero-width space (U+200B) and the byte-order mark (U+FEFF). "Klima&shy;wandel" was the term `klima­wandel`, which
-- a search for "Klimawandel" never met: 59 of the devset's 990 text dumps hold soft hyphens (German and Swiss sites
-- hyphenate long words for the browser), and the text-dump cleaner keeps the text as it was. The fts extension's
-- tokenizer keeps them too; this is the one place the terms differ from its own. The cleaning processes' count
-- (`newsetl.warehouse.terms.TERMS_QUERY`) deletes them in the same way.
CREATE OR REPLACE MACRO search_tokenize(s) AS
    string_split_regex(regexp_replace(lower(strip_accents(translate(CAST(s AS VARCHAR),
                                                                    chr(173) || chr(8203) || chr(65279), ''))),
                                      '[0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/\|''''"`-]+', ' ', 'g'), '\s+');

-- sql/071's macro, the text's invisible characters deleted before it is cut into pieces.
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
    SELECT piece, stem(token, 'porter') AS term
    FROM (SELECT piece, unnest(search_tokenize(piece)) AS token FROM (SELECT DISTINCT piece FROM piece_counts))
    WHERE token <> '' AND token NOT IN (SELECT word FROM search_stopwords))
SELECT s.term, p.docid, sum(p.tf)::INTEGER AS tf
FROM piece_counts p JOIN stems s USING (piece)
GROUP BY ALL;

-- The articles stored before that hold any of them, indexed again (the others' terms do not change).
CREATE TEMP TABLE search_pending AS
SELECT d.docid, d.article_id
FROM search_docs d JOIN articles a USING (article_id)
WHERE regexp_matches(concat_ws(' ', a.title, a.summary, a.body), '[' || chr(173) || chr(8203) || chr(65279) || ']');
DELETE FROM search_postings WHERE docid IN (SELECT docid FROM search_pending);
CREATE TEMP TABLE search_pending_terms AS SELECT * FROM search_terms_of('search_pending');
INSERT INTO search_postings SELECT * FROM search_pending_terms ORDER BY term;
UPDATE search_docs d SET len = counted.len
FROM (SELECT p.docid, coalesce(sum(t.tf), 0)::INTEGER AS len
      FROM search_pending p LEFT JOIN search_pending_terms t USING (docid)
      GROUP BY p.docid) AS counted
WHERE d.docid = counted.docid;
DROP TABLE search_pending_terms;
DROP TABLE search_pending;
