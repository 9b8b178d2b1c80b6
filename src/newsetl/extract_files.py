"""``newsetl extract``: the extraction of single files, as the JSON objects the evaluation reads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsetl.clean import Extraction, extract_document
from newsetl.config import CleaningConfig
from newsetl.errors import DocumentError
from newsetl.read import read_file_item
from newsetl.records import DocumentFormat, RefusedRecord, SourceItem

# Single files are read with the same cap the pipeline uses by default.
_MAX_BYTES = 20_000_000


def extract_paths(paths: Iterable[str], fmt: DocumentFormat | None) -> Iterator[dict[str, Any]]:
    """One result per document, in order: the article's fields, or ``error`` when it could not be read."""
    for path in paths:
        item = SourceItem(source="cli", uri=path, location=str(Path(path)))
        try:
            for document in read_file_item(item, fmt, _MAX_BYTES):
                if isinstance(document, RefusedRecord):  # a record over the cap, refused unread
                    yield {"path": document.uri, "error": document.reason, "reason_code": document.reason_code}
                else:
                    yield _extract_one(document.uri, document)
        except DocumentError as exc:
            yield {"path": path, "error": exc.reason, "reason_code": exc.reason_code}


def _extract_one(path: str, document: Any) -> dict[str, Any]:
    try:
        extraction, _encoding, _url = extract_document(document, CleaningConfig())
    except DocumentError as exc:
        return {"path": path, "error": exc.reason, "reason_code": exc.reason_code}
    return extraction_json(path, extraction)


def extraction_json(path: str, extraction: Extraction) -> dict[str, Any]:
    return {
        "path": path,
        "title": extraction.title,
        "summary": extraction.summary,
        "body": extraction.body_text,
        "authors": extraction.authors,
        "published_at": extraction.published_at,
        "updated_at": extraction.updated_at,
        "language": extraction.language,
        "section": extraction.section,
        "tags": extraction.tags,
        "canonical_url": extraction.canonical_url,
        "captions": extraction.captions,
        "reading_time_minutes": extraction.reading_time_minutes,
        "word_count": extraction.word_count,
        "removed": extraction.removed,
    }
