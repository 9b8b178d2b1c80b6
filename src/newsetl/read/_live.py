"""Live kinds: a fetched URL's body, read back from the landing (never from the network)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsetl.config import SourceConfig
from newsetl.errors import (
    DocumentError,
    NotFetchedError,
    ParseError,
    RefusedDocumentError,
    RobotsDisallowedError,
    TooLargeError,
    UnsafeXMLError,
)
from newsetl.landing import Landing
from newsetl.read._decode import charset_parameter
from newsetl.records import RawDocument, SourceItem

_BY_CODE: dict[str, type[DocumentError]] = {
    "robots": RobotsDisallowedError,
    "too_large": TooLargeError,
    "unsafe_xml": UnsafeXMLError,
    "malformed": ParseError,
}


def read_fetched_item(source: SourceConfig, item: SourceItem, max_bytes: int) -> Iterator[RawDocument]:
    fetch: dict[str, Any] = item.metadata.get("fetch") or {}
    if not fetch.get("raw_id"):
        raise _not_fetched(fetch)
    path = Path(item.location)
    content = Landing(path.parent.parent).get(fetch["raw_id"])
    if len(content) > max_bytes:
        raise TooLargeError(f"body is {len(content):,} bytes, over the limit of {max_bytes:,} (max_document_bytes)")
    content_type = fetch.get("content_type") or ""
    yield RawDocument(
        source=item.source,
        uri=item.uri,
        format="text" if content_type.startswith("text/plain") else "html",
        content=content,
        url=fetch.get("final_url") or item.uri,
        metadata={"charset": charset_parameter(content_type), "fetch": fetch, "item": item.metadata.get("item") or {}},
    )


def _not_fetched(fetch: dict[str, Any]) -> DocumentError:
    outcome, code = fetch.get("outcome") or "failed", fetch.get("code") or ""
    kind = _BY_CODE.get(code) or (RefusedDocumentError if outcome == "refused" else NotFetchedError)
    status = f" (HTTP {fetch['status']})" if fetch.get("status") else ""
    return kind(f"{outcome.replace('_', ' ')}{status}: {fetch.get('reason') or code}")
