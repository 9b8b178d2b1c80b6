"""Author names, the same on every path (HTML metadata, feeds, JSON Lines, text-dump bylines).

A field or byline that names several people is split on commas, semicolons, "|", "&" and the word for "and"
(and, und, et, y, e, en); a letter followed by a full stop is an initial ("Y. Chen", "J. e. Smith"), never
the Spanish "y" or the Italian and Portuguese "e". Names that stand for no person ("Redaktion", "Staff",
"Admin") are dropped: they say a page has no author, not who wrote it. News agencies ("dpa", "Reuters") are
kept, as the publishers name them. A name set in capitals by a template ("VON MORITZ GATHMANN") is written as
names are ("Moritz Gathmann"), so one author is one name across a site's templates; a single word in capitals is
an agency's or a newsroom's short name ("NDR", "AFP") and stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

AUTHOR_SPLIT = re.compile(r"\s*(?:[,;|&]|\b(?:and|und|et|y|en|e)\b(?!\.))\s*", re.IGNORECASE)
"""Between two authors' names."""

# "Text: Anna Schmidt", "Text und Fotos: Anna Schmidt": a credit's label, not part of the name.
CREDIT_PREFIX = re.compile(
    r"^\s*(?:text|texte|texto|testo)(?:\s*(?:und|and|&|/|et|y|e|\+)\s*(?:fotos?|bilder?|photos?|fotografie|"
    r"fotografia|fotograf[íi]as?))?\s*:\s*",
    re.IGNORECASE,
)
# An author page's link: "Zeige alle Beiträge von Jane Doe →", "View all posts by Jane Doe".
ARCHIVE_LINK = re.compile(
    r"^\s*(?:(?:zeige |view |see )?(?:alle |all )?(?:beiträge|artikel|posts|articles|stories) (?:von|by|from)|"
    r"more (?:posts |articles |stories )?(?:by|from)|mehr von|tous les articles de|ver todas las entradas de)\s+|"
    r"\s*[→»›]+\s*$",
    re.IGNORECASE,
)
_PLACEHOLDERS = frozenset(
    {
        "admin",
        "administrator",
        "editor",
        "editors",
        "editorial",
        "editorial staff",
        "editorial team",
        "newsroom",
        "redaktion",
        "online-redaktion",
        "onlineredaktion",
        "rédaction",
        "redacción",
        "redação",
        "redazione",
        "redactie",
        "staff",
        "staff reporter",
        "staff writer",
        "team",
        "webmaster",
        "anonymous",
        "anonym",
        "unknown",
        "guest",
        "gast",
    }
)
# A word that makes any name a newsroom's, a wiki's or an ad's, not a person's: "Redaktion MSM", "Multimedia
# Redaktion", "Redacción EC".
_NEWSROOM_WORDS = frozenset(
    {
        "redaktion",
        "rédaction",
        "redacción",
        "redação",
        "redazione",
        "redactie",
        "newsroom",
        "newsdesk",
        "wiki",
        "wikipedia",
        # An ad's or a paid post's label beside a name or in its place ("Presseportal Anzeige", "Paid Content").
        "anzeige",
        "werbung",
        "advertisement",
        "advertorial",
        "sponsored",
        "paid",
    }
)
# A newsroom role, alone where a byline lists it as a name ("By JANE DOE, Senior Editor") or after the name ("By Evan
# Halper Staff Writer", "Richard Adams Education editor"), not after words that end no name ("Letters to the Editor").
_ROLE_WORDS = ("writer", "editor", "reporter", "correspondent", "columnist", "contributor")
_ROLE = (
    r"(?:(?:senior|staff|chief|contributing|deputy|associate|managing|political|education|business|sports?|science"
    r"|health|foreign|news)\s+)?(?:" + "|".join(_ROLE_WORDS) + ")"
)
_ROLE_ALONE = re.compile(_ROLE, re.IGNORECASE)
_ROLE_AFTER_NAME = re.compile(rf"(?<!\bthe)(?<!\bto)(?<!\bof)\s+{_ROLE}$", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[\s-]+")
_NAME_PARTICLES = frozenset(
    {"von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "del", "della", "dos", "ter"}
)
# A part of a name in capitals, cased as a name: "MARIE-LUISE" -> "Marie-Luise", "O'NEILL" -> "O'Neill".
_NAME_PART = re.compile(r"[^\W\d_]+")
_AGENCY_MARKS = frozenset("()/[]")
_ARTICLE = re.compile(r"^(?:the|die|der|la|le|el|l['’])\s*", re.IGNORECASE)


def is_placeholder(name: str) -> bool:
    """ "Redaktion", "The Editors", "Staff", "Redaktion MSM": a name that stands for no person."""
    folded = name.strip(" .:").casefold()
    return (
        _ARTICLE.sub("", folded) in _PLACEHOLDERS
        or not _NEWSROOM_WORDS.isdisjoint(_WORD_SPLIT.split(folded))
        # Most names end in no role word: one test in C before the regex.
        or (folded.endswith(_ROLE_WORDS) and _ROLE_ALONE.fullmatch(folded) is not None)
    )


def without_role(name: str) -> str:
    """ "Evan Halper Staff Writer" -> "Evan Halper": the name without the newsroom role a byline puts after it."""
    found = _ROLE_AFTER_NAME.search(name) if name.lower().endswith(_ROLE_WORDS) else None
    return name[: found.start()] if found and len(name[: found.start()].split()) >= 2 else name


def split_names(text: str) -> list[str]:
    """ "Text: Jane Doe and John Roe" → ["Jane Doe", "John Roe"] (placeholders and empty parts dropped)."""
    parts = (part.strip(" .") for part in AUTHOR_SPLIT.split(CREDIT_PREFIX.sub("", ARCHIVE_LINK.sub("", text))))
    return [part for part in parts if part and not is_placeholder(part)]


def as_written(name: str) -> str:
    """ "MORITZ GATHMANN" -> "Moritz Gathmann", "J. SMITH" -> "J. Smith": a name of two words or more in capitals, one
    of them more than an initial, written as names are; any other name as it is, and one that holds an agency's
    short name ("ANNA SCHMIDT (DPA)", "… / AFP")."""
    words = name.split()
    if len(words) < 2 or not name.isupper() or _AGENCY_MARKS.intersection(name):
        return name
    if all(len("".join(_NAME_PART.findall(word))) < 2 for word in words):  # "R. R": initials only
        return name
    cased = [_NAME_PART.sub(lambda part: part.group().capitalize(), word) for word in words]
    return " ".join([cased[0], *(word.lower() if word.lower() in _NAME_PARTICLES else word for word in cased[1:])])


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
