"""Cleaning and extraction: raw document bytes in, an :class:`Extraction` out. Pure functions, no I/O."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

from newsetl.clean.extraction import Extraction, count_words, words
from newsetl.clean.feed_item import with_feed_item
from newsetl.clean.html import extract_html
from newsetl.clean.jsonl import extract_record, parse_record, record_url
from newsetl.clean.language import detect_language
from newsetl.clean.text import drop_leftover_boilerplate, extract_text_dump
from newsetl.config import CleaningConfig
from newsetl.dedup import article_url_key
from newsetl.dedup.minhash import signature
from newsetl.errors import ExtractionError
from newsetl.read import decode_text, sniff_html_charset
from newsetl.records import ArticleRow, RawDocument, sha256_hex

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

RULES_VERSION = "2026.11.30.3"
"""Version of the built-in cleaning rules; bump it when they change so lineage shows which rules cleaned what.

Also when what cleaning stages changes. A new version makes the next run clean stored documents again instead of
skipping them by content hash. .2: MinHash scheme ``…-crc32sum``; .3: text rules ``short-tail``, ``after-boundary``."""


def extract_document(document: RawDocument, cleaning: CleaningConfig) -> tuple[Extraction, str | None, str | None]:
    """The article in ``document``, the text encoding used (if decoded here) and the URL it declares.

    Raises a :class:`DocumentError` subclass with a reason a person can act on.
    """
    url = document.url
    encoding: str | None = None
    if document.format == "jsonl":
        record = parse_record(document.content)
        url = url or record_url(record)
        extraction = extract_record(record, cleaning)
        encoding = "utf-8"
    else:
        declared = sniff_html_charset(document.content) if document.format == "html" else None
        text, encoding = decode_text(document.content, declared or document.metadata.get("charset"))
        extraction = (
            extract_html(text, url, cleaning.zone) if document.format == "html" else extract_text_dump(text, cleaning)
        )
    if extraction.extractor != "text-rules":
        extraction = drop_leftover_boilerplate(extraction)
    extraction = with_feed_item(extraction, document.metadata.get("item") or {})
    if not extraction.body:
        raise ExtractionError(f"no article text found in this {document.format} document")
    if extraction.language is None:
        extraction = replace(extraction, language=detect_language(extraction.body_text))
    return extraction, encoding, url


def article_id(source: str, key: str) -> str:
    """Stable id of an article: its source and its URL key (or, without a URL, its place in the source).

    The URL key is the normalised canonical link, else the normalised URL (:func:`newsetl.dedup.url_key`),
    so an AMP copy, a mobile copy and a tracking-tagged link of one story are one article.
    """
    return hashlib.sha256(f"{source}\x1f{key}".encode()).hexdigest()[:32]


def rules_version(cleaning: CleaningConfig) -> str:
    """Built-in rules version, a fingerprint of the source's own patterns (``+…``) and of the learned lines that
    cleaned the article (``~…``): "2026.11.30.3+1a2b3c4d~5e6f7a8b"."""
    patterns = [rule.pattern.pattern for rule in cleaning.drop + cleaning.captions]
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
    document: RawDocument, extraction: Extraction, *, url: str | None, run_id: str, rules: str
) -> ArticleRow:
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
        raw_id=document.raw_id,
        run_id=run_id,
        extractor=extraction.extractor,
        rules_version=rules,
        minhash=signature(body_words),
    )
