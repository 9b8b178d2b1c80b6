"""Pages a browser saved as one file (MHTML: Chrome's "Webpage, Single File", ``.mhtml``; ``.mht``): a MIME message
whose first HTML part is the page, encoded (quoted-printable or base64), followed by its images, styles and frames.

The document is that HTML part, as a WARC's document is its record's payload, with the address the page was saved
from: its part's ``Content-Location`` (Chrome also writes it as ``Snapshot-Content-Location`` in the header).
"""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from urllib.parse import urlsplit

from newsetl.errors import EmptyDocumentError, ParseError

_NAMES = (".mhtml", ".mht")
_SNIFFED_BYTES = 4096


def is_mhtml(name: str, content: bytes, *, named: bool) -> bool:
    """Whether the file is an MHTML page: by its name, or (for a file whose name names no format, ``named`` false)
    by a MIME header announcing related parts."""
    if name.lower().removesuffix(".gz").endswith(_NAMES):
        return True
    if named:
        return False  # a .txt or .html file is what its name says: no sniffing on the hot path
    head = content[:_SNIFFED_BYTES].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def mhtml_page(content: bytes) -> tuple[bytes, str | None, str | None]:
    """The page's HTML, the charset its part declares, and the http(s) address it was saved from."""
    message = BytesParser(policy=policy.default).parsebytes(content)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        html = part.get_payload(decode=True)
        if not isinstance(html, bytes) or not html.strip():
            raise EmptyDocumentError("the MHTML file's HTML part is empty")
        address = str(part.get("Content-Location") or message.get("Snapshot-Content-Location") or "").strip()
        return html, part.get_content_charset(), address if _is_web_address(address) else None
    raise ParseError("MHTML file holds no HTML part")


def _is_web_address(address: str) -> bool:
    try:
        parts = urlsplit(address)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)
