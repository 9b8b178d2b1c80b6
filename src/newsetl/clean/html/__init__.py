"""HTML extraction: trafilatura finds the main text; BeautifulSoup reads the metadata publishers declare."""

from __future__ import annotations

import logging
from datetime import tzinfo

import trafilatura
from bs4 import BeautifulSoup

from newsetl.clean.extraction import Extraction
from newsetl.clean.html.metadata import read_metadata, split_authors
from newsetl.clean.text.captions import split_caption

__all__ = ["extract_html", "read_metadata", "split_authors"]

log = logging.getLogger("newsetl.clean.html")


def extract_html(html: str, url: str | None = None, zone: tzinfo | None = None) -> Extraction:
    """Title, body paragraphs and metadata of an HTML page; dates without a zone are read in ``zone``."""
    metadata = read_metadata(BeautifulSoup(html, "lxml"), zone)
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, fast=False
    )
    body = _paragraphs(_attr(document, "text"))
    if not body and metadata.article_body:
        body = _paragraphs(metadata.article_body)
    title = metadata.title or _attr(document, "title")
    body = _without_furniture(body, title, metadata.captions)
    return Extraction(
        title=title,
        summary=metadata.description or _attr(document, "description"),
        body=body,
        authors=metadata.authors or split_authors(_attr(document, "author") or ""),
        published_at=metadata.published_at,
        updated_at=metadata.updated_at,
        language=metadata.language,
        canonical_url=metadata.canonical_url or url,
        section=metadata.section,
        tags=metadata.tags,
        captions=[split_caption(text) for text in metadata.captions],
        extractor="html",
    )


def _without_furniture(body: list[str], title: str | None, captions: list[str]) -> list[str]:
    """Drop the headline repeated as the first paragraph, and figure captions the extractor kept."""
    if body and title and " ".join(body[0].split()).casefold() == " ".join(title.split()).casefold():
        body = body[1:]
    caption_set = {caption.casefold() for caption in captions}
    return [paragraph for paragraph in body if paragraph.casefold() not in caption_set]


def _paragraphs(text: str | None) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def _attr(document: object, name: str) -> str | None:
    value = getattr(document, name, None) if document is not None else None
    return value if isinstance(value, str) and value.strip() else None
