-- Ranked full-text search (BM25) over title, summary and body. Needs the fts extension loaded in the session
-- (`newsetl sql` and newsetl.warehouse.open_snapshot do it). The load rebuilds the index after every change,
-- with the same options as here (newsetl.warehouse.search.refresh_search_index).

PRAGMA create_fts_index('articles', 'article_id', 'title', 'summary', 'body', stemmer = 'porter',
                        stopwords = 'english', strip_accents = 1, lower = 1, overwrite = 1);

-- Every matching article, best first.
CREATE MACRO search_articles(q) AS TABLE
SELECT s.score, a.published_at, a.source, a.title, a.url, a.article_id, c.story_id
FROM (SELECT article_id, fts_main_articles.match_bm25(article_id, q) AS score FROM articles) s
JOIN articles a USING (article_id)
LEFT JOIN story_clusters c USING (article_id)
WHERE s.score IS NOT NULL
ORDER BY s.score DESC, a.article_id;

-- One row per matching story (its best-scoring copy), best first: count stories, not copies.
CREATE MACRO search_stories(q) AS TABLE
SELECT max(score) AS score, story_id, arg_max(title, score) AS title, arg_max(source, score) AS best_source,
       count(*) AS matching_copies, min(published_at) AS first_published
FROM search_articles(q)
GROUP BY story_id
ORDER BY score DESC, story_id;
