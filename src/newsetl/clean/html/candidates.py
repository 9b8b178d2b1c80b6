"""Body candidates and how they combine: trafilatura's main text of the pruned tree, and the ``articleBody``
the publisher declares in JSON-LD.
"""

from __future__ import annotations

import contextlib
import html
import re

import trafilatura
from lxml.etree import ParserError
from lxml.html import HtmlElement, fragment_fromstring

from newsetl.clean.html.invisible import restore_format_characters
from newsetl.clean.html.tree import norm_ws

FULL_RUN_BELOW_CHARS = 1_000
FULL_RUN_BELOW_PAGE_SHARE = 0.2
"""A fast run that yields less text than this, and under this share of the page's text, is redone with
trafilatura's whole cascade (its readability and jusText comparison, recall escalation). A rerun costs about 1.4
fast runs; on the devset's even pages all it gained was on results under 1,000 characters that covered under
15 % of the (pruned) page, and it changed nothing where the short result was most of a short page."""
DECLARED_MIN_CHARS = 200
MISSED_ARTICLE_SHARE = 0.5
"""Ours under this share of the declared body's length: we missed the article (often rendered from script)."""
AGREEMENT_SHARE = 0.7
"""This share of our text found in the declared body: both candidates agree on the article."""
_MATCH_PREFIX_CHARS = 60
_DECLARED_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")


def main_text(tree: HtmlElement, url: str | None) -> list[str]:
    """Paragraphs trafilatura finds in ``tree``: its fast mode, then its full cascade when that found little; with
    the soft hyphens and other invisible format characters of the page, which trafilatura drops."""
    paragraphs = _trafilatura_paragraphs(tree, url, fast=True)
    found = sum(map(len, paragraphs))
    if found < FULL_RUN_BELOW_CHARS and found < FULL_RUN_BELOW_PAGE_SHARE * _page_chars(tree):
        paragraphs = _trafilatura_paragraphs(tree, url, fast=False)
    return restore_format_characters(paragraphs, tree)


def _page_chars(tree: HtmlElement) -> int:
    body = tree.find("body")
    return len(norm_ws((body if body is not None else tree).text_content()))


def _trafilatura_paragraphs(tree: HtmlElement, url: str | None, *, fast: bool) -> list[str]:
    document = trafilatura.bare_extraction(tree, url=url, include_comments=False, include_tables=True, fast=fast)
    text = getattr(document, "text", None) if document is not None else None
    return [norm_ws(line) for line in text.splitlines() if line.strip()] if isinstance(text, str) else []


def declared_paragraphs(article_body: str | None) -> list[str]:
    """The JSON-LD ``articleBody`` as paragraphs; some CMSs put HTML and entities in it."""
    if not article_body:
        return []
    text = article_body
    if "<" in text and ">" in text:
        # Not markup after all: keep the string.
        with contextlib.suppress(ParserError, ValueError):
            text = fragment_fromstring(text, create_parent="div").text_content()
    return [norm_ws(part) for part in _DECLARED_PARAGRAPH_BREAK.split(html.unescape(text)) if part.strip()]


def combine(ours: list[str], declared: list[str], lead: str | None) -> list[str]:
    """Our paragraphs checked against the declared body: the declared one when ours missed the article, ours
    without the paragraphs the declared one lacks when the two otherwise agree, else ours unchanged.

    Paragraphs before the first one the declared body holds are kept: publishers leave the lead (standfirst) out
    of ``articleBody``, so its absence there says nothing."""
    declared_text = " ".join(declared)
    if len(declared_text) < DECLARED_MIN_CHARS:
        return ours
    our_chars = sum(map(len, ours))
    if our_chars < MISSED_ARTICLE_SHARE * len(declared_text):
        return with_lead(declared, lead)
    found = [paragraph == lead or _found_in(paragraph, declared_text) for paragraph in ours]
    start = found.index(True) if any(found) else len(ours)
    agreed = [paragraph for index, paragraph in enumerate(ours) if found[index] or index < start]
    return agreed if sum(map(len, agreed)) >= AGREEMENT_SHARE * our_chars else ours


def with_lead(paragraphs: list[str], lead: str | None) -> list[str]:
    """The lead put first, unless the paragraphs already hold it."""
    if not lead or not paragraphs:
        return paragraphs
    joined = " ".join(paragraphs)
    return paragraphs if lead[:80] in joined else [lead, *paragraphs]


def _found_in(paragraph: str, text: str) -> bool:
    probe = paragraph.lstrip("-• ")
    return probe in text or probe[:_MATCH_PREFIX_CHARS] in text
