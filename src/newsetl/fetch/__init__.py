"""Fetching live sources over HTTP: polite, safe, re-readable.

Every request goes through one :class:`Transport` (a guarded ``requests.Session``); the :class:`Fetcher`
adds robots.txt, per-host politeness shared across processes, bounded redirects checked hop by hop,
retries with backoff, conditional GET and the raw landing. Feeds and sitemaps are parsed with entity
expansion and DTDs refused; :func:`fetch_source` is the pipeline's fetch stage for one source.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from newsetl.config import FetchConfig, Settings
from newsetl.fetch._fetcher import OUTCOMES, Credentials, Fetcher, FetchResult, Outcome, Purpose, origin_of
from newsetl.fetch._guard import AddressGuard
from newsetl.fetch._state import FetchState
from newsetl.fetch._transport import Response, Transport
from newsetl.landing import Landing

__all__ = [
    "OUTCOMES",
    "AddressGuard",
    "Credentials",
    "FetchResult",
    "FetchState",
    "Fetcher",
    "Outcome",
    "Purpose",
    "Response",
    "Transport",
    "open_fetcher",
    "origin_of",
]


@contextmanager
def open_fetcher(
    settings: Settings, policy: FetchConfig | None = None, credentials: Credentials | None = None
) -> Iterator[Fetcher]:
    """A fetcher on the configured landing and state file, closed (connections and state) on exit."""
    chosen = policy or settings.fetch
    state = FetchState(chosen.state or settings.landing.parent / "fetch-state.sqlite")
    fetcher = Fetcher(chosen, Landing(settings.landing), state, credentials=credentials)
    try:
        yield fetcher
    finally:
        fetcher.close()
        state.close()
