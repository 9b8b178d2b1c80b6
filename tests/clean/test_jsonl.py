from __future__ import annotations

import json
import logging

import pytest

from newsetl.clean.jsonl import extract_record, parse_record, record_url
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


def test_character_references_in_a_record_s_title_and_summary_are_read() -> None:
    record = {
        "title": "What&#8217;s next for AT&T &amp; the FCC",
        "summary": "Q&amp;A",
        "text": "The body of the story, in one sentence.",
    }
    extraction = extract_record(record, CleaningConfig())
    assert (extraction.title, extraction.summary) == ("What’s next for AT&T & the FCC", "Q&A")


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


_TEXT = "The body of the story, in one sentence that is long enough to be kept as article text.\n"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (1718000000, "2024-06-10T06:13:20Z"),  # Unix seconds
        (1718000000123, "2024-06-10T06:13:20.123000Z"),  # milliseconds
        ("1718000000", "2024-06-10T06:13:20Z"),  # seconds, written as a string
        (1718000000.5, "2024-06-10T06:13:20.500000Z"),
        ("2024-06-15T08:00:00+02:00", "2024-06-15T06:00:00Z"),
        ("20240615", "2024-06-15T00:00:00Z"),  # a date, not a timestamp
        (2024, None),  # a year, not 1970-01-01T00:33:44Z
        (-1718000000, None),
        (True, None),
        (float("nan"), None),
        (10**30, None),
    ],
)
def test_a_record_s_date_is_read_as_a_timestamp_or_as_written(published: object, expected: str | None) -> None:
    extraction = extract_record({"published": published, "text": _TEXT}, CleaningConfig())
    assert extraction.published_at == expected


def test_authors_may_be_schema_org_objects_names_or_one_object() -> None:
    listed = [{"@type": "Person", "name": " Jane Doe "}, "John Roe", {"@type": "Person"}, 7, None]
    assert extract_record({"authors": listed, "text": _TEXT}, CleaningConfig()).authors == ["Jane Doe", "John Roe"]
    one = {"@type": "Organization", "name": "Wire Desk"}
    assert extract_record({"author": one, "text": _TEXT}, CleaningConfig()).authors == ["Wire Desk"]


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://x.test/a", "https://x.test/a"),
        (" HTTP://x.test/b ", "HTTP://x.test/b"),
        ("javascript:alert(1)", None),
        ("/news/relative-path", None),
        ("http://[::1", None),
        (5, None),
    ],
)
def test_only_an_http_address_is_a_record_s_url(url: object, kept: str | None) -> None:
    assert record_url({"url": url}) == kept


def test_a_short_html_fragment_is_read_as_the_article_it_is() -> None:
    brief = "<p>The council approved the new budget on Tuesday after a <b>long</b> debate.</p>"
    extraction = extract_record({"content_html": brief, "title": "Budget passed"}, CleaningConfig())
    assert extraction.body == ["The council approved the new budget on Tuesday after a long debate."]
    assert extraction.title == "Budget passed"


def test_a_fragment_keeps_its_emphasis_in_the_paragraph_and_its_list_after_it(caplog: pytest.LogCaptureFixture) -> None:
    fragment = (
        "<p>The council approved the new budget on <i>Tuesday</i> after a long debate about the costs.</p>"
        "<ul><li>Schools get more money this year.</li><li>Roads get less than they had.</li></ul>"
    )
    assert extract_record({"html": fragment}, CleaningConfig()).body == [
        "The council approved the new budget on Tuesday after a long debate about the costs.",
        "- Schools get more money this year.",
        "- Roads get less than they had.",
    ]
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


BUDGET = [
    "The city council approved the new budget on Tuesday after a long debate about the harbour.",
    "Key points:",
    "- Harbour repairs: 4 million euros",
    "- New buses: 2 million euros",
    "- Library: 1 million euros",
    "The mayor said the plan was balanced.",
    "The budget now goes to the regional authority, which has six weeks to approve it.",
]


def test_a_record_s_text_that_is_the_article_keeps_its_first_paragraph_and_its_list() -> None:
    # No page around it: its first line is no <title>, and a list does not cut the article in two.
    record = {
        "title": "Council approves budget",
        "text": "\n\n".join([*BUDGET[:2], "\n".join(BUDGET[2:5]), *BUDGET[5:]]),
    }
    extraction = extract_record(record, CleaningConfig())
    assert (extraction.title, extraction.body, extraction.summary) == ("Council approves budget", BUDGET, None)


def test_a_record_s_text_that_is_a_whole_page_is_searched_for_its_article() -> None:
    menu = ["Home", "News", "Sport", "Business", "Weather", "Contact"]
    text = "\n".join(["Council approves budget | The Courier", *menu, "Council approves budget", *BUDGET[5:], *menu])
    extraction = extract_record({"text": text}, CleaningConfig())
    assert (extraction.title, extraction.body) == ("Council approves budget", BUDGET[5:])
