"""Housekeeping: what loaded runs leave behind that nothing reads again, removed after a retention time.

- **A loaded run's staging folder.** Batch files, search terms and manifests hand a run from cleaning to its
  load; once the load has committed (the run's row in ``runs`` says ``loaded``, ``checked`` or ``failed``) nothing
  reads them again, and a 100,000-dump run stages about 1.2 GB. A dry run's folder goes too: it is previewed,
  never loaded. The folder of a run that is not loaded (still running, or its load failed and may be retried)
  is kept.
- **Packs no row names, and temporary files.** The landing keeps every document's bytes for ever. What goes is a
  pack written by a batch attempt whose rows were never published (a batch killed between its pack's rename and
  its commit, or retried after it) and the temporary file of a batch killed while writing. A pack is kept while
  the ledger (``raw_documents``) or a kept staging folder names it, so nothing a reprocess or a pending load
  reads is ever removed.

- **The search postings, sorted again.** Each load appends its postings sorted by term, one run a load; a term's
  lookup probes every run. Past ``SORTED_RUNS_LIMIT`` runs the sweep rewrites them sorted as one (the only
  thing it writes in the warehouse; the analysts' snapshot takes it with the next load's publication).

Everything is kept for ``keep_days`` after it was last written, so a batch or a run in progress is never
touched; nothing is removed unless asked (``newsetl sweep --delete``).
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from newsetl.config import Settings
from newsetl.landing._pack import PACKS, SPAN_SQL, TEMPORARY_PREFIX
from newsetl.pipeline.plan import RUN_FILE
from newsetl.stage import StagingArea
from newsetl.warehouse import open_warehouse
from newsetl.warehouse.search import SORTED_RUNS_LIMIT, sort_postings, sorted_runs

log = logging.getLogger("newsetl.pipeline")

_LOADED = ("loaded", "checked", "failed")
# A pack location ends in "#<offset>+<length>"; what comes before it is the pack's path.
_PACK_PATHS = (
    f"SELECT DISTINCT regexp_replace(landing_path, '{SPAN_SQL}', '') FROM {{rows}} "
    f"WHERE regexp_matches(landing_path, '{SPAN_SQL}')"
)


@dataclass(frozen=True, slots=True)
class Sweep:
    """What a sweep removes, and the runs it keeps because they are not loaded."""

    staged_runs: tuple[Path, ...]
    orphan_packs: tuple[Path, ...]
    temporary_files: tuple[Path, ...]
    unloaded_runs: tuple[Path, ...]
    """Staging folders kept because their run is not loaded (their load may be retried)."""
    search_runs: int = 0
    """Sorted runs the search postings hold (``newsetl.warehouse.search.sorted_runs``)."""
    sorts_search: bool = False
    """Whether applying the sweep sorts the search postings into one run (more runs than the limit)."""

    @property
    def paths(self) -> tuple[Path, ...]:
        return (*self.staged_runs, *self.orphan_packs, *self.temporary_files)

    def size_bytes(self) -> int:
        return sum(_size(path) for path in self.paths)


def plan_sweep(
    settings: Settings, *, keep_days: float, now: datetime | None = None, sort_after: int = SORTED_RUNS_LIMIT
) -> Sweep:
    """What is older than ``keep_days`` and no longer needed, and whether the search postings hold more than
    ``sort_after`` sorted runs (see the module docstring); changes nothing."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=keep_days)
    loaded, named, runs = _warehouse_view(settings)
    staged, unloaded = _staged_runs(StagingArea(settings.staging), loaded, cutoff)
    named |= _packs_named_by(unloaded)
    packs, temporary = _orphans(settings.landing / PACKS, named, cutoff)
    return Sweep(tuple(staged), tuple(packs), tuple(temporary), tuple(unloaded), runs, runs > sort_after)


def sort_search_if_due(settings: Settings, sweep: Sweep) -> int | None:
    """Sort the search postings into one run if ``sweep`` says so; the postings sorted, or ``None``."""
    if not sweep.sorts_search:
        return None
    with open_warehouse(settings.warehouse, memory_limit=settings.writer_memory, search=False) as connection:
        return sort_postings(connection)


def apply_sweep(sweep: Sweep) -> int:
    """Remove what ``sweep`` lists; return the bytes freed."""
    freed = sweep.size_bytes()
    for folder in sweep.staged_runs:
        shutil.rmtree(folder, ignore_errors=True)
    for path in (*sweep.orphan_packs, *sweep.temporary_files):
        path.unlink(missing_ok=True)
        _remove_if_empty(path.parent)
    log.info(
        "swept %d staged run(s), %d orphan pack(s), %d temporary file(s): %d bytes",
        len(sweep.staged_runs),
        len(sweep.orphan_packs),
        len(sweep.temporary_files),
        freed,
    )
    return freed


def _warehouse_view(settings: Settings) -> tuple[dict[str, datetime], set[tuple[str, str]], int]:
    """When each loaded run finished, the packs the ledger names (by run folder and file name), and the search
    postings' sorted runs."""
    if not settings.warehouse.exists():
        return {}, set(), 0
    with open_warehouse(settings.warehouse, read_only=True, search=False) as connection:
        rows = connection.execute(
            "SELECT run_id, finished_at FROM runs WHERE status IN (?, ?, ?) AND finished_at IS NOT NULL", list(_LOADED)
        ).fetchall()
        packs = connection.execute(_PACK_PATHS.format(rows="raw_documents")).fetchall()
        runs = _sorted_runs(connection)
    return {str(run_id): finished for run_id, finished in rows}, _names(str(row[0]) for row in packs), runs


def _sorted_runs(connection: duckdb.DuckDBPyConnection) -> int:
    try:
        return sorted_runs(connection)
    except duckdb.CatalogException:  # opened read-only, a warehouse no load has migrated to sql/096 yet
        return 0


def _staged_runs(staging: StagingArea, loaded: dict[str, datetime], cutoff: datetime) -> tuple[list[Path], list[Path]]:
    """The staging folders to remove (loaded before ``cutoff``, untouched since) and those of unloaded runs."""
    removable, unloaded = [], []
    for description in sorted(staging.root.glob(f"*/{RUN_FILE}")):
        folder = description.parent
        try:
            run = json.loads(description.read_text(encoding="utf-8"))
            run_id, dry_run = str(run["run_id"]), bool(run.get("dry_run", False))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("kept %s: its run description is unreadable (%s)", folder, exc)
            unloaded.append(folder)  # and the packs its staged rows name with it
            continue
        # A run planned again under the same id rewrites its description before its load records it running.
        planned_before = _modified(description) < cutoff
        finished = loaded.get(run_id)
        if dry_run and planned_before:
            removable.append(folder)  # a dry run is never loaded: only previewed
        elif finished is None:
            unloaded.append(folder)
        elif finished < cutoff and planned_before:
            removable.append(folder)
    return removable, unloaded


def _packs_named_by(folders: Iterable[Path]) -> set[tuple[str, str]]:
    files = [str(path) for folder in folders for path in sorted((folder / "raw_documents").glob("batch-*.jsonl"))]
    if not files:
        return set()
    with duckdb.connect() as connection:
        rows = connection.execute(
            _PACK_PATHS.format(
                rows="read_json(?, format = 'newline_delimited', columns = {'landing_path': 'VARCHAR'})"
            ),
            [files],
        ).fetchall()
    return _names(str(row[0]) for row in rows)


def _orphans(packs: Path, named: set[tuple[str, str]], cutoff: datetime) -> tuple[list[Path], list[Path]]:
    orphan_packs, temporary = [], []
    for path in sorted(packs.glob("*/*")):
        if not path.is_file() or _modified(path) >= cutoff:
            continue
        if path.name.startswith(TEMPORARY_PREFIX):
            temporary.append(path)
        elif path.suffix == ".gz" and (path.parent.name, path.name) not in named:
            orphan_packs.append(path)
    return orphan_packs, temporary


def _names(paths: Iterable[str]) -> set[tuple[str, str]]:
    # By run folder and file name, as packs are read: a landing moved as a whole keeps its rows' packs.
    return {(Path(path).parent.name, Path(path).name) for path in paths}


def _modified(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _size(path: Path) -> int:
    files: Iterator[Path] = path.rglob("*") if path.is_dir() else iter((path,))
    return sum(file.stat().st_size for file in files if file.is_file())


def _remove_if_empty(folder: Path) -> None:
    with suppress(OSError):  # not empty: other packs of the run are still named
        folder.rmdir()
