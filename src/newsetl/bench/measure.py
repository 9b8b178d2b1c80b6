"""Measuring: extraction in this process on one core, and whole runs in child processes with their peak memory.

A whole run (``newsetl ingest``, ``airflow dags test``) runs as a child process so its memory is its own: a
sampler thread adds up the resident memory of the child and every process it starts (the cleaning pool) every
few milliseconds and keeps the peak.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from newsetl.config import CleaningConfig
from newsetl.errors import DocumentError
from newsetl.records import DocumentFormat, RawDocument

__all__ = ["ProcessRun", "Timed", "TreeSampler", "raw_documents", "run_measured", "time_each", "time_side_by_side"]

_SAMPLE_SECONDS = 0.02


@dataclass(frozen=True, slots=True)
class Timed:
    """``documents`` handled in ``seconds``."""

    documents: int
    seconds: float
    failed: int = 0
    first_seconds: float = 0.0
    """The first of two passes over the same documents (``time_each``): what a new process pays."""

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    @property
    def first_rate(self) -> float:
        return self.documents / self.first_seconds if self.first_seconds > 0 else 0.0


@dataclass(frozen=True, slots=True)
class ProcessRun:
    """A child process run: wall seconds, peak memory, exit code and what it wrote as its summary."""

    seconds: float
    peak_rss: int
    """Peak of the summed resident memory of the process and all its descendants, bytes."""
    peak_rss_single: int
    """Peak resident memory of the largest single process, bytes."""
    returncode: int
    summary: dict[str, Any] = field(default_factory=dict)
    output_tail: str = ""
    cpu_seconds: float = 0.0
    """User plus system CPU of the process and every descendant it waited for (the cleaning pool)."""


def raw_documents(paths: Sequence[Path], fmt: DocumentFormat) -> list[RawDocument]:
    """The files as raw documents (JSON Lines: one per line), read before any clock starts."""
    documents = []
    for path in paths:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        if fmt == "jsonl":
            lines = [line for line in data.splitlines() if line.strip()]
            documents += [RawDocument("bench", f"{path.name}#L{n}", "jsonl", line) for n, line in enumerate(lines)]
        elif data.strip():
            documents.append(RawDocument("bench", path.name, fmt, data))
    return documents


def time_each(items: Sequence[Any], work: Callable[[Any], object], *, fresh: Callable[[], None] | None = None) -> Timed:
    """Time ``work`` over every item twice, in this process's CPU seconds (one core's work, whatever else the
    machine runs); the rate is the second pass's, the first is kept beside it.

    The first pass also pays for what a process loads once, when a document first needs it: the extractors'
    imports, the language model (0.4-0.7 s) when a document first has no language of its own, which is not the first
    document. One untimed call before the clock, as this did before, left most of that in the rate.

    ``fresh``, called before each pass, makes the process forget what it remembers of documents it has seen: the
    second pass reads the same documents again, which no run does.
    """
    return time_side_by_side(items, {"work": work}, fresh=fresh)["work"]


def time_side_by_side(
    items: Sequence[Any], works: dict[str, Callable[[Any], object]], *, fresh: Callable[[], None] | None = None
) -> dict[str, Timed]:
    """Time each of ``works`` over every item, taking turns item by item, twice (as ``time_each``).

    Timed apart, two extractors were compared across different moments of a shared machine: trafilatura's pages/s on
    the same 200 pages moved from 151 to 285 between runs, and with it the ratio (0.80-1.39x). Taking turns on each
    item puts both under the same conditions.
    """
    passes = []
    for _ in range(2):
        if fresh is not None:
            fresh()
        passes.append(_one_pass(items, works))
    first, second = passes
    return {name: Timed(len(items), second[name][0], second[name][1], first_seconds=first[name][0]) for name in works}


def _one_pass(items: Sequence[Any], works: dict[str, Callable[[Any], object]]) -> dict[str, tuple[float, int]]:
    seconds = dict.fromkeys(works, 0.0)
    failed = dict.fromkeys(works, 0)
    for item in items:
        for name, work in works.items():
            started = time.process_time()
            failed[name] += not _attempt(work, item)
            seconds[name] += time.process_time() - started
    return {name: (seconds[name], failed[name]) for name in works}


def _attempt(work: Callable[[Any], object], item: Any) -> bool:
    try:
        work(item)
    except DocumentError:
        return False
    return True


def extraction_work(cleaning: CleaningConfig) -> Callable[[RawDocument], object]:
    from newsetl.clean import extract_document

    return lambda document: extract_document(document, cleaning)


def run_measured(
    command: Sequence[str], *, env: dict[str, str] | None = None, summary: Path | None = None, timeout: float = 3600
) -> ProcessRun:
    """Run ``command`` to completion, sampling the memory of its process tree; read ``summary`` JSON after."""
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"newsetl-bench-{os.getpid()}.log"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log_path.open("w+b") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
        sampler = TreeSampler([process.pid])
        sampler.start()
        try:
            returncode = process.wait(timeout=timeout)
        finally:
            seconds = time.perf_counter() - started
            sampler.stop()
        output.seek(0)
        tail = output.read()[-4000:].decode("utf-8", errors="replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    log_path.unlink(missing_ok=True)
    document = json.loads(summary.read_text(encoding="utf-8")) if summary and summary.exists() else {}
    return ProcessRun(seconds, sampler.peak, sampler.peak_single, returncode, document, tail, cpu)


class TreeSampler(threading.Thread):
    """Samples the summed resident memory of processes and all their descendants; keeps the peaks."""

    def __init__(self, pids: Sequence[int], every: float = _SAMPLE_SECONDS) -> None:
        super().__init__(daemon=True)
        self._pids = list(pids)
        self._every = every
        self._stopped = threading.Event()
        self.peak = 0
        self.peak_single = 0

    def run(self) -> None:
        while not self._stopped.is_set():
            self._sample()
            self._stopped.wait(self._every)

    def stop(self) -> None:
        self._stopped.set()
        self.join()

    def _sample(self) -> None:
        processes = []
        for pid in self._pids:
            try:
                root = psutil.Process(pid)
                processes += [root, *root.children(recursive=True)]
            except psutil.Error:
                continue
        sizes = []
        for process in processes:
            try:
                sizes.append(process.memory_info().rss)
            except psutil.Error:
                continue
        self.peak = max(self.peak, sum(sizes))
        self.peak_single = max(self.peak_single, max(sizes, default=0))
