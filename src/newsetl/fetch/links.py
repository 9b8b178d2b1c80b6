"""What discovery yields: an article URL, the date its source gave it, and what else the source said."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dateutil import parser as dateutil_parser


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    published: datetime | None = None
    """Publication (feeds, news sitemaps) or last modification (sitemaps), in UTC; ``None`` if not given."""
    metadata: dict[str, Any] = field(default_factory=dict)
    """The feed item's title/summary/date, the sitemap entry's news title and publication, …"""


def parse_moment(value: str | None) -> datetime | None:
    """A W3C/ISO 8601 or RFC 2822 stamp in UTC (date-only → midnight UTC); ``None`` if absent or unreadable."""
    if not value or not value.strip():
        return None
    try:
        moment = dateutil_parser.parse(value.strip(), default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
