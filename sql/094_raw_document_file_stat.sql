-- The identity of the file a dump document was read from, when its bytes were read: inode, size, and the
-- modification and change times in nanoseconds ("ino-size-mtime-ctime"). NULL for documents that are not a
-- whole file (JSON Lines records, fetched pages, WARC records) and for files changed within seconds of being
-- read. The seen index publishes it: a later run finds the same identity and skips the file without reading it
-- (a file's bytes cannot change without its change time moving). Updated when the same bytes are found at a
-- new identity (a touched or copied file), so the next run can skip it again.
ALTER TABLE raw_documents ADD COLUMN file_stat VARCHAR;
