from __future__ import annotations

from newsetl.clean import extract_document
from newsetl.clean.extraction import Extraction
from newsetl.clean.feed_item import fragment_text, with_feed_item
from newsetl.config import CleaningConfig
from newsetl.records import RawDocument

ITEM = {
    "title": "Rail workers announce strike",
    "summary": "<p>Rail workers will stage a <b>48-hour</b> strike.</p><img src='x.jpg'>",
    "published": "2024-06-15T09:10:00+02:00",
    "author": "Lukas Berger and Sofia Marin",
    "tags": ["transport", "labour", ""],
}


def test_feed_item_fills_only_what_the_page_lacks() -> None:
    page = Extraction(body=["Body."], title="Page title", authors=["Page Author"])
    merged = with_feed_item(page, ITEM)
    assert merged.title == "Page title"
    assert merged.authors == ["Page Author"]
    assert merged.summary == "Rail workers will stage a 48-hour strike."
    assert merged.published_at == "2024-06-15T07:10:00Z"
    assert merged.tags == ["transport", "labour"]


def test_no_item_changes_nothing() -> None:
    page = Extraction(body=["Body."])
    assert with_feed_item(page, {}) is page


def test_fragment_text() -> None:
    assert fragment_text("<div>One<br>two &amp; <i>three</i></div>") == "One two & three"
    assert fragment_text("   ") is None
    assert fragment_text(None) is None


def test_a_fetched_page_gets_its_feed_item_fields() -> None:
    html = b"<html><body><article><p>" + b"The strike will stop most trains on Saturday and Sunday. " * 6
    document = RawDocument(
        source="wire",
        uri="https://x.test/a",
        format="html",
        content=html + b"</p></article>",
        url="https://x.test/a",
        metadata={"item": ITEM},
    )
    extraction, _encoding, _url = extract_document(document, CleaningConfig())
    assert extraction.title == "Rail workers announce strike"
    assert extraction.authors == ["Lukas Berger", "Sofia Marin"]
    assert extraction.published_at == "2024-06-15T07:10:00Z"
