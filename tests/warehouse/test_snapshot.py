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
from newsetl.warehouse.snapshot import RETIRED_SUFFIX, _prove_whole, copy_file
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


def test_a_load_succeeds_while_another_process_reads_and_the_reader_sees_whole_states(
    settings: Settings, dumps_dir: Path, tmp_path: Path
) -> None:
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
        _ingest(settings, "run-2")
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


def test_a_copy_is_the_same_bytes_in_the_kernel_or_through_user_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "warehouse.duckdb"
    source.write_bytes(bytes(range(256)) * 40_000)  # 10 MB
    copied: list[int] = []
    kernel_copy = os.copy_file_range

    def counted(*arguments: int) -> int:
        copied.append(kernel_copy(*arguments))
        return copied[-1]

    monkeypatch.setattr(os, "copy_file_range", counted)
    handed: list[tuple[int, int]] = []
    real_writeback = snapshot.start_writeback

    def start_writeback(descriptor: int, offset: int, length: int) -> None:
        handed.append((offset, length))
        real_writeback(descriptor, offset, length)

    monkeypatch.setattr(snapshot, "start_writeback", start_writeback)
    copy_file(source, tmp_path / "kernel")
    assert sum(copied) == source.stat().st_size  # the kernel copied it all, not the fallback
    # Each piece was handed to the disk as it was copied: the pieces cover the file, in order, a few MiB each.
    assert [offset for offset, _ in handed] == [sum(length for _, length in handed[:i]) for i in range(len(handed))]
    assert sum(length for _, length in handed) == source.stat().st_size
    assert len(handed) == 3
    assert max(length for _, length in handed) <= 4 << 20

    # A copy_file_range that fails as it does across filesystems: no second filesystem can be mounted here.
    def refuse(*_: object) -> int:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refuse)
    copy_file(source, tmp_path / "user")
    assert (tmp_path / "kernel").read_bytes() == (tmp_path / "user").read_bytes() == source.read_bytes()


def test_the_kernel_is_asked_to_start_writing_a_range_where_it_can_be(tmp_path: Path) -> None:
    path = tmp_path / "dirty"
    path.write_bytes(b"x" * 1_000_000)
    with path.open("rb+") as stream:
        snapshot.start_writeback(stream.fileno(), 0, 1_000_000)  # returns at once, here or anywhere
    call = snapshot._sync_file_range()
    if not sys.platform.startswith("linux"):
        assert call is None  # no such call: a copy still ends with its whole fsync
        return
    # Found where it exists: without it, a copy would still be right but wait for its whole fsync.
    assert call is not None
    with path.open("rb+") as stream:
        assert call(stream.fileno(), 0, 1_000_000, 2) == 0
    assert call(-1, 0, 1, 2) == -1  # a bad descriptor is refused: the call reaches the kernel


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


def test_the_replaced_snapshot_is_removed_and_a_stale_one_too(settings: Settings) -> None:
    _ingest(settings, "run-1")
    first = settings.snapshot.stat().st_ino
    reader = duckdb.connect(str(settings.snapshot), read_only=True)  # an analyst on the first snapshot
    # What a process killed while it removed the snapshot before would leave behind:
    stale = settings.snapshot.with_name(f".{settings.snapshot.name}.999999{RETIRED_SUFFIX}")
    stale.write_bytes(b"an older snapshot")
    _ingest(settings, "run-2")
    assert settings.snapshot.stat().st_ino != first
    assert _retired(settings) == []
    assert reader.execute("SELECT count(*) FROM runs").fetchone() == (1,)  # still the whole first snapshot
    reader.close()
    with open_snapshot(settings.snapshot) as session:
        assert session.execute("SELECT count(*) FROM news.runs").fetchone() == (2,)


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
    with open_snapshot(settings.snapshot) as session:
        assert session.execute("SELECT count(*) FROM news.runs").fetchone() == (2,)


def test_each_publication_says_what_it_copied_and_how_long_it_took(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    # The copy grows with the warehouse, not with the run: the log is where an operator sees it grow.
    spec = RunSpec("run-1", "cli", Interval.unbounded(), ("dumps",), datetime(2026, 11, 30, tzinfo=UTC))
    with caplog.at_level(logging.INFO, logger="newsetl.warehouse"):
        outcome = ingest(settings, spec, progress=False)
    (message,) = [
        record.getMessage()
        for record in caplog.records
        if record.name == "newsetl.warehouse" and record.getMessage().startswith("published ")
    ]
    said = re.fullmatch(r"published \S+ as (\S+) \(run run-1\): (\d+\.\d) MB copied in (\d+\.\d\d) s", message)
    assert said is not None, message
    assert said[1] == str(settings.snapshot)
    assert said[2] == f"{settings.snapshot.stat().st_size / 1e6:.1f}"
    # The copy is part of the check step's publish part, which the run reports.
    assert float(said[3]) <= outcome.timings["check.publish"] + 0.005
