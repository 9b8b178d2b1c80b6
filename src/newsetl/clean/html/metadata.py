"""Page metadata with BeautifulSoup: JSON-LD first (publishers fill it for search engines), then OpenGraph
and ``article:*`` properties, then plain ``<meta>`` tags, ``<html lang>`` and ``<link rel=canonical>``."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from bs4 import BeautifulSoup, Tag

from newsetl.clean.dates import to_utc_iso

log = logging.getLogger("newsetl.clean.html")

_ARTICLE_TYPES = re.compile(r"(?:News|Blog|Report|Scholarly|Tech|Opinion|Analysis|Review)?Article|BlogPosting|Posting")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|&|\|)\s*", re.IGNORECASE)
_BY_PREFIX = re.compile(r"^(?:by|von|par|por|di|door)\s+", re.IGNORECASE)


@dataclass(slots=True)
class PageMetadata:
    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    updated_at: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    site_name: str | None = None
    article_body: str | None = None
    """JSON-LD ``articleBody`` when the publisher ships the whole text there."""
    captions: list[str] = field(default_factory=list)
    """Texts of ``<figcaption>`` elements: they describe photos, they are not the article."""


def read_metadata(soup: BeautifulSoup, zone: tzinfo | None = None) -> PageMetadata:
    """Metadata of the page; dates without a zone are read in ``zone`` (default UTC)."""
    found = PageMetadata()
    for article in _json_ld_articles(soup):
        _merge_json_ld(found, article, zone)
    _merge_meta_tags(found, _meta_values(soup), zone)
    found.language = found.language or _html_lang(soup)
    found.canonical_url = found.canonical_url or _canonical(soup)
    found.title = found.title or _document_title(soup)
    found.captions = _figure_captions(soup)
    return found


def split_authors(raw: str) -> list[str]:
    """ "By Jane Doe and John Roe" → ["Jane Doe", "John Roe"]; URLs and e-mail addresses are dropped."""
    names = (_BY_PREFIX.sub("", part).strip(" .") for part in _AUTHOR_SPLIT.split(raw))
    return _unique(name for name in names if name and "://" not in name and "@" not in name and len(name) < 80)


def _json_ld_articles(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.IGNORECASE)}):
        try:
            document = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
            log.debug("skipping malformed JSON-LD block")
            continue
        yield from (node for node in _json_ld_nodes(document) if _is_article(node))


def _json_ld_nodes(document: Any) -> Iterator[dict[str, Any]]:
    if isinstance(document, list):
        for item in document:
            yield from _json_ld_nodes(item)
    elif isinstance(document, dict):
        yield document
        yield from _json_ld_nodes(document.get("@graph", []))


def _is_article(node: dict[str, Any]) -> bool:
    types = node.get("@type", [])
    return any(_ARTICLE_TYPES.fullmatch(str(kind)) for kind in (types if isinstance(types, list) else [types]))


def _merge_json_ld(found: PageMetadata, node: dict[str, Any], zone: tzinfo | None) -> None:
    found.title = found.title or _text(node.get("headline")) or _text(node.get("name"))
    found.description = found.description or _text(node.get("description"))
    found.authors = found.authors or _json_ld_people(node.get("author"))
    found.published_at = found.published_at or to_utc_iso(_text(node.get("datePublished")), zone)
    found.updated_at = found.updated_at or to_utc_iso(_text(node.get("dateModified")), zone)
    found.language = found.language or _locale_language(_text(node.get("inLanguage")))
    found.section = found.section or _text(_first(node.get("articleSection")))
    found.tags = found.tags or _keywords(node.get("keywords"))
    found.article_body = found.article_body or _text(node.get("articleBody"))


def _json_ld_people(value: Any) -> list[str]:
    people = value if isinstance(value, list) else [value]
    names: list[str] = []
    for person in people:
        name = person.get("name") if isinstance(person, dict) else person
        if isinstance(name, str):
            names.extend(split_authors(name))
    return _unique(names)


def _meta_values(soup: BeautifulSoup) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            values.setdefault(key.strip().lower(), []).append(content.strip())
    return values


def _merge_meta_tags(found: PageMetadata, meta: dict[str, list[str]], zone: tzinfo | None) -> None:
    def first(*keys: str) -> str | None:
        return next((meta[key][0] for key in keys if key in meta), None)

    found.title = found.title or first("og:title", "twitter:title", "dc.title")
    found.description = found.description or first("og:description", "description", "twitter:description")
    if not found.authors:
        raw_authors = meta.get("article:author") or meta.get("author") or meta.get("dc.creator") or []
        found.authors = _unique(name for raw in raw_authors for name in split_authors(raw))
    found.published_at = found.published_at or to_utc_iso(
        first("article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date", "dcterms.date"),
        zone,
    )
    found.updated_at = found.updated_at or to_utc_iso(
        first("article:modified_time", "og:updated_time", "datemodified"), zone
    )
    found.section = found.section or first("article:section")
    found.tags = found.tags or _unique(meta.get("article:tag", [])) or _keywords(first("news_keywords", "keywords"))
    found.site_name = found.site_name or first("og:site_name", "application-name")
    found.canonical_url = found.canonical_url or first("og:url")
    found.language = found.language or _locale_language(first("og:locale", "language", "content-language"))


def _document_title(soup: BeautifulSoup) -> str | None:
    """The ``<title>``, or the page's ``<h1>`` when the title is that headline plus the site's name."""
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    heading = soup.find("h1")
    headline = " ".join(heading.get_text().split()) if isinstance(heading, Tag) else ""
    if headline and (not title or title.startswith(headline)):
        return headline
    return title or None


def _figure_captions(soup: BeautifulSoup) -> list[str]:
    texts = (" ".join(caption.get_text(" ").split()) for caption in soup.find_all("figcaption"))
    return _unique(text for text in texts if text)


def _html_lang(soup: BeautifulSoup) -> str | None:
    html = soup.find("html")
    lang = html.get("lang") or html.get("xml:lang") if isinstance(html, Tag) else None
    return _locale_language(lang if isinstance(lang, str) else None)


def _canonical(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical")
    href = link.get("href") if isinstance(link, Tag) else None
    return href.strip() if isinstance(href, str) and href.strip() else None


def _locale_language(value: str | None) -> str | None:
    if not value:
        return None
    code = re.split(r"[-_]", value.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def _keywords(value: Any) -> list[str]:
    items = value if isinstance(value, list) else str(value or "").split(",")
    return _unique(str(item).strip() for item in items if str(item).strip())


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))
