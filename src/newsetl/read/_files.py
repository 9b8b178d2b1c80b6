"""Reading a file's bytes, or its lines, with a size cap; ``.gz`` is decompressed as a stream and capped too."""

from __future__ import annotations

import gzip
import io
import os
import re
import time
import zlib
from collections.abc import Iterator
from io import BufferedIOBase
from pathlib import Path
from typing import IO, Any

from newsetl.errors import (
    CorruptArchiveError,
    EmptyDocumentError,
    ReadError,
    TooLargeError,
)

_CHUNK = 1 << 16
_LINE_BREAK = re.compile(rb"\r\n?|\n")
# Non-blocking so that a named pipe among dump files reads as empty instead of waiting for a writer.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)


SETTLED_SECONDS = 2
"""A file changed less than this long ago gets no identity: a second change within one tick of the file system's
clock (2 s on FAT, a few ms on ext4) could leave its times as they were."""


def stat_key(stat: os.stat_result) -> str:
    """What identifies a file's bytes without reading them: inode, size, modification and change times (ns).

    The change time moves with every write and every ``utime``, and cannot be set back by a user.
    """
    return f"{stat.st_ino}-{stat.st_size}-{stat.st_mtime_ns}-{stat.st_ctime_ns}"


def file_identity(stat: os.stat_result) -> str | None:
    """``stat_key`` for a file that was last changed at least ``SETTLED_SECONDS`` ago, else ``None``."""
    settled = time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) >= SETTLED_SECONDS * 1_000_000_000
    return stat_key(stat) if settled else None


def file_stat_now(path: str) -> str | None:
    """``stat_key`` of the file at ``path`` as it is now; ``None`` if it cannot be looked at."""
    try:
        return stat_key(os.stat(path))
    except OSError:
        return None


def read_identified(path: Path | str, max_bytes: int) -> tuple[bytes, str | None]:
    """The file's content (decompressed for ``.gz``), refusing anything over ``max_bytes``, and its identity as
    it was opened (``file_identity``)."""
    # One open, fstat on it and unbuffered reads rather than stat, open and a buffered read: 7 µs a file instead
    # of 11, and a re-run over unchanged input does little else per document than read and hash it.
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise ReadError(f"cannot open {path}: {exc.strerror}") from exc
    try:
        stat = os.fstat(descriptor)
        # Taken before the bytes are read: a change while reading moves the times past it, never back to it.
        identity = file_identity(stat)
        if stat.st_size == 0:
            raise EmptyDocumentError("file is empty (0 bytes)")
        if str(path).endswith(".gz"):
            return _read_gzip(Path(path), max_bytes), identity
        if stat.st_size > max_bytes:
            raise TooLargeError(f"file is {stat.st_size:,} bytes, over the limit of {max_bytes:,} (max_document_bytes)")
        return _read_to_end(descriptor, stat.st_size), identity
    except OSError as exc:
        raise ReadError(f"cannot read {path}: {exc.strerror}") from exc
    finally:
        os.close(descriptor)


def _read_to_end(descriptor: int, size: int) -> bytes:
    # The first read asks for the whole file; a file that grew since fstat is read on to its end all the same.
    chunks: list[bytes] = []
    while chunk := os.read(descriptor, size + 1 if not chunks else _CHUNK):
        chunks.append(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _read_gzip(path: Path, max_bytes: int) -> bytes:
    # Streamed so a gzip bomb stops at the cap instead of filling memory.
    chunks: list[bytes] = []
    total = 0
    try:
        with gzip.open(path, "rb") as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise TooLargeError(
                        f"decompresses to more than {max_bytes:,} bytes (max_document_bytes); stopped reading"
                    )
                chunks.append(chunk)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise CorruptArchiveError(f"gzip data is truncated or corrupt: {exc}") from exc
    except OSError as exc:
        raise ReadError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return b"".join(chunks)


def read_lines(path: str, max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """The lines of a file (decompressed for ``.gz``), numbered from 1 as ``bytes.splitlines`` numbers them, streamed.

    A line over ``max_bytes`` comes as its size in bytes, read past and never held whole: a JSON Lines export may be
    any size, each of its records is capped.
    """
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise ReadError(f"cannot open {path}: {exc.strerror}") from exc
    with os.fdopen(descriptor, "rb") as raw:
        if os.fstat(descriptor).st_size == 0:
            raise EmptyDocumentError("file is empty (0 bytes)")
        try:
            yield from numbered_lines(gzip.GzipFile(fileobj=raw) if path.endswith(".gz") else raw, max_bytes)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise CorruptArchiveError(f"gzip data is truncated or corrupt: {exc}") from exc
        except OSError as exc:
            raise ReadError(f"cannot read {path}: {exc.strerror or exc}") from exc


def piece_lines(path: str, piece: dict[str, Any], max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """``read_lines`` for a piece of an export (``newsetl.discover._exports``): its bytes only (a gzipped export's
    inflated bytes, inflating those before them), numbered as in the whole file; refused whole if the file is no
    longer the one it was cut from."""
    start, end = piece["range"]
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise ReadError(f"cannot open {path}: {exc.strerror}") from exc
    with os.fdopen(descriptor, "rb", buffering=0) as raw:
        if stat_key(os.fstat(descriptor)) != piece["file"]:
            raise ReadError(
                f"{path} changed after it was listed (lines from {piece['first_line']:,}); the next run reads it again"
            )
        try:
            stream: io.RawIOBase | BufferedIOBase = gzip.GzipFile(fileobj=raw) if path.endswith(".gz") else raw
            stream.seek(start)  # in a gzip stream, by inflating what comes before
            yield from numbered_lines(io.BufferedReader(_Window(stream, end - start)), max_bytes, piece["first_line"])
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise CorruptArchiveError(f"gzip data is truncated or corrupt: {exc}") from exc
        except OSError as exc:
            raise ReadError(f"cannot read {path}: {exc.strerror or exc}") from exc


class _Window(io.RawIOBase):
    """The next ``size`` bytes of an open file, as a stream of their own."""

    def __init__(self, raw: io.RawIOBase | BufferedIOBase, size: int) -> None:
        self._raw = raw
        self._left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        wanted = min(len(buffer), self._left)
        if wanted <= 0:
            return 0
        read = self._raw.readinto(memoryview(buffer)[:wanted])
        self._left -= read or 0
        return read or 0


def numbered_lines(
    stream: BufferedIOBase | IO[bytes], max_bytes: int, first: int = 1
) -> Iterator[tuple[int, bytes | int]]:
    """``read_lines`` on an open stream (a file, its gzip, an archive's member), its first line numbered ``first``."""
    return enumerate(_lines(stream, max_bytes), start=first)


def _lines(stream: BufferedIOBase | IO[bytes], max_bytes: int) -> Iterator[bytes | int]:
    """The stream's lines as ``bytes.splitlines`` splits them ("\n", "\r\n", a lone "\r"), one over ``max_bytes`` as
    its size in bytes."""
    while piece := stream.readline(max_bytes + 2):  # room for a line at the cap and its "\r\n"
        if len(piece) > max_bytes and not piece.endswith(b"\n"):
            yield from _past_the_cap(piece, stream, max_bytes)
            continue
        # readline ends a line at "\n" only; a lone "\r" ends one too, as in the whole file's splitlines().
        for line in piece.splitlines():
            yield line if len(line) <= max_bytes else len(line)


def _past_the_cap(piece: bytes, stream: BufferedIOBase | IO[bytes], max_bytes: int) -> Iterator[bytes | int]:
    """The lines from ``piece`` (a line's first bytes, longer than the cap and without a "\n") to the next "\n".

    They are read a chunk at a time, a line over the cap never held whole. A lone "\r" ends a line here as well: a
    file with the old Mac line breaks has no "\n" at all, and was read as one line over the cap (an export of
    thousands of records came out as one refused record).
    """
    kept, size, chunk = b"", 0, piece
    while chunk:
        start = 0
        for found in _LINE_BREAK.finditer(chunk):
            part = chunk[start : found.start()]
            yield kept + part if size + len(part) <= max_bytes else size + len(part)
            kept, size, start = b"", 0, found.end()
        size += len(chunk) - start
        kept = kept + chunk[start:] if size <= max_bytes else b""
        if chunk.endswith(b"\n"):
            return  # readline stops at a "\n": the stream is at a line's start again
        cut_at_cr = chunk.endswith(b"\r")
        chunk = stream.readline(_CHUNK)
        if cut_at_cr and chunk == b"\n":
            return  # the "\n" of a "\r\n" the chunk's end cut in two: that "\r" already ended the line
    if size:
        yield kept if size <= max_bytes else size
