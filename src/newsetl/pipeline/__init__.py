"""The pipeline's stages as plain functions. Airflow tasks and ``newsetl ingest`` call exactly these.

plan_run → clean_batch (once per manifest, in parallel) → load_run (one writer) → check_run

Airflow runs ``plan_run`` as its three steps (begin_run → discover_source per source → cut_batches); a
reprocess run lists landed documents instead of discovering (list_landed) and cleans them with reclean_batch.
"""

from __future__ import annotations

from newsetl.pipeline.batch import BatchResult, clean_batch
from newsetl.pipeline.finish import check_run, load_run, preview_run
from newsetl.pipeline.plan import begin_run, cut_batches, discover_source, manifest_size, plan_run, read_spec
from newsetl.pipeline.reprocess import clean_manifest, list_landed, manifest_mode, plan_reprocess, reclean_batch
from newsetl.pipeline.spec import RunSpec

__all__ = [
    "BatchResult",
    "RunSpec",
    "begin_run",
    "check_run",
    "clean_batch",
    "clean_manifest",
    "cut_batches",
    "discover_source",
    "list_landed",
    "load_run",
    "manifest_mode",
    "manifest_size",
    "plan_reprocess",
    "plan_run",
    "preview_run",
    "read_spec",
    "reclean_batch",
]
