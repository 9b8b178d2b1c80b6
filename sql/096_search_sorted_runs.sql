-- How many sorted runs the search postings hold. Each load appends its postings sorted by term, so a term's rows
-- lie in one stretch per load, and a lookup probes every stretch: 4.6 ms a term (median of eight) in 18 million
-- postings sorted as one run, 6.9 ms in ten runs, 18.8 ms in fifty. The load counts the runs it adds; the daily
-- sweep (`newsetl sweep --delete`, the newsetl_sweep DAG) sorts the postings into one run again past a limit
-- (`newsetl.warehouse.search.SORTED_RUNS_LIMIT`). A warehouse from before this file is counted one run a load that
-- wrote articles.
CREATE TABLE search_layout (sorted_runs INTEGER NOT NULL);
INSERT INTO search_layout SELECT count(*) FROM runs WHERE articles_new + articles_updated > 0;
