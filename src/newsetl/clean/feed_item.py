"""What a feed said about an item (title, summary, date, author, tags), as fallbacks for the page's own fields.

The page wins where it states a field: the feed entry is a teaser written for a reader list, the page is the
article. Feed summaries are HTML fragments (feedparser sanitises, it does not flatten them), so BeautifulSoup
turns them into text; a fragment of a few hundred bytes costs microseconds, unlike a whole page.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bs4 import BeautifulSoup

from newsetl.clean.dates import to_utc_iso
from newsetl.clean.extraction import Extraction
from newsetl.clean.html.metadata import split_authors


def with_feed_item(extraction: Extraction, item: dict[str, Any]) -> Extraction:
    """``extraction`` with its missing title, summary, date, authors and tags taken from the feed ``item``."""
    if not item:
        return extraction
    return replace(
        extraction,
        title=extraction.title or _text(item.get("title")),
        summary=extraction.summary or fragment_text(item.get("summary")),
        published_at=extraction.published_at or to_utc_iso(_text(item.get("published"))),
        authors=extraction.authors or split_authors(_text(item.get("author")) or ""),
        tags=extraction.tags or [tag for tag in item.get("tags") or [] if isinstance(tag, str) and tag.strip()],
    )


def fragment_text(fragment: Any) -> str | None:
    """The text of an HTML fragment, whitespace collapsed: "<p>Rail <b>strike</b></p>" → "Rail strike"."""
    if not isinstance(fragment, str) or not fragment.strip():
        return None
    text = " ".join(BeautifulSoup(fragment, "html.parser").get_text(" ").split())
    return text or None


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
