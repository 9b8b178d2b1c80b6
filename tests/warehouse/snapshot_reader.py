"""An analyst in another process, for the reading-while-loading test.

Opens a session on the snapshot and keeps it open; meanwhile opens a fresh session every few milliseconds.
Prints one JSON line per distinct state seen, then, once ``<stop file>`` exists, what the held session sees.
Gives up after 120 s, so a test waiting for it can never hang.
Usage: python -m tests.warehouse.snapshot_reader SNAPSHOT STOP_FILE
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

from newsetl.warehouse import open_snapshot

# Several tables one run writes: a snapshot caught between two of them would not match any whole state.
FINGERPRINT = """
SELECT (SELECT max(run_id) FROM publications), (SELECT count(*) FROM articles),
       (SELECT count(*) FROM article_versions), (SELECT count(*) FROM runs WHERE status IN ('checked', 'failed')),
       (SELECT count(*) FROM check_results), (SELECT count(*) FROM search_articles('harbour'))
"""


def state(connection: duckdb.DuckDBPyConnection) -> list[Any]:
    row = connection.execute(FINGERPRINT).fetchone()
    return list(row) if row else []


def main(snapshot: Path, stop: Path) -> None:
    held = open_snapshot(snapshot)
    print(json.dumps({"held": state(held)}), flush=True)
    seen: list[list[Any]] = []
    deadline = time.monotonic() + 120
    while not stop.exists() and time.monotonic() < deadline:
        with open_snapshot(snapshot) as fresh:
            current = state(fresh)
        if not seen or seen[-1] != current:
            seen.append(current)
            print(json.dumps({"fresh": current}), flush=True)
        time.sleep(0.01)
    print(json.dumps({"held_after": state(held)}), flush=True)
    held.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
