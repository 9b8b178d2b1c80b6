"""Readers: turn a discovered item into raw documents (exact bytes plus what the container says).

A text or HTML file is one document; a JSON Lines export is one document per line, so a malformed line is
quarantined alone while its neighbours load.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from newsetl.config import SourceConfig
from newsetl.errors import ConfigError, EmptyDocumentError
from newsetl.read._decode import charset_parameter, decode_text, sniff_html_charset
from newsetl.read._files import file_stat_now, read_identified
from newsetl.read._live import read_fetched_item
from newsetl.records import DocumentFormat, RawDocument, SourceItem

__all__ = [
    "Reader",
    "charset_parameter",
    "decode_text",
    "detect_format",
    "file_stat_now",
    "read_dump_item",
    "read_fetched_item",
    "read_file_item",
    "read_identified",
    "read_item",
    "read_warc_record",
    "sniff_html_charset",
    "split_jsonl",
]

Reader = Callable[[SourceConfig, SourceItem, int], Iterator[RawDocument]]
"""Reads one discovered item of a source kind: ``(source, item, max_document_bytes) -> raw documents``."""

_EXTENSIONS: dict[str, DocumentFormat] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


def detect_format(name: str, content: bytes) -> DocumentFormat:
    """The format by file extension (``.gz`` looked through), else by sniffing the first bytes."""
    # Strings, not Path objects: this runs for every document, and Path parsing cost more than the lookup.
    stem, suffix = os.path.splitext(name.lower())
    if suffix == ".gz":
        suffix = os.path.splitext(stem)[1]
    known = _EXTENSIONS.get(suffix)
    if known:
        return known
    head = content[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"{") and content.rstrip().endswith(b"}"):
        return "jsonl"
    return "text"


def read_file_item(item: SourceItem, fmt: DocumentFormat | None, max_bytes: int) -> Iterator[RawDocument]:
    """Raw documents in the file ``item.location``; raises :class:`DocumentError` for the whole file."""
    content, identity = read_identified(item.location, max_bytes)
    chosen = fmt or detect_format(item.location, content)
    if chosen != "jsonl":
        if not content.strip():
            raise EmptyDocumentError("file holds only whitespace")
        yield RawDocument(source=item.source, uri=item.uri, format=chosen, content=content, file_stat=identity)
        return
    yield from split_jsonl(item, content)


def split_jsonl(item: SourceItem, content: bytes) -> Iterator[RawDocument]:
    """One raw document per non-blank line; parsing waits for cleaning, so a bad line fails alone."""
    found = False
    for number, line in enumerate(content.splitlines(), start=1):
        if line.strip():
            found = True
            yield RawDocument(source=item.source, uri=f"{item.uri}#L{number}", format="jsonl", content=line.strip())
    if not found:
        raise EmptyDocumentError("JSON Lines file holds no records")


def read_dump_item(source: SourceConfig, item: SourceItem, max_bytes: int) -> Iterator[RawDocument]:
    """The ``dumps`` kind: a file, in the format the source's ``format`` option names (default ``auto``)."""
    fmt = source.options.get("format", "auto")
    if fmt not in ("auto", "text", "html", "jsonl"):
        raise ConfigError(f"source {source.name!r}: options.format must be auto, text, html or jsonl, got {fmt!r}")
    return read_file_item(item, None if fmt == "auto" else fmt, max_bytes)


def read_warc_record(source: SourceConfig, item: SourceItem, max_bytes: int) -> Iterator[RawDocument]:
    """The ``warc`` kind: one record read back from its offset (warcio imported on first use, not at start-up)."""
    from newsetl.read._warc import read_warc_record as read_record

    return read_record(source, item, max_bytes)


_READERS: dict[str, Reader] = {
    "dumps": read_dump_item,
    "urls": read_fetched_item,
    "feed": read_fetched_item,
    "sitemap": read_fetched_item,
    "warc": read_warc_record,
}


def read_item(source: SourceConfig, item: SourceItem, max_bytes: int) -> Iterator[RawDocument]:
    """Raw documents of ``item``, read by its source's kind; raises :class:`DocumentError` for the whole item."""
    try:
        reader = _READERS[source.kind]
    except KeyError:
        raise ConfigError(f"source {source.name!r}: kind {source.kind!r} has no reader yet") from None
    return reader(source, item, max_bytes)
