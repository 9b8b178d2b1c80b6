"""Page furniture removed before trafilatura reads the tree: the boxes its own rules miss inside article
containers (captions, share and rating widgets, related stories, newsletter and donation boxes, ad slots,
consent blockers, author bios, hidden elements), month calendars and same-site "read also" links (see ``links``).

A box is recognised by whole words of its class or id ("related-articles", "shareBar"), never by the words of its
text, so the rules hold across languages (a month calendar by its cells' day numbers). A box that holds most of
the page's text, or several long paragraphs, is an article wrapper whatever its class says
("steady-paywall-container", "no-share"), and stays.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from newsetl.clean.html.links import Sites, prune_link_sections, read_also_blocks
from newsetl.clean.html.tree import class_words, remove_keeping_tail, text_of, words

FURNITURE_WORDS = frozenset(
    {
        # captions and picture credits: kept apart as captions, not body
        "caption",
        "captions",
        "figcaption",
        "credit",
        "credits",
        "photocredit",
        # share and rating widgets by name (a bare "share" also names article wrappers: "no-share")
        "sharedaddy",
        "addthis",
        "shariff",
        "sociable",
        "rating",
        "ratings",
        "vote",
        "voting",
        # related, recommended and next-story widgets
        "related",
        "recommended",
        "recommendations",
        "recirculation",
        "nextstory",
        "outbrain",
        "taboola",
        # newsletter sign-ups, donation appeals, affiliate disclaimers
        "newsletter",
        "newsletters",
        "donate",
        "donation",
        "affiliate",
        # ad slots (a bare "ad" also sits in layout classes such as "layoutAdRight": see the pairs below)
        "advert",
        "adverts",
        "advertisement",
        "adslot",
        "adsense",
        "dfp",
        "sponsored",
        # subscription prompts and paywall notices (the guard below keeps a "paywall" wrapper holding the article)
        "paywall",
        "subscribe",
        "subscription",
        # reader comments and their forms (newsetl extracts the article, not the discussion)
        "comments",
        "respond",
        "disqus",
        # cookie and consent walls, content blockers
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "brlbs",
        "saboxplugin",
    }
)
# Words that name furniture only beside a companion word: "author-bio" is a box, "author" alone is a byline.
PAIRED_WORDS = {
    "author": frozenset({"bio", "box", "info", "desc", "description", "about", "profile", "avatar", "details", "wrap"}),
    "ad": frozenset({"slot", "unit", "banner", "label", "placeholder", "zone"}),
    "next": frozenset({"story", "stories", "article", "articles", "post"}),
}
# A paywall word on the article's own element says the article is paywalled; elsewhere it names a notice.
_PAYWALL_STATE = frozenset({"paywall", "subscription", "subscribe"})
MAX_SHARE_OF_PAGE = 0.4
"""A box holding this share of the page's text or more is a layout wrapper, not furniture."""
LONG_PARAGRAPH_CHARS = 150
LONG_PARAGRAPHS_IN_ARTICLE = 3
_TRIGGERS = FURNITURE_WORDS | PAIRED_WORDS.keys()
# Candidates are picked inside libxml2: the attribute strings are cheap to scan, and element proxies are built
# only for hits. A Python walk over every element cost twice as much; one XPath query per furniture-like value
# (about ten a page) three times as much.
_CLASS_AND_ID_VALUES = etree.XPath("//body//@class | //body//@id")
# Hidden from every reader. (``aria-hidden`` is not: it hides icons and duplicates from screen readers only.)
_HIDDEN = etree.XPath("//body//*[@hidden or contains(@style, 'none')]")
_FIGCAPTIONS = etree.XPath("//body//figcaption")
_TABLES = etree.XPath("//table[not(.//table)]")
_CELLS = etree.XPath(".//td | .//th")
_LAST_DAY = 31
_MONTH_DAYS = 28
_DAY_SHARE = 0.6
_ARTICLE_WRAPPERS = etree.XPath("descendant-or-self::aside | descendant-or-self::footer")
_ARTICLE_BODY = etree.XPath(".//*[@itemprop='articleBody']")
_WRAPPER_SHARE = 0.5
_WRAPPER_MIN_CHARS = 500
# Elements that trafilatura deletes anyway and that hold no article text: gone before it copies the tree (and
# before the size guard below counts the page), they cost nothing further. Of the text-bearing ones it deletes,
# asides and footers go too; nav, noscript, button and label stay: its fallbacks read the uncleaned page, and on
# the devset's even pages dropping those cost segments, while dropping asides and footers cost none.
DELETED_TAGS = (
    "head",
    "aside",
    "footer",
    "svg",
    "iframe",
    "embed",
    "object",
    "canvas",
    "audio",
    "video",
    "picture",
    "source",
    "map",
    "menu",
    "link",
    "select",
    "option",
    "input",
    "textarea",
)


def figure_captions(tree: HtmlElement) -> list[str]:
    """Texts of the page's ``<figcaption>`` elements, read before pruning removes them."""
    return list(dict.fromkeys(text for text in map(text_of, _FIGCAPTIONS(tree)) if text))


def prune_furniture(tree: HtmlElement, sites: Sites) -> None:
    """Remove page furniture from ``tree`` in place; ``sites`` (see ``links.own_sites``) tell which links lead to
    other pages of the same site."""
    # Code is never text (trafilatura drops it too), and it would inflate the page-size guard below.
    etree.strip_elements(tree, "script", "style", "template", with_tail=False)
    body = tree.find("body")
    root = body if body is not None else tree
    _keep_article_wrappers(root)
    etree.strip_elements(tree, *DELETED_TAGS, with_tail=False)
    page_chars = len(root.text_content()) or 1
    boxes = [
        *_boxes(tree),
        *_hidden(tree, page_chars),
        *_FIGCAPTIONS(tree),
        *read_also_blocks(tree, sites),
        *_month_grids(tree),
    ]
    for element in boxes:
        if element.getparent() is None or element.tag in ("body", "html", "main"):
            continue
        if element.tag in ("p", "blockquote") or not _holds_the_article(element, page_chars):
            remove_keeping_tail(element)
    prune_link_sections(root, sites)


def _keep_article_wrappers(root: HtmlElement) -> None:
    """An ``<aside>`` or ``<footer>`` that wraps the article (the publisher's ``articleBody``, or half the page's text
    in an aside) becomes a ``<div>``: both tags are deleted with all they hold, here and by trafilatura. Devset:
    15 of 990 pages have one, two of them lost their whole article (0.9545 -> 0.9554 HTML F, no segment lost)."""
    page_chars = 0
    for element in _ARTICLE_WRAPPERS(root):
        if _ARTICLE_BODY(element):
            element.tag = "div"
        elif element.tag == "aside" and (chars := len(element.text_content())) >= _WRAPPER_MIN_CHARS:
            page_chars = page_chars or len(root.text_content())
            if chars >= _WRAPPER_SHARE * page_chars:
                element.tag = "div"


def _month_grids(tree: HtmlElement) -> list[HtmlElement]:
    """Tables that are a month's calendar (a booking or archive widget): every day from 1 to 28 at least, each in a
    cell of its own, and most cells such days. Read by their digits, so in any language; a table of scores or
    statistics repeats small numbers but rarely holds each of a month's days."""
    grids = []
    for table in _TABLES(tree):
        elements = _CELLS(table)
        if len(elements) < _MONTH_DAYS:  # most tables: too small for a month, no cell's text read
            continue
        cells = [text for text in map(text_of, elements) if text]
        days = [int(text) for text in cells if text.isdigit() and 1 <= int(text) <= _LAST_DAY]
        if len(set(days)) >= _MONTH_DAYS and len(days) >= _DAY_SHARE * len(cells):
            grids.append(table)
    return grids


def is_furniture_box(element: HtmlElement) -> bool:
    if element.tag == "figcaption":
        return True
    found = class_words(element)
    furniture = found & FURNITURE_WORDS
    if furniture:
        # "article node-full paywall-on", id="article" class="isPaywall": the article itself, marked as paywalled.
        return not (furniture <= _PAYWALL_STATE and _is_the_article(element, found))
    return any(word in found and not found.isdisjoint(companions) for word, companions in PAIRED_WORDS.items())


def _is_the_article(element: HtmlElement, found: set[str]) -> bool:
    return element.tag == "article" or "article" in found or "articlebody" in (element.get("itemprop") or "").lower()


def _boxes(tree: HtmlElement) -> list[HtmlElement]:
    values = [value for value in _CLASS_AND_ID_VALUES(tree) if _may_name_furniture(str(value))]
    elements = {id(parent): parent for value in values if (parent := value.getparent()) is not None}
    return [element for element in elements.values() if is_furniture_box(element)]


@lru_cache(maxsize=16_384)
def _may_name_furniture(value: str) -> bool:
    # Class values repeat within a page and across a site's pages: each distinct one is split once.
    return not _TRIGGERS.isdisjoint(words(value))


def _hidden(tree: HtmlElement, page_chars: int) -> list[HtmlElement]:
    """Elements hidden from every reader, unless together they hold a layout wrapper's share of the page's text: a
    page that hides that much shows its article in parts, one at a time (a slideshow's sections, tabs). Devset: one
    page changes, its gallery's 30 hidden sections now read (HTML F 0.9568 -> 0.9572)."""
    hidden = [element for element in _HIDDEN(tree) if is_hidden(element)]
    outermost = [element for element in hidden if not any(is_hidden(above) for above in element.iterancestors())]
    if sum(len(element.text_content()) for element in outermost) >= MAX_SHARE_OF_PAGE * page_chars:
        return []
    return hidden


def is_hidden(element: HtmlElement) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or element.get("hidden") is not None


def _holds_the_article(element: HtmlElement, page_chars: int) -> bool:
    if len(element.text_content()) >= MAX_SHARE_OF_PAGE * page_chars:
        return True
    long_paragraphs = 0
    for paragraph in element.iter("p"):
        if len(paragraph.text_content()) >= LONG_PARAGRAPH_CHARS:
            long_paragraphs += 1
            if long_paragraphs >= LONG_PARAGRAPHS_IN_ARTICLE:
                return True
    return False
