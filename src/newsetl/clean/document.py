"""Extracting the article from one raw document, whatever its format: the extractors' single entry point."""

from __future__ import annotations

from dataclasses import replace

from newsetl.clean.authors import as_written, unique
from newsetl.clean.extraction import UNSEEN_MARKS, Extraction, without_unseen_marks
from newsetl.config import CleaningConfig
from newsetl.errors import ExtractionError
from newsetl.read import decode_text, sniff_html_charset
from newsetl.records import RawDocument

# The extractors are imported inside the function, on first use: trafilatura, lxml and the language model take
# most of a second to import, and a process that only re-reads unchanged or unreadable documents never needs them.
# After the first document an import there is a dictionary lookup.


def extract_document(document: RawDocument, cleaning: CleaningConfig) -> tuple[Extraction, str | None, str | None]:
    """The article in ``document``, the text encoding used (if decoded here) and the URL it declares.

    Raises a :class:`DocumentError` subclass with a reason a person can act on.
    """
    url = document.url
    encoding: str | None = None
    if document.format == "jsonl":
        from newsetl.clean.jsonl import extract_record, parse_record, record_url

        record = parse_record(document.content)
        url = url or record_url(record)
        extraction = extract_record(record, cleaning)
        encoding = "utf-8"
    else:
        declared = sniff_html_charset(document.content) if document.format == "html" else None
        text, encoding = decode_text(document.content, declared or document.metadata.get("charset"))
        extraction = _extract_decoded(text, url, document.format, cleaning)
    if url and document.format != "html":  # the HTML extractor does both with the page's metadata
        extraction = _dated_by_url(_titled_for_site(extraction, url), url, cleaning)
    return _finished(extraction, document), encoding, url


def _titled_for_site(extraction: Extraction, url: str) -> Extraction:
    """A dump's or record's title without the name of the site its URL is on ("Headline - The Verge")."""
    from newsetl.clean.titles import host_of, without_site_name

    title = without_site_name(extraction.title, host=host_of(url))
    return extraction if title == extraction.title else replace(extraction, title=title)


def _dated_by_url(extraction: Extraction, url: str, cleaning: CleaningConfig) -> Extraction:
    """A dump or record that states no date, at an address that does ("/2023/03/14/", "/2023-03-14-…"): published
    that day, read as the HTML extractor reads a page's URL (htmldate, given the address alone). Devset text dumps
    with the page's URL: 38 of the 364 undated ones got a date so, 35 of them the HTML extractor's day."""
    if extraction.published_at is not None:
        return extraction
    from htmldate import find_date

    from newsetl.clean.dates import to_utc_iso

    try:
        found = find_date("<html></html>", url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return extraction
    day = to_utc_iso(found, cleaning.zone) if isinstance(found, str) else None
    return extraction if day is None else replace(extraction, published_at=day)


def _finished(extraction: Extraction, document: RawDocument) -> Extraction:
    from newsetl.clean.text import drop_leftover_boilerplate

    if extraction.extractor != "text-rules":
        extraction = drop_leftover_boilerplate(extraction)
    item = document.metadata.get("item")
    if item:
        # Only a page read from a feed has an item: the feed fallbacks import bs4 and the HTML extractor's package
        # (trafilatura), 0.6 s that a process cleaning text dumps alone would pay for nothing.
        from newsetl.clean.feed_item import with_feed_item

        extraction = with_feed_item(extraction, item)
    extraction = _without_unseen_marks(extraction)
    authors = unique(map(as_written, extraction.authors))
    if authors != extraction.authors:  # a template's capitals, on any path
        extraction = replace(extraction, authors=authors)
    if not extraction.body:
        raise ExtractionError(f"no article text found in this {document.format} document")
    return _with_language(extraction)


def _without_unseen_marks(extraction: Extraction) -> Extraction:
    """Soft hyphens and byte-order marks out of the title, summary and body, whichever path found them."""
    texts = "\n".join([extraction.title or "", extraction.summary or "", *extraction.body])
    if not any(mark in texts for mark in UNSEEN_MARKS):  # one scan of a copy beats one a paragraph
        return extraction
    body = [paragraph for paragraph in map(without_unseen_marks, extraction.body) if paragraph.strip()]
    title, summary = (without_unseen_marks(text) if text else text for text in (extraction.title, extraction.summary))
    return replace(extraction, title=title, summary=summary, body=body)


_TRUST_DETECTION_LETTERS = 400
"""Letters in the body's sample from which the detected language outweighs the one the document declares."""


def _with_language(extraction: Extraction) -> Extraction:
    """The body's language. A declared language (``<html lang>``, ``og:locale``, a record's field) is often the
    site's template default, not the article's ("en" on a German page): with enough letters the model decides; a
    body of a calendar or a table keeps the declared one. Devset, language agreeing with the language of the truth
    segments: HTML 956 -> 976 of 984 pages.

    A text dump's language from its own stop words is the page's, not a template's, and stays: the model on every
    dump took the cleaner from 638 to 331 docs/s on one core (devset, best of three) for 971 -> 977 of 984."""
    from newsetl.clean.language import detect_language
    from newsetl.clean.text.stopwords import guess_language

    declared = extraction.language
    if declared is not None and extraction.extractor == "text-rules":
        return extraction
    # The body's own stop words confirming the declared language settle it without the model (about 0.5 ms a
    # page; run on every benchmark page it took newsetl from 1.18-1.25x trafilatura's pages/s to 0.79-0.90x):
    # most pages declare their language right.
    if declared is not None and guess_language(extraction.body) == declared:
        return extraction
    body = extraction.body_text
    detected = detect_language(body) if declared is None else detect_language(body, _TRUST_DETECTION_LETTERS)
    if detected is None or detected == declared:
        return extraction
    return replace(extraction, language=detected)


def _extract_decoded(text: str, url: str | None, fmt: str, cleaning: CleaningConfig) -> Extraction:
    if fmt == "html":
        from newsetl.clean.html import extract_html

        return extract_html(text, url, cleaning.zone)
    from newsetl.clean.text import extract_text_dump

    return extract_text_dump(text, cleaning)
