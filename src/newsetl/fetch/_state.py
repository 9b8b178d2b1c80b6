"""The fetch state: one SQLite file every fetching process shares (mapped Airflow tasks are separate processes).

- ``hosts`` / ``leases``: when each host may next be asked, and the requests in flight to it (politeness).
- ``robots``: each origin's robots.txt, cached for a day.
- ``resources``: per URL, the validators (ETag, Last-Modified) and the landed body of the last 200.
- ``items``: per source, every URL discovered (feed item, sitemap entry, list line) with its date and the
  outcome of its last fetch — what a run's interval selects from.
- ``fetch_log``: every fetch outcome, per run, copied into the warehouse's ``fetch_log`` by the load.

Writes take SQLite's write lock (``BEGIN IMMEDIATE``) for the few milliseconds they need; WAL mode lets
readers go on meanwhile. The file must live on a file system with working locks (a local disk or a volume
shared by one machine's workers).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS hosts (host TEXT PRIMARY KEY, next_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS leases (id TEXT PRIMARY KEY, host TEXT NOT NULL, expires_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS robots (
    origin TEXT PRIMARY KEY, status INTEGER, body TEXT, expires_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS resources (
    url TEXT PRIMARY KEY, final_url TEXT, status INTEGER, etag TEXT, last_modified TEXT, raw_id TEXT,
    landing_path TEXT, content_type TEXT, headers TEXT, fetched_at TEXT);
CREATE TABLE IF NOT EXISTS items (
    source TEXT NOT NULL, url TEXT NOT NULL, role TEXT NOT NULL, item_time REAL, metadata TEXT,
    outcome TEXT, code TEXT, reason TEXT, status INTEGER, run_id TEXT, attempted_at TEXT,
    PRIMARY KEY (source, url));
CREATE INDEX IF NOT EXISTS items_by_time ON items (source, item_time);
CREATE TABLE IF NOT EXISTS fetch_log (
    run_id TEXT NOT NULL, source TEXT NOT NULL, url TEXT NOT NULL, purpose TEXT NOT NULL,
    outcome TEXT NOT NULL, status INTEGER, code TEXT, reason TEXT, bytes INTEGER NOT NULL, raw_id TEXT,
    final_url TEXT, content_type TEXT, headers TEXT, attempts INTEGER NOT NULL, elapsed_ms INTEGER NOT NULL,
    fetched_at TEXT NOT NULL, PRIMARY KEY (run_id, source, url));
"""
_BUSY_TIMEOUT_SECONDS = 60.0
_WAL_RETRY_SECONDS = 0.02


@dataclass(frozen=True, slots=True)
class Resource:
    """What the state knows of a URL from its last successful fetch."""

    url: str
    final_url: str | None
    etag: str | None
    last_modified: str | None
    raw_id: str | None
    landing_path: str | None
    content_type: str | None
    headers: dict[str, str]
    fetched_at: str | None


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch the file to write-ahead logging, waiting for other processes that open it at the same moment.

    The switch needs the file to itself, and SQLite answers "database is locked" at once, without waiting, when
    waiting could deadlock: fetch tasks that start together on a new state file failed so (1 to 7 of 240 openings
    by six processes at once, in each of four runs). Once the file is in WAL mode, the switch is a no-op.
    """
    deadline = time.monotonic() + _BUSY_TIMEOUT_SECONDS
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(_WAL_RETRY_SECONDS)


class FetchState:
    """A connection to the state file; cheap to open, one per process (or thread)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
        self._lock = threading.Lock()
        _use_wal(self._db)
        self._db.execute("PRAGMA synchronous=NORMAL")
        with self.transaction() as db:
            for statement in filter(str.strip, _SCHEMA.split(";")):
                db.execute(statement)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: other processes' writers wait (up to a minute), readers go on."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    # Politeness ---------------------------------------------------------------------------------------------

    def try_acquire(self, host: str, now: float, delay: float, concurrency: int, lease_seconds: float) -> str | float:
        """A lease id if a request to ``host`` may start now, else the seconds to wait before asking again."""
        with self.transaction() as db:
            db.execute("DELETE FROM leases WHERE expires_at < ?", (now,))
            (active,) = db.execute("SELECT count(*) FROM leases WHERE host = ?", (host,)).fetchone()
            row = db.execute("SELECT next_at FROM hosts WHERE host = ?", (host,)).fetchone()
            next_at = row[0] if row else 0.0
            if active >= concurrency or now < next_at:
                return max(next_at - now, 0.05)
            lease = uuid.uuid4().hex
            db.execute("INSERT INTO leases VALUES (?, ?, ?)", (lease, host, now + lease_seconds))
            db.execute("INSERT OR REPLACE INTO hosts VALUES (?, ?)", (host, now + delay))
            return lease

    def release(self, lease: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM leases WHERE id = ?", (lease,))

    def defer_host(self, host: str, until: float) -> None:
        """No request to ``host`` before ``until`` (a server's Retry-After), from any process."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO hosts VALUES (?, ?) "
                "ON CONFLICT (host) DO UPDATE SET next_at = max(next_at, excluded.next_at)",
                (host, until),
            )

    # robots.txt ---------------------------------------------------------------------------------------------

    def robots(self, origin: str, now: float) -> tuple[int | None, str] | None:
        rows = self.query("SELECT status, body FROM robots WHERE origin = ? AND expires_at > ?", (origin, now))
        return (rows[0][0], rows[0][1] or "") if rows else None

    def save_robots(self, origin: str, status: int | None, body: str, expires_at: float) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO robots VALUES (?, ?, ?, ?)", (origin, status, body, expires_at))

    # Resources (HTTP cache) ---------------------------------------------------------------------------------

    def resource(self, url: str) -> Resource | None:
        rows = self.query(
            "SELECT url, final_url, etag, last_modified, raw_id, landing_path, content_type, headers, fetched_at "
            "FROM resources WHERE url = ?",
            (url,),
        )
        if not rows:
            return None
        url, final_url, etag, last_modified, raw_id, landing_path, content_type, headers, fetched_at = rows[0]
        return Resource(
            url,
            final_url,
            etag,
            last_modified,
            raw_id,
            landing_path,
            content_type,
            json.loads(headers or "{}"),
            fetched_at,
        )

    def save_resource(self, resource: Resource, status: int) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO resources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    resource.url,
                    resource.final_url,
                    status,
                    resource.etag,
                    resource.last_modified,
                    resource.raw_id,
                    resource.landing_path,
                    resource.content_type,
                    json.dumps(resource.headers),
                    resource.fetched_at,
                ),
            )

    # Items (what sources offered) and the fetch log ---------------------------------------------------------

    def add_items(self, source: str, role: str, rows: list[tuple[str, float | None, dict[str, Any]]]) -> None:
        """Remember discovered URLs; a URL keeps the first date it was given unless it had none."""
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO items (source, url, role, item_time, metadata) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (source, url) DO UPDATE SET item_time = coalesce(items.item_time, excluded.item_time), "
                "metadata = excluded.metadata",
                [(source, url, role, moment, json.dumps(metadata, default=str)) for url, moment, metadata in rows],
            )

    def items(self, source: str, start: float | None, end: float | None) -> list[dict[str, Any]]:
        """The source's items dated in ``[start, end)`` (all of them when unbounded), in the order first seen."""
        where = "source = ?"
        parameters: list[Any] = [source]
        if start is not None and end is not None:
            where += " AND item_time >= ? AND item_time < ?"
            parameters += [start, end]
        columns = ("url", "role", "item_time", "metadata", "outcome", "code", "reason", "status", "run_id")
        rows = self.query(f"SELECT {', '.join(columns)} FROM items WHERE {where} ORDER BY rowid", tuple(parameters))
        return [dict(zip(columns, row, strict=True)) | {"metadata": json.loads(row[3] or "{}")} for row in rows]

    def record(self, run_id: str, source: str, purpose: str, result: dict[str, Any]) -> None:
        """Store a fetch outcome: the item's last outcome and a fetch-log row for the run."""
        with self.transaction() as db:
            db.execute(
                "UPDATE items SET outcome = ?, code = ?, reason = ?, status = ?, run_id = ?, attempted_at = ? "
                "WHERE source = ? AND url = ?",
                (
                    result["outcome"],
                    result["code"],
                    result["reason"],
                    result["status"],
                    run_id,
                    result["fetched_at"],
                    source,
                    result["url"],
                ),
            )
            db.execute(
                "INSERT OR REPLACE INTO fetch_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    source,
                    result["url"],
                    purpose,
                    result["outcome"],
                    result["status"],
                    result["code"],
                    result["reason"],
                    result["bytes"],
                    result["raw_id"],
                    result["final_url"],
                    result["content_type"],
                    json.dumps(result["headers"]),
                    result["attempts"],
                    result["elapsed_ms"],
                    result["fetched_at"],
                ),
            )

    def fetch_log(self, run_id: str) -> list[dict[str, Any]]:
        with self._lock:
            cursor = self._db.execute("SELECT * FROM fetch_log WHERE run_id = ? ORDER BY source, url", (run_id,))
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
