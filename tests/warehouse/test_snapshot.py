"""Reading while loading: an analyst's open session neither makes a load fail nor sees half a load."""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsetl.config import Settings, load_settings
from newsetl.discover import Interval
from newsetl.errors import WarehouseError
from newsetl.ingest import ingest
from newsetl.pipeline import RunSpec
from newsetl.warehouse import open_snapshot, snapshot
from newsetl.warehouse._copy import clone_file
from newsetl.warehouse.snapshot import BASE_SUFFIX, RETIRED_SUFFIX, _prove_whole
from tests.conftest import REPO, ConfigFactory
from tests.warehouse.snapshot_reader import state

STORY = "Harbour ferry {n}\n\nThe harbour ferry number {n} sailed again today after repairs to its engine.\n"


def _ingest(settings: Settings, run_id: str) -> None:
    spec = RunSpec(run_id, "cli", Interval.unbounded(), ("dumps",), datetime(2026, 11, 30, tzinfo=UTC))
    outcome = ingest(settings, spec, progress=False)
    assert outcome.ok, outcome.failure


@pytest.fixture
def settings(write_config: ConfigFactory, dumps_dir: Path) -> Settings:
    for n in range(3):
        (dumps_dir / f"ferry-{n}.txt").write_text(STORY.format(n=n), encoding="utf-8")
    return load_settings(write_config([{"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}]))


@pytest.fixture
def as_without_clones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Publications as a filesystem that cannot clone files (ext4, where this suite runs) makes them.

    On one that can (XFS, Btrfs), every publication is a clone and no base is ever written: there, and only
    there, the clone is refused as ext4 refuses it.
    """
    probe = tmp_path / "clone-probe"
    probe.write_bytes(b"probe")
    if clone_file(probe, tmp_path / "clone-probe-copy"):
        monkeypatch.setattr(snapshot, "clone_file", lambda *_: False)


def _start_reader(settings: Settings, stop: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.warehouse.snapshot_reader", str(settings.snapshot), str(stop)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )


def _line(reader: subprocess.Popen[str]) -> dict[str, Any]:
    assert reader.stdout is not None
    line = reader.stdout.readline()
    assert line, "the reader process ended early"
    return dict(json.loads(line))


@pytest.mark.usefixtures("as_without_clones")
def test_a_load_succeeds_while_another_process_reads_and_the_reader_sees_whole_states(
    settings: Settings, dumps_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _ingest(settings, "run-0")  # so that run-2's publication writes over the snapshot run-1 replaces
    _ingest(settings, "run-1")
    with open_snapshot(settings.snapshot) as connection:
        old = state(connection)
    stop = tmp_path / "stop"
    reader = _start_reader(settings, stop)
    try:
        assert _line(reader) == {"held": old}
        for n in range(3, 40):  # new articles, and one corrected
            (dumps_dir / f"ferry-{n}.txt").write_text(STORY.format(n=n), encoding="utf-8")
        (dumps_dir / "ferry-0.txt").write_text(STORY.format(n=0) + "\nA correction was added.\n", encoding="utf-8")
        with caplog.at_level(logging.INFO, logger="newsetl.warehouse"):
            _ingest(settings, "run-2")
        assert _published(caplog)[-1].endswith("(over the snapshot before the last)")
        with open_snapshot(settings.snapshot) as connection:
            new = state(connection)
        seen = [_line(reader)["fresh"]]
        while seen[-1] != new:
            seen.append(_line(reader)["fresh"])
        stop.touch()
        held_after = _line(reader)["held_after"]
    finally:
        stop.touch()
        reader.wait(timeout=60)
    assert reader.returncode == 0
    assert old != new
    assert old[0] == "run-1"
    assert new[0] == "run-2"
    assert all(observed in (old, new) for observed in seen), seen
    assert held_after == old  # the open session kept the state it opened, whole


def test_a_reader_holding_the_snapshot_does_not_lock_the_warehouse(settings: Settings, tmp_path: Path) -> None:
    _ingest(settings, "run-1")
    with open_snapshot(settings.snapshot):
        _ingest(settings, "run-2")
        with duckdb.connect(str(settings.warehouse)) as writer:  # the writer's own file is free
            assert writer.execute("SELECT count(*) FROM runs").fetchone() == (2,)


def test_the_snapshot_is_read_only(settings: Settings) -> None:
    _ingest(settings, "run-1")
    with open_snapshot(settings.snapshot) as connection, pytest.raises(duckdb.Error, match="read-only"):
        connection.execute("DELETE FROM articles")
    assert settings.snapshot.stat().st_mode & 0o222 == 0


def test_no_snapshot_yet_is_a_clear_error(settings: Settings) -> None:
    with pytest.raises(WarehouseError, match="newsetl publish"):
        open_snapshot(settings.snapshot)


def test_a_copy_that_does_not_open_is_refused_and_nothing_stays_attached(settings: Settings, tmp_path: Path) -> None:
    _ingest(settings, "run-1")
    # A copy cut short, as a full disk or a failing device would leave it: the proof refuses it.
    torn = tmp_path / "torn.duckdb"
    torn.write_bytes(settings.warehouse.read_bytes()[:4096])
    with duckdb.connect(str(settings.warehouse)) as connection:
        with pytest.raises(WarehouseError, match="does not open as a database"):
            _prove_whole(connection, torn)
        assert connection.execute("SELECT count(*) FROM duckdb_databases() WHERE NOT internal").fetchone() == (1,)
        _prove_whole(connection, settings.snapshot)  # the published one opens, and is detached again
        assert connection.execute("SELECT count(*) FROM duckdb_databases() WHERE NOT internal").fetchone() == (1,)


def _retired(settings: Settings) -> list[str]:
    for thread in threading.enumerate():
        if thread.name == "newsetl-snapshot-retire":
            thread.join()
    return sorted(path.name for path in settings.snapshot.parent.glob(f"*{RETIRED_SUFFIX}"))


@pytest.mark.usefixtures("as_without_clones")
def test_the_replaced_snapshot_stays_as_the_next_base_and_stale_files_go(settings: Settings) -> None:
    _ingest(settings, "run-1")
    first = settings.snapshot.stat().st_ino
    reader = duckdb.connect(str(settings.snapshot), read_only=True)  # an analyst on the first snapshot
    # What a process killed while it removed a base, renamed the replaced snapshot or copied, would leave behind:
    stale = [
        settings.snapshot.with_name(f".{settings.snapshot.name}.999999{suffix}")
        for suffix in (RETIRED_SUFFIX, ".next", ".tmp")
    ]
    for path in stale:
        path.write_bytes(b"an older snapshot")
    _ingest(settings, "run-2")
    assert settings.snapshot.stat().st_ino != first
    assert _base(settings).stat().st_ino == first  # the next publication writes over it, once nobody reads it
    assert _retired(settings) == []
    assert not any(path.exists() for path in stale)
    assert reader.execute("SELECT count(*) FROM runs").fetchone() == (1,)  # still the whole first snapshot
    reader.close()
    with open_snapshot(settings.snapshot) as session:
        assert session.execute("SELECT count(*) FROM news.runs").fetchone() == (2,)


@pytest.mark.usefixtures("as_without_clones")
def test_a_publication_writes_over_the_base_unless_someone_still_reads_it(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    _ingest(settings, "run-1")
    reader = duckdb.connect(str(settings.snapshot), read_only=True)  # on run-1's snapshot, run-2's base
    caplog.clear()  # run-1's publication, where logging already let it through
    with caplog.at_level(logging.INFO, logger="newsetl.warehouse"):
        _ingest(settings, "run-2")
        _ingest(settings, "run-3")  # its base is run-1's snapshot, still open: a whole copy, the reader untouched
        assert any("the snapshot before the last is still open" in record.getMessage() for record in caplog.records)
        assert reader.execute("SELECT count(*) FROM runs").fetchone() == (1,)
        reader.close()
        base_before = _base(settings).stat().st_ino  # run-2's snapshot, which nobody has open
        _ingest(settings, "run-4")
    assert [message.rsplit("(", 1)[1] for message in _published(caplog)] == [
        "a whole copy)",  # no base yet: run-1's snapshot was the first
        "a whole copy)",
        "over the snapshot before the last)",
    ]
    assert settings.snapshot.stat().st_ino == base_before  # run-2's file now holds run-4's state
    assert settings.snapshot.read_bytes() == settings.warehouse.read_bytes()
    assert settings.snapshot.stat().st_mode & 0o222 == 0
    with open_snapshot(settings.snapshot) as session:
        assert session.execute("SELECT count(*) FROM news.runs").fetchone() == (4,)


def test_without_a_base_every_publication_copies_the_whole_file_and_keeps_no_older_one(
    write_config: ConfigFactory, dumps_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (dumps_dir / "ferry-0.txt").write_text(STORY.format(n=0), encoding="utf-8")
    source = {"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}
    settings = load_settings(write_config([source]))
    _ingest(settings, "run-1")
    _ingest(settings, "run-2")
    assert _base(settings).exists()  # kept by default
    settings = load_settings(write_config([source], snapshot_base=False))
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="newsetl.warehouse"):
        _ingest(settings, "run-3")
        _ingest(settings, "run-4")
    assert [message.rsplit("(", 1)[1] for message in _published(caplog)] in (
        ["a whole copy)"] * 2,
        ["a clone sharing the warehouse's blocks)"] * 2,  # where the filesystem clones (XFS, Btrfs)
    )
    assert not _base(settings).exists()  # the one kept before is gone too
    assert _retired(settings) == []
    assert sorted(path.name for path in settings.snapshot.parent.glob(f".{settings.snapshot.name}*")) == []
    with open_snapshot(settings.snapshot) as session:
        assert session.execute("SELECT count(*) FROM news.runs").fetchone() == (4,)


def _base(settings: Settings) -> Path:
    return settings.snapshot.with_name(f".{settings.snapshot.name}{BASE_SUFFIX}")


def _published(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "newsetl.warehouse" and record.getMessage().startswith("published ")
    ]


def test_without_hard_links_the_rename_frees_the_old_snapshot(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ingest(settings, "run-1")

    # A filesystem without hard links (some network and FAT ones), as os.link fails there: none can be mounted here.
    def refuse(*_: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    _ingest(settings, "run-2")
    assert _retired(settings) == []
    assert not _base(settings).exists()  # nothing to write over next time: each publication copies the whole file
    with open_snapshot(settings.snapshot) as session:
        assert session.execute("SELECT count(*) FROM news.runs").fetchone() == (2,)


@pytest.mark.usefixtures("as_without_clones")
def test_each_publication_says_what_it_wrote_and_how_long_it_took(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    # A whole copy grows with the warehouse, not with the run: the log is where an operator sees it grow.
    spec = RunSpec("run-1", "cli", Interval.unbounded(), ("dumps",), datetime(2026, 11, 30, tzinfo=UTC))
    with caplog.at_level(logging.INFO, logger="newsetl.warehouse"):
        outcome = ingest(settings, spec, progress=False)
    (message,) = _published(caplog)
    said = re.fullmatch(
        r"published \S+ as (\S+) \(run run-1\): (\d+\.\d) MB, (\d+\.\d) MB of it written in (\d+\.\d\d) s "
        r"\(a whole copy\)",
        message,
    )
    assert said is not None, message
    assert said[1] == str(settings.snapshot)
    assert said[2] == said[3] == f"{settings.snapshot.stat().st_size / 1e6:.1f}"
    # The copy is part of the check step's publish part, which the run reports.
    assert float(said[4]) <= outcome.timings["check.publish"] + 0.005
