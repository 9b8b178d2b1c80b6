"""The fetch stage for one live source and one run: discover links, fetch what the run's interval owns.

1. Discovery: the feed, the sitemap (index → child sitemaps, skipping children last modified before the
   interval) or the URL list is fetched (conditional GET: an unchanged feed costs a ``304`` and is re-read
   from the landing), parsed safely, and every link is remembered in the state with its date.
2. Selection: the source's links dated in the interval. A link without a date belongs to the interval of
   the run that first saw it (``undated: skip`` ignores such links); an unbounded run takes every link.
3. Fetching: each selected link not yet in the landing (``revisit: conditional`` re-asks with the stored
   validators instead). Every outcome is recorded: the item's last outcome, and a fetch-log row for the run.

Cleaning then reads the bodies back from the landing (``newsetl.read``), so it reruns without refetching.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from newsetl.config import Settings, SourceConfig
from newsetl.discover.interval import Interval
from newsetl.errors import ConfigError, DocumentError
from newsetl.fetch import Credentials, Fetcher, FetchResult, Purpose, open_fetcher
from newsetl.fetch.feeds import parse_feed
from newsetl.fetch.links import Link
from newsetl.fetch.sitemaps import parse_sitemap

log = logging.getLogger("newsetl.fetch")

MAX_SITEMAP_DEPTH = 3
"""Index → sitemap is the protocol; a little more tolerates indexes of indexes, and stops cycles."""
_PROGRESS_EVERY = 100


@dataclass(slots=True)
class FetchSummary:
    """What the fetch stage did for one source in one run (small: it travels through XCom)."""

    source: str
    run_id: str
    links: int = 0
    """Article links the source offered this run."""
    selected: int = 0
    """Links the run's interval owns."""
    known: int = 0
    """Selected links already in the landing, not requested again."""
    outcomes: Counter[str] = field(default_factory=Counter)
    """Article fetches by outcome."""
    discovery: Counter[str] = field(default_factory=Counter)
    """Feed and sitemap fetches by outcome (``failed`` includes XML that could not be parsed safely)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "run_id": self.run_id,
            "links": self.links,
            "selected": self.selected,
            "known": self.known,
            "outcomes": dict(self.outcomes),
            "discovery": dict(self.discovery),
        }


def fetch_source(
    settings: Settings, source: SourceConfig, interval: Interval, run_id: str, credentials: Credentials | None = None
) -> FetchSummary:
    """Fetch ``source``'s links for ``interval`` into the landing and record every outcome under ``run_id``."""
    if not source.live:
        raise ConfigError(f"source {source.name!r} is of kind {source.kind!r}, which is read, not fetched")
    with open_fetcher(settings, source.fetch, credentials) as fetcher:
        summary = SourceCrawl(fetcher, source, interval, run_id).run()
    log.info("source %s run %s fetched: %s", source.name, run_id, summary.to_json())
    return summary


ResultHook = Callable[[str, FetchResult], None]
"""Called with (purpose, result) as each fetch ends (``newsetl fetch`` prints them)."""


class SourceCrawl:
    def __init__(
        self,
        fetcher: Fetcher,
        source: SourceConfig,
        interval: Interval,
        run_id: str,
        on_result: ResultHook | None = None,
    ) -> None:
        self.fetcher = fetcher
        self._on_result = on_result
        self.state = fetcher.state
        self.source = source
        self.interval = interval
        self.summary = FetchSummary(source.name, run_id)
        self._revisit = _choice(source, "revisit", ("never", "conditional"))
        self._undated = _choice(source, "undated", ("include", "skip"))
        self._default_time = _epoch(interval.start) if interval.bounded else None

    def run(self) -> FetchSummary:
        links = list(self._links())
        self.summary.links = len(links)
        self._remember(links)
        start, end = (_epoch(self.interval.start), _epoch(self.interval.end)) if self.interval.bounded else (None, None)
        for item in self.state.items(self.source.name, start, end):
            if item["role"] == "article":
                self._fetch_page(item["url"])
        return self.summary

    def _links(self) -> Iterator[Link]:
        if self.source.kind == "feed":
            yield from self._feed(self.source.location)
        elif self.source.kind == "sitemap":
            yield from self._sitemap(self.source.location, depth=1)
        else:
            yield from _url_list(self.source)

    def _remember(self, links: list[Link]) -> None:
        rows = []
        for link in links:
            moment = _epoch(link.published) if link.published else self._default_time
            if link.published is None and self._undated == "skip":
                continue
            rows.append((link.url, moment, link.metadata))
        self.state.add_items(self.source.name, "article", rows)

    def _fetch_page(self, url: str) -> None:
        self.summary.selected += 1
        cached = self.state.resource(url)
        landed = cached is not None and cached.raw_id is not None and cached.raw_id in self.fetcher.landing
        if landed and self._revisit == "never":
            self.summary.known += 1
            return
        result = self.fetcher.fetch(url, "page", conditional=landed)
        self._record("page", result)
        self.summary.outcomes[result.outcome] += 1
        fetched = sum(self.summary.outcomes.values())
        if fetched % _PROGRESS_EVERY == 0:
            log.info("source %s: %d pages fetched so far: %s", self.source.name, fetched, dict(self.summary.outcomes))

    def _feed(self, url: str) -> list[Link]:
        result = self._discovery(url, "feed")
        if result is None:
            return []
        try:
            links = parse_feed(result.body, url=result.final_url or url, content_type=result.content_type)
        except DocumentError as exc:
            self._parse_failed("feed", result, exc)
            return []
        self._emit("feed", result)
        return links

    def _sitemap(self, url: str, depth: int) -> Iterator[Link]:
        result = self._discovery(url, "sitemap")
        if result is None:
            return
        try:
            sitemap = parse_sitemap(result.body, url=result.final_url or url, max_bytes=self.source.fetch.max_bytes)
        except DocumentError as exc:
            self._parse_failed("sitemap", result, exc)
            return
        self._emit("sitemap", result)
        if sitemap.kind != "index":
            yield from sitemap.entries
            return
        for child in sitemap.entries:
            if depth >= MAX_SITEMAP_DEPTH:
                log.warning("source %s: sitemap %s nested too deep; not followed", self.source.name, child.url)
            elif self._changed_in_interval(child):
                yield from self._sitemap(child.url, depth + 1)

    def _changed_in_interval(self, child: Link) -> bool:
        # A child sitemap last modified before the interval began cannot list anything dated inside it.
        start = self.interval.start
        return start is None or child.published is None or child.published >= start

    def _discovery(self, url: str, purpose: Purpose) -> FetchResult | None:
        """Fetch a feed or sitemap (always revalidated); ``None`` when no body could be had."""
        self.state.add_items(self.source.name, purpose, [(url, self._default_time, {})])
        result = self.fetcher.fetch(url, purpose)
        self._record(purpose, result, final=not result.has_body)  # final once parsed, below
        self.summary.discovery[result.outcome] += 1
        if result.has_body:
            return result
        log.warning("source %s: %s %s %s: %s", self.source.name, purpose, url, result.outcome, result.reason)
        return None

    def _parse_failed(self, purpose: Purpose, result: FetchResult, exc: DocumentError) -> None:
        # The bytes stay landed (raw_id in the fetch log) for a person to look at; the outcome becomes a failure.
        log.warning("source %s: %s %s unusable: %s", self.source.name, purpose, result.url, exc)
        self._record(purpose, replace(result, outcome="failed", code=exc.reason_code, reason=str(exc)))
        self.summary.discovery[result.outcome] -= 1
        self.summary.discovery["failed"] += 1

    def _record(self, purpose: Purpose, result: FetchResult, *, final: bool = True) -> None:
        self.state.record(self.summary.run_id, self.source.name, purpose, result.to_json())
        if final:
            self._emit(purpose, result)

    def _emit(self, purpose: Purpose, result: FetchResult) -> None:
        if self._on_result:
            self._on_result(purpose, result)


def _url_list(source: SourceConfig) -> Iterator[Link]:
    inline = source.options.get("urls") or []
    if not isinstance(inline, list) or not all(isinstance(url, str) for url in inline):
        raise ConfigError(f"source {source.name!r}: options.urls must be a list of URLs")
    lines: list[str] = list(inline)
    if source.location:
        try:
            lines += Path(source.location).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ConfigError(f"source {source.name!r}: cannot read the URL list {source.location}: {exc}") from exc
    for line in dict.fromkeys(line.strip() for line in lines):
        if line and not line.startswith("#"):
            yield Link(url=line, metadata={"list": source.location or "options.urls"})


def _choice(source: SourceConfig, option: str, allowed: tuple[str, ...]) -> str:
    value = source.options.get(option, allowed[0])
    if value not in allowed:
        raise ConfigError(
            f"source {source.name!r}: options.{option} must be one of {', '.join(allowed)}, got {value!r}"
        )
    return str(value)


def _epoch(moment: datetime | None) -> float | None:
    return moment.timestamp() if moment else None
