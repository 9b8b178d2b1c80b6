-- Near-duplicate detection: MinHash signatures, their LSH bands, similar pairs, and the story each article is in.
-- Written by the load (newsetl.warehouse.clusters); analysts use story_clusters and the `stories` view.

CREATE TABLE article_signatures (
    article_id VARCHAR PRIMARY KEY,
    scheme     VARCHAR NOT NULL,       -- how the signature was made (newsetl.dedup.minhash.SCHEME)
    minhash    UINTEGER[] NOT NULL     -- 128 minimum hash values of the body's word 5-grams
);

CREATE TABLE signature_bands (
    article_id VARCHAR NOT NULL,
    band       SMALLINT NOT NULL,      -- 0..31, four signature values each
    bucket     UBIGINT NOT NULL        -- hash of the band's values: equal buckets make a candidate pair
);

CREATE TABLE story_edges (
    article_a  VARCHAR NOT NULL,       -- article_a < article_b
    article_b  VARCHAR NOT NULL,
    similarity DOUBLE NOT NULL         -- estimated Jaccard similarity of the two bodies' word 5-grams
);

CREATE TABLE story_clusters (
    article_id VARCHAR PRIMARY KEY,    -- every current article, singletons included
    story_id   VARCHAR NOT NULL        -- article_id of the story's first-seen copy: count stories, not copies
);

-- Articles loaded before clustering existed get their signature on their next load (unchanged or not).
INSERT INTO story_clusters SELECT article_id, article_id FROM articles;
