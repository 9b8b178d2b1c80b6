"""Pages saved by a browser as one MHTML file: the HTML part is the document, with the address it was saved from."""

from __future__ import annotations

import base64
import quopri
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from newsetl.config import load_settings
from newsetl.discover import Interval
from newsetl.errors import ParseError
from newsetl.ingest import ingest
from newsetl.pipeline import RunSpec
from newsetl.read import read_file_item
from newsetl.records import RawDocument, SourceItem
from tests.conftest import ConfigFactory

ADDRESS = "https://kurier.example/lokales/faehre-faehrt-wieder"
PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Fähre fährt wieder | Kurier</title></head><body>'
    "<nav><a href='/'>Startseite</a> <a href='/lokales'>Lokales</a></nav><article><h1>Fähre fährt wieder</h1>"
    + "".join(
        f"<p>Die Fähre über den Fluss fährt ab Montag wieder nach dem alten Fahrplan, teilte die Stadt am Freitag "
        f"mit; die Reparatur der Anlegestelle hat länger gedauert als geplant ({n}).</p>"
        for n in range(1, 5)
    )
    + "</article></body></html>"
)


def _mhtml(html: bytes, *, encoding: str = "quoted-printable", charset: str = "", location: str = ADDRESS) -> bytes:
    """A page saved the way Chrome saves one ("Webpage, Single File"): CRLF lines, the page first, then a resource."""
    body = quopri.encodestring(html) if encoding == "quoted-printable" else base64.encodebytes(html)
    content_type = f"text/html; charset={charset}" if charset else "text/html"
    text = (
        f"From: <Saved by Blink>\nSnapshot-Content-Location: {location}\nSubject: =?utf-8?Q?F=C3=A4hre?=\n"
        "MIME-Version: 1.0\nContent-Type: multipart/related;\n"
        '\ttype="text/html";\n\tboundary="----Boundary--a----"\n\n\n'
        f"------Boundary--a----\nContent-Type: {content_type}\nContent-ID: <frame-1@mhtml.blink>\n"
        f"Content-Transfer-Encoding: {encoding}\nContent-Location: {location}\n\n{body.decode('ascii')}\n"
        "------Boundary--a----\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n"
        "Content-Location: https://kurier.example/logo.png\n\niVBORw0KGgo=\n\n------Boundary--a------\n"
    )
    return text.replace("\n", "\r\n").encode("ascii")


def _read(path: Path) -> RawDocument:
    (document,) = read_file_item(SourceItem("pages", path.name, str(path)), None, 1_000_000)
    assert isinstance(document, RawDocument)
    return document


def test_the_html_part_is_the_document_with_the_address_it_was_saved_from(tmp_path: Path) -> None:
    path = tmp_path / "faehre.mhtml"
    path.write_bytes(_mhtml(PAGE.encode()))
    document = _read(path)
    assert (document.uri, document.format, document.url) == ("faehre.mhtml", "html", ADDRESS)
    assert document.content == PAGE.encode()
    assert document.metadata == {"charset": None, "container": "mhtml"}


def test_a_base64_part_keeps_its_declared_charset(tmp_path: Path) -> None:
    page = PAGE.replace('<meta charset="utf-8">', "")
    path = tmp_path / "faehre.mht"
    path.write_bytes(_mhtml(page.encode("cp1252"), encoding="base64", charset="windows-1252"))
    document = _read(path)
    assert document.content == page.encode("cp1252")
    assert document.metadata["charset"] == "windows-1252"


def test_an_mhtml_file_without_its_extension_is_recognised_and_a_named_file_is_not_sniffed(tmp_path: Path) -> None:
    (tmp_path / "saved-page").write_bytes(_mhtml(PAGE.encode()))
    assert _read(tmp_path / "saved-page").url == ADDRESS
    (tmp_path / "mail.txt").write_bytes(_mhtml(PAGE.encode()))
    assert _read(tmp_path / "mail.txt").format == "text"  # a .txt file is what its name says


def test_a_saved_address_that_is_not_on_the_web_is_no_url(tmp_path: Path) -> None:
    path = tmp_path / "local.mhtml"
    path.write_bytes(_mhtml(PAGE.encode(), location="file:///home/anna/faehre.html"))
    assert _read(path).url is None


def test_an_mhtml_file_without_an_html_part_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "logo.mhtml"
    path.write_bytes(_mhtml(PAGE.encode()).replace(b"Content-Type: text/html", b"Content-Type: text/css"))
    with pytest.raises(ParseError, match="no HTML part"):
        _read(path)


def test_saved_pages_load_through_the_pipeline_keyed_on_their_address(
    write_config: ConfigFactory, dumps_dir: Path
) -> None:
    (dumps_dir / "faehre.mhtml").write_bytes(_mhtml(PAGE.encode()))
    (dumps_dir / "logo.mhtml").write_bytes(_mhtml(b"<p>x</p>").replace(b"text/html", b"text/css"))
    config = write_config([{"name": "pages", "kind": "dumps", "location": str(dumps_dir)}])
    spec = RunSpec("mhtml-1", "cli", Interval.unbounded(), ("pages",), datetime(2026, 12, 3, tzinfo=UTC))
    outcome = ingest(load_settings(config), spec, progress=False)
    assert outcome.ok, outcome.failure
    with duckdb.connect(str(load_settings(config).warehouse), read_only=True) as connection:
        articles = connection.execute("SELECT uri, url, title FROM articles").fetchall()
        rejected = connection.execute("SELECT uri, reason_code FROM rejected_documents").fetchall()
    assert articles == [("faehre.mhtml", ADDRESS, "Fähre fährt wieder")]
    assert rejected == [("logo.mhtml", "malformed")]
