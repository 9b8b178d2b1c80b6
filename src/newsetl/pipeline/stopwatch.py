"""Where a stage's time goes: seconds per phase, summed over a batch, reported with the batch's counts.

The cost is four clock reads a phase (about a microsecond), so it stays on in production: `newsetl ingest`
prints the figures, the benchmark reads them, and Airflow's task logs show them per batch.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

__all__ = ["Stopwatch", "add_timings"]


class Stopwatch:
    """Accumulates seconds per named phase: wall clock under ``name``, this process's CPU under ``name.cpu``.

    On a busy machine wall time includes waiting for a core; CPU time is what the work itself cost.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
            key = f"{name}.cpu"
            self.seconds[key] = self.seconds.get(key, 0.0) + time.process_time() - cpu


def add_timings(total: dict[str, float], more: Mapping[str, float]) -> dict[str, float]:
    """``total`` with ``more`` added phase by phase (in place, and returned)."""
    for name, seconds in more.items():
        total[name] = total.get(name, 0.0) + seconds
    return total
