"""An article split over sibling containers of one kind: the rest of it joins the part trafilatura found.

Some themes cut an article into modules ("editorial-module--text"), or into chunks around their ads (a grid's
cell each): the modules are siblings that share one class, and trafilatura keeps the one that scores best. Its
paragraphs' container, or one of a few ancestors, is then one of several same-class siblings; the others that
hold prose of their own, with few links, are the rest of the article, in page order.

Not joined: siblings of an ``<article>``, a list's item or a ``<section>`` (each a story or a part of its own:
a listing's other stories), a sibling the extractor read and kept part of (what it left out, it left out on
purpose), and a teaser, whose heading is a link to another story.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml.html import HtmlElement

from newsetl.clean.html.tree import link_share, text_of

_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")
_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_OWN_STORIES = frozenset(("article", "li", "section", "body", "html"))
_WRAPPERS = frozenset(("li", "blockquote"))
ANCESTORS = 3
"""How far above the found paragraphs' container a split is looked for: a module wraps its text in a few divs."""
MIN_PROSE_CHARS = 150
MAX_LINK_SHARE = 0.2
_MIN_SENTENCE_CHARS = 80
# A block this long found inside one of our paragraphs (trafilatura joins some blocks) was read by the extractor.
_MIN_MATCHED_CHARS = 40
_SENTENCE_ENDS = tuple('.!?"“”»«')


def with_split_parts(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """``paragraphs`` with the prose of the same-class siblings of their container (see the module docstring):
    those before it first, those after it last."""
    body = tree.find("body")
    ours = set(paragraphs)
    # Paragraphs place the text: a page's list items are mostly its menus, costly to read and never the article.
    # The container of all the found ones is that of the first and the last.
    page = list((body if body is not None else tree).iter("p"))
    first = next((block for block in page if text_of(block) in ours), None)
    last = next((block for block in reversed(page) if text_of(block) in ours), None)
    if first is None or last is None or first is last:
        return paragraphs
    node: HtmlElement | None = _common_ancestor([first, last])
    joined = " ".join(paragraphs)
    for _ in range(ANCESTORS):
        parent = node.getparent() if node is not None else None
        if node is None or parent is None or node.tag in _OWN_STORIES:
            return paragraphs
        before, after = _sibling_prose(node, parent, ours, joined)
        if before or after:
            return before + paragraphs + after
        node = parent
    return paragraphs


def _sibling_prose(node: HtmlElement, parent: HtmlElement, ours: set[str], joined: str) -> tuple[list[str], list[str]]:
    kind = _kind(node)
    before: list[str] = []
    after: list[str] = []
    if not kind[1]:
        return before, after  # without a class, "the same kind" says nothing
    seen = False
    for sibling in parent:
        if sibling is node:
            seen = True
        elif isinstance(sibling.tag, str) and _kind(sibling) == kind:
            (after if seen else before).extend(_prose(sibling, ours, joined))
    return before, after


def _prose(element: HtmlElement, ours: set[str], joined: str) -> list[str]:
    blocks = list(_blocks(element))
    if any(text in ours or (len(text) >= _MIN_MATCHED_CHARS and text in joined) for _, text in blocks):
        return []
    blocks = [(block, text) for block, text in blocks if any(char.isalpha() for char in text)]
    if (
        sum(len(text) for _, text in blocks) < MIN_PROSE_CHARS
        or link_share(element) > MAX_LINK_SHARE
        or any(block.tag in _HEADINGS and link_share(block) > 0.5 for block, _ in blocks)
        or not any(block.tag == "p" and _is_sentence(text) for block, text in blocks)
    ):
        return []
    return [text for _, text in blocks]


def _blocks(root: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """Text blocks under ``root`` with their text; a list item or quote that holds paragraphs gives those."""
    for block in root.iter(*_BLOCKS):
        if block.tag in _WRAPPERS and next(block.iterchildren(*_BLOCKS), None) is not None:
            continue
        text = text_of(block)
        if text:
            yield block, text


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    paths = [list(reversed([element, *element.iterancestors()])) for element in elements]
    common = None
    for level in zip(*paths, strict=False):
        if any(element is not level[0] for element in level):
            break
        common = level[0]
    return common


def _kind(element: HtmlElement) -> tuple[str, str]:
    return str(element.tag), " ".join(sorted((element.get("class") or "").split()))


def _is_sentence(text: str) -> bool:
    return len(text) >= _MIN_SENTENCE_CHARS and text.endswith(_SENTENCE_ENDS)
