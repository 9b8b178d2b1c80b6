"""Typed shapes of what flows between stages.

In-memory objects are frozen dataclasses; rows that are staged to disk and loaded into DuckDB are
``TypedDict`` so they serialise to JSON as they are. Column names match ``sql/``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict

DocumentFormat = Literal["text", "html", "jsonl"]
"""How the bytes of a raw document are parsed: a text dump, an HTML page, or one JSON Lines record."""

FORMATS: tuple[DocumentFormat, ...] = ("text", "html", "jsonl")


def sha256_hex(data: bytes) -> str:
    """The content address used for raw documents and article content."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One unit a source offers for reading: a file of a dumps folder, later a URL or a WARC record."""

    source: str
    uri: str
    """Stable identity inside the source (path relative to the source root, or a URL)."""
    location: str
    """Where to read it (absolute path or URL)."""
    metadata: dict[str, Any] = field(default_factory=dict)
    """What discovery learnt that reading needs (for a fetched URL: its fetch outcome and the feed item)."""


@dataclass(frozen=True, slots=True)
class RefusedRecord:
    """A record of a container (a line of a JSON Lines export) refused before it was read whole: it is quarantined
    alone with ``reason_code`` and ``reason``, and the records after it are read on."""

    source: str
    uri: str
    reason_code: str
    reason: str


@dataclass(frozen=True, slots=True)
class RawDocument:
    """The exact bytes of one document, before any parsing."""

    source: str
    uri: str
    format: DocumentFormat
    content: bytes
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    """What the container said about the document (JSONL fields, feed item, HTTP headers)."""
    file_stat: str | None = None
    """For a document that is a whole file: its identity when read (``newsetl.read._files.file_identity``)."""
    landed: str | None = None
    """Where the landing already holds these bytes (a reprocess reads them from there): not landed again."""

    @property
    def raw_id(self) -> str:
        return sha256_hex(self.content)


class Caption(TypedDict):
    text: str
    credit: str | None


class Removal(TypedDict):
    """A line the cleaner removed from a text dump, and the rule that removed it."""

    line: int
    rule: str
    text: str


class RawDocumentRow(TypedDict):
    raw_id: str
    source: str
    uri: str
    url: str | None
    format: str
    encoding: str | None
    size_bytes: int
    landing_path: str
    read_at: str
    run_id: str
    metadata: dict[str, Any] | None
    """RawDocument.metadata as read (charset, feed item, fetch); a reprocess hands it back to cleaning."""
    file_stat: str | None
    """RawDocument.file_stat: what lets a later run skip the file without reading it (sql/094)."""


class ArticleRow(TypedDict):
    article_id: str
    source: str
    uri: str
    url: str | None
    canonical_url: str | None
    url_key: str | None
    """The normalised URL the article is keyed on (canonical link first); ``None`` when keyed on ``uri``."""
    title: str | None
    summary: str | None
    body: str
    authors: list[str]
    published_at: str | None
    updated_at: str | None
    language: str | None
    section: str | None
    tags: list[str]
    captions: list[Caption]
    reading_time_minutes: int | None
    word_count: int
    content_hash: str
    raw_id: str
    run_id: str
    extractor: str
    rules_version: str
    minhash: list[int] | None
    """MinHash signature of the body (:mod:`newsetl.dedup.minhash`); staged, stored in ``article_signatures``."""


class RemovedLinesRow(TypedDict):
    """Every line the rules removed from one document, staged as one row; the loader stores it as it is in
    ``removed_line_lists`` (the ``removed_lines`` view shows a row a line), taking only the document that won its
    article."""

    article_id: str
    raw_id: str
    source: str
    uri: str
    run_id: str
    lines: list[Removal]


class SkippedRow(TypedDict):
    """A document whose bytes and cleaning rules match the article the warehouse holds: counted, not parsed."""

    source: str
    uri: str
    raw_id: str
    article_id: str
    run_id: str


class RejectionRow(TypedDict):
    source: str
    uri: str
    raw_id: str
    reason_code: str
    reason: str
    run_id: str
    rejected_at: str
