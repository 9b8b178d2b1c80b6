"""A large JSON Lines export offered as pieces, so that more than one cleaning process reads it.

A file is one item, and one item is read by one process: a 133 MB export of 19,638 records took 39.8 s of cleaning
in one process while the second stood idle (``newsetl ingest --workers 2``). An export whose file is bigger than the
source's ``chunk_bytes`` is offered as pieces of about that size instead, each cut after a line break. Each piece
says where it starts and ends, the number of its first line in the whole file (a record's uri, ``<file>#L<n>``,
stays what reading the whole file gives) and how many lines it holds, which the planner weighs it by
(``newsetl.pipeline.plan``).

A gzipped export cannot be entered in the middle: reading a piece inflates everything before it and throws it away.
It is cut into two pieces a core at most (``gzip_pieces``), by its inflated bytes. Inflating is cheap beside
cleaning what it gives (a 133 MB export: 0.6 s to inflate and count its lines, about 40 CPU seconds to clean), so
the pieces cost a few per cent more work, and halve the cleaning's wall time on two cores (42.2 s against 23.1 s,
in eight pieces).

Listing an export reads it through. The pieces are kept in the cache folder under the file's identity
(``cut_export``), so an export that has not changed is not read again to be listed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from io import BufferedIOBase
from typing import IO, Any

from newsetl.machine import available_cores, cache_folder
from newsetl.read._files import file_identity

log = logging.getLogger("newsetl.discover")

CHUNK_BYTES = 4 << 20
"""Default size of a piece: 32 pieces of a 133 MB export, against 1,000 documents a batch."""
_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class Piece:
    """Bytes ``start`` to ``end`` of an export: lines ``first_line`` to ``first_line + lines - 1``."""

    start: int
    end: int
    first_line: int
    lines: int

    def to_metadata(self, identity: str) -> dict[str, Any]:
        """What reading the piece needs (``newsetl.read._files.piece_lines``); ``identity`` is the file's as it was
        cut (``stat_key``), which reading checks: an export changed since would not be cut there."""
        return {"range": [self.start, self.end], "first_line": self.first_line, "records": self.lines, "file": identity}


def gzip_pieces() -> int:
    """Most pieces of a gzipped export: two a core, as batches are (``newsetl.ingest``). The k-th of n inflates k/n of
    the file before its own: the 133 MB export's re-run over unchanged records cleaned in 1.0-1.1 s in four pieces,
    1.6 s in eight, and 1.0 s whole."""
    return 2 * available_cores()


def cut_export(path: str, stat: os.stat_result, chunk_bytes: int) -> list[Piece]:
    """``export_pieces``, kept in the cache folder under the file's identity: an export whose identity is unchanged
    is listed without being read. A file changed in the last seconds (no identity yet) is cut afresh every time."""
    identity = file_identity(stat)
    if identity is None:
        return export_pieces(path, chunk_bytes)
    # Named by the file's path, then by what the pieces depend on: a file written again replaces its old entry.
    place = _digest(os.path.realpath(path))
    kept = cache_folder() / "export-pieces" / f"{place}-{_digest(identity, str(chunk_bytes), str(gzip_pieces()))}.json"
    try:
        return [Piece(*values) for values in json.loads(kept.read_bytes())]
    except (OSError, ValueError, TypeError):
        pass  # not kept yet, or unreadable: cut again
    pieces = export_pieces(path, chunk_bytes)
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        for stale in kept.parent.glob(f"{place}-*.json"):
            stale.unlink(missing_ok=True)
        temporary = kept.with_name(f".{kept.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps([[p.start, p.end, p.first_line, p.lines] for p in pieces]), encoding="utf-8")
        os.replace(temporary, kept)
    except OSError as exc:  # no cache folder to write in: the next run cuts again
        log.debug("pieces of %s not kept in %s: %s", path, kept.parent, exc)
    return pieces


def _digest(*names: str) -> str:
    return hashlib.sha256("\0".join(names).encode()).hexdigest()[:20]


def export_pieces(path: str, chunk_bytes: int) -> list[Piece]:
    """The pieces of the file at ``path``, each ``chunk_bytes`` or a little more, up to the end of a line; a
    gzipped file's inflated bytes, in ``gzip_pieces()`` pieces at most.

    Lines are counted as ``bytes.splitlines`` counts them ("\\n", "\\r\\n" and a lone "\\r" each end one), which is
    how the whole file's records are numbered (``newsetl.read._files.numbered_lines``). A piece ends just after a
    "\\n", so a "\\r\\n" is never cut in two.
    """
    if path.endswith(".gz"):  # as newsetl.read._files decides it
        with gzip.open(path, "rb") as inflated:
            return _merged(list(_cut(inflated, chunk_bytes)), gzip_pieces())
    with open(path, "rb") as stream:
        return list(_cut(stream, chunk_bytes))


def _cut(stream: BufferedIOBase | IO[bytes], chunk_bytes: int) -> Iterator[Piece]:
    counter = _LineCounter()
    start = before = offset = 0  # where the piece starts, how many lines come before it, where the block starts
    while block := stream.read(_BLOCK):
        position = 0  # in the block: what is counted already
        while (cut := block.find(b"\n", max(position, start + chunk_bytes - 1 - offset))) != -1:
            counter.add(block[position : cut + 1])
            position = cut + 1
            yield Piece(start, offset + position, before + 1, counter.lines)
            start, before, counter.lines = offset + position, before + counter.lines, 0
        counter.add(block[position:])
        offset += len(block)
    if counter.finish() and offset > start:
        yield Piece(start, offset, before + 1, counter.lines)


def _merged(pieces: list[Piece], most: int) -> list[Piece]:
    """``pieces`` joined into at most ``most`` runs of consecutive ones, of about the same number of pieces each."""
    if len(pieces) <= most:
        return pieces
    each = -(-len(pieces) // most)
    runs = [pieces[first : first + each] for first in range(0, len(pieces), each)]
    return [Piece(run[0].start, run[-1].end, run[0].first_line, sum(piece.lines for piece in run)) for run in runs]


@dataclass(slots=True)
class _LineCounter:
    """Counts lines over consecutive segments of a file."""

    lines: int = 0
    _last: bytes = b""

    def add(self, segment: bytes) -> None:
        if not segment:
            return
        ends = segment.count(b"\n") + segment.count(b"\r") - segment.count(b"\r\n")
        if self._last == b"\r" and segment[:1] == b"\n":
            ends -= 1  # a "\r\n" split between two reads: its "\r" already ended the line
        self.lines += ends
        self._last = segment[-1:]

    def finish(self) -> bool:
        """Count the file's last line if it has no line break; whether the file held anything."""
        if self._last not in (b"", b"\n", b"\r"):
            self.lines += 1
        return self._last != b""
