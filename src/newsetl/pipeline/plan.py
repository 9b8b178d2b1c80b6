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
from collections.abc import Iterable
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

MIN_SPREAD_BATCH = 200
"""The fewest documents a batch is cut to so that a small run spreads over the cores (``cut_batches``'s
``min_batches``): below this, a batch costs more to start than it saves."""
RUN_FILE = "run.json"
ITEMS_DIR = "items"


def plan_run(settings: Settings, spec: RunSpec, *, min_batches: int = 1) -> list[Path]:
    """Write the run's description and its batch manifests; return the manifest paths (small, for XCom)."""
    begin_run(settings, spec)
    for name in spec.sources:
        discover_source(settings, spec.run_id, name)
    return cut_batches(settings, spec.run_id, min_batches=min_batches)


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


def cut_batches(settings: Settings, run_id: str, *, min_batches: int = 1) -> list[Path]:
    """Cut the run's listed items into manifests of about equal weight; return their paths.

    An item weighs the documents it holds: one, or a large export's piece its lines (``newsetl.discover._exports``).
    ``min_batches`` is how many batches can be cleaned at once (processes, or task slots): a run too small to fill
    that many batches of ``batch_size`` is cut into ``min_batches`` smaller ones all the same, of at least
    ``MIN_SPREAD_BATCH`` documents, so that it does not leave all but one core idle.

    Every source's items are cut into as many slices as there are batches, and each batch takes one slice of every
    source: the batches hold the same mix of sources. Cut source after source, a run of 1,000 text dumps and 300
    saved HTML pages (a page costs the cleaning about ten times a dump) gave the last of its four batches every page,
    and its cleaning took 5.9-6.8 s on two processes; cut this way, 4.4-4.8 s.
    """
    spec = read_spec(settings, run_id)
    staging = StagingArea(settings.staging)
    files = [path for name in spec.sources if (path := items_file(settings, run_id, name)).exists()]
    counted = [_weigh_items(path) for path in files]
    listed, total = sum(items for items, _ in counted), sum(weight for _, weight in counted)
    size = batch_size_for(total, settings.batch_size, settings.max_batches, min_batches=min_batches)
    count = max(1, -(-total // size))
    cuts = [_slice_offsets(path.read_bytes(), weight, count) for path, (_, weight) in zip(files, counted, strict=True)]
    manifests: list[Path] = []
    for batch in range(count):
        items = [
            msgspec.Raw(line)
            for path, offsets in zip(files, cuts, strict=True)
            for line in _lines(path, offsets, batch)
        ]
        if items:
            number = len(manifests) + 1
            document = {"run_id": run_id, "number": number, "mode": spec.mode, "items": items}
            manifests.append(staging.write_json(staging.manifest_path(run_id, number), document))
    log.info(
        "run %s: %d item(s) holding %d document(s) of %s in %d batch(es) of about %d",
        run_id,
        listed,
        total,
        ", ".join(spec.sources) or "no source",
        len(manifests),
        size,
    )
    return manifests


def _slice_offsets(data: bytes, total: int, count: int) -> list[int]:
    """Where an items file's ``count`` slices of about equal weight start, and where the last ends (byte offsets):
    each item goes to the slice its middle falls in, so a heavy piece does not leave one slice with twice another's
    documents. ``total`` is the file's weight (``_weigh_items``)."""
    offsets, position, done = [0], 0, 0
    total = max(total, 1)
    for line in data.split(b"\n"):
        if line:
            weight = _weigh(line)
            place = min(count - 1, (2 * done + weight) * count // (2 * total))
            offsets += [position] * (place + 1 - len(offsets))  # this item begins slice ``place`` (and any empty ones)
            done += weight
        position += len(line) + 1
    return offsets + [len(data)] * (count + 1 - len(offsets))


def _lines(path: Path, offsets: list[int], batch: int) -> list[bytes]:
    """The item lines of an items file's slice ``batch``, read from its bytes alone."""
    start, end = offsets[batch], offsets[batch + 1]
    if start == end:
        return []
    with path.open("rb") as stream:
        stream.seek(start)
        return [line for line in stream.read(end - start).split(b"\n") if line]


class _Listed(msgspec.Struct):
    items: list[msgspec.Raw]
    """Each item left undecoded: only the number counts."""


_LISTED = msgspec.json.Decoder(_Listed)


def manifest_size(path: Path) -> int:
    """How many documents a batch manifest's items hold (source items or landed documents), as the plan weighed them."""
    # Every manifest is read again for the progress bar's total: counted, not decoded (1.5 ms instead of 6.6 ms
    # for the 10,000 items of the bench's re-run); only a large export's pieces are decoded, for their lines.
    content = path.read_bytes()
    items = _LISTED.decode(content).items
    return sum(_weigh(bytes(item)) for item in items) if b'"range"' in content else len(items)


def batch_size_for(total: int, batch_size: int, max_batches: int, *, min_batches: int = 1) -> int:
    """The documents a batch may hold: ``batch_size``, or less to make ``min_batches`` batches of at least
    ``MIN_SPREAD_BATCH``, grown just enough that ``total`` documents fit in ``max_batches`` batches."""
    wanted = min(batch_size, max(MIN_SPREAD_BATCH, math.ceil(total / max(min_batches, 1))))
    return max(wanted, math.ceil(total / max_batches))


def item_weight(item: dict[str, Any]) -> int:
    """The documents an item holds: a large export's piece its lines, any other item one."""
    metadata = item.get("metadata") or {}
    records = metadata.get("records")
    return records if "range" in metadata and isinstance(records, int) and records > 0 else 1


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


def _weigh_items(path: Path) -> tuple[int, int]:
    """How many items an items file lists (``write_records`` writes one a line), and the documents they hold."""
    # Counted over the whole file, and only a piece's line decoded: a run lists 100,000 files, each weighing one
    # (21-27 ms for them; weighing each line in Python took 41 ms, and counting lines 12 ms before pieces).
    data = path.read_bytes()
    items = data.count(b"\n") + (not data.endswith(b"\n") and bool(data.strip()))
    if b'"range"' not in data:
        return items, items
    return items, items + sum(_weigh(line) - 1 for line in data.splitlines() if b'"range"' in line)


def _weigh(line: bytes) -> int:
    return item_weight(_DECODER.decode(line)) if b'"range"' in line else 1
