"""Safe XML: no entity expansion, no external entities, no DTDs where none belong; decompression capped.

``defusedxml`` stops at the first entity declaration (billion laughs) or external reference (XXE), before any
expansion; parsing is streamed (``iterparse``, elements cleared as they are read) so memory stays flat.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLSyntaxError

import defusedxml
import defusedxml.ElementTree as safe_tree

from newsetl.errors import CorruptArchiveError, ParseError, TooLargeError, UnsafeXMLError

_GZIP_MAGIC = b"\x1f\x8b"
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_CHUNK = 1 << 16


def gunzip_capped(content: bytes, max_bytes: int) -> bytes:
    """``content`` decompressed if it is gzip, refusing to produce more than ``max_bytes`` (gzip bombs)."""
    if not content.startswith(_GZIP_MAGIC):
        return content
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    chunks: list[bytes] = []
    total = 0
    try:
        for start in range(0, len(content), _CHUNK):
            pending = content[start : start + _CHUNK]
            while pending:
                chunk = inflater.decompress(pending, max_bytes + 1 - total)
                total += len(chunk)
                if total > max_bytes:
                    raise TooLargeError(f"decompresses to more than {max_bytes:,} bytes (fetch.max_bytes); stopped")
                chunks.append(chunk)
                pending = inflater.unconsumed_tail
    except zlib.error as exc:
        raise CorruptArchiveError(f"gzip data is truncated or corrupt: {exc}") from exc
    return b"".join(chunks)


def refuse_entities(content: bytes) -> None:
    """Raise :class:`UnsafeXMLError` if ``content`` declares entities (checked before any parser sees it)."""
    if _ENTITY_DECLARATION.search(content):
        raise UnsafeXMLError("XML declares entities (<!ENTITY>): refused unexpanded (billion laughs, XXE)")


def iter_elements(content: bytes, what: str, *, forbid_dtd: bool = True) -> Iterator[Element]:
    """Each completed element of ``content``, streamed; the caller clears what it has read (memory stays flat)."""
    try:
        for _, element in safe_tree.iterparse(io.BytesIO(content), events=("end",), forbid_dtd=forbid_dtd):
            yield element
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden) as exc:
        raise UnsafeXMLError(f"{what} uses a DTD or entities, refused unexpanded (billion laughs, XXE): {exc}") from exc
    except XMLSyntaxError as exc:
        raise ParseError(f"{what} is not well-formed XML: {exc}") from exc


def local_name(tag: str) -> str:
    """``{http://www.sitemaps.org/schemas/sitemap/0.9}loc`` → ``loc``."""
    return tag.rsplit("}", 1)[-1]
