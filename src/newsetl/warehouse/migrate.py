"""Versioned schema: ``sql/NNN_name.sql`` files applied in order, each once, each recorded."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from newsetl.errors import MigrationError
from newsetl.warehouse.fts import load_fts

log = logging.getLogger("newsetl.warehouse")

_MIGRATION_RE = re.compile(r"^(?P<version>\d{3})_(?P<name>[a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def sql_dir() -> Path:
    """``$NEWSETL_SQL_DIR``, else the ``sql/`` shipped in the wheel, else the repository's ``sql/``."""
    if configured := os.environ.get("NEWSETL_SQL_DIR"):
        return Path(configured)
    packaged = Path(__file__).resolve().parent.parent / "sql"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[3] / "sql"


def migrations(folder: Path | None = None) -> list[Migration]:
    found = []
    for path in sorted((folder or sql_dir()).glob("*.sql")):
        match = _MIGRATION_RE.match(path.name)
        if match is None:
            raise MigrationError(f"{path.name}: schema files must be named NNN_name.sql")
        found.append(Migration(int(match.group("version")), match.group("name"), path))
    return found


def migrate(connection: duckdb.DuckDBPyConnection, folder: Path | None = None) -> list[int]:
    """Apply the pending schema files; return the versions applied now."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, checksum VARCHAR NOT NULL, "
        "applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)"
    )
    applied = dict(connection.execute("SELECT version, checksum FROM schema_migrations").fetchall())
    done: list[int] = []
    for migration in migrations(folder):
        if migration.version in applied:
            _warn_if_changed(migration, applied[migration.version])
            continue
        if not done:
            load_fts(connection)  # the search schema files build an fts index and macros that call `stem`
        _apply(connection, migration)
        done.append(migration.version)
    return done


def _apply(connection: duckdb.DuckDBPyConnection, migration: Migration) -> None:
    log.info("applying schema %03d_%s", migration.version, migration.name)
    try:
        connection.execute("BEGIN")
        connection.execute(migration.sql)
        connection.execute(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)",
            [migration.version, migration.name, migration.checksum],
        )
        connection.execute("COMMIT")
    except duckdb.Error as exc:
        connection.execute("ROLLBACK")
        raise MigrationError(f"schema file {migration.path.name} failed: {exc}") from exc


def _warn_if_changed(migration: Migration, checksum: str) -> None:
    if checksum != migration.checksum:
        log.warning(
            "schema file %s changed after it was applied; add a new numbered file instead of editing it",
            migration.path.name,
        )
