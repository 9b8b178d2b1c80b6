"""The ``fetch_log`` table: a run's fetch outcomes, copied from the fetch state by the one writer."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

_COLUMNS = {
    "run_id": "VARCHAR",
    "source": "VARCHAR",
    "url": "VARCHAR",
    "purpose": "VARCHAR",
    "outcome": "VARCHAR",
    "status": "INTEGER",
    "code": "VARCHAR",
    "reason": "VARCHAR",
    "bytes": "BIGINT",
    "raw_id": "VARCHAR",
    "final_url": "VARCHAR",
    "content_type": "VARCHAR",
    "headers": "JSON",
    "attempts": "INTEGER",
    "elapsed_ms": "INTEGER",
    "fetched_at": "TIMESTAMPTZ",
}


def replace_fetch_log(
    connection: duckdb.DuckDBPyConnection, run_id: str, rows: Sequence[dict[str, Any]], scratch: Path
) -> int:
    """Make ``fetch_log`` hold exactly ``rows`` for ``run_id`` (via a JSON Lines file, not row by row)."""
    connection.execute("DELETE FROM fetch_log WHERE run_id = ?", [run_id])
    if not rows:
        return 0
    scratch.parent.mkdir(parents=True, exist_ok=True)
    with scratch.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps({name: row.get(name) for name in _COLUMNS}, ensure_ascii=False) + "\n")
    struct = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in _COLUMNS.items()) + "}"
    connection.execute(
        f"INSERT INTO fetch_log BY NAME SELECT * FROM read_json(?, format = 'newline_delimited', columns = {struct})",
        [str(scratch)],
    )
    return len(rows)
