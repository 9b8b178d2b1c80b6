"""The page's one parse (lxml, through trafilatura's loader) and small helpers over its elements."""

from __future__ import annotations

import re

from lxml.html import HtmlElement
from trafilatura.utils import load_html

# Class and id values split into words: "article-body", "related_links", "shareBar" → article body related
# links share bar. Whole words only, so "comment" never hits "commentary".
_WORDS = re.compile(r"[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|\d+")
# CMS taxonomy classes ("category-sharing", "tag-cookies", "has-newsletter") describe the article, not a box.
_TAXONOMY_CLASS = re.compile(r"^(?:category|tag|post|type|format|status|has|no|is|topic|section)[-_]", re.IGNORECASE)


def parse_html(html: str) -> HtmlElement | None:
    """The page as an lxml tree, or ``None`` when there is no markup to speak of.

    trafilatura's loader is lxml's HTML parser with the repairs trafilatura relies on (encoding declarations in
    a ``str``, broken doctype, XML-looking pages), so the tree we prune is the tree it expects.
    """
    tree = load_html(html)
    return tree if isinstance(tree, HtmlElement) else None


def norm_ws(text: str) -> str:
    return " ".join(text.split())


def text_of(element: HtmlElement) -> str:
    """All the text inside ``element``, whitespace-normalised."""
    return norm_ws(element.text_content())


_NEGATIONS = frozenset({"no", "non", "not", "without"})


def words(value: str) -> list[str]:
    """Lower-cased words of a class or id value."""
    return [word.lower() for word in _WORDS.findall(value)]


def class_words(element: HtmlElement) -> set[str]:
    """Words of the element's class (taxonomy classes left out) and id; a negated word ("non-paywall",
    "no-share") is left out, as it says what the element is not."""
    names = [name for name in (element.get("class") or "").split() if not _TAXONOMY_CLASS.match(name)]
    names.append(element.get("id") or "")
    found: set[str] = set()
    for name in names:
        found.update(_affirmed(words(name)))
    return found


def _affirmed(name_words: list[str]) -> list[str]:
    if _NEGATIONS.isdisjoint(name_words):
        return name_words
    return [word for before, word in zip(["", *name_words], name_words, strict=False) if before not in _NEGATIONS]


def remove_keeping_tail(element: HtmlElement) -> None:
    """Remove ``element`` but keep the text that follows it inside its parent (lxml stores it on the element)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
