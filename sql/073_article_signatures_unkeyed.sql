-- article_signatures without a primary-key index, for the reason sql/072 gives for articles: with an index,
-- every load's checkpoint rewrote the table's last row group (up to 16,384 signatures of 128 values), 0.10 s a
-- load at 12,500 articles. The loader deletes the signatures of the articles it touches, then inserts one a
-- written article, so article_id stays unique by construction, as in signature_bands; the load checks it
-- before it commits. Applied once by `newsetl.warehouse.migrate`.

CREATE TABLE article_signatures_unkeyed (
    article_id VARCHAR NOT NULL,
    scheme     VARCHAR NOT NULL,       -- how the signature was made (newsetl.dedup.minhash.SCHEME)
    minhash    UINTEGER[] NOT NULL     -- 128 minimum hash values of the body's word 5-grams
);
INSERT INTO article_signatures_unkeyed SELECT * FROM article_signatures;
DROP TABLE article_signatures;
ALTER TABLE article_signatures_unkeyed RENAME TO article_signatures;
