"""Page metadata: JSON-LD first (publishers fill it for search engines: the article's node, then the web page's
for dates), then OpenGraph and ``article:*`` properties, plain ``<meta>`` tags, ``<html lang>`` and
``<link rel=canonical>``, then the page's own markup (``<h1>``, ``rel=author|tag|category`` links,
``itemprop=author``) and htmldate's cheap date search.

Read with lxml from the one parse of the page rather than with BeautifulSoup: a BeautifulSoup tree costs a
second parse, and even one built only from the head's tags and the JSON-LD scripts took about as long as
lxml's parse of the whole page (measured on 150 devset pages), which the speed target cannot afford.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import tzinfo

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement

from newsetl.clean.authors import is_placeholder, split_names, unique
from newsetl.clean.dates import to_utc_iso
from newsetl.clean.html import jsonld
from newsetl.clean.html.tree import norm_ws, text_of
from newsetl.clean.titles import host_of, without_site_name

log = logging.getLogger("newsetl.clean.html")

_BY_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di|door|af|av)\s*:?\s+", re.IGNORECASE)
_SLASH = re.compile(r"\s*/\s*")
_URL_OR_EMAIL = re.compile(r"^(?:https?://|www\.)|@|\.(?:com|de|org|net|fr|uk)\b", re.IGNORECASE)
_MAX_NAME_CHARS = 80
_REL_LINKS = etree.XPath("//a[@rel]")
_ITEMPROP_AUTHORS = etree.XPath("//*[@itemprop='author']")
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
)
_UPDATED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")


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
    article_body: str | None = None
    """JSON-LD ``articleBody``: the publisher's own copy of the text, a second candidate for the body."""


def read_metadata(tree: HtmlElement, url: str | None = None, zone: tzinfo | None = None) -> PageMetadata:
    """Metadata of the page; dates without a zone are read in ``zone`` (default UTC)."""
    nodes = jsonld.typed_nodes(tree)
    found = _from_json_ld(jsonld.article_node(nodes), zone)
    _fill_from_json_ld_page(found, jsonld.page_node(nodes), zone)
    meta = _meta_values(tree)
    _fill_from_meta_tags(found, meta, zone)
    _fill_from_markup(found, tree, zone, url)
    found.title = without_site_name(found.title, meta.get("og:site_name", []), host_of(url))
    return found


def split_authors(raw: str | Iterable[str] | None) -> list[str]:
    """ "By Jane Doe and John Roe" → ["Jane Doe", "John Roe"]; URLs, e-mail addresses and placeholders
    ("Redaktion", "Staff") are dropped (see :mod:`newsetl.clean.authors`)."""
    values = [raw] if isinstance(raw, str) else list(raw or [])
    names: list[str] = []
    for value in values:
        for part in split_names(_BY_PREFIX.sub("", norm_ws(value))):
            # A profile URL is one name's worth of text: test it before splitting "A / B" on the slash.
            if _URL_OR_EMAIL.search(part):
                continue
            names.extend(_BY_PREFIX.sub("", name).strip(" .:-–—") for name in _SLASH.split(part))
    return unique(name for name in names if _is_name(name))


def _is_name(text: str) -> bool:
    return (
        bool(text)
        and len(text) <= _MAX_NAME_CHARS
        and any(char.isalpha() for char in text)
        and not is_placeholder(text)
    )


def _from_json_ld(node: jsonld.JsonObject, zone: tzinfo | None) -> PageMetadata:
    body = node.get("articleBody")
    return PageMetadata(
        title=jsonld.first_text(node.get("headline")) or jsonld.first_text(node.get("name")),
        description=jsonld.first_text(node.get("description")),
        authors=split_authors(jsonld.names(node.get("author"))),
        published_at=to_utc_iso(jsonld.first_text(node.get("datePublished")), zone),
        updated_at=to_utc_iso(jsonld.first_text(node.get("dateModified")), zone),
        language=_language_code(jsonld.first_text(node.get("inLanguage"))),
        canonical_url=None,
        section=jsonld.first_text(node.get("articleSection")),
        tags=jsonld.keywords(node.get("keywords")),
        article_body=body if isinstance(body, str) and body.strip() else None,
    )


def _fill_from_json_ld_page(found: PageMetadata, node: jsonld.JsonObject, zone: tzinfo | None) -> None:
    found.published_at = found.published_at or to_utc_iso(jsonld.first_text(node.get("datePublished")), zone)
    found.updated_at = found.updated_at or to_utc_iso(jsonld.first_text(node.get("dateModified")), zone)
    found.language = found.language or _language_code(jsonld.first_text(node.get("inLanguage")))


def _meta_values(tree: HtmlElement) -> dict[str, list[str]]:
    """Contents of all ``<meta>`` tags by lower-cased ``property``, ``name`` or ``itemprop``."""
    values: dict[str, list[str]] = {}
    for tag in tree.iter("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = norm_ws(tag.get("content") or "")
        if key and content:
            values.setdefault(key.strip().lower(), []).append(content)
    return values


def _fill_from_meta_tags(found: PageMetadata, meta: dict[str, list[str]], zone: tzinfo | None) -> None:
    def first(*keys: str) -> str | None:
        return next((meta[key][0] for key in keys if key in meta), None)

    found.title = found.title or first("og:title", "twitter:title", "dc.title")
    found.description = found.description or first("og:description", "description", "twitter:description")
    found.authors = found.authors or split_authors(
        meta.get("author", []) + meta.get("article:author", []) + meta.get("dc.creator", [])
    )
    found.published_at = found.published_at or to_utc_iso(first(*_PUBLISHED_KEYS), zone)
    found.updated_at = found.updated_at or to_utc_iso(first(*_UPDATED_KEYS), zone)
    found.section = found.section or first("article:section")
    found.tags = (
        found.tags or unique(meta.get("article:tag", [])) or jsonld.keywords(first("news_keywords", "keywords"))
    )
    found.canonical_url = first("og:url")
    found.language = found.language or _language_code(first("og:locale", "content-language", "language", "dc.language"))


def _fill_from_markup(found: PageMetadata, tree: HtmlElement, zone: tzinfo | None, url: str | None) -> None:
    # <html lang> is what the page says of itself; og:locale is often a template's default.
    found.language = _language_code(tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")) or (
        found.language
    )
    found.canonical_url = _canonical_link(tree) or found.canonical_url or url
    found.title = found.title or _document_title(tree)
    if not (found.authors and found.section and found.tags):
        rel_links = _rel_links(tree)
        found.authors = found.authors or split_authors(rel_links.get("author") or _itemprop_authors(tree))
        found.section = found.section or next(iter(rel_links.get("category", [])), None)
        found.tags = found.tags or [tag for tag in rel_links.get("tag", []) if tag != found.section]
    found.published_at = found.published_at or _htmldate(tree, found.canonical_url, zone)


def _canonical_link(tree: HtmlElement) -> str | None:
    for link in tree.iter("link"):
        href = (link.get("href") or "").strip()
        if href and "canonical" in (link.get("rel") or "").lower().split():
            return href
    return None


def _document_title(tree: HtmlElement) -> str | None:
    """The ``<title>``, or the page's ``<h1>`` when the title is that headline plus the site's name."""
    title_element = tree.find(".//title")
    title = text_of(title_element) if title_element is not None else ""
    heading = tree.find(".//h1")
    headline = text_of(heading) if heading is not None else ""
    if headline and (not title or title.startswith(headline)):
        return headline
    return title or None


def _rel_links(tree: HtmlElement) -> dict[str, list[str]]:
    """Link texts by ``rel`` value: microformats mark authors, tags and categories this way."""
    found: dict[str, list[str]] = {}
    for link in _REL_LINKS(tree):
        text = text_of(link)
        for rel in (link.get("rel") or "").lower().split():
            if text and text not in found.setdefault(rel, []):
                found[rel].append(text)
    return found


def _itemprop_authors(tree: HtmlElement) -> list[str]:
    names = []
    for element in _ITEMPROP_AUTHORS(tree):
        name = element.find(".//*[@itemprop='name']")
        text = text_of(name if name is not None else element)
        if text and len(text) <= _MAX_NAME_CHARS:
            names.append(text)
    return names


def _htmldate(tree: HtmlElement, url: str | None, zone: tzinfo | None) -> str | None:
    """htmldate without its extensive search (markup and URL only): cheap enough for every page."""
    try:
        found = find_date(tree, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError, AttributeError):
        log.debug("htmldate failed on %s", url, exc_info=True)
        return None
    return to_utc_iso(found, zone) if isinstance(found, str) else None


def _language_code(value: str | None) -> str | None:
    code = re.split(r"[-_]", value.strip())[0].lower() if value else ""
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None
