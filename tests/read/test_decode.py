from __future__ import annotations

import codecs
import os

import pytest

from newsetl.errors import BinaryContentError, DecodeError, EmptyDocumentError
from newsetl.read import decode_text, sniff_html_charset

GERMAN = "Die Straße am Hafen bleibt bis März gesperrt. Anwohner erreichen ihre Grundstücke über die Schulstraße."
CHINESE = "中国外交部长王毅呼吁东南亚国家支持北京提出的全球数据安全倡议，以回应美国的清洁网络计划。" * 3


def test_utf8_is_read_as_utf8() -> None:
    assert decode_text(GERMAN.encode()) == (GERMAN, "utf-8")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks_decide_the_encoding(encoding: str) -> None:
    text, used = decode_text(GERMAN.encode(encoding))
    assert text.lstrip("\ufeff") == GERMAN
    assert used == encoding


def test_cp1252_is_detected_and_decoded() -> None:
    original = GERMAN + " Busse fahren – wie üblich – über die Ringstraße."
    text, used = decode_text(original.encode("cp1252"))
    assert text == original
    # cp1250 and cp1252 agree on every character here; either decoding gives the same text.
    assert used.startswith("cp125")


def test_gb18030_is_detected_and_decoded() -> None:
    text, used = decode_text(CHINESE.encode("gb18030"))
    assert text == CHINESE
    assert codecs.lookup(used).name in {"gb18030", "gbk", "gb2312"}


def test_declared_charset_is_used_when_bytes_are_not_utf8() -> None:
    assert decode_text(GERMAN.encode("latin-1"), declared="ISO-8859-1") == (GERMAN, "iso8859-1")


def test_a_stray_invalid_byte_in_utf8_text_is_replaced_not_rejected() -> None:
    damaged = GERMAN.encode() + b" \xff " + GERMAN.encode()
    text, used = decode_text(damaged)
    assert "\ufffd" in text
    assert text.startswith(GERMAN)
    assert used == "utf-8 (1 invalid bytes replaced)"


def test_empty_and_whitespace_are_rejected() -> None:
    with pytest.raises(EmptyDocumentError):
        decode_text(b"")
    with pytest.raises(EmptyDocumentError):
        decode_text(b" \n\t \n")


def test_binary_garbage_is_rejected_with_offset() -> None:
    with pytest.raises(BinaryContentError, match="NUL bytes in the first"):
        decode_text(b"GIF89a" + b"\x00\x10\x00\x10" * 200 + os.urandom(2048))
    with pytest.raises(BinaryContentError, match="control bytes"):
        decode_text(bytes(range(1, 9)) * 200)


def test_bytes_no_encoding_explains_are_rejected() -> None:
    # Random high bytes with no NULs: invalid UTF-8, and no legacy encoding makes text of them.
    garbage = bytes((b % 127) + 128 for b in os.urandom(3000)) + b"\x81\x8d\x8f\x90\x9d" * 50
    with pytest.raises(DecodeError, match="not valid UTF-8"):
        decode_text(garbage)


def test_sniff_html_charset() -> None:
    assert sniff_html_charset(b'<html><head><meta charset="windows-1252">') == "windows-1252"
    assert sniff_html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB18030">') == "GB18030"
    assert sniff_html_charset(b"<html><body>no charset</body></html>") is None


def test_a_stray_nul_in_a_page_is_dropped_not_a_reason_to_reject() -> None:
    text, used = decode_text(GERMAN.encode() + b"\x00" + GERMAN.encode())
    assert text == GERMAN + GERMAN
    assert used == "utf-8"
