"""The fetcher against a real local HTTP server: every failure ends in its outcome, in bounded time and memory."""

from __future__ import annotations

import time
import tracemalloc
import zlib
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsetl.fetch import Credentials
from tests.fetch.conftest import FetcherFactory

PAGE = b"<html><head><title>A story</title></head><body><p>Body of the story.</p></body></html>"


def test_a_page_is_fetched_and_landed(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    server.expect_request("/story").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    fetcher = make_fetcher()
    result = fetcher.fetch(server.url_for("/story"))
    assert (result.outcome, result.status, result.bytes, result.attempts) == ("fetched", 200, len(PAGE), 1)
    assert result.raw_id is not None
    assert fetcher.landing.get(result.raw_id) == PAGE
    assert result.final_url == server.url_for("/story")
    assert result.content_type == "text/html; charset=utf-8"
    (request, _), *_ = server.log
    assert request.headers["User-Agent"] == "newsetl-test/1.0 (+https://example.invalid/contact)"


def test_500_then_success_is_retried(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    server.expect_oneshot_request("/flaky").respond_with_data("down", status=500)
    server.expect_request("/flaky").respond_with_data(PAGE, content_type="text/html")
    result = make_fetcher().fetch(server.url_for("/flaky"))
    assert (result.outcome, result.status, result.attempts) == ("fetched", 200, 2)


def test_5xx_that_persists_fails_after_the_retries(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    server.expect_request("/down").respond_with_data("down", status=503)
    result = make_fetcher(retries=2).fetch(server.url_for("/down"))
    assert (result.outcome, result.status, result.code, result.attempts) == ("failed", 503, "http_503", 3)
    assert len(server.log) == 3


def test_404_is_not_retried(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    server.expect_request("/gone").respond_with_data("no", status=404)
    result = make_fetcher(retries=3).fetch(server.url_for("/gone"))
    assert (result.outcome, result.status, result.attempts, result.reason) == ("failed", 404, 1, "HTTP 404 NOT FOUND")
    assert len(server.log) == 1


def test_429_waits_as_long_as_retry_after_says(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    arrivals: list[float] = []

    def busy(request: Request) -> Response:
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(PAGE, content_type="text/html")

    server.expect_request("/busy").respond_with_handler(busy)
    result = make_fetcher().fetch(server.url_for("/busy"))
    assert (result.outcome, result.attempts) == ("fetched", 2)
    assert arrivals[1] - arrivals[0] >= 0.95


def test_retry_after_beyond_max_wait_fails_without_waiting(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    server.expect_request("/busy").respond_with_data("later", status=429, headers={"Retry-After": "3600"})
    waits: list[float] = []
    fetcher = make_fetcher(sleep=waits.append)
    result = fetcher.fetch(server.url_for("/busy"))
    assert (result.outcome, result.status, result.attempts) == ("failed", 429, 1)
    assert "wait 3600 s, over fetch.max_wait" in str(result.reason)
    assert waits == []
    # Every process now leaves the host alone for the hour the server asked for.
    ((next_at,),) = fetcher.state.query("SELECT next_at FROM hosts")
    assert next_at > time.time() + 3000


def test_a_response_slower_than_the_read_timeout_fails(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response(PAGE, content_type="text/html")

    server.expect_request("/slow").respond_with_handler(slow)
    result = make_fetcher(retries=0).fetch(server.url_for("/slow"))
    assert (result.outcome, result.code, result.status) == ("failed", "timeout", None)
    assert "read timeout" in str(result.reason)


def test_a_trickling_body_is_stopped_at_the_total_timeout(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    def trickle() -> Iterator[bytes]:
        for _ in range(40):
            time.sleep(0.1)
            yield b"x"

    server.expect_request("/trickle").respond_with_handler(
        lambda request: Response(trickle(), content_type="text/html")
    )
    result = make_fetcher(retries=0, total_timeout=0.5).fetch(server.url_for("/trickle"))
    assert (result.outcome, result.code) == ("failed", "timeout")
    assert "fetch.total_timeout" in str(result.reason)


def test_a_declared_body_over_the_cap_is_refused_unread(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    server.expect_request("/big").respond_with_data(b"x" * 50_000, content_type="text/html")
    result = make_fetcher(max_bytes=1_000).fetch(server.url_for("/big"))
    assert (result.outcome, result.code, result.raw_id) == ("refused", "too_large", None)
    assert "50,000 bytes (Content-Length) is over the cap of 1,000" in str(result.reason)


def test_a_streamed_body_over_the_cap_is_stopped(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    def endless() -> Iterator[bytes]:
        for _ in range(1_000):
            yield b"x" * 10_000

    server.expect_request("/stream").respond_with_handler(lambda request: Response(endless(), content_type="text/html"))
    result = make_fetcher(max_bytes=30_000).fetch(server.url_for("/stream"))
    assert (result.outcome, result.code) == ("refused", "too_large")
    assert "stopped reading" in str(result.reason)


def test_a_gzip_bomb_in_content_encoding_is_stopped_in_bounded_memory(
    server: HTTPServer, make_fetcher: FetcherFactory
) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip: 500 MB of zeros in under 0.5 MB
    bomb = b"".join(packer.compress(bytes(1_000_000)) for _ in range(500)) + packer.flush()
    server.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    fetcher = make_fetcher(max_bytes=100_000)
    tracemalloc.start()
    try:
        result = fetcher.fetch(server.url_for("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (result.outcome, result.code) == ("refused", "too_large")
    assert peak < 20_000_000


def test_a_redirect_is_followed_and_recorded(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    server.expect_request("/new").respond_with_data(PAGE, content_type="text/html")
    result = make_fetcher().fetch(server.url_for("/old"))
    assert (result.outcome, result.final_url) == ("fetched", server.url_for("/new"))


def test_a_redirect_loop_fails(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    result = make_fetcher().fetch(server.url_for("/a"))
    assert (result.outcome, result.code) == ("failed", "redirect_loop")
    assert len(server.log) == 2


def test_too_many_redirects_fail(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    for hop in range(6):
        server.expect_request(f"/hop{hop}").respond_with_data("", status=307, headers={"Location": f"/hop{hop + 1}"})
    result = make_fetcher(max_redirects=3).fetch(server.url_for("/hop0"))
    assert (result.outcome, result.code) == ("failed", "too_many_redirects")
    assert len(server.log) == 4


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.1.2.3/internal", "private"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:192.168.0.1]/", "private"),
        ("http://0.0.0.0/", "unspecified"),
    ],
)
def test_a_redirect_to_an_internal_address_is_refused(
    server: HTTPServer, make_fetcher: FetcherFactory, target: str, why: str
) -> None:
    server.expect_request("/jump").respond_with_data("", status=302, headers={"Location": target})
    result = make_fetcher().fetch(server.url_for("/jump"))
    assert (result.outcome, result.code) == ("refused", "internal_address")
    assert why in str(result.reason)


def test_loopback_is_refused_without_the_allowlist(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    server.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    result = make_fetcher(allow_hosts=()).fetch(server.url_for("/story"))
    assert (result.outcome, result.code) == ("refused", "internal_address")
    assert "127.0.0.1 is a loopback address" in str(result.reason)
    assert server.log == []


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://127.0.0.1/", "http://u:p@x.org/"]
)
def test_only_plain_http_urls_are_fetched(make_fetcher: FetcherFactory, url: str) -> None:
    result = make_fetcher().fetch(url)
    assert result.outcome == "refused"
    assert result.code in ("scheme", "credentials")


def test_a_redirect_to_another_scheme_is_refused(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    server.expect_request("/jump").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    assert make_fetcher().fetch(server.url_for("/jump")).code == "scheme"


def test_a_content_type_outside_the_allowlist_is_refused(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    server.expect_request("/doc.pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    result = make_fetcher().fetch(server.url_for("/doc.pdf"))
    assert (result.outcome, result.code) == ("refused", "content_type")


def test_etag_round_trip_gives_304(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    def tagged(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(
            PAGE, content_type="text/html", headers={"ETag": '"v1"', "Last-Modified": "Sat, 01 Jun 2024 10:00:00 GMT"}
        )

    server.expect_request("/tagged").respond_with_handler(tagged)
    fetcher = make_fetcher()
    first = fetcher.fetch(server.url_for("/tagged"))
    second = fetcher.fetch(server.url_for("/tagged"))
    assert (first.outcome, second.outcome, second.status) == ("fetched", "not_modified", 304)
    assert second.raw_id == first.raw_id
    assert second.bytes == 0
    assert server.log[1][0].headers["If-Modified-Since"] == "Sat, 01 Jun 2024 10:00:00 GMT"


def test_robots_txt_is_honoured_and_cached_per_host(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private\n", content_type="text/plain"
    )
    server.expect_request("/public").respond_with_data(PAGE, content_type="text/html")
    fetcher = make_fetcher(robots=True)
    blocked = fetcher.fetch(server.url_for("/private/story"))
    allowed = fetcher.fetch(server.url_for("/public"))
    assert (blocked.outcome, blocked.code, allowed.outcome) == ("skipped_robots", "robots", "fetched")
    assert "disallows /private/story" in str(blocked.reason)
    assert [request.path for request, _ in server.log] == ["/robots.txt", "/public"]
    # Another fetcher (another process) finds the rules in the shared state and does not ask again.
    make_fetcher(robots=True).fetch(server.url_for("/private/other"))
    assert [request.path for request, _ in server.log] == ["/robots.txt", "/public"]


@pytest.mark.parametrize(("status", "outcome"), [(404, "fetched"), (503, "skipped_robots")])
def test_robots_txt_missing_allows_and_unreachable_disallows(
    server: HTTPServer, make_fetcher: FetcherFactory, status: int, outcome: str
) -> None:
    server.expect_request("/robots.txt").respond_with_data("", status=status)
    server.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    assert make_fetcher(robots=True, retries=0).fetch(server.url_for("/story")).outcome == outcome


def test_credentials_go_only_to_their_origin(server: HTTPServer, make_fetcher: FetcherFactory) -> None:
    other = server.url_for("/elsewhere").replace("127.0.0.1", "localhost")
    server.expect_request("/private").respond_with_data("", status=302, headers={"Location": other})
    server.expect_request("/elsewhere").respond_with_data(PAGE, content_type="text/html")
    origin = server.url_for("/").rstrip("/")
    fetcher = make_fetcher(credentials=Credentials(origin, "reader", "s3cret"), allow_hosts=("127.0.0.1", "localhost"))
    assert fetcher.fetch(server.url_for("/private")).outcome == "fetched"
    first, second = (request for request, _ in server.log)
    assert first.headers["Authorization"] == "Basic cmVhZGVyOnMzY3JldA=="
    assert "Authorization" not in second.headers
    assert "s3cret" not in repr(fetcher.credentials)
