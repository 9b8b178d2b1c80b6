"""Airflow DAGs: one ingest DAG per source that has its own ``schedule:`` in sources.yaml: ``ingest_<source>``.

Parsing reads only the YAML file (no database, no network, nothing heavy); a change to sources.yaml shows up
at the next parse. A broken sources.yaml is reported as this file's import error, and the other DAGs, which
read the configuration only when they run, keep working.
"""

from __future__ import annotations

from _newsetl_dags import cron, ingest_dag

from newsetl.config import load_settings

for source in load_settings().sources:
    if source.schedule is not None:
        ingest_dag(
            f"ingest_{source.name}",
            schedule=cron(source.schedule, what=f"source {source.name!r} (DAG ingest_{source.name})"),
            sources=[source.name],
            description=f"Source {source.name} ({source.kind}) on its own schedule: {source.schedule}",
            doc_md=__doc__,
        )
