"""Planning a run: describe it, list each source's items for the interval, cut them into batch manifests.

Three steps, so Airflow can map the listing over sources: :func:`begin_run` writes the run's description,
:func:`discover_source` writes one source's items to ``items/<source>.jsonl`` (one task per source), and
:func:`cut_batches` cuts every listed item into batch manifests, at most ``max_batches`` of them.
:func:`plan_run` does all three in one process (``newsetl ingest``). A reprocess run lists landed documents
instead (:mod:`newsetl.pipeline.reprocess`) and is cut the same way.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Any

import msgspec

from newsetl.config import Settings
from newsetl.discover import discover
from newsetl.learn.published import snapshot as snapshot_learned
from newsetl.pipeline.spec import RunSpec
from newsetl.stage import StagingArea, read_staged_json

log = logging.getLogger("newsetl.pipeline")
# msgspec: 100,000 listed files are written and read again in every run; json with dataclasses.asdict cost seconds.
_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder()

RUN_FILE = "run.json"
ITEMS_DIR = "items"


def plan_run(settings: Settings, spec: RunSpec) -> list[Path]:
    """Write the run's description and its batch manifests; return the manifest paths (small, for XCom)."""
    begin_run(settings, spec)
    for name in spec.sources:
        discover_source(settings, spec.run_id, name)
    return cut_batches(settings, spec.run_id)


def begin_run(settings: Settings, spec: RunSpec) -> Path:
    """Start the run's staging folder afresh (a rerun replaces, never appends) with its description."""
    staging = StagingArea(settings.staging)
    folder = staging.reset_run(spec.run_id)
    staging.write_json(folder / RUN_FILE, spec.to_json())
    # Every batch of the run (a retried one too) cleans with the learned lines as they were when it was planned.
    snapshot_learned(settings.staging, folder)
    return folder


def read_spec(settings: Settings, run_id: str) -> RunSpec:
    path = StagingArea(settings.staging).run_dir(run_id) / RUN_FILE
    return RunSpec.from_json(read_staged_json(path, f"run {run_id}'s description"))


def discover_source(settings: Settings, run_id: str, name: str) -> int:
    """List what source ``name`` offers for the run's interval into its items file; return how many."""
    spec = read_spec(settings, run_id)
    items = discover(settings.source(name), spec.interval)
    count = write_records(items_file(settings, run_id, name), items)
    log.info("run %s source %s: %d item(s) over %s", run_id, name, count, spec.interval)
    return count


def items_file(settings: Settings, run_id: str, source: str) -> Path:
    return StagingArea(settings.staging).run_dir(run_id) / ITEMS_DIR / f"{source}.jsonl"


def cut_batches(settings: Settings, run_id: str) -> list[Path]:
    """Cut the run's listed items, source by source, into manifests; return their paths."""
    spec = read_spec(settings, run_id)
    staging = StagingArea(settings.staging)
    files = [path for name in spec.sources if (path := items_file(settings, run_id, name)).exists()]
    total = sum(_count_lines(path) for path in files)
    size = batch_size_for(total, settings.batch_size, settings.max_batches)
    records = chain.from_iterable(read_records(path) for path in files)
    manifests = []
    for number, batch in enumerate(_batches(records, size), start=1):
        document = {"run_id": run_id, "number": number, "mode": spec.mode, "items": batch}
        manifests.append(staging.write_json(staging.manifest_path(run_id, number), document))
    log.info(
        "run %s: %d item(s) of %s in %d batch(es) of up to %d",
        run_id,
        total,
        ", ".join(spec.sources) or "no source",
        len(manifests),
        size,
    )
    return manifests


class _Listed(msgspec.Struct):
    items: list[msgspec.Raw]
    """Each item left undecoded: only the number counts."""


_LISTED = msgspec.json.Decoder(_Listed)


def manifest_size(path: Path) -> int:
    """How many items a batch manifest lists (source items or landed documents)."""
    # Every manifest is read again for the progress bar's total: counted, not decoded (1.5 ms instead of 6.6 ms
    # for the 10,000 items of the bench's re-run).
    return len(_LISTED.decode(path.read_bytes()).items)


def batch_size_for(total: int, batch_size: int, max_batches: int) -> int:
    """``batch_size``, grown just enough that ``total`` items fit in ``max_batches`` batches."""
    return max(batch_size, math.ceil(total / max_batches))


def write_records(path: Path, records: Iterable[Any]) -> int:
    """Stream ``records`` (dicts or dataclasses) to a JSON Lines file, renamed into place when complete; how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    count = 0
    with temporary.open("wb") as stream:
        for record in records:
            stream.write(_ENCODER.encode(record))
            stream.write(b"\n")
            count += 1
    os.replace(temporary, path)
    return count


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as stream:
        for line in stream:
            if line.strip():
                record: dict[str, Any] = _DECODER.decode(line)
                yield record


def _count_lines(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(1 for line in stream if line.strip())


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
