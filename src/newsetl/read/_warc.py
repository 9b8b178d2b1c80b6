"""The ``warc`` kind: one HTTP response record read back from its offset in a local WARC file, capped."""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsetl.config import SourceConfig
from newsetl.errors import CorruptArchiveError, EmptyDocumentError, ReadError, TooLargeError
from newsetl.read._decode import charset_parameter
from newsetl.records import RawDocument, SourceItem

_CHUNK = 1 << 16


def read_warc_record(source: SourceConfig, item: SourceItem, max_bytes: int) -> Iterator[RawDocument]:
    if "error" in item.metadata:
        raise CorruptArchiveError(f"WARC file is damaged from here on: {item.metadata['error']}")
    try:
        with open(item.location, "rb") as stream:
            stream.seek(int(item.metadata["offset"]))
            record = next(iter(ArchiveIterator(stream)))
            content_type = record.http_headers.get_header("Content-Type") or ""
            content = _read_capped(record.content_stream(), max_bytes)
    except (ArchiveLoadFailed, StopIteration, ValueError) as exc:
        raise CorruptArchiveError(f"no readable WARC record at offset {item.metadata.get('offset')}: {exc}") from exc
    except OSError as exc:
        raise ReadError(f"cannot read {item.location}: {exc}") from exc
    if not content.strip():
        raise EmptyDocumentError("the WARC response record has an empty body")
    yield RawDocument(
        source=item.source,
        uri=item.uri,
        format="text" if content_type.startswith("text/plain") else "html",
        content=content,
        url=item.metadata.get("url") or None,
        metadata={"charset": charset_parameter(content_type), "warc": item.metadata},
    )


def _read_capped(stream: object, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(_CHUNK):  # type: ignore[attr-defined]
        total += len(chunk)
        if total > max_bytes:
            raise TooLargeError(f"record body is over {max_bytes:,} bytes (max_document_bytes); stopped reading")
        chunks.append(chunk)
    return b"".join(chunks)
