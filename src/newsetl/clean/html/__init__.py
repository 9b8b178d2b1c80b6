"""HTML extraction: trafilatura finds the main text; BeautifulSoup reads the metadata publishers declare."""

from __future__ import annotations

import logging
from datetime import tzinfo

import trafilatura
from bs4 import BeautifulSoup

from newsetl.clean.extraction import Extraction
from newsetl.clean.html.metadata import read_metadata, split_authors

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
    return Extraction(
        title=metadata.title or _attr(document, "title"),
        summary=metadata.description or _attr(document, "description"),
        body=body,
        authors=metadata.authors or split_authors(_attr(document, "author") or ""),
        published_at=metadata.published_at,
        updated_at=metadata.updated_at,
        language=metadata.language,
        canonical_url=metadata.canonical_url or url,
        section=metadata.section,
        tags=metadata.tags,
        extractor="html",
    )


def _paragraphs(text: str | None) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def _attr(document: object, name: str) -> str | None:
    value = getattr(document, name, None) if document is not None else None
    return value if isinstance(value, str) and value.strip() else None
