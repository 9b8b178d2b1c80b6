from __future__ import annotations

from bs4 import BeautifulSoup

from newsetl.clean.html import extract_html, read_metadata, split_authors
from tests.conftest import SAMPLES


def _metadata(html: str):  # type: ignore[no-untyped-def]
    return read_metadata(BeautifulSoup(html, "lxml"))


def test_json_ld_graph_article_wins() -> None:
    html = """<html lang="de"><head><script type="application/ld+json">
    {"@graph": [{"@type": "Organization", "name": "Org"},
                {"@type": ["NewsArticle"], "headline": "From JSON-LD", "author": {"@type": "Person", "name": "A B"},
                 "datePublished": "2024-01-02T03:04:05+02:00", "articleSection": ["Politik"], "keywords": ["x", "y"]}]}
    </script><meta property="og:title" content="From OG"></head><body></body></html>"""
    found = _metadata(html)
    assert found.title == "From JSON-LD"
    assert found.authors == ["A B"]
    assert found.published_at == "2024-01-02T01:04:05Z"
    assert found.section == "Politik"
    assert found.tags == ["x", "y"]
    assert found.language == "de"


def test_malformed_json_ld_is_skipped_and_meta_tags_fill_in() -> None:
    html = """<html><head><script type="application/ld+json">{not json</script>
    <meta property="og:title" content="OG title"><meta name="author" content="By Jane Doe, John Roe">
    <meta property="article:published_time" content="2024-06-13T06:00:00Z">
    <link rel="canonical" href="https://example.test/a"></head><body></body></html>"""
    found = _metadata(html)
    assert found.title == "OG title"
    assert found.authors == ["Jane Doe", "John Roe"]
    assert found.published_at == "2024-06-13T06:00:00Z"
    assert found.canonical_url == "https://example.test/a"


def test_title_prefers_the_h1_the_title_tag_repeats() -> None:
    html = "<html><head><title>Headline here - Site Name</title></head><body><h1>Headline here</h1></body></html>"
    assert _metadata(html).title == "Headline here"


def test_split_authors_drops_prefixes_urls_and_emails() -> None:
    assert split_authors("By Jane Doe and John Roe; https://x.test/me, me@x.test") == ["Jane Doe", "John Roe"]


def test_extract_html_sample_page() -> None:
    html = (SAMPLES / "saved_pages" / "library-reopens.html").read_text(encoding="utf-8")
    extraction = extract_html(html)
    body = extraction.body_text
    assert extraction.body[0].startswith("The central library reopened on Wednesday")
    for unwanted in (
        "Advertisement",
        "Related stories",
        "newsletter",
        "cookies",
        "Privacy policy",
        "rooftop reading room seats",
    ):
        assert unwanted not in body
    assert extraction.captions == [
        {"text": "The new rooftop reading room seats 120 people.", "credit": "Riverside Council"}
    ]
    assert extraction.updated_at == "2024-06-12T10:05:00Z"
    assert extraction.tags == ["libraries", "council", "culture"]
    assert extraction.section == "Local news"
