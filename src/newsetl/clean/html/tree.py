"""The page's one parse (lxml, loaded as trafilatura loads a page) and small helpers over its elements."""

from __future__ import annotations

import logging
import re

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html

log = logging.getLogger("newsetl.clean")

# Class and id values split into words: "article-body", "related_links", "shareBar" → article body related
# links share bar. Whole words only, so "comment" never hits "commentary".
_WORDS = re.compile(r"[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|\d+")
# CMS taxonomy classes ("category-sharing", "tag-cookies", "has-newsletter") describe the article, not a box.
_TAXONOMY_CLASS = re.compile(r"^(?:category|tag|post|type|format|status|has|no|is|topic|section)[-_]", re.IGNORECASE)


def _parser() -> HTMLParser:
    """trafilatura's parser (its settings), but with every element's class found in C.

    lxml.html's parser calls a Python method for each element that gets a Python object, to give a form field a
    class of its own; the pruning and trafilatura walk a page's tree many times over (842,161 calls for 300 devset
    pages). Every element here is an ``HtmlElement``: devset pages 58.5-60.5 -> 60.8-62.7 a CPU second, alternated,
    with the same text from all 990 (docs/benchmarks.md).
    """
    parser = HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    classes = {"element": HtmlElement, "comment": HtmlComment, "pi": HtmlProcessingInstruction, "entity": HtmlEntity}
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(**classes))
    return parser


_PARSER = _parser()


def parse_html(html: str) -> HtmlElement | None:
    """The page as an lxml tree, or ``None`` when there is no markup to speak of.

    Loaded as trafilatura's ``load_html`` loads a page (its repairs: encoding declarations in a ``str``, a broken
    doctype, XML-looking pages; the same checks), with ``_PARSER``: the tree we prune is the tree it expects.
    """
    text = decode_file(html)
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    tree = _parsed(text)
    if tree is None or len(tree) < 1:
        tree = _parsed(text.encode("utf8", "surrogatepass"))
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # not HTML after all: a page of another kind, or a fragment
    return tree


def _parsed(markup: str | bytes) -> HtmlElement | None:
    """The tree lxml makes of ``markup``; ``None`` when it makes none (a ``str`` with an encoding declaration: "Unicode
    strings with encoding declaration are not supported", which the bytes then parse)."""
    try:
        tree: HtmlElement = fromstring(markup, parser=_PARSER)
    except (ValueError, etree.LxmlError) as exc:
        log.debug("lxml made no tree of the page's %s: %s", type(markup).__name__, exc)
        return None
    return tree


def norm_ws(text: str) -> str:
    return " ".join(text.split())


def text_of(element: HtmlElement) -> str:
    """All the text inside ``element``, whitespace-normalised."""
    return norm_ws(element.text_content())


def link_share(element: HtmlElement, text: str | None = None) -> float:
    """The share of ``element``'s text (``text``, if already read) that is the text of its links."""
    length = len(text_of(element) if text is None else text) or 1
    return sum(len(text_of(anchor)) for anchor in element.iter("a")) / length


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
