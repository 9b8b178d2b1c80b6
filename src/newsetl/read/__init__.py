"""Readers: turn a discovered item into raw documents (exact bytes plus what the container says).

A text or HTML file is one document, and so is a page saved as MHTML (its HTML part); a JSON Lines export is one
document per line, so a malformed line is quarantined alone while its neighbours load.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

from newsetl.config import SourceConfig
from newsetl.errors import ConfigError, CorruptArchiveError, EmptyDocumentError, TooLargeError
from newsetl.read._decode import charset_parameter, decode_text, sniff_html_charset
from newsetl.read._files import file_stat_now, piece_lines, read_identified, read_lines, stat_key
from newsetl.read._live import read_fetched_item
from newsetl.read._mhtml import is_mhtml, mhtml_page
from newsetl.read._zip import member_lines, read_member
from newsetl.records import DocumentFormat, RawDocument, RefusedRecord, SourceItem

__all__ = [
    "ReadRecord",
    "Reader",
    "charset_parameter",
    "decode_text",
    "detect_format",
    "file_stat_now",
    "format_by_name",
    "read_dump_item",
    "read_fetched_item",
    "read_file_item",
    "read_identified",
    "read_item",
    "read_warc_record",
    "sniff_html_charset",
    "split_jsonl",
    "stat_key",
]

ReadRecord = RawDocument | RefusedRecord
"""What reading an item gives: its documents, and the records of it refused alone."""
Reader = Callable[[SourceConfig, SourceItem, int], Iterator[ReadRecord]]
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
    known = format_by_name(name)
    if known:
        return known
    head = content[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"{") and content.rstrip().endswith(b"}"):
        return "jsonl"
    return "text"


def format_by_name(name: str) -> DocumentFormat | None:
    """The format a file's extension names (``.gz`` looked through), if it names one."""
    # Strings, not Path objects: this runs for every document, and Path parsing cost more than the lookup.
    stem, suffix = os.path.splitext(name.lower())
    if suffix == ".gz":
        suffix = os.path.splitext(stem)[1]
    return _EXTENSIONS.get(suffix)


def read_file_item(item: SourceItem, fmt: DocumentFormat | None, max_bytes: int) -> Iterator[ReadRecord]:
    """Raw documents in the file ``item.location``; raises :class:`DocumentError` for the whole file.

    A JSON Lines export named so (or read as ``jsonl``) is streamed: the export may be any size, and
    ``max_bytes`` caps each record, a record over it refused alone (:class:`RefusedRecord`).
    """
    if "error" in item.metadata:
        raise CorruptArchiveError(f"ZIP archive cannot be listed: {item.metadata['error']}")
    member: str | None = item.metadata.get("member")  # a ZIP archive's member (newsetl.discover.dumps)
    name = member or item.location
    named = format_by_name(name)
    if "range" in item.metadata:  # a piece of a large export (newsetl.discover._exports)
        yield from split_jsonl(item, piece_lines(item.location, item.metadata, max_bytes), max_bytes)
        return
    if (fmt or named) == "jsonl":
        lines = member_lines(item.location, member, max_bytes) if member else read_lines(item.location, max_bytes)
        yield from split_jsonl(item, lines, max_bytes)
        return
    if member:
        content, identity = read_member(item.location, member, max_bytes)
    else:
        content, identity = read_identified(item.location, max_bytes)
    if is_mhtml(name, content, named=named is not None):
        yield _saved_page(item, content, identity)
        return
    chosen = fmt or detect_format(name, content)
    if chosen != "jsonl":
        if not content.strip():
            raise EmptyDocumentError("file holds only whitespace")
        yield RawDocument(source=item.source, uri=item.uri, format=chosen, content=content, file_stat=identity)
        return
    yield from split_jsonl(item, enumerate(content.splitlines(), start=1), max_bytes)  # sniffed: under the cap


def _saved_page(item: SourceItem, content: bytes, identity: str | None) -> RawDocument:
    html, charset, url = mhtml_page(content)
    metadata = {"charset": charset, "container": "mhtml"}
    return RawDocument(item.source, item.uri, "html", html, url, metadata, file_stat=identity)


def split_jsonl(item: SourceItem, lines: Iterable[tuple[int, bytes | int]], max_bytes: int) -> Iterator[ReadRecord]:
    """One raw document per non-blank line (numbered ``lines``, ``read_lines``'s); parsing waits for cleaning, so a
    bad line fails alone, as a line over ``max_bytes`` (given as its size) is refused alone."""
    found = False
    for number, line in lines:
        uri = f"{item.uri}#L{number}"
        if isinstance(line, int):
            found = True
            reason = f"record is {line:,} bytes, over the limit of {max_bytes:,} (max_document_bytes)"
            yield RefusedRecord(item.source, uri, TooLargeError.reason_code, reason)
        elif line.strip():
            found = True
            yield RawDocument(source=item.source, uri=uri, format="jsonl", content=line.strip())
    if not found:
        raise EmptyDocumentError("JSON Lines file holds no records")


def read_dump_item(source: SourceConfig, item: SourceItem, max_bytes: int) -> Iterator[ReadRecord]:
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


def read_item(source: SourceConfig, item: SourceItem, max_bytes: int) -> Iterator[ReadRecord]:
    """Raw documents of ``item``, read by its source's kind; raises :class:`DocumentError` for the whole item."""
    try:
        reader = _READERS[source.kind]
    except KeyError:
        raise ConfigError(f"source {source.name!r}: kind {source.kind!r} has no reader yet") from None
    return reader(source, item, max_bytes)
