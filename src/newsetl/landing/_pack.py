"""Landing packs: the documents one cleaning batch lands, appended to one file instead of a file each.

A pack is a multi-member gzip file: each document is its own gzip member, the same bytes the per-document
landing would hold, so ``zcat`` reads a whole pack and one document is read back from its offset and length.
Creating a file cost 160-400 µs of CPU a document in a cleaning process (its ``open``, ext4, 2,500 benchmark
dumps), 1.5 to 3.5 times the 108-114 µs of its compression; a pack is one file a batch.

A pack is written under a temporary name and renamed when its batch closes it, before the batch's rows are
published, so a staged location always names a complete file. Its name is new for every attempt (process and
clock): a retried batch writes a pack of its own and never changes one a loaded row may point to.
"""

from __future__ import annotations

import gzip
import os
import re
import time
import zlib
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from newsetl.errors import CorruptArchiveError, ReadError
from newsetl.records import sha256_hex

PACKS = "packs"
"""The folder of the landing that holds packs, one folder a run inside it."""
_SPAN = "#"
TEMPORARY_PREFIX = ".tmp-"
"""How a pack's name begins while its batch writes it."""
# What follows the last "#" of a pack location; a file's own path may hold a "#" too.
_SPAN_RE = re.compile(r"#(\d+)\+(\d+)\Z")
SPAN_SQL = "#[0-9]+[+][0-9]+$"
"""The same ending as a DuckDB regex (RE2 has no ``\\Z``): what the SQL that finds packs by location matches."""
# Level 3 against 5: 163 µs a document instead of 248 µs, 7 % larger files (2,000 benchmark dumps and 300
# devset pages: 28.1 % of the raw size against 26.3 %). Landing is on every document's path; storage is cheap.
COMPRESS_LEVEL = 3


class LandingPack:
    """One batch's pack: ``put`` appends a document and says where it is; ``close`` makes the file visible."""

    def __init__(self, folder: Path, stem: str) -> None:
        unique = f"{stem}-{os.getpid()}-{time.time_ns()}"
        self.path = folder / f"{unique}.gz"
        self._temporary = folder / f"{TEMPORARY_PREFIX}{unique}.gz"
        self._stream: BinaryIO | None = None
        self._size = 0
        self._locations: dict[str, str] = {}
        """Where each raw_id went: the same bytes twice in a batch are stored once."""

    def put(self, content: bytes, raw_id: str) -> str:
        """Append ``content`` (whose sha256 is ``raw_id``) unless the pack holds it; return its location."""
        location = self._locations.get(raw_id)
        if location is not None:
            return location
        member = gzip.compress(content, compresslevel=COMPRESS_LEVEL, mtime=0)
        self._open().write(member)  # buffered: a write is whole, and small members share a system call
        location = self._locations[raw_id] = f"{self.path}{_SPAN}{self._size}+{len(member)}"
        self._size += len(member)
        return location

    def close(self) -> None:
        """Flush the pack to disk and give it its name; a pack that holds nothing leaves no file."""
        if self._stream is None:
            return
        stream, self._stream = self._stream, None
        with stream:
            stream.flush()
            os.fsync(stream.fileno())  # one flush a batch, so a renamed pack is never empty after a crash
        os.replace(self._temporary, self.path)

    def discard(self) -> None:
        """Drop a pack whose batch failed: none of its locations was published."""
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        self._temporary.unlink(missing_ok=True)

    def __enter__(self) -> LandingPack:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()

    def _open(self) -> BinaryIO:
        if self._stream is None:
            self._temporary.parent.mkdir(parents=True, exist_ok=True)
            self._stream = self._temporary.open("xb")  # never an existing file: the name is new
        return self._stream


def is_pack_location(location: str) -> bool:
    return _SPAN_RE.search(location) is not None


def read_packed(packs: Path, location: str, raw_id: str) -> bytes:
    """The document at ``location`` (``<pack>#<offset>+<length>``) under ``packs``, verified against ``raw_id``.

    The pack is looked up by its run folder and name under ``packs``, so a landing moved as a whole still reads.
    """
    span = _SPAN_RE.search(location)
    if span is None:
        raise ReadError(f"raw document {raw_id}: {location} is not a place in a pack")
    recorded = Path(location[: span.start()])
    path = packs / recorded.parent.name / recorded.name
    try:
        with path.open("rb") as stream:
            stream.seek(int(span[1]))
            member = stream.read(int(span[2]))
        content = gzip.decompress(member)
    except (OSError, ValueError, EOFError, zlib.error) as exc:
        raise ReadError(f"raw document {raw_id} is not in the landing at {location}: {exc}") from exc
    if sha256_hex(content) != raw_id:
        raise CorruptArchiveError(f"raw document at {location} does not match its content address")
    return content
