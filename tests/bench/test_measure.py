"""Timing extraction: two passes over the same documents, the rate from the second, extractors taking turns."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsetl.bench import measure
from newsetl.bench.measure import time_each, time_side_by_side
from newsetl.errors import ExtractionError

ITEM_SECONDS = 1.0
LOAD_SECONDS = 100.0


def test_the_rate_is_the_second_pass_and_the_first_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    # A clock that moves only when the work says so: each item costs a second, and a model that loads once, when an
    # item first needs it (not the first item), costs a hundred.
    now = [0.0]
    monkeypatch.setattr(measure.time, "process_time", lambda: now[0])
    calls: list[int] = []
    loaded: set[str] = set()

    def work(item: int) -> None:
        calls.append(item)
        now[0] += ITEM_SECONDS
        if item == 3 and "model" not in loaded:
            now[0] += LOAD_SECONDS
            loaded.add("model")
        if item == 4:
            raise ExtractionError("no article text")

    timed = time_each([1, 2, 3, 4, 5], work)
    monkeypatch.undo()
    assert calls == [1, 2, 3, 4, 5] * 2
    assert (timed.documents, timed.failed) == (5, 1)
    assert timed.seconds == 5 * ITEM_SECONDS  # the second pass: no load in it
    assert timed.first_seconds == 5 * ITEM_SECONDS + LOAD_SECONDS
    assert timed.rate == 1.0
    assert timed.first_rate == 5 / 105


def test_two_extractors_take_turns_on_each_item_and_are_timed_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [0.0]
    monkeypatch.setattr(measure.time, "process_time", lambda: now[0])
    calls: list[tuple[str, int]] = []

    def costing(name: str, seconds: float) -> Callable[[int], None]:
        def work(item: int) -> None:
            calls.append((name, item))
            now[0] += seconds

        return work

    timed = time_side_by_side([1, 2, 3], {"ours": costing("ours", 1.0), "theirs": costing("theirs", 3.0)})
    monkeypatch.undo()
    assert calls[:4] == [("ours", 1), ("theirs", 1), ("ours", 2), ("theirs", 2)]
    assert len(calls) == 12  # two passes
    assert (timed["ours"].seconds, timed["theirs"].seconds) == (3.0, 9.0)
    assert timed["ours"].rate / timed["theirs"].rate == 3.0


def test_the_process_forgets_what_it_saw_before_each_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # A work that remembers the items it saw is cheaper on items seen before: the second pass over the same items
    # must not be, as no run reads its documents twice.
    now = [0.0]
    monkeypatch.setattr(measure.time, "process_time", lambda: now[0])
    seen: set[int] = set()

    def work(item: int) -> None:
        now[0] += 0.1 if item in seen else ITEM_SECONDS
        seen.add(item)

    timed = time_each([1, 2, 3], work, fresh=seen.clear)
    monkeypatch.undo()
    assert timed.seconds == timed.first_seconds == 3 * ITEM_SECONDS
