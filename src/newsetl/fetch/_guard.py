"""Where the fetcher may connect: ``http``/``https`` only, and no internal address unless allowed (SSRF).

Feed and sitemap URLs are untrusted input: a feed can list ``http://169.254.169.254/…`` (cloud metadata) or
redirect there. The check runs inside urllib3's connection set-up, on the addresses DNS actually returned, and
the socket connects to the vetted address itself, so every hop is checked and a second, different DNS answer
(rebinding) cannot slip past it.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from newsetl.errors import RefusedError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressGuard:
    """Refuses non-HTTP URLs and hosts resolving to loopback, private, link-local or reserved addresses."""

    def __init__(self, allow_hosts: Iterable[str] = ()) -> None:
        self._names: set[str] = set()
        self._networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in allow_hosts:
            try:
                self._networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                self._names.add(entry.lower().rstrip("."))

    def check_url(self, url: str) -> None:
        """Refuse anything but an absolute ``http``/``https`` URL with a host and no embedded credentials."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise RefusedError(f"scheme {parts.scheme or '(none)'!r} is not http or https", url=url, code="scheme")
        if not parts.hostname:
            raise RefusedError("URL has no host", url=url, code="scheme")
        if parts.username or parts.password:
            raise RefusedError("URL carries credentials; use an Airflow Connection", url=url, code="credentials")

    def vet(self, host: str, port: int) -> list[str]:
        """The addresses of ``host`` the fetcher may connect to; raises :class:`RefusedError` if any is internal."""
        name = host.lower().rstrip(".")
        try:
            answers = socket.getaddrinfo(name.strip("[]"), port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise OSError(f"cannot resolve {name}: {exc.strerror}") from exc
        addresses = list(dict.fromkeys(str(answer[4][0]) for answer in answers))
        if name in self._names:
            return addresses
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            why = _internal(ip)
            if why and not any(ip in network for network in self._networks):
                where = f"{ip} is" if name.strip("[]") == str(ip) else f"{name} resolves to {ip},"
                raise RefusedError(
                    f"{where} a {why} address; add it to fetch.allow_hosts if it is meant",
                    code="internal_address",
                )
        return addresses


def _internal(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public internet address, or ``None``."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return _internal(embedded)
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local (cloud metadata services live here)", ip.is_link_local),
        ("private", ip.is_private),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("non-public", not ip.is_global),
    )
    return next((why for why, hit in checks if hit), None)


def _connect_vetted(connection: HTTPConnection, guard: AddressGuard, connect: Callable[[], socket.socket]) -> Any:
    # urllib3 connects to ``_dns_host``; pointing it at each vetted address in turn pins the check to the socket.
    original = connection._dns_host
    last_error: Exception | None = None
    for address in guard.vet(original, connection.port):
        connection._dns_host = address
        try:
            return connect()
        except (NewConnectionError, ConnectTimeoutError) as exc:
            last_error = exc
        finally:
            connection._dns_host = original
    raise last_error or OSError(f"no address for {original}")


class GuardedAdapter(HTTPAdapter):
    """A requests adapter whose every new connection goes through :class:`AddressGuard`."""

    def __init__(self, guard: AddressGuard, **kwargs: Any) -> None:
        self._guard = guard
        super().__init__(**kwargs)

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        guard = self._guard

        class GuardedHTTPConnection(HTTPConnection):
            def _new_conn(self) -> socket.socket:
                result: socket.socket = _connect_vetted(self, guard, super()._new_conn)
                return result

        class GuardedHTTPSConnection(HTTPSConnection):
            def _new_conn(self) -> socket.socket:
                result: socket.socket = _connect_vetted(self, guard, super()._new_conn)
                return result

        class GuardedHTTPPool(HTTPConnectionPool):
            ConnectionCls = GuardedHTTPConnection

        class GuardedHTTPSPool(HTTPSConnectionPool):
            ConnectionCls = GuardedHTTPSConnection

        self.poolmanager.pool_classes_by_scheme = {"http": GuardedHTTPPool, "https": GuardedHTTPSPool}
