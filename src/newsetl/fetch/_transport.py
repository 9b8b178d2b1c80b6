"""The one place newsetl talks HTTP: a single GET over a guarded ``requests.Session``, body capped.

Redirects are not followed here (the fetcher follows them, so policy runs on every hop); the body is streamed
and stopped at the cap, at the read timeout, and at the total deadline, whichever comes first.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass

import requests
import urllib3.exceptions

from newsetl.config import FetchConfig
from newsetl.errors import FetchError, RefusedError, TerminalFetchError, TransientFetchError
from newsetl.fetch._guard import AddressGuard, GuardedAdapter

log = logging.getLogger("newsetl.fetch")

_CHUNK = 1 << 16
_BODY_STATUSES = frozenset({200, 203})


@dataclass(frozen=True, slots=True)
class Response:
    """What one HTTP exchange returned. ``body`` is read only for 200/203 responses of an accepted type."""

    url: str
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes = b""
    elapsed: float = 0.0

    @property
    def content_type(self) -> str:
        return media_type(self.headers.get("content-type", ""))


def media_type(header: str) -> str:
    """``text/html; charset=utf-8`` → ``text/html``."""
    return header.split(";", 1)[0].strip().lower()


class Transport:
    """Sends one GET at a time; every HTTP request of newsetl goes through :meth:`get`."""

    def __init__(self, policy: FetchConfig, guard: AddressGuard | None = None) -> None:
        self.policy = policy
        self.guard = guard or AddressGuard(policy.allow_hosts)
        session = requests.Session()
        session.trust_env = False  # no proxy settings or .netrc credentials picked up from the environment
        adapter = GuardedAdapter(self.guard, max_retries=0)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers.clear()
        session.headers.update({"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"})
        self._session = session

    def close(self) -> None:
        self._session.close()

    def get(
        self, url: str, *, headers: Mapping[str, str], accept: tuple[str, ...], max_bytes: int | None = None
    ) -> Response:
        """GET ``url`` without following redirects; raises a :class:`FetchError` subclass on failure."""
        self.guard.check_url(url)
        started = time.monotonic()
        try:
            response = self._session.get(
                url,
                headers=dict(headers),
                allow_redirects=False,
                stream=True,
                timeout=(self.policy.connect_timeout, self.policy.read_timeout),
            )
        except requests.RequestException as exc:
            raise _classify(exc, url) from exc
        with response:
            body = b""
            if response.status_code in _BODY_STATUSES:
                _check_type(response, url, accept)
                body = self._read_body(response, url, started, max_bytes or self.policy.max_bytes)
            return Response(
                url=url,
                status=response.status_code,
                reason=response.reason or "",
                headers={name.lower(): value for name, value in response.headers.items()},
                body=body,
                elapsed=time.monotonic() - started,
            )

    def _read_body(self, response: requests.Response, url: str, started: float, max_bytes: int) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise RefusedError(
                f"body of {int(declared):,} bytes (Content-Length) is over the cap of {max_bytes:,} (fetch.max_bytes)",
                url=url,
                code="too_large",
            )
        deadline = started + self.policy.total_timeout
        chunks: list[bytes] = []
        total = 0
        try:
            for chunk in response.iter_content(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise RefusedError(
                        f"body is over the cap of {max_bytes:,} bytes (fetch.max_bytes); stopped reading",
                        url=url,
                        code="too_large",
                    )
                if time.monotonic() > deadline:
                    raise TransientFetchError(
                        f"response took over {self.policy.total_timeout:g} s in all (fetch.total_timeout)",
                        url=url,
                        code="timeout",
                    )
                chunks.append(chunk)
        except requests.RequestException as exc:
            raise _classify(exc, url) from exc
        return b"".join(chunks)


def _check_type(response: requests.Response, url: str, accept: tuple[str, ...]) -> None:
    kind = media_type(response.headers.get("content-type", ""))
    if not kind or not accept or any(_matches(kind, pattern) for pattern in accept):
        return
    raise RefusedError(f"content type {kind} is not accepted here ({', '.join(accept)})", url=url, code="content_type")


def _matches(kind: str, pattern: str) -> bool:
    return kind == pattern or (pattern.endswith("/*") and kind.startswith(pattern[:-1]))


def _classify(exc: requests.RequestException, url: str) -> FetchError:
    """requests' exceptions in our tree: timeouts and connection trouble are transient, TLS and bad data terminal."""
    if isinstance(exc, requests.ConnectTimeout):
        return TransientFetchError(f"connection timed out: {exc}", url=url, code="timeout")
    if isinstance(exc, requests.ReadTimeout) or _caused_by(exc, urllib3.exceptions.ReadTimeoutError):
        return TransientFetchError("no bytes within the read timeout (fetch.read_timeout)", url=url, code="timeout")
    if isinstance(exc, requests.exceptions.SSLError):
        return TerminalFetchError(f"TLS failed: {exc}", url=url, code="tls")
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return TerminalFetchError(f"body does not decode as its Content-Encoding says: {exc}", url=url, code="corrupt")
    if isinstance(exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError):
        return TransientFetchError(f"connection failed: {exc}", url=url, code="connection")
    return TerminalFetchError(f"request failed: {exc}", url=url, code="request")


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind) or any(isinstance(arg, kind) for arg in getattr(seen, "args", ())):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
