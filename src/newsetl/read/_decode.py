"""Bytes to text: BOMs, UTF-8, declared charsets, then detection; binary data is refused."""

from __future__ import annotations

import codecs
import logging
import re

from newsetl.errors import BinaryContentError, DecodeError, EmptyDocumentError

log = logging.getLogger("newsetl.read")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 65_536
_CONTROL_BYTES = bytes(sorted(frozenset(range(0, 32)) - {9, 10, 12, 13}))
# Detection past this many bytes adds time, not accuracy.
_DETECT_BYTES = 200_000
# Below this share of broken sequences, a UTF-8 document with a few bad bytes is still UTF-8 (as browsers read it).
_MAX_REPLACED_SHARE = 0.01
_MAX_STRAY_NULS = 4
_MAX_NUL_SHARE = 0.001


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and say which encoding was used.

    Raises :class:`EmptyDocumentError` for whitespace-only input, :class:`BinaryContentError` for binary data
    and :class:`DecodeError` when no encoding explains the bytes.
    """
    if not data.strip():
        raise EmptyDocumentError("document is empty (no text at all)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, encoding), encoding
    _refuse_binary(data)
    if 0 in data:
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for attempt in (_decode_declared, _decode_mostly_utf8, _decode_detected):
        decoded = attempt(data, declared)
        if decoded is not None:
            return decoded
    raise DecodeError(
        f"bytes are not valid UTF-8 (first bad byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) "
        "and no other text encoding explains them"
    )


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"document starts with a {encoding} byte-order mark but is not valid {encoding}: {exc}"
        ) from exc


def _refuse_binary(data: bytes) -> None:
    head = data[:_SNIFF_BYTES]
    # Binary formats are full of NULs; a saved page with one stray NUL is still a page (it is dropped on decode).
    nuls = head.count(0)
    if nuls > max(_MAX_STRAY_NULS, _MAX_NUL_SHARE * len(head)):
        raise BinaryContentError(
            f"binary data: {nuls} NUL bytes in the first {len(head)} (first at offset {head.index(0)}), "
            "not a text document"
        )
    # bytes.translate counts in C: a generator over 64 KiB costs ~1 ms a document.
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > 0.05 * len(head):
        raise BinaryContentError(f"binary data: {controls} control bytes in the first {len(head)}")


def _decode_declared(data: bytes, declared: str | None) -> tuple[str, str] | None:
    if not declared:
        return None
    try:
        encoding = codecs.lookup(declared).name
    except LookupError:
        log.debug("unknown declared charset %r ignored", declared)
        return None
    if encoding == "utf-8":
        return None
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None


def _decode_mostly_utf8(data: bytes, declared: str | None) -> tuple[str, str] | None:
    """UTF-8 text with a stray bad byte: keep it UTF-8 and mark the damage with U+FFFD."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    non_ascii = sum(1 for char in text if ord(char) > 127)
    if non_ascii > replaced and replaced <= _MAX_REPLACED_SHARE * len(text):
        return text, f"utf-8 ({replaced} invalid bytes replaced)"
    return None


def _decode_detected(data: bytes, declared: str | None) -> tuple[str, str] | None:
    # Imported for the first document that needs a guess: most are UTF-8 or declared, and a re-run decodes none.
    import charset_normalizer

    best = charset_normalizer.from_bytes(data[:_DETECT_BYTES]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def sniff_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (``<meta charset>`` or ``http-equiv``)."""
    match = _META_CHARSET_RE.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def charset_parameter(content_type: str | None) -> str | None:
    """The ``charset`` a Content-Type header declares (``text/html; charset=ISO-8859-1`` → ``ISO-8859-1``)."""
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
