"""The fetch state file opened by many processes at once, as fetch tasks that start together open it."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from newsetl.fetch import FetchState

_ROUND_TIMEOUT_SECONDS = 60


def _open(path: str) -> str:
    try:
        FetchState(Path(path)).close()
    except Exception as exc:  # reported, so the test names what failed
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def test_processes_opening_a_new_state_file_at_once_all_open_it(tmp_path: Path) -> None:
    # Before the switch to WAL waited for the others, 1 to 7 of 240 such openings failed ("database is locked").
    # Spawned, not forked: by now the test process has threads (servers, pools), and a child forked while one of
    # them holds a lock can hang for ever; a fresh-clone CI run stopped here so. The timeout turns any hang into
    # a failure.
    with multiprocessing.get_context("spawn").Pool(6) as pool:
        for round_ in range(60):
            state = tmp_path / f"round-{round_}" / "state.sqlite"
            outcomes = pool.map_async(_open, [str(state)] * 6).get(timeout=_ROUND_TIMEOUT_SECONDS)
            assert set(outcomes) == {"ok"}
