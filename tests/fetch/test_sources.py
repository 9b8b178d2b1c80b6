"""Live sources through the whole pipeline (fetch → plan → clean → load → checks) against the local site."""

from __future__ import annotations

import json
import zlib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from pytest_httpserver import HTTPServer

from newsetl.cli import main
from newsetl.config import load_settings
from newsetl.discover import Interval
from newsetl.ingest import IngestOutcome, ingest
from newsetl.pipeline import RunSpec
from tests.conftest import ConfigFactory
from tests.fetch.site import FETCH_CASES, serve_site

FETCH_OPTIONS = {"allow_hosts": ["127.0.0.1"], "host_delay": 0, "retries": 0, "read_timeout": 2, "backoff": 0.01}
JUNE_14 = Interval.of_days(date(2024, 6, 14), date(2024, 6, 14))


def _ingest(config: Path, run_id: str, sources: tuple[str, ...], interval: Interval = JUNE_14) -> IngestOutcome:
    spec = RunSpec(run_id, "cli", interval, sources, datetime(2026, 11, 30, tzinfo=UTC))
    return ingest(load_settings(config), spec, progress=False)


def _rows(config: Path, query: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(load_settings(config).warehouse), read_only=True) as connection:
        return connection.execute(query).fetchall()


def _requested(server: HTTPServer) -> list[str]:
    return [request.path for request, _ in server.log]


@pytest.fixture
def site(server: HTTPServer) -> str:
    return serve_site(server)


@pytest.fixture
def config(write_config: ConfigFactory, site: str) -> Path:
    return write_config(
        [
            {"name": "courier", "kind": "feed", "location": f"{site}/feed.xml"},
            {"name": "courier-map", "kind": "sitemap", "location": f"{site}/sitemap.xml"},
        ],
        fetch=FETCH_OPTIONS,
    )


def test_a_feed_source_loads_the_interval_and_quarantines_what_failed(config: Path, server: HTTPServer) -> None:
    outcome = _ingest(config, "feed-1", ("courier",))
    assert outcome.ok, outcome.failure
    titles = {row[0] for row in _rows(config, "SELECT title FROM articles")}
    assert titles == {"Ferry timetable changes for the winter", "Fischmarkt öffnet wieder"}
    (body,) = _rows(config, "SELECT body FROM articles WHERE title LIKE 'Fischmarkt%'")[0]
    assert "Die Straße vor den Hallen" in body  # cp1252 bytes under a UTF-8 header, decoded right
    rejected = dict(_rows(config, "SELECT regexp_extract(uri, '[^/]+$'), reason_code FROM rejected_documents"))
    assert rejected == {"council": "fetch_failed", "accounts": "robots_disallowed"}
    assert "/news/regatta" not in _requested(server)  # published the week before: another run's interval
    assert "/members/accounts" not in _requested(server)  # robots.txt says no
    log = _rows(
        config, "SELECT purpose, regexp_extract(url, '[^/]+$'), outcome, status, code FROM fetch_log ORDER BY 2"
    )
    assert log == [
        ("page", "accounts", "skipped_robots", None, "robots"),
        ("page", "council", "failed", 404, "http_404"),
        ("feed", "feed.xml", "fetched", 200, None),
        ("page", "ferry-timetable", "fetched", 200, None),
        ("page", "fischmarkt", "fetched", 200, None),
    ]
    assert _rows(config, "SELECT documents_read, articles_new, documents_rejected FROM runs") == [(4, 2, 2)]
    assert outcome.fetched[0]["outcomes"] == {"fetched": 2, "failed": 1, "skipped_robots": 1}


def test_a_rerun_fetches_nothing_it_already_has(config: Path, server: HTTPServer) -> None:
    _ingest(config, "feed-1", ("courier",))
    server.log.clear()
    outcome = _ingest(config, "feed-2", ("courier",))
    assert outcome.counts.totals["articles_unchanged"] == 2
    assert outcome.counts.totals["articles_new"] == 0
    requested = _requested(server)
    assert "/news/ferry-timetable" not in requested
    assert "/news/fischmarkt" not in requested
    assert _rows(config, "SELECT outcome, status FROM fetch_log WHERE run_id = 'feed-2' AND purpose = 'feed'") == [
        ("not_modified", 304)
    ]


def test_cleaning_reruns_from_the_landing_without_the_network(config: Path, server: HTTPServer) -> None:
    _ingest(config, "feed-1", ("courier",))
    server.clear()  # the site is gone: every request would now fail
    from newsetl.ingest import load_run, plan_run
    from newsetl.pipeline import clean_batch

    settings = load_settings(config)
    spec = RunSpec("reprocess", "cli", JUNE_14, ("courier",), datetime(2026, 11, 30, tzinfo=UTC))
    for manifest in plan_run(settings, spec):
        clean_batch(settings, manifest)
    counts = load_run(settings, "reprocess")
    assert counts.totals["articles_unchanged"] == 2
    assert server.log == []


def test_a_sitemap_index_source_follows_children_changed_in_the_interval(config: Path, server: HTTPServer) -> None:
    outcome = _ingest(config, "map-1", ("courier-map",))
    assert outcome.ok, outcome.failure
    titles = {row[0] for row in _rows(config, "SELECT title FROM articles")}
    assert titles == {"Ferry timetable changes for the winter", "Fischmarkt öffnet wieder"}
    assert "/sitemaps/archive-2023.xml" not in _requested(server)  # last modified before the interval
    assert "/news/regatta" not in _requested(server)
    purposes = _rows(config, "SELECT purpose, count(*) FROM fetch_log GROUP BY ALL ORDER BY ALL")
    assert purposes == [("page", 2), ("sitemap", 3)]


def test_a_url_list_source_reads_inline_urls_and_a_file(write_config: ConfigFactory, site: str, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# the harbour desk\n{site}/news/fischmarkt\n\n", encoding="utf-8")
    config = write_config(
        [
            {
                "name": "picked",
                "kind": "urls",
                "location": str(listing),
                "options": {"urls": [f"{site}/news/ferry-timetable"]},
            }
        ],
        fetch=FETCH_OPTIONS,
    )
    outcome = _ingest(config, "urls-1", ("picked",))
    assert outcome.ok, outcome.failure
    assert _rows(config, "SELECT count(*) FROM articles") == [(2,)]


@pytest.mark.parametrize(
    "case",
    [
        ("feed", "/bad.xml", b"<rss><channel><title>cut off", "malformed"),
        ("feed", "/laughs.xml", (FETCH_CASES / "billion_laughs.xml").read_bytes(), "unsafe_xml"),
        ("sitemap", "/bomb.xml.gz", None, "too_large"),
        ("sitemap", "/invalid.xml", b"<urlset><url><loc>x</url></urlset>", "malformed"),
    ],
)
def test_unusable_feeds_and_sitemaps_are_quarantined_and_the_run_goes_on(
    write_config: ConfigFactory, server: HTTPServer, case: tuple[str, str, bytes | None, str]
) -> None:
    kind, path, body, code = case
    if body is None:  # a gzip bomb: 100 MB of zeros in 0.1 MB, against a 1 MB cap
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)
        body = b"".join(packer.compress(bytes(1_000_000)) for _ in range(100)) + packer.flush()
    server.expect_request(path).respond_with_data(body, content_type="application/xml")
    config = write_config(
        [{"name": "hostile", "kind": kind, "location": server.url_for(path)}],
        fetch={**FETCH_OPTIONS, "max_bytes": 1_000_000, "robots": False},
    )
    outcome = _ingest(config, "hostile-1", ("hostile",))
    assert outcome.ok, outcome.failure
    ((uri, reason_code, reason),) = _rows(config, "SELECT uri, reason_code, reason FROM rejected_documents")
    assert (uri, reason_code) == (server.url_for(path), code)
    assert _rows(config, "SELECT outcome, code FROM fetch_log") == [("failed", code)]
    assert reason


def test_newsetl_fetch_prints_a_line_per_url_and_revalidates(
    config: Path, server: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url_for("/news/ferry-timetable")
    assert main(["fetch", "--config", str(config), url]) == 0
    assert main(["fetch", "--config", str(config), url, server.url_for("/news/council")]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["outcome"], line["status"]) for line in lines] == [
        ("fetched", 200),
        ("not_modified", 304),
        ("failed", 404),
    ]
    assert set(lines[0]) >= {"url", "outcome", "status", "reason", "bytes"}
    assert lines[0]["bytes"] > 0


def test_newsetl_fetch_feed_fetches_every_item(
    config: Path, server: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["fetch", "--config", str(config), "--feed", server.url_for("/feed.xml")])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["purpose"] == "feed"
    outcomes = {line["url"].rsplit("/", 1)[1]: line["outcome"] for line in lines[1:]}
    assert outcomes == {
        "ferry-timetable": "fetched",
        "fischmarkt": "fetched",
        "council": "failed",
        "accounts": "skipped_robots",
        "regatta": "failed",
    }


def test_newsetl_fetch_refuses_loopback_unless_allowed(
    write_config: ConfigFactory, server: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_site(server)
    config = write_config([], fetch={"host_delay": 0, "retries": 0})
    url = server.url_for("/news/ferry-timetable")
    assert main(["fetch", "--config", str(config), url]) == 1
    assert main(["fetch", "--config", str(config), "--allow-host", "127.0.0.1", url]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert (first["outcome"], second["outcome"]) == ("refused", "fetched")
    assert "loopback" in first["reason"]


def test_a_reprocess_cleans_fetched_pages_with_the_context_they_were_read_with(
    config: Path, server: HTTPServer
) -> None:
    _ingest(config, "feed-1", ("courier",))
    before = _rows(config, "SELECT title, summary, published_at, body FROM articles ORDER BY title")
    assert ("The ferry company cuts the late crossings from December.",) in [(row[1],) for row in before]
    server.clear()  # nothing may be fetched: the charset header and the feed item come from the warehouse
    spec = RunSpec("re-1", "cli", JUNE_14, ("courier",), datetime(2026, 11, 30, tzinfo=UTC), mode="reprocess")
    outcome = ingest(load_settings(config), spec, progress=False)
    assert outcome.ok, outcome.failure
    assert outcome.counts.totals["articles_updated"] == 0
    assert outcome.counts.totals["articles_unchanged"] == 2
    assert _rows(config, "SELECT title, summary, published_at, body FROM articles ORDER BY title") == before
    assert server.log == []
