"""Cleaning and extraction: raw document bytes in, an :class:`Extraction` out. Pure functions, no I/O."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from newsetl.clean.extraction import Extraction, count_words, words
from newsetl.config import CleaningConfig
from newsetl.dedup import article_url_key
from newsetl.dedup.minhash import signature
from newsetl.records import ArticleRow, RawDocument, sha256_hex

if TYPE_CHECKING:
    from newsetl.clean.document import extract_document
    from newsetl.clean.html import extract_html
    from newsetl.clean.text import extract_text_dump

__all__ = [
    "RULES_VERSION",
    "Extraction",
    "article_id",
    "article_row",
    "configured_rules",
    "count_words",
    "extract_document",
    "extract_html",
    "extract_text_dump",
    "rules_version",
]

# The extractors (trafilatura, lxml, the language model) take most of a second to import: they are imported when
# first used, so a process that only plans, loads or checks (a re-run over unchanged input) never pays for them.
_EXTRACTORS = {
    "extract_document": "newsetl.clean.document",
    "extract_html": "newsetl.clean.html",
    "extract_text_dump": "newsetl.clean.text",
}


def __getattr__(name: str) -> Any:
    if name in _EXTRACTORS:
        import importlib

        return getattr(importlib.import_module(_EXTRACTORS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


RULES_VERSION = "2026.12.03.44"
"""Version of the built-in cleaning rules; bump it when they change so lineage shows which rules cleaned what.

Also when what cleaning stages changes. A new version makes the next run clean stored documents again instead of
skipping them by content hash. 2026.11.30.2: MinHash scheme ``…-crc32sum``; .3: text rules ``short-tail``,
``after-boundary``; 2026.12.01.1: JSON Lines records' Unix timestamps, schema.org authors, http(s) URLs only,
html fragments extracted as the article of a page; .2: text rules ``related-list``, ``read-also``, agency-first photo
credits; .3: headline-like lines weigh half, section names are no headline, HTML paragraphs held to the
boilerplate families (captions and top datelines out of the body), character references in JSON-LD and records,
embed codes, a dateline above the headline (all landed on main together with .3); .4: a JSON Lines record's text
that is the article is kept whole; 2026.12.02.1: text rule ``headline-tail``, three rounds of boilerplate
phrases and photo credits, a related heading over one headline as an inline link, the body's detected language over
a declared one, titles without the site's name spelt like the host, numeric and meta-line dates (``date-meta``),
dated bylines, one author splitter with placeholders dropped (all landed on main on 2026-12-02 under this one
version); .2: share bars of any length, paywall and membership prompts, advertising disclosures as paragraphs, a
newsletter or support prompt between paragraphs as an interruption, app and channel promotions, copyright notices as
paragraphs, a text dump's ``updated_at`` from its "Updated …" line, photo credits with a note in parentheses or a
well-known agency's name without a separator ("Dee Dee Myers Getty Images"), Polish month names and meta words, a run of
quantities ("350 g Zucker") as a recipe's list rather than a menu, an author box under the headline (the name, then
a biography opening with it); the tail's author box never before the first paragraph, a caption
behind a zoom button ("Vergrößern …"), the run above an article's end preferred to a denser one below it when no
headline anchors the article. 2026.12.03.1: notices about the reader's browser (out of date, to be
updated) removed as ``js-warning``; .2: a teaser's link with its headline ("Weiterlesen … Lebenszeichen von
Bavaria") as ``read-also``; .3: a page whose article would be only its first line (its <title>) has none; .4: a
dump's lines are read without their soft hyphens and byte-order marks, by the rules as by the reader ("Face&shy;book
Twit&shy;ter" is a share bar; a line of only a byte-order mark is blank); .5: a page's links into the site its
canonical URL names are its own site's also when it was read from another address (a mirror, a local server); .6:
a hard-wrapped dump's paragraphs are joined back before any rule reads them (``clean.text.unwrap``); .7: a dump's
no-break spaces are read as spaces (``clean.extraction.as_read``); .8: and a run of spaces between words as one;
.9: a dump without blank lines between its blocks has no last block for the article to take the rest of."""


def article_id(source: str, key: str) -> str:
    """Stable id of an article: its source and its URL key (or, without a URL, its place in the source).

    The URL key is the normalised canonical link, else the normalised URL (:func:`newsetl.dedup.url_key`),
    so an AMP copy, a mobile copy and a tracking-tagged link of one story are one article.
    """
    return hashlib.sha256(f"{source}\x1f{key}".encode()).hexdigest()[:32]


def rules_version(cleaning: CleaningConfig) -> str:
    """Built-in rules version, a fingerprint of the source's own patterns (``+…``) and of the learned lines that
    cleaned the article (``~…``): "2026.12.01.1+1a2b3c4d~5e6f7a8b"."""
    patterns = [rule.pattern.pattern for rule in cleaning.drop + cleaning.captions]
    if cleaning.month_first:  # dates read otherwise: the articles are cleaned again
        patterns.append("date_order=month-first")
    version = f"{RULES_VERSION}+{sha256_hex(json.dumps(patterns).encode())[:8]}" if patterns else RULES_VERSION
    if cleaning.learned and cleaning.learned.lines:
        learned = json.dumps(sorted(cleaning.learned.lines), ensure_ascii=False).encode()
        version = f"{version}~{sha256_hex(learned)[:8]}"
    return version


def configured_rules(version: str) -> str:
    """``version`` without its learned lines: the part a change of configuration or code changes.

    The learned lines shift a little with every load; documents already cleaned keep the lines they were
    cleaned with (their version says which) until their bytes or the configured rules change.
    """
    return version.split("~", 1)[0]


def article_row(
    document: RawDocument,
    extraction: Extraction,
    *,
    url: str | None,
    run_id: str,
    rules: str,
    raw_id: str | None = None,
) -> ArticleRow:
    """The article's staged row. ``raw_id``: the document's content address when the caller holds it (hashing
    the bytes again cost 40 µs a dump, 4 CPU s of a 100,000-dump run)."""
    body = extraction.body_text
    body_words = words(body)  # once: the word count and the signature both need them
    content = {
        "title": extraction.title,
        "summary": extraction.summary,
        "body": body,
        "authors": extraction.authors,
        "published_at": extraction.published_at,
    }
    key = article_url_key(url, extraction.canonical_url)
    return ArticleRow(
        article_id=article_id(document.source, key or document.uri),
        source=document.source,
        uri=document.uri,
        url=url,
        canonical_url=extraction.canonical_url,
        url_key=key,
        title=extraction.title,
        summary=extraction.summary,
        body=body,
        authors=extraction.authors,
        published_at=extraction.published_at,
        updated_at=extraction.updated_at,
        language=extraction.language,
        section=extraction.section,
        tags=extraction.tags,
        captions=extraction.captions,
        reading_time_minutes=extraction.reading_time_minutes,
        word_count=len(body_words),
        content_hash=sha256_hex(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()),
        raw_id=raw_id or document.raw_id,
        run_id=run_id,
        extractor=extraction.extractor,
        rules_version=rules,
        minhash=signature(body_words),
    )
