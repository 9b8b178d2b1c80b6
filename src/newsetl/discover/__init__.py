"""Discovery: which items a source offers for one data interval.

Each source kind has a discoverer (``discover(source, interval) -> Iterator[SourceItem]``). Live kinds
(URL lists, feeds, sitemaps) read what their fetch stage (``newsetl.fetch.crawl``) left in the fetch state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from newsetl.config import SourceConfig
from newsetl.discover.dumps import discover_dumps
from newsetl.discover.interval import Interval
from newsetl.errors import ConfigError
from newsetl.records import SourceItem

__all__ = ["Interval", "discover", "discover_dumps", "discover_live", "discover_warc"]

Discoverer = Callable[[SourceConfig, Interval], Iterator[SourceItem]]


# The live and WARC discoverers are imported when first called: they pull in requests, warcio and dateutil
# (~0.3 s at start-up), which a run over dump folders never uses.
def discover_live(source: SourceConfig, interval: Interval) -> Iterator[SourceItem]:
    from newsetl.discover.live import discover_live as discover_fetched

    return discover_fetched(source, interval)


def discover_warc(source: SourceConfig, interval: Interval) -> Iterator[SourceItem]:
    from newsetl.discover.warc import discover_warc as discover_records

    return discover_records(source, interval)


_DISCOVERERS: dict[str, Discoverer] = {
    "dumps": discover_dumps,
    "urls": discover_live,
    "feed": discover_live,
    "sitemap": discover_live,
    "warc": discover_warc,
}


def discover(source: SourceConfig, interval: Interval) -> Iterator[SourceItem]:
    """The items ``source`` offers for ``interval``, in a stable order."""
    try:
        discoverer = _DISCOVERERS[source.kind]
    except KeyError:
        raise ConfigError(f"source {source.name!r}: kind {source.kind!r} has no discoverer yet") from None
    return discoverer(source, interval)
