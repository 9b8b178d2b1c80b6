"""``newsetl ingest``: the DAG's stages run in one process (or a process pool), with progress and a summary."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsetl.checks import CheckResult
from newsetl.config import Settings, SourceConfig
from newsetl.errors import CheckFailedError
from newsetl.machine import available_cores
from newsetl.pipeline import (
    BatchResult,
    RunSpec,
    check_run,
    clean_manifest,
    load_run,
    manifest_size,
    plan_reprocess,
    plan_run,
)
from newsetl.pipeline.finish import CHECK_PARTS, load_parts, open_pipeline_warehouse, step_parts
from newsetl.pipeline.stopwatch import Stopwatch, add_timings
from newsetl.stage import StagingArea
from newsetl.stage.seen import open_seen_reader
from newsetl.warehouse import LoadCounts
from newsetl.warehouse.load import COUNT_NAMES

if TYPE_CHECKING:
    from newsetl.fetch import Credentials

CredentialsFor = Callable[[SourceConfig], "Credentials | None"]

log = logging.getLogger("newsetl.ingest")
STEPS = ("fetch", "plan", "clean", "load", "check")
"""The steps :func:`ingest` times as a whole (wall seconds), in the order they run; ``fetch`` only for live sources."""


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    run_id: str
    counts: LoadCounts
    checks: list[CheckResult] = field(default_factory=list)
    failure: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    """Wall seconds of ``plan``, ``clean``, ``load``, ``check``; and, summed over the cleaning processes,
    seconds per cleaning phase (``read``, ``land``, ``extract``, ``index``, ``stage``)."""
    fetched: list[dict[str, Any]] = field(default_factory=list)
    """The fetch stage's summary per live source."""

    @property
    def ok(self) -> bool:
        return self.failure is None

    def to_json(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "ok": self.ok,
            "failure": self.failure,
            "totals": self.counts.totals,
            "per_source": self.counts.per_source,
            "checks": [{"name": c.name, "status": c.status, "detail": c.detail} for c in self.checks],
            "timings": {name: round(seconds, 4) for name, seconds in self.timings.items()},
            "fetched": self.fetched,
        }


def default_workers() -> int:
    """One cleaning process per core this process may run on: cleaning is CPU-bound Python."""
    return available_cores()


def _batches_for(workers: int) -> int:
    """Two batches a process, when there is more than one: a process that finishes early takes the next batch, so a
    small run of heavy and light documents balances itself. The devset's 990 HTML pages and 990 text dumps, cut in
    two (the pages in one batch, the dumps in the other), took 21.7 s of cleaning with two processes; in four, 12.7 s,
    and in eight 12.5 s."""
    return 2 * workers if workers > 1 else 1


def ingest(
    settings: Settings,
    spec: RunSpec,
    *,
    workers: int = 1,
    progress: bool = True,
    credentials: CredentialsFor | None = None,
) -> IngestOutcome:
    stopwatch = Stopwatch()
    fetched: list[dict[str, Any]] = []
    reprocess = spec.mode == "reprocess"  # re-clean what the landing holds: nothing is fetched or discovered
    if not reprocess and any(settings.source(name).live for name in spec.sources):
        with stopwatch.phase("fetch"):
            fetched = fetch_live(settings, spec, credentials)
    phases: dict[str, float] = {}
    with ExitStack() as cleaning:
        # Started before planning: the processes fork and open their seen-index reader while this one lists files.
        pool = cleaning.enter_context(_started_processes(settings, workers)) if workers > 1 else None
        with stopwatch.phase("plan"):
            least = settings.min_batches or _batches_for(workers)
            plan = plan_reprocess if reprocess else plan_run
            manifests = plan(settings, spec, min_batches=least)
            sizes = [manifest_size(path) for path in manifests]
        with stopwatch.phase("clean"):
            with _cleaned(settings, manifests, pool) as results, _progress_bar(sum(sizes), progress) as bar:
                for result in results:
                    add_timings(phases, result.timings)
                    bar.update(sizes[result.number - 1])
            cleaning.close()  # the processes end with the cleaning, in its time
    with ExitStack() as warehouse:
        with stopwatch.phase("load"):
            # One connection for the load and the checks: opening, migrating and closing one cost 18-20 ms.
            with stopwatch.phase("load.open"):
                connection = warehouse.enter_context(open_pipeline_warehouse(settings))
            counts = load_run(settings, spec.run_id, stopwatch, connection)
        timings = add_timings(stopwatch.seconds, phases)
        try:
            with stopwatch.phase("check"):
                checks = check_run(settings, spec.run_id, counts, connection, stopwatch)
                warehouse.close()
        except CheckFailedError as exc:
            return IngestOutcome(spec.run_id, counts, failure=str(exc), timings=timings, fetched=fetched)
    return IngestOutcome(spec.run_id, counts, checks, timings=timings, fetched=fetched)


def fetch_live(settings: Settings, spec: RunSpec, credentials: CredentialsFor | None = None) -> list[dict[str, Any]]:
    """The fetch stage for each live source of the run, one after the other (the DAG runs them in parallel)."""
    from newsetl.fetch.crawl import fetch_source

    summaries = []
    for name in spec.sources:
        source = settings.source(name)
        if source.live:
            login = credentials(source) if credentials else None
            summaries.append(fetch_source(settings, source, spec.interval, spec.run_id, login).to_json())
    return summaries


class _NoBar:
    """What the cleaning loop updates when no progress bar is shown."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def update(self, _: int) -> None:
        return None


def _progress_bar(total: int, shown: bool) -> AbstractContextManager[Any]:
    if not shown:
        return _NoBar()
    from tqdm import tqdm  # imported only to show a bar: 5 ms of every start, a re-run's too

    return tqdm(total=total, unit="file", desc="cleaning", leave=False)


@contextmanager
def _cleaned(
    settings: Settings, manifests: Sequence[Path], pool: ProcessPoolExecutor | None
) -> Iterator[Iterator[BatchResult]]:
    """Each manifest's batch result, in order, cleaned by the ``pool``'s processes, or here without one."""
    if pool is None or len(manifests) <= 1:
        yield (clean_manifest(settings, path) for path in manifests)
        return
    # Processes, not threads: cleaning is pure-Python CPU work that the GIL would serialise.
    yield pool.map(partial(clean_manifest, settings), manifests)


@contextmanager
def _started_processes(settings: Settings, workers: int) -> Iterator[ProcessPoolExecutor]:
    """``workers`` cleaning processes, forked now, each opening its seen-index reader as it starts.

    A process's first batch paid 12.5-12.8 ms for that; started before planning, the processes do it beside it.
    """
    index = StagingArea(settings.staging).seen_index
    with cleaning_processes(workers) as pool:
        with frozen_heap():
            # One a process: a process that takes two finds the second done (its reader is kept per process). One
            # that fails leaves nothing kept, and the first batch opens the reader as it did before.
            for _ in range(workers):
                pool.submit(open_seen_reader, index)  # the processes fork here
        yield pool


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Every object this process holds moved out of the collector's reach while processes are forked in the block.

    As Python's ``gc`` documentation advises before a fork: a forked process's collections then skip every object
    it inherits, instead of touching each one and so copying its page (12-13 ms in each cleaning process's third
    batch of a 10,000-dump re-run). This process's own collections go on as before after the block.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def cleaning_processes(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, forked from this one only while it has no other thread.

    A plain fork is cheap (the workers inherit every module imported here), but a child forked while another
    thread holds a lock can wait for that lock for ever: a test forking from the threaded test process did hang so.
    With another thread running, the workers come from a fork server, a fresh single-threaded process (Python 3.14
    makes it the default start method for this reason).
    """
    method = "fork" if threading.active_count() == 1 else "forkserver"
    log.debug("cleaning processes: %d, start method %s", workers, method)
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))


def print_summary(outcome: IngestOutcome) -> None:
    """The run's counts, checks and timings as plain lines, the same in a terminal and in a log.

    Nothing is cut to fit a width: a table drawn for an 80-column terminal cut source names to "bench-t…" in logs,
    where a run's output is read and searched. Names and details are printed as they are (no markup is read into them).
    """
    lines = [
        f"fetched {fetched['source']}: {fetched['links']} links, {fetched['selected']} in the interval, "
        f"{fetched['known']} already landed; pages {fetched['outcomes']}; feeds/sitemaps {fetched['discovery']}"
        for fetched in outcome.fetched
    ]
    lines += [f"run {outcome.run_id}", *_count_table(outcome.counts)]
    lines += [f"check {check.name}: {check.status} — {check.detail}" for check in outcome.checks]
    if outcome.failure:
        lines.append(f"checks failed: {outcome.failure}")
    lines.append(_timing_line(outcome.timings))
    print("\n".join(lines))


def _count_table(counts: LoadCounts) -> list[str]:
    """Every count the runs ledger keeps, a row per source and the total, in aligned columns."""
    # Retired articles included: an operator sees what a rekey did.
    header = ["source", *(name.split("_", 1)[1] for name in COUNT_NAMES)]
    rows = [[source, *(str(per[name]) for name in COUNT_NAMES)] for source, per in counts.per_source.items()]
    rows.append(["total", *(str(counts.totals[name]) for name in COUNT_NAMES)])
    widths = [max(len(row[column]) for row in (header, *rows)) for column in range(len(header))]
    return [
        "  ".join(
            [row[0].ljust(widths[0]), *(cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))]
        )
        for row in (header, *rows)
    ]


def _timing_line(timings: dict[str, float]) -> str:
    walls = ", ".join(f"{name} {timings[name]:.1f} s" for name in STEPS if name in timings)
    phases = ", ".join(
        f"{name} {timings[name]:.1f} s" for name in ("read", "land", "extract", "index", "stage") if name in timings
    )
    return (
        f"time: {walls}"
        + (f" (cleaning processes: {phases})" if phases else "")
        + (f"; load: {parts}" if (parts := load_parts(timings)) else "")
        + (f"; check: {parts}" if (parts := step_parts(timings, "check", CHECK_PARTS)) else "")
    )
