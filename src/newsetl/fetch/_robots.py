"""robots.txt (RFC 9309) with ``protego``, cached per origin in the shared state and in memory.

A 2xx answer is obeyed; a 4xx means no rules (everything allowed); a 5xx or no answer at all means "assume
complete disallow" until the cache entry expires, as the RFC asks.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from protego import Protego

from newsetl.fetch._state import FetchState

_TTL_SECONDS = 24 * 3600.0
_UNREACHABLE_TTL_SECONDS = 3600.0
_ALLOW_ALL = Protego.parse("")
_DISALLOW_ALL = Protego.parse("User-agent: *\nDisallow: /\n")


class RobotsRules:
    """Answers "may we fetch this URL?" and "how long between requests?" for our user agent."""

    def __init__(
        self,
        user_agent: str,
        state: FetchState,
        fetch: Callable[[str], tuple[int | None, str]],
        clock: Callable[[], float],
    ) -> None:
        self._agent = user_agent
        self._state = state
        self._fetch = fetch
        self._clock = clock
        self._memo: dict[str, tuple[Protego, float]] = {}

    def allowed(self, url: str) -> bool:
        return bool(self._rules(url).can_fetch(url, self._agent))

    def crawl_delay(self, url: str) -> float | None:
        delay = self._rules(url).crawl_delay(self._agent)
        return float(delay) if delay is not None else None

    def _rules(self, url: str) -> Protego:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        now = self._clock()
        memo = self._memo.get(origin)
        if memo and memo[1] > now:
            return memo[0]
        stored = self._state.robots(origin, now)
        if stored is None:
            status, body = self._fetch(origin)
            ttl = _UNREACHABLE_TTL_SECONDS if status is None or status >= 500 else _TTL_SECONDS
            self._state.save_robots(origin, status, body, now + ttl)
            stored = (status, body)
        rules = _parse(*stored)
        self._memo[origin] = (rules, now + _UNREACHABLE_TTL_SECONDS)
        return rules


def _parse(status: int | None, body: str) -> Protego:
    if status is None or status >= 500 or status == 429:
        return _DISALLOW_ALL
    if status >= 400:
        return _ALLOW_ALL
    return Protego.parse(body)
