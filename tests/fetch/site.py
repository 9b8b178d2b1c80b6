"""A small news site on the local test server: a feed, a sitemap index, articles, robots.txt and failures."""

from __future__ import annotations

import gzip

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import CASES

FETCH_CASES = CASES / "fetch"
DAY = "2024-06-14"

FERRY = (
    "Ferry timetable changes for the winter",
    [
        "The ferry company will cut the late crossings between the harbour and the islands from the first of "
        "December, the harbour office said on Friday.",
        "Commuters who rely on the last boat home will have to leave the mainland an hour earlier, and the "
        "island council has asked the company to reconsider before the timetable is printed.",
        "The company says fewer than a dozen passengers use the late crossings on a typical winter evening.",
    ],
)
FISCHMARKT = (
    "Fischmarkt öffnet wieder",
    [
        "Der Fischmarkt am Hafen öffnet nach dem Umbau am Samstag wieder. Die Straße vor den Hallen bleibt "
        "für Autos gesperrt, damit die Händler ihre Stände größer aufbauen können.",
        "Die Händler freuen sich über die neuen Kühlräume, die schon während der Bauzeit für Ärger sorgten, "
        "weil die Lieferungen über einen Umweg durch die Altstadt gebracht werden mussten.",
        "Die Stadt rechnet mit über tausend Besuchern am ersten Wochenende und bittet um Anreise mit dem Bus.",
    ],
)


def article_html(title: str, paragraphs: list[str], charset_meta: bool = True) -> str:
    meta = '<meta charset="utf-8">' if charset_meta else ""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<!doctype html><html lang='de'><head>{meta}<title>{title} | Courier</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>© Courier 2024</footer></body></html>"
    )


def case(name: str, base: str) -> bytes:
    return (FETCH_CASES / name).read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")


def with_etag(content: bytes, content_type: str, tag: str) -> object:
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == tag:
            return Response(status=304, headers={"ETag": tag})
        return Response(content, content_type=content_type, headers={"ETag": tag})

    return handler


def serve_site(server: HTTPServer) -> str:
    """Routes for the courier site; returns its base URL."""
    base = server.url_for("").rstrip("/")
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /members/\n", content_type="text/plain"
    )
    server.expect_request("/feed.xml").respond_with_handler(
        with_etag(case("rss2.xml", base), "application/rss+xml", '"feed-1"')  # type: ignore[arg-type]
    )
    server.expect_request("/news/ferry-timetable").respond_with_handler(
        with_etag(article_html(*FERRY).encode(), "text/html; charset=utf-8", '"ferry-1"')  # type: ignore[arg-type]
    )
    # The server says UTF-8; the bytes are cp1252 and the page declares nothing: detection must get it right.
    server.expect_request("/news/fischmarkt").respond_with_data(
        article_html(*FISCHMARKT, charset_meta=False).encode("cp1252"), content_type="text/html; charset=utf-8"
    )
    server.expect_request("/news/council").respond_with_data("not here", status=404)
    server.expect_request("/sitemap.xml").respond_with_data(
        case("sitemap_index.xml", base), content_type="application/xml"
    )
    server.expect_request("/sitemaps/news.xml").respond_with_data(
        case("news_sitemap.xml", base), content_type="text/xml"
    )
    server.expect_request("/sitemaps/pages.xml.gz").respond_with_data(
        gzip.compress(case("pages_sitemap.xml", base)), content_type="application/x-gzip"
    )
    return base
