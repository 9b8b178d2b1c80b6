"""A large JSON Lines export cut into pieces: each piece is numbered as the whole file, and none is cut mid-line."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsetl.config import SourceConfig
from newsetl.discover import Interval, discover_dumps
from newsetl.discover._exports import export_pieces, gzip_pieces
from newsetl.errors import ConfigError
from newsetl.read._files import piece_lines, read_lines, stat_key

_CASES = {
    "newlines": b"".join(b'{"n": %d}\n' % n for n in range(40)),
    "crlf": b"".join(b'{"n": %d}\r\n' % n for n in range(40)),
    "lone carriage returns": b"".join(b'{"n": %d}\r' % n for n in range(40)),
    "blank lines": b"".join(b'{"n": %d}\n\n\n' % n for n in range(40)),
    "no final line break": b"".join(b'{"n": %d}\n' % n for n in range(40)) + b'{"n": "last"}',
    "one long line": b'{"text": "' + b"x" * 500 + b'"}\n{"n": 2}\n',
}


@pytest.mark.parametrize("content", _CASES.values(), ids=_CASES.keys())
@pytest.mark.parametrize("chunk_bytes", [1, 37, 100, 10_000])
@pytest.mark.parametrize("name", ["export.jsonl", "export.jsonl.gz"])
def test_pieces_read_back_the_whole_files_lines_with_their_numbers(
    tmp_path: Path, content: bytes, chunk_bytes: int, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
    pieces = export_pieces(str(path), chunk_bytes)
    if name.endswith(".gz"):
        assert len(pieces) <= gzip_pieces()
    identity = stat_key(path.stat())
    read = [list(piece_lines(str(path), piece.to_metadata(identity), 10_000)) for piece in pieces]
    assert [line for lines in read for line in lines] == list(read_lines(str(path), 10_000))
    assert [len(lines) for lines in read] == [piece.lines for piece in pieces]
    assert [piece.start for piece in pieces] == [0, *(piece.end for piece in pieces[:-1])]
    assert pieces[-1].end == len(content)  # of a gzipped export, the inflated bytes
    # Every piece but the last holds at least chunk_bytes and ends after a "\n" (so a "\r\n" stays whole).
    assert all(
        piece.end - piece.start >= chunk_bytes and content[piece.end - 1 : piece.end] == b"\n" for piece in pieces[:-1]
    )


def test_an_empty_file_has_no_pieces(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert export_pieces(str(tmp_path / "empty.jsonl"), 10) == []


def _items(folder: Path, **options: object) -> list[tuple[str, dict[str, object]]]:
    source = SourceConfig(name="dumps", kind="dumps", location=str(folder), options=options)
    return [(item.uri, item.metadata) for item in discover_dumps(source, Interval.unbounded())]


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    lines = b"".join(b'{"url": "https://example.test/%d", "text": "Story %d"}\n' % (n, n) for n in range(100))
    (tmp_path / "big.jsonl").write_bytes(lines)
    (tmp_path / "big.jsonl.gz").write_bytes(gzip.compress(lines * 40, compresslevel=1))
    (tmp_path / "fake.ndjson.gz").write_bytes(lines)  # not gzip data: read whole, and quarantined with the reason
    (tmp_path / "small.jsonl").write_bytes(lines[:100])
    (tmp_path / "story.txt").write_bytes(lines)
    return tmp_path


def test_an_export_bigger_than_chunk_bytes_is_listed_as_pieces(exports: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Four cores, whatever this machine has (its cores cannot be changed for a test): a gzipped export in eight pieces.
    monkeypatch.setattr("newsetl.discover._exports.available_cores", lambda: 4)
    listed = _items(exports, chunk_bytes=1_000)
    pieces = [metadata for uri, metadata in listed if uri == "big.jsonl"]
    # 5,480 bytes in pieces of at least 1,000: 19 lines of 52-54 bytes each, and the last five lines.
    assert [piece["first_line"] for piece in pieces] == [1, 20, 39, 58, 77, 96]
    assert sum(int(piece["records"]) for piece in pieces) == 100  # type: ignore[call-overload]
    # The gzipped export, 4,000 lines (219,200 bytes inflated): its 211 pieces of about 1,000 bytes (19 lines) are
    # joined into eight runs of 27 (513 lines).
    inflated = [metadata for uri, metadata in listed if uri == "big.jsonl.gz"]
    assert [piece["first_line"] for piece in inflated][:3] == [1, 514, 1027]
    assert len(inflated) == 8
    assert sum(int(piece["records"]) for piece in inflated) == 4_000  # type: ignore[call-overload]
    # A file named gzip that is not, the export smaller than a piece and the text dump stay whole.
    assert [(uri, metadata) for uri, metadata in listed if not uri.startswith("big.")] == [
        ("fake.ndjson.gz", {}),
        ("small.jsonl", {}),
        ("story.txt", {}),
    ]


def test_a_file_read_as_jsonl_by_the_format_option_is_cut_too(exports: Path) -> None:
    listed = _items(exports, chunk_bytes=1_000, format="jsonl", glob="story.txt")
    assert len(listed) == 6
    assert all("range" in metadata for _, metadata in listed)


def test_chunk_bytes_zero_reads_every_export_whole(exports: Path) -> None:
    assert [uri for uri, metadata in _items(exports, chunk_bytes=0) if metadata] == []


def test_the_default_piece_is_four_mebibytes(exports: Path) -> None:
    assert all(not metadata for _, metadata in _items(exports))


@pytest.mark.parametrize("value", [-1, "4MB", 1.5, True])
def test_chunk_bytes_must_be_a_whole_number(exports: Path, value: object) -> None:
    with pytest.raises(ConfigError, match="chunk_bytes"):
        _items(exports, chunk_bytes=value)


def test_pieces_are_kept_under_the_files_identity_and_cut_again_when_it_changes(
    exports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSETL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr("newsetl.read._files.SETTLED_SECONDS", 0)  # files written by a test are seconds old
    first = [metadata for _, metadata in _items(exports, chunk_bytes=1_000, glob="big.jsonl")]
    [kept] = (tmp_path / "cache" / "export-pieces").glob("*.json")
    # What is kept is what the next listing gives, without reading the export.
    kept.write_text(json.dumps([[0, 5_480, 1, 100]]), encoding="utf-8")
    assert [metadata["range"] for _, metadata in _items(exports, chunk_bytes=1_000, glob="big.jsonl")] == [[0, 5_480]]
    with (exports / "big.jsonl").open("ab") as export:  # a new record: another identity, cut again
        export.write(b'{"url": "https://example.test/new", "text": "Story new"}\n')
    again = [metadata for _, metadata in _items(exports, chunk_bytes=1_000, glob="big.jsonl")]
    assert [piece["first_line"] for piece in again] == [piece["first_line"] for piece in first]
    assert sum(int(piece["records"]) for piece in again) == 101  # type: ignore[call-overload]
    # The entry of the file as it was is replaced by the entry of the file as it is: one a file.
    assert [path.name for path in (tmp_path / "cache" / "export-pieces").glob("*.json")] != [kept.name]
    assert len(list((tmp_path / "cache" / "export-pieces").glob("*.json"))) == 1


def test_a_file_changed_in_the_last_seconds_is_cut_afresh_and_not_kept(
    exports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSETL_CACHE_DIR", str(tmp_path / "cache"))
    assert len([uri for uri, _ in _items(exports, chunk_bytes=1_000, glob="big.jsonl")]) == 6
    assert not (tmp_path / "cache").exists()
