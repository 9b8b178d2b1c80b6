"""Airflow DAG news_reprocess: re-clean sources and days from the raw landing with the current rules, no refetch.

Run it by hand after a cleaning rule changes. The documents come from ``raw_documents`` (read in the warehouse
pool) and their bytes from the landing; the load updates exactly the articles whose content changes, and
the run is recorded in ``runs`` like any other. Tick "Dry run" to see what would change first.
"""

from __future__ import annotations

from _newsetl_dags import ingest_dag

ingest_dag(
    "news_reprocess",
    schedule=None,
    mode="reprocess",
    description="Re-clean landed raw documents with the current rules and update the articles that change",
    doc_md=__doc__,
)
