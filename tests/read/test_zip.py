"""Dumps delivered as ZIP archives (real archives written with zipfile): each member read as the file it would be."""

from __future__ import annotations

import gzip
import json
import struct
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from newsetl.config import SourceConfig, load_settings
from newsetl.discover import Interval, discover_dumps
from newsetl.errors import CorruptArchiveError, ReadError, TooLargeError
from newsetl.ingest import ingest
from newsetl.pipeline import RunSpec
from newsetl.read import read_file_item
from newsetl.records import RawDocument, RefusedRecord, SourceItem
from tests.conftest import ConfigFactory

STORY = (
    "Fähre fährt wieder\n\n" + "Die Fähre über den Fluss fährt ab Montag wieder nach dem alten Fahrplan. " * 3 + "\n"
)
PAGE = "<html><head><title>Hafenfest</title></head><body><article><p>" + "Das Hafenfest zieht Besucher an. " * 8
RECORDS = [{"url": f"https://wire.example/{n}", "title": f"Meldung {n}", "text": STORY} for n in range(3)]


def _archive(path: Path, members: dict[str, bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("2024-06-15/", b"")  # a folder entry
        for name, content in members.items():
            archive.writestr(name, content)
    return path


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    members = {
        "2024-06-15/faehre.txt": STORY.encode(),
        "2024-06-15/hafenfest.html": PAGE.encode(),
        "wire.jsonl": "\n".join(json.dumps(record) for record in RECORDS).encode() + b"\n",
        "__MACOSX/2024-06-15/._faehre.txt": b"\0\5\26\7",
        "hafenfest_files/style.css": b"body { color: red }",
    }
    return _archive(tmp_path / "dumps" / "delivery.zip", members)


def _items(folder: Path) -> list[SourceItem]:
    source = SourceConfig(name="dumps", kind="dumps", location=str(folder))
    return list(discover_dumps(source, Interval.unbounded()))


def test_an_archives_members_are_items_in_folder_order_without_hidden_files_or_assets(archive: Path) -> None:
    items = _items(archive.parent)
    assert [item.uri for item in items] == [
        "delivery.zip#2024-06-15/faehre.txt",
        "delivery.zip#2024-06-15/hafenfest.html",
        "delivery.zip#wire.jsonl",
    ]
    assert {item.location for item in items} == {str(archive)}


def test_a_member_is_read_as_the_file_it_would_be(archive: Path) -> None:
    documents = [document for item in _items(archive.parent) for document in read_file_item(item, None, 100_000)]
    assert all(isinstance(document, RawDocument) for document in documents)
    assert [(d.uri, d.format) for d in documents if isinstance(d, RawDocument)] == [
        ("delivery.zip#2024-06-15/faehre.txt", "text"),
        ("delivery.zip#2024-06-15/hafenfest.html", "html"),
        ("delivery.zip#wire.jsonl#L1", "jsonl"),
        ("delivery.zip#wire.jsonl#L2", "jsonl"),
        ("delivery.zip#wire.jsonl#L3", "jsonl"),
    ]
    assert isinstance(documents[0], RawDocument)
    assert documents[0].content == STORY.encode()


def test_a_gzipped_member_is_read_as_a_gzipped_file_of_the_folder(tmp_path: Path) -> None:
    export = "\n".join(json.dumps(record) for record in RECORDS).encode() + b"\n"
    members = {"faehre.txt.gz": gzip.compress(STORY.encode()), "wire.jsonl.gz": gzip.compress(export)}
    path = _archive(tmp_path / "d" / "a.zip", {**members, "cut.txt.gz": gzip.compress(STORY.encode())[:30]})
    cut, story, wire = _items(path.parent)
    (document,) = read_file_item(story, None, 100_000)
    assert isinstance(document, RawDocument)
    assert (document.format, document.content) == ("text", STORY.encode())
    records = list(read_file_item(wire, None, 100_000))
    assert [record.content for record in records if isinstance(record, RawDocument)] == export.splitlines()
    with pytest.raises(CorruptArchiveError, match="truncated or corrupt"):
        list(read_file_item(cut, None, 100_000))


def test_the_cap_holds_for_a_member_and_for_a_record_of_an_archived_export(tmp_path: Path) -> None:
    big = json.dumps({"url": "https://wire.example/big", "text": "Wort " * 400})
    path = _archive(tmp_path / "d" / "a.zip", {"long.txt": b"Zeile\n" * 400, "wire.jsonl": f"{big}\n{{}}\n".encode()})
    text_item, export_item = _items(path.parent)
    with pytest.raises(TooLargeError, match="over the limit of 1,000"):
        list(read_file_item(text_item, None, 1_000))
    refused, kept = read_file_item(export_item, None, 1_000)
    assert isinstance(refused, RefusedRecord)
    assert refused.uri == "a.zip#wire.jsonl#L1"
    assert isinstance(kept, RawDocument)
    assert kept.content == b"{}"


def test_a_member_whose_header_understates_its_size_is_corrupt(tmp_path: Path) -> None:
    # A ZIP bomb's trick: the declared size passes the cap, the data inflates far past it.
    path = tmp_path / "d" / "bomb.zip"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("x.txt", b"a" * 50_000)
    data = bytearray(path.read_bytes())
    for signature, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed size: local, central
        struct.pack_into("<I", data, data.find(signature) + at, 10)
    path.write_bytes(bytes(data))
    (item,) = _items(path.parent)
    with pytest.raises(CorruptArchiveError, match="Bad CRC-32"):
        list(read_file_item(item, None, 1_000))


def test_an_archive_that_cannot_be_listed_is_one_item_quarantined_when_read(tmp_path: Path) -> None:
    (tmp_path / "broken.zip").write_bytes(b"PK\3\4 not really an archive")
    (item,) = _items(tmp_path)
    assert item.uri == "broken.zip"
    with pytest.raises(CorruptArchiveError, match="cannot be listed"):
        list(read_file_item(item, None, 1_000))


def test_an_archive_loads_through_the_pipeline_and_again_unchanged(write_config: ConfigFactory, archive: Path) -> None:
    config = write_config([{"name": "dumps", "kind": "dumps", "location": str(archive.parent)}])
    first, second = (
        ingest(load_settings(config), RunSpec(run, "cli", Interval.unbounded(), ("dumps",), moment), progress=False)
        for run, moment in (("zip-1", datetime(2026, 12, 3, tzinfo=UTC)), ("zip-2", datetime(2026, 12, 4, tzinfo=UTC)))
    )
    assert first.ok, first.failure
    assert second.ok, second.failure
    assert (first.counts.totals["articles_new"], second.counts.totals["articles_unchanged"]) == (5, 5)
    with duckdb.connect(str(load_settings(config).warehouse), read_only=True) as connection:
        uris = [row[0] for row in connection.execute("SELECT uri FROM articles ORDER BY uri").fetchall()]
    assert uris[:2] == ["delivery.zip#2024-06-15/faehre.txt", "delivery.zip#2024-06-15/hafenfest.html"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("flags", 0x01, "encrypted"),  # zipfile asks for a password it is not given
        ("method", 99, "compression method is not supported"),  # AES, which zipfile cannot inflate
    ],
)
def test_a_member_zipfile_cannot_inflate_is_unreadable_not_a_crash(
    tmp_path: Path, field: str, value: int, message: str
) -> None:
    path = _archive(tmp_path / "d" / "locked.zip", {"story.txt": STORY.encode()})
    data = bytearray(path.read_bytes())
    # The field's place in the local header and in the central directory's entry.
    offsets = {"flags": ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)), "method": ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10))}
    for signature, at in offsets[field]:
        for start in [i for i in range(len(data)) if data.startswith(signature, i)]:
            data[start + at] = value
    path.write_bytes(bytes(data))
    (item,) = [item for item in _items(path.parent) if item.uri.endswith("story.txt")]
    with pytest.raises(ReadError, match=message):
        list(read_file_item(item, None, 100_000))
