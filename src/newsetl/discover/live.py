"""Live kinds (``urls``, ``feed``, ``sitemap``): what the fetch stage left for an interval, read from its state.

No network here: the fetch stage already fetched (``newsetl.fetch.crawl``). Each item dated in the interval
becomes a :class:`SourceItem` pointing at its landed body, or, when it could not be fetched, carrying the
recorded outcome so that cleaning quarantines it with the reason. A reprocess plans from here too: it
re-cleans what was landed, without refetching.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsetl.config import SourceConfig
from newsetl.discover.interval import Interval
from newsetl.fetch import FetchState
from newsetl.records import SourceItem

_NOT_FETCHED = ("failed", "refused", "skipped_robots")


def discover_live(source: SourceConfig, interval: Interval) -> Iterator[SourceItem]:
    if source.fetch.state is None or not source.fetch.state.exists():
        return
    state = FetchState(source.fetch.state)
    try:
        start = interval.start.timestamp() if interval.start and interval.bounded else None
        end = interval.end.timestamp() if interval.end and interval.bounded else None
        for item in state.items(source.name, start, end):
            found = _item(source, item, state)
            if found:
                yield found
    finally:
        state.close()


def _item(source: SourceConfig, item: dict[str, object], state: FetchState) -> SourceItem | None:
    url = str(item["url"])
    failure = {key: item[key] for key in ("outcome", "code", "reason", "status")}
    if item["role"] != "article":
        # A feed or sitemap is not an article: it matters here only if it failed, to be quarantined with why.
        return SourceItem(source.name, url, "", {"fetch": failure}) if item["outcome"] == "failed" else None
    resource = state.resource(url)
    if resource and resource.raw_id and resource.landing_path and Path(resource.landing_path).exists():
        fetch = {
            "raw_id": resource.raw_id,
            "final_url": resource.final_url,
            "content_type": resource.content_type,
            "fetched_at": resource.fetched_at,
        }
        return SourceItem(source.name, url, resource.landing_path, {"fetch": fetch, "item": item["metadata"]})
    if item["outcome"] in _NOT_FETCHED:
        return SourceItem(source.name, url, "", {"fetch": failure})
    return None  # discovered but not yet attempted (an interrupted fetch): the next run's fetch takes it
