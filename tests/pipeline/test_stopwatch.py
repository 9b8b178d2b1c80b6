from __future__ import annotations

import time

import pytest

from newsetl.pipeline.stopwatch import Stopwatch, add_timings


def test_a_phase_adds_its_wall_and_cpu_seconds_each_time_it_is_entered() -> None:
    stopwatch = Stopwatch()
    for _ in range(2):
        with stopwatch.phase("read"):
            # CPU work until both clocks have moved 10 ms: the process's CPU clock counts its other threads too
            # (the test process has some), so it alone may pass 10 ms before the wall clock does.
            cpu_deadline, wall_deadline = time.process_time() + 0.01, time.perf_counter() + 0.01
            while time.process_time() < cpu_deadline or time.perf_counter() < wall_deadline:
                pass
    assert set(stopwatch.seconds) == {"read", "read.cpu"}
    assert stopwatch.seconds["read"] >= 0.02
    assert stopwatch.seconds["read.cpu"] >= 0.02


def test_a_phase_that_raises_is_counted_and_the_error_goes_on() -> None:
    stopwatch = Stopwatch()
    with pytest.raises(ValueError, match="bad bytes"), stopwatch.phase("extract"):
        raise ValueError("bad bytes")
    assert stopwatch.seconds["extract"] >= 0.0
    assert "extract.cpu" in stopwatch.seconds


def test_timings_add_up_phase_by_phase() -> None:
    assert add_timings({"read": 1.0}, {"read": 0.5, "stage": 2.0}) == {"read": 1.5, "stage": 2.0}


WAIT = 0.05


def test_a_wait_while_a_clock_is_read_counts_in_the_phase(monkeypatch: pytest.MonkeyPatch) -> None:
    # A process sharing its core is often made to wait at a system call: reading the CPU clock is one. Whether the
    # wait comes at the phase's start or at its end, it belongs to the phase, not to no phase at all.
    cpu_clock = time.process_time

    def waiting_cpu_clock() -> float:
        time.sleep(WAIT)
        return cpu_clock()

    stopwatch = Stopwatch()
    monkeypatch.setattr(time, "process_time", waiting_cpu_clock)
    with stopwatch.phase("extract"):
        pass
    monkeypatch.undo()
    assert stopwatch.seconds["extract"] >= 2 * WAIT
