"""The analyst commands end to end: sql with search on the snapshot, --setup, publish, export."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb

from tests.conftest import SAMPLES, ConfigFactory
from tests.test_cli import NEWSETL, _newsetl


def test_search_setup_publish_and_export(write_config: ConfigFactory, tmp_path: Path) -> None:
    config = write_config([{"name": "scmp", "kind": "dumps", "location": str(SAMPLES / "scmp")}])
    _newsetl("ingest", "--config", str(config), "--no-progress")
    found = _newsetl(
        "sql", "--config", str(config), "--format", "json", "SELECT title FROM search_articles('tiktok data') LIMIT 1"
    )
    assert "data security" in json.loads(found.stdout)["title"]
    setup = _newsetl("sql", "--config", str(config), "--setup").stdout
    with duckdb.connect() as client:  # any DuckDB client of the same version
        client.execute(setup)
        assert client.execute("SELECT count(*) FROM stories").fetchone() == (2,)
    published = _newsetl("publish", "--config", str(config))
    assert "published" in published.stdout
    exported = _newsetl("export", "--config", str(config), "--out", str(tmp_path / "out"))
    assert "2 articles" in exported.stdout
    assert sorted(path.parent.parent.name for path in (tmp_path / "out" / "articles").rglob("*.parquet")) == [
        "source=scmp",
        "source=scmp",
    ]
    missing_query = _newsetl("sql", "--config", str(config), check=False)
    assert missing_query.returncode == 2
    assert "--setup" in missing_query.stderr


def test_raw_writes_a_documents_bytes_from_its_pack(write_config: ConfigFactory) -> None:
    config = write_config([{"name": "scmp", "kind": "dumps", "location": str(SAMPLES / "scmp")}])
    _newsetl("ingest", "--config", str(config), "--no-progress")
    query = "SELECT raw_id, landing_path FROM raw_documents WHERE uri = '001_harbour_ferry.txt'"
    row = json.loads(_newsetl("sql", "--config", str(config), "--format", "json", query).stdout)
    assert "/packs/" in row["landing_path"]
    command = [NEWSETL, "raw", "--config", str(config), row["raw_id"]]
    done = subprocess.run(command, capture_output=True, timeout=120, check=True)
    assert done.stdout == (SAMPLES / "scmp" / "001_harbour_ferry.txt").read_bytes()
    missing = _newsetl("raw", "--config", str(config), "0" * 64, check=False)
    assert missing.returncode == 2
    assert "no raw document" in missing.stderr
