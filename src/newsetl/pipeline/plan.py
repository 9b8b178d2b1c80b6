"""Planning a run: discover each source's items for the interval and cut them into batch manifests."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from newsetl.config import Settings
from newsetl.discover import discover
from newsetl.learn.published import snapshot as snapshot_learned
from newsetl.pipeline.spec import RunSpec
from newsetl.records import SourceItem
from newsetl.stage import StagingArea

log = logging.getLogger("newsetl.pipeline")

RUN_FILE = "run.json"


def plan_run(settings: Settings, spec: RunSpec) -> list[Path]:
    """Write the run's description and its batch manifests; return the manifest paths (small, for XCom)."""
    staging = StagingArea(settings.staging)
    folder = staging.reset_run(spec.run_id)
    staging.write_json(folder / RUN_FILE, spec.to_json())
    # Every batch of the run (a retried one too) cleans with the learned lines as they were when it was planned.
    snapshot_learned(settings.staging, folder)
    manifests = []
    for number, items in enumerate(_batches(_items(settings, spec), settings.batch_size), start=1):
        manifests.append(staging.write_manifest(spec.run_id, number, items))
    log.info(
        "run %s: %d batch(es) planned over %s for %s",
        spec.run_id,
        len(manifests),
        spec.interval,
        ", ".join(spec.sources),
    )
    return manifests


def read_spec(settings: Settings, run_id: str) -> RunSpec:
    return RunSpec.read(StagingArea(settings.staging).run_dir(run_id) / RUN_FILE)


def _items(settings: Settings, spec: RunSpec) -> Iterator[SourceItem]:
    for name in spec.sources:
        yield from discover(settings.source(name), spec.interval)


def _batches(items: Iterable[SourceItem], size: int) -> Iterator[list[SourceItem]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
