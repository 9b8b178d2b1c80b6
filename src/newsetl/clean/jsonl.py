"""One JSON Lines record: an article exported by another system, as HTML or as text, with fields.

Recognised fields (first present wins): ``url``/``link``; ``title``/``headline``; ``html``/``content_html``/
``raw_html``; ``text``/``content``/``body``; ``published``/``published_at``/``date``/``datePublished``;
``authors``/``author``; ``language``/``lang``; ``summary``/``description``. The record's own fields win over
what extraction finds in its HTML or text, since an exporter states them on purpose.

Exporters write these fields in more than one shape: a date as a Unix timestamp (a number, in seconds or
milliseconds) as well as a string, authors as schema.org objects (``{"name": …}``) as well as names. A URL is kept
only when it is an http(s) address: a ``javascript:`` or relative one names no page. An html fragment (an export's
``content_html``, without ``<html>`` or ``<body>``) is extracted as the article of a page.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from typing import Any
from urllib.parse import urlsplit

from newsetl.clean.dates import iso_utc, to_utc_iso
from newsetl.clean.extraction import Extraction
from newsetl.clean.html import extract_html, split_authors
from newsetl.clean.html.jsonld import names
from newsetl.clean.text import extract_text_dump
from newsetl.config import CleaningConfig
from newsetl.errors import ExtractionError, ParseError

# A whole page, not a fragment of one.
_PAGE_RE = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
_FIELDS = {
    "url": ("url", "link", "canonical_url"),
    "title": ("title", "headline"),
    "html": ("html", "content_html", "raw_html"),
    "text": ("text", "content", "body", "article_text"),
    "published": ("published_at", "published", "date", "datePublished", "pubdate"),
    "authors": ("authors", "author", "byline"),
    "language": ("language", "lang"),
    "summary": ("summary", "description", "standfirst"),
}


def parse_record(line: bytes) -> dict[str, Any]:
    """The JSON object on one line; a clear :class:`ParseError` when it is not one."""
    try:
        record = json.loads(line)
    except UnicodeDecodeError as exc:
        raise ParseError(f"JSON Lines record is not UTF-8: {exc.reason} at byte {exc.start}") from exc
    except json.JSONDecodeError as exc:
        raise ParseError(f"malformed JSON Lines record: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise ParseError(f"JSON Lines record must be an object, got {type(record).__name__}")
    return record


def record_url(record: dict[str, Any]) -> str | None:
    """The record's http(s) URL, else ``None``."""
    value = _field(record, "url")
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:  # an unclosed IPv6 bracket, say
        return None
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def extract_record(record: dict[str, Any], cleaning: CleaningConfig) -> Extraction:
    html, text = _field(record, "html"), _field(record, "text")
    if isinstance(html, str) and html.strip():
        extraction = extract_html(_as_page(html), record_url(record), cleaning.zone)
    elif isinstance(text, str) and text.strip():
        extraction = extract_text_dump(text, cleaning, article=True)
    else:
        raise ExtractionError("JSON Lines record has neither html nor text")
    return _with_record_fields(extraction, record, cleaning)


def _as_page(html: str) -> str:
    """A whole page as it is; a fragment as the article of a page.

    An export's html is often the article alone (``content_html``). Given a bare fragment, the page extractor kept
    nothing of a one-paragraph brief (and trafilatura's loader logged an error for it), dropped a list after a
    paragraph, and cut a paragraph at its emphasis once the fragment was in a page without an article element.
    """
    return html if _PAGE_RE.search(html) else f"<html><body><article>{html}</article></body></html>"


def _with_record_fields(extraction: Extraction, record: dict[str, Any], cleaning: CleaningConfig) -> Extraction:
    title, summary, language = (_field(record, key) for key in ("title", "summary", "language"))
    return replace(
        extraction,
        title=_plain(title) or extraction.title,
        summary=_plain(summary) or extraction.summary,
        authors=_authors(_field(record, "authors")) or extraction.authors,
        published_at=_published(_field(record, "published"), cleaning.zone) or extraction.published_at,
        language=language if isinstance(language, str) and language.strip() else extraction.language,
        canonical_url=extraction.canonical_url or record_url(record),
    )


def _plain(value: Any) -> str | None:
    """A text field as text: a CMS export's title often keeps the page's character references ("What&#8217;s")."""
    if not isinstance(value, str) or not value.strip():
        return None
    return html.unescape(value) if "&" in value else value


def _authors(value: Any) -> list[str]:
    # Read as a page's JSON-LD author is: names, schema.org objects with a name, or a list of either.
    return split_authors(names(value))


# Unix timestamps are read from September 2001 (10 digits) on: a smaller number is no news date (a year, 2024,
# is not 1970-01-01T00:33:44Z). One this large in seconds would fall in the year 5138: it counts milliseconds.
_SECONDS_FROM = 1_000_000_000
_MILLISECONDS_FROM = 100_000_000_000
_TIMESTAMP_DIGITS = (10, 13)
"""Digit strings read as timestamps: seconds and milliseconds (shorter ones are dates, "20240615")."""


def _published(value: Any, zone: tzinfo | None) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) in _TIMESTAMP_DIGITS:
        value = int(value)
    if isinstance(value, int | float):
        return _from_timestamp(value)
    return to_utc_iso(_string(value), zone)


def _from_timestamp(number: float) -> str | None:
    if not number >= _SECONDS_FROM:  # NaN too
        return None
    seconds = number / 1000 if number >= _MILLISECONDS_FROM else number
    try:
        return iso_utc(datetime.fromtimestamp(seconds, UTC))
    except (OverflowError, OSError, ValueError):  # out of the platform's range
        return None


def _field(record: dict[str, Any], key: str) -> Any:
    return next((record[name] for name in _FIELDS[key] if record.get(name) not in (None, "")), None)


def _string(value: Any) -> str | None:
    return str(value) if value is not None else None
