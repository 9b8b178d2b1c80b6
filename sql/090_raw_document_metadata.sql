-- What the container said about each raw document that cleaning uses (the HTTP charset, the feed item's
-- title, summary, date, author and tags, the fetch's final URL), so a reprocess from the landing cleans the
-- same bytes with the same context and changes only what the rules change.
ALTER TABLE raw_documents ADD COLUMN metadata JSON;
