"""The fetcher: one URL in, one :class:`FetchResult` out, with every crawler courtesy and safety rule applied.

For each hop of a URL: scheme and address checks (:mod:`._guard`), robots.txt, a politeness slot for the host
shared with every other process, one GET through the transport, then redirect (bounded, loops detected),
success, or a retry with exponential backoff and jitter for timeouts, connection errors, 429 and 5xx
(``Retry-After`` honoured up to ``max_wait``). A body that arrives is landed before anything parses it, and
its validators are kept so the next fetch of the URL can be answered with a ``304``.
"""

from __future__ import annotations

import base64
import builtins
import logging
import random
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from itertools import count
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from newsetl.config import FetchConfig
from newsetl.errors import FetchError, RefusedError, TerminalFetchError, TransientFetchError
from newsetl.fetch._robots import RobotsRules
from newsetl.fetch._state import FetchState, Resource
from newsetl.fetch._transport import Response, Transport
from newsetl.landing import Landing

log = logging.getLogger("newsetl.fetch")

Outcome = Literal["fetched", "not_modified", "skipped_robots", "refused", "failed"]
Purpose = Literal["page", "feed", "sitemap"]
OUTCOMES: tuple[Outcome, ...] = ("fetched", "not_modified", "skipped_robots", "refused", "failed")

_ACCEPT: dict[str, tuple[str, ...]] = {
    "feed": ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
             "application/x-rss+xml", "application/feed+json", "text/plain"),
    "sitemap": ("application/xml", "text/xml", "application/x-gzip", "application/gzip", "application/x-xml",
                "application/octet-stream", "text/plain"),
}  # fmt: skip
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_PRIVATE_HEADERS = frozenset({"set-cookie", "set-cookie2"})
_ROBOTS_MAX_BYTES = 512_000


@dataclass(frozen=True, slots=True)
class Credentials:
    """Login for one origin (``scheme://host[:port]``), resolved from an Airflow Connection; never in YAML.

    They are sent only to that origin: a redirect elsewhere goes without them.
    """

    origin: str
    login: str | None = None
    password: str | None = field(default=None, repr=False)
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)

    def headers_for(self, url: str) -> dict[str, str]:
        if origin_of(url) != self.origin:
            return {}
        headers = dict(self.headers)
        if self.login is not None:
            token = base64.b64encode(f"{self.login}:{self.password or ''}".encode()).decode("ascii")
            headers.setdefault("Authorization", f"Basic {token}")
        return headers


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What happened to one URL. ``to_json`` is the CLI's line and the fetch log's row."""

    url: str
    outcome: Outcome
    status: int | None = None
    reason: str | None = None
    code: str | None = None
    bytes: int = 0
    raw_id: str | None = None
    final_url: str | None = None
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    attempts: int = 0
    elapsed_ms: int = 0
    fetched_at: str = ""
    body: builtins.bytes = field(default=b"", repr=False)
    """The body, for feeds and sitemaps parsed right away (pages are read back from the landing)."""

    @property
    def has_body(self) -> bool:
        return self.raw_id is not None

    def to_json(self) -> dict[str, Any]:
        row = asdict(self)
        del row["body"]
        return row


class _RetryLater(TransientFetchError):
    def __init__(self, message: str, *, url: str, status: int, retry_after: float | None) -> None:
        super().__init__(message, url=url, status=status)
        self.retry_after = retry_after


class _Disallowed(Exception):
    pass


class Fetcher:
    """Fetches URLs into the landing under one policy; see the module docstring for what each fetch does."""

    def __init__(
        self,
        policy: FetchConfig,
        landing: Landing,
        state: FetchState,
        *,
        credentials: Credentials | None = None,
        transport: Transport | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.policy = policy
        self.landing = landing
        self.state = state
        self.credentials = credentials
        self.transport = transport or Transport(policy)
        self._clock, self._sleep, self._rng = clock, sleep, rng
        self._robots = RobotsRules(policy.user_agent, state, self._fetch_robots, clock)

    def close(self) -> None:
        self.transport.close()

    def fetch(self, url: str, purpose: Purpose = "page", *, conditional: bool = True) -> FetchResult:
        """Fetch ``url`` now: land a new body, or learn it is unchanged; never raises for the URL's own failure."""
        started, fetched_at = time.monotonic(), datetime.now(UTC).isoformat()
        cached = self.state.resource(url) if conditional else None
        if cached and (cached.raw_id is None or cached.raw_id not in self.landing):
            cached = None
        attempts = 0

        def result(outcome: Outcome, **fields: Any) -> FetchResult:
            elapsed = int((time.monotonic() - started) * 1000)
            return FetchResult(url, outcome, attempts=attempts, elapsed_ms=elapsed, fetched_at=fetched_at, **fields)

        try:
            for attempts in count(1):
                try:
                    response = self._follow(url, _validators(cached), self._accept(purpose))
                    break
                except TransientFetchError as exc:
                    self._wait_before_retry(exc, attempts)
        except _Disallowed as exc:
            return result("skipped_robots", reason=str(exc), code="robots")
        except RefusedError as exc:
            return result("refused", reason=str(exc), code=exc.code, status=exc.status)
        except FetchError as exc:
            return result("failed", reason=str(exc), code=exc.code, status=exc.status)
        if response.status == 304 and cached is not None:
            body = self.landing.get(cached.raw_id or "") if purpose != "page" else b""
            return result("not_modified", status=304, **_cached_fields(cached), body=body)
        return result("fetched", **self._land(url, response), body=response.body)

    def _accept(self, purpose: Purpose) -> tuple[str, ...]:
        return self.policy.page_types if purpose == "page" else _ACCEPT[purpose]

    def _land(self, url: str, response: Response) -> dict[str, Any]:
        raw_id = self.landing.put(response.body)
        headers = _public(response.headers)
        resource = Resource(
            url=url,
            final_url=response.url,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            raw_id=raw_id,
            landing_path=self.landing.location_of(raw_id),
            content_type=headers.get("content-type"),
            headers=headers,
            fetched_at=datetime.now(UTC).isoformat(),
        )
        self.state.save_resource(resource, response.status)
        return {
            "status": response.status,
            "bytes": len(response.body),
            "raw_id": raw_id,
            "final_url": response.url,
            "content_type": resource.content_type,
            "headers": headers,
        }

    def _follow(self, url: str, validators: dict[str, str], accept: tuple[str, ...]) -> Response:
        """One attempt: the URL and its redirects, each hop checked again; the last response."""
        seen = {url}
        current = url
        for _ in range(self.policy.max_redirects + 1):
            response = self._hop(current, validators, accept, robots=self.policy.robots)
            location = response.headers.get("location")
            if response.status not in _REDIRECTS or not location:
                return _judge(response, expect_304=bool(validators))
            following = urljoin(current, location.strip())
            if following in seen:
                raise TerminalFetchError(f"redirect loop: {current} → {following}", url=url, code="redirect_loop")
            seen.add(following)
            current = following
        raise TerminalFetchError(
            f"more than {self.policy.max_redirects} redirects (fetch.max_redirects)", url=url, code="too_many_redirects"
        )

    def _hop(self, url: str, validators: dict[str, str], accept: tuple[str, ...], *, robots: bool) -> Response:
        self._check_address(url)
        delay = self.policy.host_delay
        if robots:
            if not self._robots.allowed(url):
                raise _Disallowed(f"robots.txt of {origin_of(url)} disallows {urlsplit(url).path or '/'}")
            delay = max(delay, self._robots.crawl_delay(url) or 0.0)
        headers = {**validators, **(self.credentials.headers_for(url) if self.credentials else {})}
        with self._slot(urlsplit(url).netloc.lower(), delay):
            return self.transport.get(url, headers=headers, accept=accept)

    def _check_address(self, url: str) -> None:
        # Refuse early, before robots.txt is asked for; the connection checks again on the address it connects to.
        self.transport.guard.check_url(url)
        parts = urlsplit(url)
        try:
            self.transport.guard.vet(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))
        except OSError as exc:
            raise TransientFetchError(str(exc), url=url, code="dns") from exc

    @contextmanager
    def _slot(self, host: str, delay: float) -> Iterator[None]:
        lease_seconds = self.policy.connect_timeout + self.policy.total_timeout + 5
        while True:
            granted = self.state.try_acquire(host, self._clock(), delay, self.policy.host_concurrency, lease_seconds)
            if isinstance(granted, str):
                break
            self._sleep(min(granted, 1.0))
        try:
            yield
        finally:
            self.state.release(granted)

    def _wait_before_retry(self, exc: TransientFetchError, attempt: int) -> None:
        if attempt > self.policy.retries:
            raise exc
        backoff = self.policy.backoff * 2 ** (attempt - 1)
        wait = backoff / 2 + self._rng() * backoff / 2  # "equal jitter": never zero, never in lockstep
        retry_after = exc.retry_after if isinstance(exc, _RetryLater) else None
        if retry_after is not None:
            host = urlsplit(exc.url or "").netloc.lower()
            self.state.defer_host(host, self._clock() + retry_after)
            if retry_after > self.policy.max_wait:
                raise TransientFetchError(
                    f"{exc}; the server asks to wait {retry_after:g} s, over fetch.max_wait", url=exc.url,
                    status=exc.status, code=exc.code,
                ) from exc  # fmt: skip
            wait = max(wait, retry_after)
        wait = min(wait, self.policy.max_wait)
        log.info("retry %d of %s in %.2f s: %s", attempt, exc.url, wait, exc)
        self._sleep(wait)

    def _fetch_robots(self, origin: str) -> tuple[int | None, str]:
        """(status, text) of ``origin``'s robots.txt; status ``None`` when it could not be reached."""
        url = f"{origin}/robots.txt"
        current = url
        try:
            for _ in range(5):  # RFC 9309: follow at least five redirects
                response = self._hop(current, {}, (), robots=False)
                location = response.headers.get("location")
                if response.status not in _REDIRECTS or not location:
                    return response.status, response.body[:_ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
                current = urljoin(current, location)
        except FetchError as exc:
            log.warning("robots.txt of %s unreachable (%s): treating the site as disallowed for now", origin, exc)
        return None, ""


def _judge(response: Response, *, expect_304: bool) -> Response:
    """Success, or the exception the status calls for (transient for 429/5xx, terminal for other 4xx)."""
    status = response.status
    if status in (200, 203) or (status == 304 and expect_304):
        return response
    message = f"HTTP {status} {response.reason}".strip()
    if status in _RETRY_STATUSES:
        raise _RetryLater(message, url=response.url, status=status, retry_after=_retry_after(response))
    raise TerminalFetchError(message, url=response.url, status=status)


def _retry_after(response: Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max((moment - datetime.now(UTC)).total_seconds(), 0.0)


def _validators(cached: Resource | None) -> dict[str, str]:
    if cached is None:
        return {}
    headers = {}
    if cached.etag:
        headers["If-None-Match"] = cached.etag
    if cached.last_modified:
        headers["If-Modified-Since"] = cached.last_modified
    return headers


def _cached_fields(cached: Resource) -> dict[str, Any]:
    return {
        "raw_id": cached.raw_id,
        "final_url": cached.final_url,
        "content_type": cached.content_type,
        "headers": cached.headers,
    }


def _public(headers: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in headers.items() if name not in _PRIVATE_HEADERS}


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, lower-cased."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
