"""One JSON Lines record: an article exported by another system, as HTML or as text, with fields.

Recognised fields (first present wins): ``url``/``link``; ``title``/``headline``; ``html``/``content_html``/
``raw_html``; ``text``/``content``/``body``; ``published``/``published_at``/``date``/``datePublished``;
``authors``/``author``; ``language``/``lang``; ``summary``/``description``. The record's own fields win over
what extraction finds in its HTML or text, since an exporter states them on purpose.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from newsetl.clean.dates import to_utc_iso
from newsetl.clean.extraction import Extraction
from newsetl.clean.html import extract_html, split_authors
from newsetl.clean.text import extract_text_dump
from newsetl.config import CleaningConfig
from newsetl.errors import ExtractionError, ParseError

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
    value = _field(record, "url")
    return value if isinstance(value, str) and value.strip() else None


def extract_record(record: dict[str, Any], cleaning: CleaningConfig) -> Extraction:
    html, text = _field(record, "html"), _field(record, "text")
    if isinstance(html, str) and html.strip():
        extraction = extract_html(html, record_url(record), cleaning.zone)
    elif isinstance(text, str) and text.strip():
        extraction = extract_text_dump(text, cleaning)
    else:
        raise ExtractionError("JSON Lines record has neither html nor text")
    return _with_record_fields(extraction, record, cleaning)


def _with_record_fields(extraction: Extraction, record: dict[str, Any], cleaning: CleaningConfig) -> Extraction:
    title, summary, language = (_field(record, key) for key in ("title", "summary", "language"))
    return replace(
        extraction,
        title=title if isinstance(title, str) and title.strip() else extraction.title,
        summary=summary if isinstance(summary, str) and summary.strip() else extraction.summary,
        authors=_authors(_field(record, "authors")) or extraction.authors,
        published_at=to_utc_iso(_string(_field(record, "published")), cleaning.zone) or extraction.published_at,
        language=language if isinstance(language, str) and language.strip() else extraction.language,
        canonical_url=extraction.canonical_url or record_url(record),
    )


def _authors(value: Any) -> list[str]:
    if isinstance(value, list):
        return [name.strip() for name in value if isinstance(name, str) and name.strip()]
    return split_authors(value) if isinstance(value, str) else []


def _field(record: dict[str, Any], key: str) -> Any:
    return next((record[name] for name in _FIELDS[key] if record.get(name) not in (None, "")), None)


def _string(value: Any) -> str | None:
    return str(value) if value is not None else None
