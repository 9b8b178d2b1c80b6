"""Links into the same site inside the article: "Read also: <other story>" inserts and "More on this topic"
sections. Links to other sites are usually the author's sources, so only same-site links count as furniture.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsetl.clean.html.tree import norm_ws, remove_keeping_tail, text_of

READ_ALSO_MAX_CHARS = 250
READ_ALSO_LINK_SHARE = 0.6
"""A short paragraph with at least this share of its text in same-site links is a teaser for another page."""
LINK_SECTION_SHARE = 0.8
MAX_LINK_SECTION_BLOCKS = 12
"""Longer runs of blocks under a heading are an article's section, not a box of links."""
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
# Paragraphs, and the quote cards CMSs embed for their own articles (WordPress "wp-embedded-content").
_LINKED_BLOCKS = etree.XPath("//body//*[self::p or self::blockquote][.//a]")


@lru_cache(maxsize=8_192)
def site_of(url: str | None) -> str | None:
    """The URL's host without ``www.``: a cheap stand-in for the registered domain. (Cached: a page links to the
    same hosts many times.)"""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None


Sites = tuple[str, ...]
"""The sites (``site_of``) a page's links into its own site lead to."""


def own_sites(url: str | None, canonical_url: str | None) -> Sites:
    """The sites of the address a page was read from and of its canonical URL. A page served from a mirror, a local
    server or a made-up address links into the site its canonical URL names; an archived copy (web.archive.org)
    into the archive, which rewrote its links."""
    return tuple(dict.fromkeys(site for site in (site_of(url), site_of(canonical_url)) if site))


def is_same_site(href: str | None, sites: Sites) -> bool:
    """Whether a link leads to another page of one of ``sites`` (relative links do)."""
    href = (href or "").strip()
    if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
        return False
    if not href.startswith(("http://", "https://", "//")):
        return True
    host = site_of("https:" + href if href.startswith("//") else href)
    if host is None:
        return False
    return any(host == site or host.endswith("." + site) or site.endswith("." + host) for site in sites)


def read_also_blocks(tree: HtmlElement, sites: Sites) -> list[HtmlElement]:
    """Short ``<p>`` and ``<blockquote>`` elements that are mostly links to other pages of the same site."""
    return [block for block in _LINKED_BLOCKS(tree) if _is_read_also(block, sites)]


def _is_read_also(block: HtmlElement, sites: Sites) -> bool:
    raw = block.text_content()
    if len(raw) > 4 * READ_ALSO_MAX_CHARS:
        return False  # long however much whitespace it holds: prose
    text = norm_ws(raw)
    if not text or len(text) > READ_ALSO_MAX_CHARS:
        return False
    anchors = list(block.iter("a"))
    if not all(is_same_site(anchor.get("href"), sites) for anchor in anchors):
        return False
    return sum(len(text_of(anchor)) for anchor in anchors) >= READ_ALSO_LINK_SHARE * len(text)


def prune_link_sections(root: HtmlElement, sites: Sites) -> None:
    """Remove a heading and the blocks under it (up to the next heading) when they are only same-site links."""
    for heading in list(root.iter(*HEADINGS)):
        if heading.getparent() is None:
            continue
        section = _blocks_under(heading)
        if _is_link_section(section, sites):
            for element in [heading, *section]:
                remove_keeping_tail(element)


def _blocks_under(heading: HtmlElement) -> list[HtmlElement]:
    blocks = []
    sibling = heading.getnext()
    while sibling is not None and sibling.tag not in (*HEADINGS, "h1"):
        if isinstance(sibling.tag, str):
            blocks.append(sibling)
        sibling = sibling.getnext()
    return blocks


def _is_link_section(blocks: list[HtmlElement], sites: Sites) -> bool:
    if not blocks or len(blocks) > MAX_LINK_SECTION_BLOCKS:
        return False
    anchors = [anchor for block in blocks for anchor in block.iter("a")]
    if not anchors:
        return False
    if not all(is_same_site(anchor.get("href"), sites) for anchor in anchors):
        return False
    text_chars = sum(len(text_of(block)) for block in blocks)
    return sum(len(text_of(anchor)) for anchor in anchors) >= LINK_SECTION_SHARE * text_chars
