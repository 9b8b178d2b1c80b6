"""Sitemaps, sitemap indexes and Google News sitemaps (plain, ``.gz`` or plain-text), streamed and capped.

Parsed with ``defusedxml`` (no DTD, no entities) one element at a time, so a 50 MB sitemap keeps memory flat;
a ``.gz`` is decompressed with a cap, so a gzip bomb stops at ``max_bytes``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

from newsetl.errors import ParseError
from newsetl.fetch._xml import gunzip_capped, iter_elements, local_name, refuse_entities
from newsetl.fetch.links import Link, parse_moment

log = logging.getLogger("newsetl.fetch")

MAX_ENTRIES = 50_000
"""The sitemap protocol's limit per file; entries past it are ignored (and logged)."""


@dataclass(frozen=True, slots=True)
class Sitemap:
    kind: Literal["index", "urlset", "text"]
    entries: list[Link]
    """Child sitemaps for an index (with their ``lastmod``), article links otherwise."""


def parse_sitemap(content: bytes, *, url: str, max_bytes: int) -> Sitemap:
    """The entries of a sitemap; raises a :class:`DocumentError` (malformed, unsafe, too large, corrupt)."""
    data = gunzip_capped(content, max_bytes)
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return Sitemap("text", _text_entries(data, url))
    refuse_entities(data)
    kind: Literal["index", "urlset"] | None = None
    entries: list[Link] = []
    for element in iter_elements(data, "sitemap"):
        name = local_name(element.tag)
        if name in ("url", "sitemap"):
            link = _entry(element, url) if len(entries) < MAX_ENTRIES else None
            if link:
                entries.append(link)
            element.clear()
        elif name in ("urlset", "sitemapindex"):
            kind = "index" if name == "sitemapindex" else "urlset"
    if kind is None:
        raise ParseError("not a sitemap: the root element is neither <urlset> nor <sitemapindex>")
    if len(entries) >= MAX_ENTRIES:
        log.warning("sitemap %s: only the first %d entries are read (the protocol's limit)", url, MAX_ENTRIES)
    return Sitemap(kind, entries)


def _entry(element: Element, base: str) -> Link | None:
    values: dict[str, str] = {}
    for child in element.iter():
        name = local_name(child.tag)
        if child is not element and child.text and child.text.strip() and name not in values:
            values[name] = child.text.strip()
    if "loc" not in values:
        return None
    lastmod = parse_moment(values.get("lastmod"))
    news_date = parse_moment(values.get("publication_date"))
    metadata = {
        "lastmod": lastmod.isoformat() if lastmod else None,
        "title": values.get("title"),
        "publication": values.get("name"),
        "language": values.get("language"),
        "published": news_date.isoformat() if news_date else None,
        "sitemap": base,
    }
    return Link(url=urljoin(base, values["loc"]), published=news_date or lastmod, metadata=metadata)


def _text_entries(data: bytes, base: str) -> list[Link]:
    lines = data.decode("utf-8", errors="replace").splitlines()
    urls = [line.strip() for line in lines if line.strip().startswith(("http://", "https://"))]
    if not urls and data.strip():
        raise ParseError("neither XML nor a plain-text list of URLs")
    return [Link(url=url, metadata={"sitemap": base}) for url in urls[:MAX_ENTRIES]]
