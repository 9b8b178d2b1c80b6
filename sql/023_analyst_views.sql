-- Views for analysts. Days are UTC days, whatever the session's time zone.

CREATE VIEW daily_volume AS
SELECT a.source,
       CAST(timezone('UTC', coalesce(a.published_at, a.first_seen_at)) AS DATE) AS day,
       count(*) AS articles,
       count(DISTINCT c.story_id) AS stories,
       count(*) FILTER (a.published_at IS NULL) AS undated,   -- counted on the day they were first loaded
       sum(a.word_count) AS words
FROM articles a LEFT JOIN story_clusters c USING (article_id)
GROUP BY ALL;

CREATE VIEW latest_articles AS
SELECT a.published_at, a.source, a.title, a.authors, a.language, a.word_count, a.url, a.article_id,
       c.story_id, count(*) OVER (PARTITION BY c.story_id) AS story_copies, a.version, a.first_seen_at
FROM articles a LEFT JOIN story_clusters c USING (article_id)
ORDER BY coalesce(a.published_at, a.first_seen_at) DESC, a.article_id;

CREATE VIEW articles_by_author AS
SELECT author, a.source, count(*) AS articles, count(DISTINCT c.story_id) AS stories,
       min(a.published_at) AS first_published, max(a.published_at) AS last_published,
       sum(a.word_count) AS words
FROM (SELECT *, unnest(authors) AS author FROM articles) a
LEFT JOIN story_clusters c ON c.article_id = a.article_id
GROUP BY ALL;

CREATE VIEW stories AS
SELECT c.story_id,
       any_value(a.title) FILTER (a.article_id = c.story_id) AS title,
       count(*) AS copies,
       count(DISTINCT a.source) AS sources,
       list(DISTINCT a.source ORDER BY a.source) AS source_names,
       min(a.published_at) AS first_published,
       max(a.published_at) AS last_published,
       min(a.first_seen_at) AS first_seen,
       list(a.article_id ORDER BY a.article_id) AS article_ids
FROM story_clusters c JOIN articles a USING (article_id)
GROUP BY c.story_id;

CREATE VIEW removed_by_rule AS
SELECT source, rule_id, count(*) AS lines, count(DISTINCT article_id) AS articles,
       mode(text) AS most_common_text
FROM removed_lines
GROUP BY ALL;

CREATE VIEW run_history AS
SELECT r.run_id, r.trigger, r.status, r.interval_start, r.interval_end, r.sources, r.started_at, r.finished_at,
       r.finished_at - r.started_at AS duration,
       r.documents_read, r.articles_new, r.articles_updated, r.articles_unchanged, r.articles_retired,
       r.documents_rejected, r.documents_duplicate,
       list(k.check_name ORDER BY k.check_name) FILTER (k.status = 'fail') AS failed_checks,
       list(k.check_name ORDER BY k.check_name) FILTER (k.status = 'warn') AS warned_checks
FROM runs r LEFT JOIN check_results k USING (run_id)
GROUP BY ALL;

CREATE VIEW rejections AS
SELECT source, reason_code, count(*) AS documents, min(first_rejected_at) AS first_rejected,
       max(last_rejected_at) AS last_rejected, arg_max(uri, last_rejected_at) AS latest_uri,
       arg_max(reason, last_rejected_at) AS latest_reason
FROM rejected_documents
GROUP BY ALL;

CREATE VIEW article_lineage AS
SELECT a.article_id, a.source, a.title, a.version, a.rules_version, a.extractor, a.content_hash,
       d.raw_id, d.uri, d.url, d.format, d.encoding, d.size_bytes, d.landing_path, d.read_at,
       r.run_id, r.trigger, r.interval_start, r.interval_end, r.started_at AS run_started_at
FROM articles a
LEFT JOIN raw_documents d ON d.raw_id = a.raw_id AND d.source = a.source AND d.uri = a.uri
LEFT JOIN runs r ON r.run_id = a.run_id;
