"""A large JSON Lines export offered as pieces, so that more than one cleaning process reads it.

A file is one item, and one item is read by one process: a 133 MB export of 19,638 records took 39.8 s of cleaning
in one process while the second stood idle (``newsetl ingest --workers 2``). An uncompressed export bigger than the
source's ``chunk_bytes`` is offered as pieces of about that size instead, each cut after a line break. Each piece
says where it starts and ends, the number of its first line in the whole file (a record's uri, ``<file>#L<n>``,
stays what reading the whole file gives) and how many lines it holds, which the planner weighs it by
(``newsetl.pipeline.plan``). A gzipped export cannot be entered in the middle, and stays one item.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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


def export_pieces(path: str, chunk_bytes: int) -> Iterator[Piece]:
    """The pieces of the file at ``path``, each ``chunk_bytes`` or a little more, up to the end of a line.

    Lines are counted as ``bytes.splitlines`` counts them ("\\n", "\\r\\n" and a lone "\\r" each end one), which is
    how the whole file's records are numbered (``newsetl.read._files.numbered_lines``). A piece ends just after a
    "\\n", so a "\\r\\n" is never cut in two.
    """
    counter = _LineCounter()
    start = before = end = 0  # where the piece starts, how many lines come before it, where the file ends
    with open(path, "rb") as stream:
        while block := stream.read(_BLOCK):
            offset = stream.tell() - len(block)
            position = 0  # in the block: what is counted already
            while (cut := block.find(b"\n", max(position, start + chunk_bytes - 1 - offset))) != -1:
                counter.add(block[position : cut + 1])
                position = cut + 1
                yield Piece(start, offset + position, before + 1, counter.lines)
                start, before, counter.lines = offset + position, before + counter.lines, 0
            counter.add(block[position:])
            end = offset + len(block)
    if counter.finish() and end > start:
        yield Piece(start, end, before + 1, counter.lines)


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
