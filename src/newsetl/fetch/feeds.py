"""RSS 0.9x/1.0/2.0 and Atom feeds → article links, with ``feedparser``.

Feeds are untrusted: entity declarations are refused before parsing and the XML is first streamed through
``defusedxml`` (which also catches them in UTF-16). ``feedparser`` is given bytes only (never a URL or path:
it would fetch or open it itself). Slightly broken feeds are common; when the XML is not well-formed but
feedparser's lenient mode still finds items, they are used and the damage is logged.
"""

from __future__ import annotations

import calendar
import io
import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from newsetl.errors import ParseError, UnsafeXMLError
from newsetl.fetch._xml import iter_elements, refuse_entities
from newsetl.fetch.links import Link

log = logging.getLogger("newsetl.fetch")

_SUMMARY_CHARS = 2_000


def parse_feed(content: bytes, *, url: str, content_type: str | None = None) -> list[Link]:
    """The article links of a feed, newest first as the feed lists them; raises a :class:`DocumentError`."""
    refuse_entities(content)
    try:
        for element in iter_elements(content, "feed", forbid_dtd=False):
            element.clear()
        syntax_error: ParseError | None = None
    except UnsafeXMLError:
        raise
    except ParseError as exc:
        syntax_error = exc
    headers = {"content-location": url, **({"content-type": content_type} if content_type else {})}
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers, sanitize_html=True)
    links = [link for entry in parsed.entries if (link := _link(entry, url))]
    if syntax_error and not links:
        raise syntax_error
    if not parsed.version and not links:
        raise ParseError("not an RSS or Atom feed (no channel, no items)")
    if syntax_error:
        log.warning("feed %s: %s; %d items recovered by the lenient parser", url, syntax_error, len(links))
    return links


def _link(entry: Any, base: str) -> Link | None:
    href = entry.get("link") or next((item.get("href") for item in entry.get("links", []) if item.get("href")), None)
    if not href:
        return None
    published = _moment(entry.get("published_parsed") or entry.get("updated_parsed"))
    metadata = {
        "title": entry.get("title"),
        "summary": (entry.get("summary") or "")[:_SUMMARY_CHARS] or None,
        "published": published.isoformat() if published else None,
        "author": entry.get("author"),
        "id": entry.get("id"),
        "tags": [tag.get("term") for tag in entry.get("tags", []) if tag.get("term")],
        "feed": base,
    }
    return Link(url=urljoin(base, href.strip()), published=published, metadata=metadata)


def _moment(parsed: Any) -> datetime | None:
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
