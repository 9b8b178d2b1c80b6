"""How the text-dump cleaner's fields agree with the HTML extractor's on the same pages.

The devset's truth covers the body only. For the title, dates and authors, a page's two renderings are the check:
the HTML extractor reads them from metadata publishers fill for search engines, the text cleaner from the lines a
person copied, so where both give a value, agreement is evidence that the dump's is right. The language is held to
the language of the page's truth segments (py3langid on their text). Both renderings get the page's URL, as a
fetched page has it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsetl.clean import extract_document
from newsetl.clean.extraction import Extraction
from newsetl.clean.language import detect_language
from newsetl.config import CleaningConfig
from newsetl.errors import DocumentError
from newsetl.evaluate.devset import Page
from newsetl.evaluate.runner import untitled_text
from newsetl.records import DocumentFormat, RawDocument


@dataclass(slots=True)
class FieldAgreement:
    pages: int = 0
    titled_both: int = 0
    same_title: int = 0
    """Equal once case and whitespace are set aside."""
    titled_both_untitled: int = 0
    same_title_untitled: int = 0
    """The same for the dump without its first line, the page's <title> (``runner.untitled_text``)."""
    no_title_untitled: int = 0
    """Dumps without their first line that got no title, of pages whose HTML has one."""
    dated_html: int = 0
    dated_text: int = 0
    same_day: int = 0
    """Both dated, on the same UTC day."""
    updated_html: int = 0
    updated_text: int = 0
    same_update_day: int = 0
    """Both give a change's date, on the same UTC day."""
    authors_html: int = 0
    authors_text: int = 0
    same_authors: int = 0
    """Both name authors, the same ones (case aside)."""
    languaged: int = 0
    """Pages whose truth segments have a detectable language."""
    language_html: int = 0
    language_text: int = 0
    """Pages whose extracted language is the truth's."""


def compare_fields(pages: Sequence[Page]) -> FieldAgreement:
    found = FieldAgreement()
    for page in pages:
        html = _extract(page, "html", page.html())
        text = _extract(page, "text", page.text())
        _count(found, html, text, detect_language(" ".join(page.wanted)))
        _count_untitled(found, html, _extract(page, "text", untitled_text(page)))
    return found


def _count_untitled(found: FieldAgreement, html: Extraction | None, text: Extraction | None) -> None:
    """How the title of a dump copied without the page's <title> line agrees with the HTML extractor's."""
    if html is None or not html.title:
        return
    if text is None or not text.title:
        found.no_title_untitled += 1
        return
    found.titled_both_untitled += 1
    found.same_title_untitled += _folded(html.title) == _folded(text.title)


def format_fields(found: FieldAgreement) -> str:
    rows = [
        ("title", f"{found.same_title} equal of {found.titled_both} titled both ways"),
        (
            "title, dump without its title line",
            f"{found.same_title_untitled} equal of {found.titled_both_untitled} titled both ways "
            f"(no title: {found.no_title_untitled} more)",
        ),
        (
            "published_at",
            f"{found.same_day} on the same day of {found.dated_text} dated dumps ({found.dated_html} dated pages)",
        ),
        (
            "updated_at",
            f"{found.same_update_day} on the same day of {found.updated_text} dumps dated a change "
            f"({found.updated_html} pages)",
        ),
        (
            "authors",
            f"{found.same_authors} the same of {found.authors_text} dumps with authors ({found.authors_html} pages)",
        ),
        (
            "language",
            f"HTML {found.language_html}, text {found.language_text} of {found.languaged} pages "
            "match their truth's language",
        ),
    ]
    lines = [
        f"Fields of the text dumps against the HTML extractor's, same {found.pages} pages, both with the page's URL",
        "",
        "| field | agreement |",
        "|---|---|",
        *(f"| {name} | {agreement} |" for name, agreement in rows),
    ]
    return "\n".join(lines)


def _extract(page: Page, fmt: DocumentFormat, content: bytes) -> Extraction | None:
    document = RawDocument(source="devset", uri=page.page_id, format=fmt, content=content, url=page.url)
    try:
        return extract_document(document, CleaningConfig())[0]
    except DocumentError:
        return None


def _count(found: FieldAgreement, html: Extraction | None, text: Extraction | None, truth: str | None) -> None:
    found.pages += 1
    html, text = html or Extraction(body=[]), text or Extraction(body=[])
    if html.title and text.title:
        found.titled_both += 1
        found.same_title += _folded(html.title) == _folded(text.title)
    found.dated_html += bool(html.published_at)
    found.dated_text += bool(text.published_at)
    if html.published_at and text.published_at:
        found.same_day += html.published_at[:10] == text.published_at[:10]
    found.updated_html += bool(html.updated_at)
    found.updated_text += bool(text.updated_at)
    if html.updated_at and text.updated_at:
        found.same_update_day += html.updated_at[:10] == text.updated_at[:10]
    found.authors_html += bool(html.authors)
    found.authors_text += bool(text.authors)
    if html.authors and text.authors:
        found.same_authors += [_folded(name) for name in html.authors] == [_folded(name) for name in text.authors]
    if truth is not None:
        found.languaged += 1
        found.language_html += html.language == truth
        found.language_text += text.language == truth


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())
