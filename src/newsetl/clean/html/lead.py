"""The lead (standfirst): trafilatura often leaves it in the article's header, between the headline and the
first paragraph it extracts. It is found there by the page's description, or by a lead-like class.
"""

from __future__ import annotations

from itertools import takewhile

from lxml.html import HtmlElement

from newsetl.clean.html.tree import class_words, link_share, norm_ws, text_of

LEAD_WORDS = frozenset(
    {
        "lead",
        "intro",
        "introduction",
        "standfirst",
        "excerpt",
        "subtitle",
        "subline",
        "subheadline",
        "dek",
        "deck",
        "summary",
        "abstract",
        "teaser",
        "description",
        "chapeau",
        "chapo",
    }
)
LEAD_MIN_CHARS = 40
LEAD_MAX_CHARS = 1_000
_DESCRIPTION_PREFIX_CHARS = 120
_ANCHOR_PREFIX_CHARS = 60
_MIN_START_CHARS = 20
_SKIPPED_TAGS = frozenset({"script", "style", "a", "noscript"})


def find_lead(tree: HtmlElement, paragraphs: list[str], title: str | None, description: str | None) -> str | None:
    """Text of the visible lead, searched between the last ``<h1>`` and the element where the body starts:
    the first element that starts like the page's description, else the first one classed as a lead."""
    body = tree.find("body")
    title = norm_ws(title or "")
    anchor = next((text for text in paragraphs if len(text) >= LEAD_MIN_CHARS and text not in title), None)
    if body is None or anchor is None:
        return None
    window, after_headline = _before_body_start(body, anchor)
    description = norm_ws(description or "")
    by_class = None
    for element in window:
        if element.tag in _SKIPPED_TAGS or element.find(".//h1") is not None:
            continue
        text = text_of(element)
        if not LEAD_MIN_CHARS <= len(text) <= LEAD_MAX_CHARS or (title and title in text):
            continue
        if description and _starts_like(text, description):
            return text
        # Without a headline to bound the window, a "teaser" class may as well be another story's.
        if after_headline and by_class is None and _classed_as_lead(element, text):
            by_class = text
    return by_class


def _before_body_start(body: HtmlElement, anchor: str) -> tuple[list[HtmlElement], bool]:
    """The elements before the one whose own text starts the body, from after the last ``<h1>`` if any; and
    whether an ``<h1>`` bounded them. Nothing when the body's start is not found: no safe window then."""
    snippet = anchor[:_ANCHOR_PREFIX_CHARS]
    headline = None
    for element in body.iter():
        if element.tag == "h1":
            headline = element
        elif _starts_the_body(element.text, snippet):
            if headline is not None:
                return _elements_between(headline, element), True
            return _elements_before(body, element), False
    return [], False


def _elements_before(body: HtmlElement, stop: HtmlElement) -> list[HtmlElement]:
    return [element for element in takewhile(lambda element: element is not stop, body.iter()) if _is_tag(element)]


def _elements_between(first: HtmlElement, stop: HtmlElement) -> list[HtmlElement]:
    """Elements after ``first`` and its content, in document order, up to ``stop``."""
    found: list[HtmlElement] = []
    node: HtmlElement | None = first
    while node is not None:
        for sibling in node.itersiblings():
            for element in sibling.iter():
                if element is stop:
                    return found
                if _is_tag(element):
                    found.append(element)
        node = node.getparent()
    return found


def _is_tag(element: HtmlElement) -> bool:
    return isinstance(element.tag, str)  # not a comment or processing instruction


def _starts_the_body(own_text: str | None, snippet: str) -> bool:
    """Whether an element's own text is the start of the body's first paragraph (whitespace aside)."""
    if not own_text or own_text.lstrip()[:1] != snippet[:1]:
        return False  # the cheap test first: most elements have no text of their own, or another first letter
    own = norm_ws(own_text)[:_ANCHOR_PREFIX_CHARS]
    return bool(own) and snippet.startswith(own) and len(own) >= min(len(snippet), _MIN_START_CHARS)


def _starts_like(text: str, description: str) -> bool:
    # Descriptions are often the lead cut short with an ellipsis.
    head = description.rstrip(".… ")[:_DESCRIPTION_PREFIX_CHARS]
    if len(head) < LEAD_MIN_CHARS or len(text) > 1.3 * len(description) + 100:
        return False  # a container that merely begins with the lead
    return text.startswith(head) or (description.startswith(text) and len(text) > 0.6 * len(description))


def _classed_as_lead(element: HtmlElement, text: str) -> bool:
    return not class_words(element).isdisjoint(LEAD_WORDS) and not _mostly_links(element, text)


def _mostly_links(element: HtmlElement, text: str) -> bool:
    return link_share(element, text) > 0.5
