"""Feeds and sitemaps parsed safely: every RSS/Atom flavour, news sitemaps, .gz, and hostile XML refused unexpanded."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from datetime import UTC, datetime

import pytest

from newsetl.errors import CorruptArchiveError, ParseError, TooLargeError, UnsafeXMLError
from newsetl.fetch.feeds import parse_feed
from newsetl.fetch.sitemaps import parse_sitemap
from tests.conftest import CASES

FETCH_CASES = CASES / "fetch"
BASE = "https://courier.example"


def _case(name: str) -> bytes:
    return (FETCH_CASES / name).read_text(encoding="utf-8").replace("{base}", BASE).encode("utf-8")


def test_rss2_items_keep_their_title_date_and_summary() -> None:
    links = parse_feed(_case("rss2.xml"), url=f"{BASE}/feed.xml")
    assert [link.url for link in links][:2] == [f"{BASE}/news/ferry-timetable", f"{BASE}/news/fischmarkt"]
    first = links[0]
    assert first.published == datetime(2024, 6, 14, 7, 45, tzinfo=UTC)
    assert first.metadata["title"] == "Ferry timetable changes for the winter"
    assert first.metadata["summary"] == "The ferry company cuts the late crossings from December."
    assert first.metadata["author"] == "Anna Berg"
    assert first.metadata["tags"] == ["Transport"]
    assert links[1].published == datetime(2024, 6, 14, 10, 0, tzinfo=UTC)  # +0200 in the feed


@pytest.mark.parametrize(
    ("case", "url", "published"),
    [
        ("atom.xml", "https://news.example/atom-entry", datetime(2024, 6, 14, 7, 0, tzinfo=UTC)),
        ("rss1.rdf", "https://news.example/rdf-item", datetime(2024, 6, 14, 8, 0, tzinfo=UTC)),
        ("rss091.xml", "https://news.example/old-item", None),
    ],
)
def test_atom_rss1_and_rss091_are_read(case: str, url: str, published: datetime | None) -> None:
    (link,) = parse_feed((FETCH_CASES / case).read_bytes(), url="https://news.example/feed")
    assert (link.url, link.published) == (url, published)


def test_an_entity_expansion_feed_is_refused_in_bounded_memory() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(UnsafeXMLError, match="declares entities"):
            parse_feed((FETCH_CASES / "billion_laughs.xml").read_bytes(), url="https://news.example/feed")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_entities_are_refused_in_utf16_too() -> None:
    content = (FETCH_CASES / "billion_laughs.xml").read_text().replace('<?xml version="1.0"?>', "")
    with pytest.raises(UnsafeXMLError):
        parse_feed(('<?xml version="1.0" encoding="UTF-16"?>' + content).encode("utf-16"), url="https://x.example/")


def test_a_feed_that_is_not_xml_is_malformed() -> None:
    with pytest.raises(ParseError, match="not well-formed"):
        parse_feed(b"<rss><channel><title>cut off", url="https://news.example/feed")
    with pytest.raises(ParseError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body>Not a feed</body></html>", url="https://news.example/feed")


def test_a_slightly_broken_feed_still_gives_its_items() -> None:
    broken = _case("rss2.xml").replace(b"Council meets", b"Council & mayor meet")
    links = parse_feed(broken, url=f"{BASE}/feed.xml")
    assert len(links) == 5


def test_a_sitemap_index_lists_its_children_with_lastmod() -> None:
    sitemap = parse_sitemap(_case("sitemap_index.xml"), url=f"{BASE}/sitemap.xml", max_bytes=100_000)
    assert sitemap.kind == "index"
    assert [(link.url.rsplit("/", 1)[1], link.published) for link in sitemap.entries] == [
        ("news.xml", datetime(2024, 6, 14, 21, 0, tzinfo=UTC)),
        ("pages.xml.gz", datetime(2024, 6, 14, 6, 0, tzinfo=UTC)),
        ("archive-2023.xml", datetime(2023, 12, 31, tzinfo=UTC)),
    ]


def test_a_news_sitemap_gives_publication_dates_and_titles() -> None:
    sitemap = parse_sitemap(_case("news_sitemap.xml"), url=f"{BASE}/news.xml", max_bytes=100_000)
    first = sitemap.entries[0]
    assert (sitemap.kind, first.published) == ("urlset", datetime(2024, 6, 14, 7, 45, tzinfo=UTC))
    assert first.metadata["title"] == "Ferry timetable changes for the winter"
    assert (first.metadata["publication"], first.metadata["language"]) == ("The Harbour Courier", "en")


def test_a_gzipped_sitemap_and_a_text_sitemap_are_read() -> None:
    gz = parse_sitemap(gzip.compress(_case("pages_sitemap.xml")), url=f"{BASE}/p.xml.gz", max_bytes=100_000)
    assert [link.url for link in gz.entries] == [f"{BASE}/news/fischmarkt"]
    text = parse_sitemap(b"https://a.example/1\n\nhttps://a.example/2\n", url="https://a.example/s.txt", max_bytes=99)
    assert (text.kind, [link.url for link in text.entries]) == ("text", ["https://a.example/1", "https://a.example/2"])


def test_invalid_xml_in_a_sitemap_is_malformed() -> None:
    with pytest.raises(ParseError, match="sitemap is not well-formed XML"):
        parse_sitemap(b"<urlset><url><loc>https://a.example/</url>", url="https://a.example/s.xml", max_bytes=1000)


def test_an_external_entity_in_a_sitemap_is_refused() -> None:
    with pytest.raises(UnsafeXMLError):
        parse_sitemap((FETCH_CASES / "xxe_sitemap.xml").read_bytes(), url="https://a.example/s.xml", max_bytes=10_000)


def test_a_doctype_in_a_sitemap_is_refused() -> None:
    dtd = b'<?xml version="1.0"?><!DOCTYPE urlset SYSTEM "http://evil.example/x.dtd"><urlset></urlset>'
    with pytest.raises(UnsafeXMLError, match="DTD"):
        parse_sitemap(dtd, url="https://a.example/s.xml", max_bytes=10_000)


def test_a_gzip_bomb_sitemap_stops_at_the_cap_in_bounded_memory() -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = b"".join(packer.compress(bytes(1_000_000)) for _ in range(200)) + packer.flush()  # 200 MB → 0.2 MB
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError, match="decompresses to more than 2,000,000 bytes"):
            parse_sitemap(bomb, url="https://a.example/s.xml.gz", max_bytes=2_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


def test_a_truncated_gzip_sitemap_is_corrupt() -> None:
    with pytest.raises(CorruptArchiveError):
        parse_sitemap(
            gzip.compress(_case("pages_sitemap.xml"))[:50] + b"\xff" * 8, url="https://a.example/", max_bytes=10**6
        )
