"""Timing extraction: two passes over the same documents, the rate from the second."""

from __future__ import annotations

import time

from newsetl.bench.measure import time_each
from newsetl.errors import ExtractionError

LOAD_SECONDS = 0.05


def test_the_rate_is_the_second_pass_and_the_first_is_kept() -> None:
    calls: list[int] = []
    loaded: set[str] = set()

    def work(item: int) -> None:
        calls.append(item)
        if item == 3 and "model" not in loaded:  # loads once, when an item first needs it (not the first item)
            time.sleep(LOAD_SECONDS)
            loaded.add("model")
        if item == 4:
            raise ExtractionError("no article text")

    timed = time_each([1, 2, 3, 4, 5], work)
    assert calls == [1, 2, 3, 4, 5] * 2
    assert (timed.documents, timed.failed) == (5, 1)
    assert timed.first_seconds >= LOAD_SECONDS  # the load fell in the first pass, whose time is kept apart
    assert timed.first_rate == 5 / timed.first_seconds
    assert timed.rate == 5 / timed.seconds
