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


def read_capped(path: Path | str, max_bytes: int) -> bytes:
    """The file's content (decompressed for ``.gz``), refusing anything over ``max_bytes``."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise ReadError(f"cannot stat {path}: {exc.strerror}") from exc
    if size == 0:
        raise EmptyDocumentError("file is empty (0 bytes)")
    if str(path).endswith(".gz"):
        return _read_gzip(Path(path), max_bytes)
    if size > max_bytes:
        raise TooLargeError(f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_document_bytes)")
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError as exc:
        raise ReadError(f"cannot read {path}: {exc.strerror}") from exc


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
