"""``newsetl fetch``: URLs, or a feed's or sitemap's articles, fetched into the landing by the same crawler.

The command is an ad-hoc source named ``cli`` over every date (an unbounded interval), whose URLs are always
asked again: conditionally, so a page fetched before costs a ``304`` (``not_modified``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from newsetl.config import Settings, SourceConfig, SourceKind
from newsetl.discover.interval import Interval
from newsetl.fetch import FetchResult, open_fetcher
from newsetl.fetch.crawl import SourceCrawl

_LINE_FIELDS = ("url", "outcome", "status", "reason", "bytes", "code", "final_url", "raw_id")


def fetch_command(
    settings: Settings,
    emit: Callable[[dict[str, Any]], None],
    *,
    urls: Sequence[str] = (),
    feed: str | None = None,
    sitemap: str | None = None,
    allow_hosts: Sequence[str] = (),
) -> None:
    """Fetch and call ``emit`` with one line per URL (feed or sitemap first), as each one ends."""
    kind: SourceKind = "feed" if feed else "sitemap" if sitemap else "urls"
    policy = replace(settings.fetch, allow_hosts=(*settings.fetch.allow_hosts, *allow_hosts))
    source = SourceConfig(
        name="cli",
        kind=kind,
        location=feed or sitemap or "",
        options={"urls": list(urls), "revisit": "conditional"},
        fetch=policy,
    )
    run_id = f"cli-fetch__{datetime.now(UTC).strftime('%Y-%m-%dT%H%M%S.%fZ')}"

    def line(purpose: str, result: FetchResult) -> None:
        emit({"purpose": purpose} | {name: result.to_json()[name] for name in _LINE_FIELDS})

    with open_fetcher(settings, policy) as fetcher:
        SourceCrawl(fetcher, source, Interval.unbounded(), run_id, on_result=line).run()
