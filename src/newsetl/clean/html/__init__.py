"""HTML extraction: one lxml parse of the page, the metadata publishers declare, page furniture pruned, then
trafilatura's main text, completed with the parts of an article split over sibling modules and with the lead it
leaves in the header, and checked against the JSON-LD ``articleBody``.

Order matters: metadata and figure captions are read before pruning removes scripts and captions, and the
pruning works in place on the one tree (trafilatura copies the tree it is given, so the lead search still sees
the pruned page afterwards).
"""

from __future__ import annotations

import logging
from datetime import tzinfo

from newsetl.clean.extraction import Extraction
from newsetl.clean.html.candidates import combine, declared_paragraphs, main_text, with_lead
from newsetl.clean.html.lead import find_lead
from newsetl.clean.html.links import own_sites
from newsetl.clean.html.metadata import PageMetadata, read_metadata, split_authors
from newsetl.clean.html.prune import figure_captions, prune_furniture
from newsetl.clean.html.siblings import with_split_parts
from newsetl.clean.html.tree import parse_html
from newsetl.clean.text.captions import split_caption

__all__ = ["PageMetadata", "extract_html", "read_metadata", "split_authors"]

log = logging.getLogger("newsetl.clean.html")

_MAX_HEADLINE_CHARS = 250
_HEADLINE_SHARE = 0.5
_RUN_INTO_HEADLINE_CHARS = 12


def extract_html(html: str, url: str | None = None, zone: tzinfo | None = None) -> Extraction:
    """Title, body paragraphs and metadata of an HTML page; dates without a zone are read in ``zone``."""
    tree = parse_html(html)
    if tree is None:
        log.debug("no markup to parse in %s", url)
        return Extraction(body=[], canonical_url=url, extractor="html")
    metadata = read_metadata(tree, url, zone)
    captions = figure_captions(tree)
    # A dump may carry no URL, or a made-up one, or be read from a mirror: its canonical URL tells its site too.
    prune_furniture(tree, own_sites(url, metadata.canonical_url))
    paragraphs = with_split_parts(tree, main_text(tree, url))
    lead = find_lead(tree, paragraphs, metadata.title, metadata.description)
    body = combine(with_lead(paragraphs, lead), declared_paragraphs(metadata.article_body), lead)
    return Extraction(
        title=metadata.title,
        summary=metadata.description or lead,
        body=_without_headline_and_captions(body, metadata.title, captions),
        authors=metadata.authors,
        published_at=metadata.published_at,
        updated_at=metadata.updated_at,
        language=metadata.language,
        canonical_url=metadata.canonical_url,
        section=metadata.section,
        tags=metadata.tags,
        captions=[split_caption(text) for text in captions],
        extractor="html",
    )


def _without_headline_and_captions(body: list[str], title: str | None, captions: list[str]) -> list[str]:
    """Drop the headline repeated as the first paragraph, and figure captions that reached the body."""
    if body and title and _repeats_headline(body[0], title, more=len(body) > 1):
        body = body[1:]
    caption_set = {caption.casefold() for caption in captions}
    return [paragraph for paragraph in body if paragraph.casefold() not in caption_set]


def _repeats_headline(paragraph: str, title: str, *, more: bool) -> bool:
    """The title itself, or, with ``more`` paragraphs after it, most of the title without the site's name or
    section ("Aktuelles - …", "08.11.2021 | …"), or all of it with a date run into it ("27.01.2022MineralölINFO …").
    A sentence ending in a full stop is the lead, which may say what the title says."""
    first, headline = paragraph.casefold(), " ".join(title.split()).casefold()
    if first == headline:
        return True
    if not more or len(first) > _MAX_HEADLINE_CHARS or first.endswith("."):
        return False
    return (first in headline and len(first) >= _HEADLINE_SHARE * len(headline)) or (
        headline in first and len(first) - len(headline) <= _RUN_INTO_HEADLINE_CHARS
    )
