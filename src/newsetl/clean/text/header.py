"""Recognisers for the lines around a headline: the title itself, the byline, the dateline."""

from __future__ import annotations

import re
from datetime import tzinfo

from newsetl.clean.dates import iso_utc, search_date

_NAME = r"[A-ZÀ-ÞĀ-Ž][\w'’.-]*(?:\s+(?:van|von|de|der|den|da|di|du|la|le|[A-ZÀ-ÞĀ-Ž][\w'’.-]*)){0,4}"
_BYLINE_RE = re.compile(
    rf"^\s*(?:by|von|par|por|di|door|text:|texte:|autor:|author:|from)\s+(?P<names>{_NAME}"
    rf"(?:\s*(?:,|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|&)\s*{_NAME})*)"
    r"\s*(?:[|,•·–-].{0,80})?$",
    re.IGNORECASE,
)
_NAME_SPLIT_RE = re.compile(r"\s*(?:,|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|&)\s*", re.IGNORECASE)
_MAX_DATELINE = 120
# Words a dateline may hold besides the date: "Published:", "Updated", "Uhr", a time, a city.
_MAX_DATELINE_WORDS = 5
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_MAX_TITLE = 300


def looks_like_title(line: str) -> bool:
    """A headline: one short line with letters, not a bullet, not a label ending in a colon."""
    text = line.strip()
    if not 3 <= len(text) <= _MAX_TITLE or text.endswith(":"):
        return False
    if text[0] in "•·▪●◦‣∙*–-|©":
        return False
    return any(char.isalpha() for char in text)


def find_byline(line: str) -> list[str] | None:
    """The authors named in a byline such as "By Jane Doe and John Roe", else ``None``."""
    match = _BYLINE_RE.match(line)
    if match is None:
        return None
    names = [name.strip(" .") for name in _NAME_SPLIT_RE.split(match.group("names"))]
    return [name for name in names if name and name[0].isupper()] or None


def find_dateline(line: str, zone: tzinfo | None = None) -> str | None:
    """The date of a short line that is mostly a date ("Published 3 March 2021, 14:05"), as ISO UTC.

    A sentence that mentions a date ("What happened on 14 June.") is prose, not a dateline.
    """
    if len(line.strip()) > _MAX_DATELINE:
        return None
    found = search_date(line)
    if found is None:
        return None
    moment, match = found
    rest = line[: match.start()] + " " + line[match.end() :]
    words = len(_WORD_RE.findall(rest))
    if words > _MAX_DATELINE_WORDS or (words >= 2 and line.rstrip().endswith((".", "!", "?"))):
        return None
    return iso_utc(moment, zone)


_SITE_SUFFIX_RE = re.compile(r"\s+\|\s+[^|]{1,40}$")


def strip_site_name(title: str | None) -> str | None:
    """ "Headline | Site" → "Headline": a pipe rarely belongs to a headline, a site name often follows one."""
    return _SITE_SUFFIX_RE.sub("", title) if title else title
