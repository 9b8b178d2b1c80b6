"""The pipeline's stages as plain functions. Airflow tasks and ``newsetl ingest`` call exactly these.

plan_run → clean_batch (once per manifest, in parallel) → load_run (one writer) → check_run
"""

from __future__ import annotations

from newsetl.pipeline.batch import BatchResult, clean_batch
from newsetl.pipeline.finish import check_run, load_run
from newsetl.pipeline.plan import plan_run, read_spec
from newsetl.pipeline.spec import RunSpec

__all__ = ["BatchResult", "RunSpec", "check_run", "clean_batch", "load_run", "plan_run", "read_spec"]
