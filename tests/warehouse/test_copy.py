"""Copying the warehouse file for the snapshot: whole in the kernel, or only the pieces an older copy lacks."""

from __future__ import annotations

import errno
import fcntl
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from newsetl.warehouse import _copy
from newsetl.warehouse._copy import copy_file, write_changes

MIB = 1 << 20


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
    real_writeback = _copy.start_writeback

    def start_writeback(descriptor: int, offset: int, length: int) -> None:
        handed.append((offset, length))
        real_writeback(descriptor, offset, length)

    monkeypatch.setattr(_copy, "start_writeback", start_writeback)
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
        _copy.start_writeback(stream.fileno(), 0, 1_000_000)  # returns at once, here or anywhere
    call = _copy._sync_file_range()
    if not sys.platform.startswith("linux"):
        assert call is None  # no such call: a copy still ends with its whole fsync
        return
    # Found where it exists: without it, a copy would still be right but wait for its whole fsync.
    assert call is not None
    with path.open("rb+") as stream:
        assert call(stream.fileno(), 0, 1_000_000, 2) == 0
    assert call(-1, 0, 1, 2) == -1  # a bad descriptor is refused: the call reaches the kernel


def _pieces(count: int) -> bytes:
    """``count`` MiB, each piece different from the others."""
    return b"".join(bytes([n % 251]) * MIB for n in range(count))


def test_only_the_pieces_that_differ_are_written_and_the_result_is_the_same_bytes(tmp_path: Path) -> None:
    source, target = tmp_path / "warehouse.duckdb", tmp_path / "older"
    source.write_bytes(_pieces(10))
    older = bytearray(source.read_bytes())
    older[5 * MIB + 7] ^= 0xFF  # one byte changed in the sixth MiB
    target.write_bytes(bytes(older) + b"a longer tail the warehouse no longer has")
    target.chmod(0o444)  # as a snapshot is
    assert write_changes(source, target) == MIB
    assert target.read_bytes() == source.read_bytes()
    assert write_changes(source, target) == 0  # nothing differs any more


@pytest.mark.parametrize("older", [b"", b"x" * 100, b"y" * (3 * MIB + 5)])
def test_any_older_file_ends_as_the_source(tmp_path: Path, older: bytes) -> None:
    source, target = tmp_path / "warehouse.duckdb", tmp_path / "older"
    source.write_bytes(_pieces(2) + b"z" * 300)
    target.write_bytes(older)  # empty, shorter, or as cut short by a full disk
    write_changes(source, target)
    assert target.read_bytes() == source.read_bytes()


def test_a_file_another_process_holds_open_is_left_as_it_was(tmp_path: Path) -> None:
    source, target = tmp_path / "warehouse.duckdb", tmp_path / "older"
    source.write_bytes(_pieces(3))
    target.write_bytes(b"what a backup is still copying")
    # A process that takes no lock (cp, a backup): it holds the file open, that is all.
    with target.open("rb") as held:
        holder = subprocess.Popen(
            [sys.executable, "-c", "import time; print(flush=True); time.sleep(60)"], stdin=held, stdout=subprocess.PIPE
        )
    try:
        assert holder.stdout is not None
        holder.stdout.readline()  # started, with the file open
        assert write_changes(source, target) is None
    finally:
        holder.kill()
        holder.wait()
    assert target.read_bytes() == b"what a backup is still copying"
    assert write_changes(source, target) == 3 * MIB  # closed: written now


def test_a_duckdb_session_on_the_file_keeps_it_whole(tmp_path: Path) -> None:
    older, source = tmp_path / "older.duckdb", tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(older)) as connection:
        connection.execute("CREATE TABLE runs AS SELECT 1 AS run")
    with duckdb.connect(str(source)) as connection:
        connection.execute("CREATE TABLE runs AS SELECT range AS run FROM range(1000)")
    before = older.read_bytes()
    script = (
        f"import duckdb, sys; session = duckdb.connect({str(older)!r}, read_only=True); print(flush=True); "
        "sys.stdin.read()"
    )
    reader = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert reader.stdout is not None
        reader.stdout.readline()
        assert write_changes(source, older) is None
        assert older.read_bytes() == before
    finally:
        reader.communicate(b"")
    assert write_changes(source, older)
    with duckdb.connect(str(older), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM runs").fetchone() == (1000,)


def test_without_leases_nobody_can_be_ruled_out_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, target = tmp_path / "warehouse.duckdb", tmp_path / "older"
    source.write_bytes(_pieces(1))
    target.write_bytes(b"older")
    # Leases refused as a network filesystem refuses them, or absent as on a kernel without them: none here.
    real_fcntl = fcntl.fcntl

    def no_lease(descriptor: int, command: int, argument: int = 0) -> int:
        if command == fcntl.F_SETLEASE:
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_fcntl(descriptor, command, argument)

    monkeypatch.setattr(fcntl, "fcntl", no_lease)
    assert write_changes(source, target) is None
    monkeypatch.delattr(fcntl, "F_SETLEASE")
    assert write_changes(source, target) is None
    assert target.read_bytes() == b"older"


def test_a_file_this_user_may_not_write_is_left_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, target = tmp_path / "warehouse.duckdb", tmp_path / "older"
    source.write_bytes(_pieces(1))
    target.write_bytes(b"older")

    # chmod fails so for a user who does not own the file; the suite may run as root, who may change any file.
    def not_the_owner(self: Path, mode: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted", str(self))

    monkeypatch.setattr(Path, "chmod", not_the_owner)
    assert write_changes(source, target) is None
    assert target.read_bytes() == b"older"
