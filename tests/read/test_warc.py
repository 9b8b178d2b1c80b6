"""The warc kind: response records of a real WARC.gz (written with warcio), one item per record, by interval."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

import duckdb
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsetl.config import load_settings
from newsetl.discover import Interval, discover
from newsetl.errors import TooLargeError
from newsetl.ingest import ingest
from newsetl.pipeline import RunSpec
from newsetl.read import read_item
from tests.conftest import ConfigFactory
from tests.fetch.site import FERRY, FISCHMARKT, article_html


def _response(
    writer: WARCWriter, url: str, captured: str, body: bytes, content_type: str, *, status: str = "200 OK"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": captured}
    )
    writer.write_record(record)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "warcs" / "news-2024-06.warc.gz"
    path.parent.mkdir()
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsetl tests"}))
        _response(
            writer,
            "https://courier.example/ferry",
            "2024-06-14T08:00:00Z",
            article_html(*FERRY).encode(),
            "text/html; charset=utf-8",
        )
        _response(writer, "https://courier.example/logo.png", "2024-06-14T08:00:01Z", b"\x89PNG....", "image/png")
        _response(
            writer,
            "https://courier.example/gone",
            "2024-06-14T08:00:02Z",
            b"not here",
            "text/html",
            status="404 Not Found",
        )
        fischmarkt = article_html(*FISCHMARKT).encode()
        _response(writer, "https://courier.example/fischmarkt", "2024-06-07T10:00:00Z", fischmarkt, "text/html")
    return path


def _source(write_config: ConfigFactory, location: Path) -> object:
    config = write_config([{"name": "archive", "kind": "warc", "location": str(location)}])
    return load_settings(config).source("archive")


def test_only_text_responses_with_status_200_in_the_interval_are_items(
    write_config: ConfigFactory, archive: Path
) -> None:
    source = _source(write_config, archive.parent)
    everything = list(discover(source, Interval.unbounded()))  # type: ignore[arg-type]
    assert [item.metadata["url"] for item in everything] == [
        "https://courier.example/ferry",
        "https://courier.example/fischmarkt",
    ]
    june_14 = list(discover(source, Interval.of_days(date(2024, 6, 14), date(2024, 6, 14))))  # type: ignore[arg-type]
    assert [item.metadata["url"] for item in june_14] == ["https://courier.example/ferry"]
    assert june_14[0].uri.startswith("news-2024-06.warc.gz#")


def test_what_a_warc_leaves_aside_is_logged_by_reason(
    write_config: ConfigFactory, archive: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = _source(write_config, archive.parent)
    with caplog.at_level(logging.INFO, logger="newsetl.discover"):
        list(discover(source, Interval.of_days(date(2024, 6, 14), date(2024, 6, 14))))  # type: ignore[arg-type]
    assert caplog.messages == [
        "source archive: WARC news-2024-06.warc.gz offered 1 record(s); left aside: 1 captured outside the run's "
        "interval, 1 response(s) of status 404, 1 response(s) of type image/png, 1 warcinfo record(s)"
    ]


def test_a_record_is_read_back_from_its_offset(write_config: ConfigFactory, archive: Path) -> None:
    source = _source(write_config, archive)
    items = list(discover(source, Interval.unbounded()))  # type: ignore[arg-type]
    (document,) = read_item(source, items[1], 1_000_000)  # type: ignore[arg-type]
    assert document.url == "https://courier.example/fischmarkt"
    assert document.content == article_html(*FISCHMARKT).encode()
    with pytest.raises(TooLargeError):
        list(read_item(source, items[1], 100))  # type: ignore[arg-type]


def test_a_warc_source_loads_through_the_pipeline(write_config: ConfigFactory, archive: Path) -> None:
    config = write_config([{"name": "archive", "kind": "warc", "location": str(archive.parent)}])
    spec = RunSpec("warc-1", "cli", Interval.unbounded(), ("archive",), datetime(2026, 11, 30, tzinfo=UTC))
    outcome = ingest(load_settings(config), spec, progress=False)
    assert outcome.ok, outcome.failure
    with duckdb.connect(str(load_settings(config).warehouse), read_only=True) as connection:
        rows = connection.execute("SELECT url, title FROM articles ORDER BY url").fetchall()
    assert rows == [
        ("https://courier.example/ferry", "Ferry timetable changes for the winter"),
        ("https://courier.example/fischmarkt", "Fischmarkt öffnet wieder"),
    ]
