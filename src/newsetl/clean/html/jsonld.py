"""JSON-LD: the schema.org article node a page declares for search engines (in ``@graph``, lists, ``mainEntity``)."""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

log = logging.getLogger("newsetl.clean.html")

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "techarticle",
        "scholarlyarticle",
        "report",
    }
)
_SCRIPTS = etree.XPath("//script[contains(translate(@type, 'JSONLD', 'jsonld'), 'ld+json')]")
# CMSs write raw newlines inside strings and trailing commas; JSON parsers refuse both.
_CONTROL = re.compile(r"[\r\n\t]+")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")

JsonObject = dict[str, Any]


def typed_nodes(tree: HtmlElement) -> list[JsonObject]:
    """Every JSON-LD object with a ``@type`` on the page, in order (``@graph`` and lists flattened)."""
    return [node for script in _SCRIPTS(tree) for node in _typed_nodes(_load(str(script.text or "")))]


def article_node(nodes: list[JsonObject]) -> JsonObject:
    """The first article-typed object, else a page's ``mainEntity`` article, else ``{}``."""
    for node in nodes:
        if is_article(node):
            return node
    for node in nodes:
        main = node.get("mainEntity")
        if isinstance(main, dict) and is_article(main):
            return main
    return {}


def page_node(nodes: list[JsonObject]) -> JsonObject:
    """The first ``WebPage``-typed object (SEO plugins date the page there when they declare no article)."""
    return next((node for node in nodes if any(_is_page_type(kind) for kind in _as_list(node.get("@type")))), {})


def _is_page_type(kind: Any) -> bool:
    return isinstance(kind, str) and kind.lower().endswith("page")


def is_article(node: JsonObject) -> bool:
    kinds = node.get("@type")
    return any(isinstance(kind, str) and kind.lower() in ARTICLE_TYPES for kind in _as_list(kinds))


def names(value: Any) -> list[str]:
    """Names in a schema.org Person or Organization value: a string, an object with ``name``, or a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in names(item)]
    return []


def first_text(value: Any) -> str | None:
    """A value as one string: the first of a list; an object's ``@id``, ``url`` or ``name``."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("name")
    return " ".join(value.split()) or None if isinstance(value, str) else None


def keywords(value: Any) -> list[str]:
    """``"a, b"`` or ``["a", "b"]`` → ``["a", "b"]``."""
    items = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else []
    return list(dict.fromkeys(item.strip() for item in items if isinstance(item, str) and item.strip()))


def _load(text: str) -> Any:
    try:
        return _unescaped(json.loads(text))
    except ValueError:
        pass
    try:
        return _unescaped(json.loads(_TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))))
    except ValueError:
        log.debug("skipping malformed JSON-LD block")
        return None


def _unescaped(value: Any) -> Any:
    """Strings with their HTML character references read: publishers' SEO plugins write them into JSON-LD
    ("Thermen- &#038; Vulkanland"), where JSON needs none, and a title kept them as text."""
    if isinstance(value, str):
        return html.unescape(value) if "&" in value else value
    if isinstance(value, list):
        return [_unescaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _unescaped(item) for key, item in value.items()}
    return value


def _typed_nodes(document: Any) -> Iterator[JsonObject]:
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if "@type" in item:
                yield item
            if "@graph" in item:
                stack.append(item["@graph"])


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
