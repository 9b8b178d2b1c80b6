"""Airflow DAG news_ingest: every source without a schedule of its own, daily; and any source, on demand.

resolve → discover (mapped over sources) → batches → clean (mapped over batches) → load → check → publish.
The graph and its trigger form are in ``_newsetl_dags``; sources with a ``schedule:`` in sources.yaml get
their own DAG (``news_sources.py``) and are left out of this DAG's scheduled and backfill runs.
"""

from __future__ import annotations

from _newsetl_dags import daily, ingest_dag

ingest_dag(
    "news_ingest",
    schedule=daily(),
    description="Raw news dumps and live sources → clean articles → DuckDB (sources on the default schedule)",
    doc_md=__doc__,
)
