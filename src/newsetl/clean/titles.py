"""A page's title without the site's name: "Wärmepumpe im Altbau | heizung.de" → "Wärmepumpe im Altbau".

Pages put their site's name before or after the headline in ``<title>`` and ``og:title``, and a text dump's first
line is that title. The name is recognised as the site's by what the page says it is (``og:site_name``) or by the
host it came from, spelt as people spell it: "The Verge" is theverge.com, "Süddeutsche.de" sueddeutsche.de,
"N-TV" n-tv.de. The registrable label of a host comes from the public suffix list that ``tld`` ships (bbc.co.uk
→ bbc), so nothing is fetched at run time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from tld import get_tld

TITLE_SEPARATORS = "|–—:·•»›-"
"""What stands between a headline and the site's name in a title: "Headline | Site", "Site - Headline"."""
# A separator with space around it ("Jean-Luc" and "10:30" are one word), or a pipe however it is spaced.
_SPLIT_RE = re.compile(r"\s+[|–—:·•»›-]\s+|\s*\|\s*|\s*::\s*")
_GERMAN_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_ALNUM_RE = re.compile(r"[\W_]+")


def host_of(url: str | None) -> str:
    """The URL's host without "www." ("" when there is no URL or it is malformed, as "http://[::1" is)."""
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        return ""
    return (host or "").removeprefix("www.")


def site_label(host: str) -> str:
    """The host's registrable label: "edition.cnn.com" → "cnn", "news.bbc.co.uk" → "bbc" ("" for no host)."""
    if not host:
        return ""
    found = get_tld(f"http://{host}", as_object=True, fail_silently=True)
    domain = getattr(found, "domain", "") if found is not None else ""
    return str(domain) if domain else host.split(".", maxsplit=1)[0]


def without_site_name(title: str | None, site_names: Iterable[str] = (), host: str = "") -> str | None:
    """``title`` without the site's name before or after it, named by ``site_names`` or spelt like ``host``.

    A title that is the site's name alone stays as it is: it is all the page says."""
    if not title:
        return title
    names = [name for name in site_names if name]
    cut = _without_named_suffix(title, [*names, host]) if names or host else title
    if cut != title or not host:
        return cut
    return _without_host_part(title, host)


def _without_named_suffix(title: str, names: list[str]) -> str:
    folded = title.casefold()
    for name in filter(None, names):
        if folded.endswith(name.casefold()):
            head = title[: len(title) - len(name)].rstrip()
            if head and head[-1] in TITLE_SEPARATORS and head[:-1].strip():
                return head[:-1].strip()
    return title


def _without_host_part(title: str, host: str) -> str:
    """Cut the last part, or else the first, when it spells the host: "… - The Verge", "BMJV | …"."""
    separators = list(_SPLIT_RE.finditer(title))
    if not separators:
        return title
    spellings = _spellings(host)
    last, first = separators[-1], separators[0]
    if _fold(title[last.end() :]) in spellings and title[: last.start()].strip():
        return title[: last.start()].strip()
    if _fold(title[: first.start()]) in spellings and title[first.end() :].strip():
        return title[first.end() :].strip()
    return title


def _spellings(host: str) -> set[str]:
    label = site_label(host)
    return {spelling for spelling in (_fold(host), _fold(label)) if spelling}


def _fold(text: str) -> str:
    """Letters and digits only, lower case, umlauts spelt out and accents dropped: how a site's name and its host
    compare ("Süddeutsche.de" → "sueddeutschede", "N-TV" → "ntv")."""
    lowered = text.casefold().strip().removeprefix("www.").translate(_GERMAN_LETTERS)
    plain = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return _NOT_ALNUM_RE.sub("", plain)
