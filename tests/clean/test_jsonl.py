from __future__ import annotations

import json

import pytest

from newsetl.clean.jsonl import extract_record, parse_record
from newsetl.config import CleaningConfig
from newsetl.errors import ExtractionError, ParseError


def test_record_fields_win_over_extraction() -> None:
    record = {
        "link": "https://x.test/a",
        "headline": "Given title",
        "published": "2024-06-14 07:45",
        "author": "Jane Doe and John Roe",
        "lang": "en",
        "text": "Extracted title\n\nAdvertisement\nThe body of the story, in one sentence.\n",
    }
    extraction = extract_record(record, CleaningConfig())
    assert extraction.title == "Given title"
    assert extraction.authors == ["Jane Doe", "John Roe"]
    assert extraction.published_at == "2024-06-14T07:45:00Z"
    assert extraction.body == ["The body of the story, in one sentence."]
    assert extraction.canonical_url == "https://x.test/a"


def test_html_record_goes_through_the_html_extractor() -> None:
    record = {
        "html": "<html><body><article><p>" + "A sentence of the article body. " * 10 + "</p></article></body></html>"
    }
    extraction = extract_record(record, CleaningConfig())
    assert extraction.extractor == "html"
    assert extraction.body_text.startswith("A sentence of the article body.")


@pytest.mark.parametrize(
    ("line", "message"),
    [(b"{not json", "malformed JSON Lines record"), (b"[1, 2]", "must be an object"), (b'{"a": "\xff"}', "not UTF-8")],
)
def test_bad_lines_raise_parse_errors(line: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_record(line)


def test_record_without_content_is_no_article() -> None:
    with pytest.raises(ExtractionError, match="neither html nor text"):
        extract_record({"title": "Only a title"}, CleaningConfig())


def test_parse_record_round_trip() -> None:
    assert parse_record(json.dumps({"a": "ü"}).encode()) == {"a": "ü"}
