from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from newsetl.errors import CorruptArchiveError, EmptyDocumentError, ParseError, ReadError, TooLargeError
from newsetl.read import detect_format, read_file_item, read_identified
from newsetl.read._files import _read_to_end, read_lines, stat_key
from newsetl.records import RawDocument, RefusedRecord, SourceItem


def _item(path: Path) -> SourceItem:
    return SourceItem(source="test", uri=path.name, location=str(path))


def test_plain_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"hello")
    assert read_identified(path, 100)[0] == b"hello"


def test_gzip_is_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(b"hello world"))
    assert read_identified(path, 100)[0] == b"hello world"


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyDocumentError, match="0 bytes"):
        read_identified(path, 100)


def test_file_over_the_limit_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(TooLargeError, match="101 bytes, over the limit of 100"):
        read_identified(path, 100)


def test_gzip_bomb_stops_at_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"\0" * 50_000_000))
    with pytest.raises(TooLargeError, match="decompresses to more than 1,000,000 bytes"):
        read_identified(path, 1_000_000)


def test_truncated_gzip_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress(b"some text " * 1000)[:60])
    with pytest.raises(CorruptArchiveError, match="truncated or corrupt"):
        read_identified(path, 1_000_000)


def test_not_gzip_at_all_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "fake.txt.gz"
    path.write_bytes(b"this is not gzip data")
    with pytest.raises(CorruptArchiveError):
        read_identified(path, 1_000_000)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.txt", b"<html>", "text"),
        ("a.TXT.gz", b"", "text"),
        ("a.html", b"plain", "html"),
        ("a.htm.gz", b"", "html"),
        ("a.jsonl", b"", "jsonl"),
        ("a.ndjson", b"", "jsonl"),
        ("noext", b"<!DOCTYPE html><html>", "html"),
        ("noext", b'{"a": 1}\n{"a": 2}\n', "jsonl"),
        ("noext", b"Just a headline\nand text", "text"),
    ],
)
def test_detect_format(name: str, content: bytes, expected: str) -> None:
    assert detect_format(name, content) == expected


def test_jsonl_gives_one_document_per_nonblank_line(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_bytes(b'{"a": 1}\n\n{"b": 2}\nnot json\n')
    documents = list(read_file_item(_item(path), None, 1000))
    assert [d.uri for d in documents] == ["export.jsonl#L1", "export.jsonl#L3", "export.jsonl#L4"]
    assert [d.format for d in documents] == ["jsonl"] * 3
    assert documents[2].content == b"not json"


def test_an_export_is_capped_a_record_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    # At the cap (its line break aside), one over it, one over it whose "\r\n" the cap cuts, far over it.
    lines = [
        b'{"a": 1}\n',
        b"x" * 10 + b"\r\n",
        b"y" * 11 + b"\n",
        b"w" * 11 + b"\r\n",
        b"z" * 2_000 + b"\n",
        b'{"b": 2}',
    ]
    path.write_bytes(b"".join(lines))
    documents = list(read_file_item(_item(path), None, 10))
    assert [(d.uri, d.content) for d in documents if isinstance(d, RawDocument)] == [
        ("export.jsonl#L1", b'{"a": 1}'),
        ("export.jsonl#L2", b"x" * 10),
        ("export.jsonl#L6", b'{"b": 2}'),
    ]
    assert [d for d in documents if isinstance(d, RefusedRecord)] == [
        RefusedRecord(
            "test",
            f"export.jsonl#L{n}",
            "too_large",
            f"record is {size:,} bytes, over the limit of 10 (max_document_bytes)",
        )
        for n, size in ((3, 11), (4, 11), (5, 2_000))
    ]


@pytest.mark.parametrize("name", ["export.jsonl", "export.jsonl.gz"])
def test_an_export_is_numbered_as_its_whole_content_splits(tmp_path: Path, name: str) -> None:
    content = b'{"a": 1}\r\n\n{"b": 2}\r{"c": 3}\n  \n{"d": 4}'
    (tmp_path / name).write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
    expected = [(n, line) for n, line in enumerate(content.splitlines(), start=1)]
    assert list(read_lines(str(tmp_path / name), 1_000)) == expected


def test_an_export_with_old_mac_line_breaks_over_the_cap_gives_every_record(tmp_path: Path) -> None:
    # No "\n" anywhere: the whole file looked like one line over the cap, and its four records came out as one
    # refused record. A lone "\r" ends a line on every path, as the export's pieces count them.
    path = tmp_path / "export.jsonl"
    path.write_bytes(b'{"a": 1}\r{"b": 2}\r' + b"z" * 30 + b'\r{"c": 3}\r')
    documents = list(read_file_item(_item(path), None, 10))
    assert [(d.uri, d.content) for d in documents if isinstance(d, RawDocument)] == [
        ("export.jsonl#L1", b'{"a": 1}'),
        ("export.jsonl#L2", b'{"b": 2}'),
        ("export.jsonl#L4", b'{"c": 3}'),
    ]
    assert [(d.uri, d.reason_code) for d in documents if isinstance(d, RefusedRecord)] == [
        ("export.jsonl#L3", "too_large")
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"a\rbb\rccc\r",
        b"x" * 11 + b"\r" + b"y" * 3 + b"\r\n" + b"z" * 70_000 + b"\rend",
        b"w" * 11 + b"\r\n\r\n" + b"v" * 12 + b"\r",
        b"u" * 65_535 + b"\r\n" + b"t" * 5,  # a "\r\n" that a read of 64 KiB cuts in two
        b"s" * 12 + b"\n\r" + b"r" * 2,
    ],
)
def test_lines_past_the_cap_are_numbered_as_splitlines_numbers_them(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "export.jsonl").write_bytes(content)
    expected = [(n, line if len(line) <= 10 else len(line)) for n, line in enumerate(content.splitlines(), start=1)]
    assert list(read_lines(str(tmp_path / "export.jsonl"), 10)) == expected


def test_a_truncated_export_gives_its_records_then_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(gzip.compress(b"".join(b'{"n": %d}\n' % n for n in range(5_000)))[:-40])
    documents = read_file_item(_item(path), None, 1_000)
    assert next(documents).content == b'{"n": 0}'
    with pytest.raises(CorruptArchiveError, match="truncated or corrupt"):
        list(documents)


def test_jsonl_of_blank_lines_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\n\n  \n")
    with pytest.raises(EmptyDocumentError):
        list(read_file_item(_item(path), None, 1000))


def test_forced_format_wins_over_extension(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"<html><body><p>x</p></body></html>")
    (document,) = read_file_item(_item(path), "html", 1000)
    assert document.format == "html"


def test_parse_error_type_exists_for_bad_records() -> None:
    # Parsing happens in cleaning, so one bad line fails alone; the error carries the quarantine code.
    assert ParseError.reason_code == "malformed"


def test_a_missing_file_or_a_folder_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="cannot open"):
        read_identified(tmp_path / "gone.txt", 100)
    with pytest.raises(ReadError, match="cannot read"):
        read_identified(tmp_path, 1 << 20)


def test_a_named_pipe_reads_as_empty_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with pytest.raises(EmptyDocumentError):
        read_identified(pipe, 100)


def test_a_file_longer_than_its_size_said_is_read_to_its_end(tmp_path: Path) -> None:
    # The size comes from fstat before reading; a file that grew in between is still read whole.
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 200_000)
    descriptor = os.open(path, os.O_RDONLY)
    try:
        assert _read_to_end(descriptor, 10) == b"x" * 200_000
    finally:
        os.close(descriptor)


def _piece_item(path: Path, start: int, end: int, first_line: int) -> SourceItem:
    metadata = {"range": [start, end], "first_line": first_line, "records": 2, "file": stat_key(path.stat())}
    return SourceItem(source="test", uri=path.name, location=str(path), metadata=metadata)


@pytest.mark.parametrize("name", ["export.jsonl", "export.jsonl.gz"])  # a gzipped one: from its inflated bytes
def test_a_piece_of_an_export_is_its_lines_numbered_as_in_the_whole_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    content = b'{"n": 1}\n{"n": 2}\n\n{"n": 4}\n{"n": 5}\n'
    path.write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
    records = list(read_file_item(_piece_item(path, 18, 37, 3), None, 100))
    assert [(record.uri, record.content) for record in records if isinstance(record, RawDocument)] == [
        (f"{name}#L4", b'{"n": 4}'),
        (f"{name}#L5", b'{"n": 5}'),
    ]


def test_a_piece_of_an_export_changed_since_it_was_listed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_bytes(b'{"n": 1}\n{"n": 2}\n')
    item = _piece_item(path, 9, 18, 2)
    path.write_bytes(b'{"n": 0}\n{"n": 1}\n{"n": 2}\n')  # a line written at its head moves every other one
    with pytest.raises(ReadError, match=r"changed after it was listed \(lines from 2\); the next run reads it again"):
        list(read_file_item(item, None, 100))


def test_a_piece_of_a_truncated_gzipped_export_is_refused_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(gzip.compress(b"".join(b'{"n": %d}\n' % n for n in range(2_000)))[:-200])
    with pytest.raises(CorruptArchiveError, match="truncated or corrupt"):
        list(read_file_item(_piece_item(path, 9_000, 30_000, 900), None, 100))  # to past its end
