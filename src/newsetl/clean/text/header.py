"""Recognisers for the lines around an article: headline, summary bullets, byline, dateline, author bio."""

from __future__ import annotations

import re
from datetime import tzinfo

from newsetl.clean.authors import AUTHOR_SPLIT, is_placeholder, without_role
from newsetl.clean.dates import MONTH, iso_utc, search_date
from newsetl.clean.text.stopwords import ALL_STOPWORDS

_UPPER = "A-ZÀ-ÞĀ-Ž"
_NAME = rf"[{_UPPER}][\w.'’-]+"
_PARTICLE = r"van|von|de|der|den|da|di|du|la|le|el"
# "e" but not "e.": Italian and Portuguese "and", not an initial ("J. e. Smith").
_AND = r"and|und|et|y|e(?!\.)|en|&"
# Not a name: a word that leads to the date after a byline's names ("On 12.", "Vom 3.", "Veröffentlicht am 11."),
# a month before its day or year ("Apr. 26", "Oktober 2008"), a particle before no name ("Matthieu Hy le 07 Mai").
_TO_DATE = (
    r"am|on|vom|at|um|le|el|il|em|op|den|last|zuletzt|veröffentlicht|aktualisiert|erstellt|geändert|published|"
    r"posted|updated|created|modified|"
    r"publié|publicado|pubblicato"
)
# … or a word of the page after a blog's byline ("Von Henry In Aktuell", "von KleineGrüneMonster Ein Kommentar").
_AFTER_NAMES = r"in|im|ein|eine|kommentare?|comments?|antworten|replies|kategorien?|categories|category"
_NOT_NAME = rf"(?!(?i:{_TO_DATE})\s+(?:\S+\s+)?(?:\d|{MONTH}\s+\d))(?!{MONTH}\s+\d)(?!(?i:{_AFTER_NAMES})\b)"
_NAME_PARTICLE = rf"(?:{_PARTICLE})(?=(?:\s+(?:{_PARTICLE}))*\s+[{_UPPER}])"
_NAMES = rf"{_NAME}(?:(?:\s+|\s*,\s*|\s+(?i:{_AND})\s+)(?:{_NOT_NAME}{_NAME}|{_NAME_PARTICLE}))*"
_BYLINE_RE = re.compile(
    r"^\s*(?i:by|von|par|por|di|door|text(?:e|o)?(?:\s*(?:und|and|&|/|et|y)\s*(?:fotos?|photos?|bilder))?|"
    r"autor(?:in)?|author|auteur|autore|(?:words )?written by|posted by|geschrieben von|verfasst von|"
    r"(?:veröffentlicht|gepostet|eingestellt) von|publicado por|escrito por|publié par|artikel von|"
    r"eine? (?:beitrag|gastbeitrag|artikel|kommentar|analyse|kolumne|glosse|reportage) von|"
    r"von unsere[mr] \w+|from)\s*:?\s+"
    r"(?P<names>" + _NAMES + ")"
    # After the names: a separator and anything ("| Politik", "@JonPorty Jul 3, 2019"), or a date or a time, maybe
    # after a word ("am 3. März 2021", "on 12 June 2020", "at 2:33 PM"). A hyphen inside a name is not one.
    r"(?P<tail>(?P<sep>\s*[,|/•·–—]|\s+-\s|\s+@)?(?(sep)|\s+(?:(?i:"
    + _TO_DATE
    + r")\s+){0,2}(?=\d|"
    + MONTH
    + r"\s+\d))"
    r".{0,80})?$"
)
# "Veröffentlicht am 12. Juni 2024 von Lena Berger": a dateline that ends with its author.
# "… von Mark Hosak — Hinterlasse eine Antwort": a link after the names, past a separator, is no part of them.
_TRAILING_LINK = rf"\s*(?:[|•·–—]\s*[^|•·–—]{{0,60}}|\s(?i:{_AFTER_NAMES})\b.{{0,60}})?$"
_TRAILING_BYLINE_RE = re.compile(rf"\s(?i:von|by|par|por|door)\s+(?P<names>{_NAMES}){_TRAILING_LINK}")
# "June 5, 2019 by luxurious", "Veröffentlicht am 11/04/2012 von bjoernlinder01": a blog's user name, one word.
_TRAILING_HANDLE_RE = re.compile(rf"\s(?i:von|by|par|por|door)\s+(?P<handle>[\w.@-]{{3,40}}){_TRAILING_LINK}")
_CLOCK_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_MAX_BYLINE = 120
_MAX_BYLINE_LEAD = 30
_MAX_DATELINE = 120
_MAX_META = 160
# A meta word that opens a short line or one of its parts ("Updated 3 May 2024", "Freitag | Veröffentlicht am
# 14. Juni 2019 | 0 Kommentare"), or a reading time anywhere ("Jane Doe · 5 min read · Mar 3, 2021").
_META_RE = re.compile(
    r"(?:^|[|•·–—]\s*)(?:last |zuletzt )?(?:updated|update|published|posted|written|created|modified|"
    r"veröffentlicht|aktualisiert|erschienen|erstellt|geschrieben|publiziert|stand|datum|date|publié|mis à jour|"
    r"publicado|actualizado|atualizado|postado|pubblicato|aggiornato|gepubliceerd|bijgewerkt|geplaatst|"
    r"opublikowano|zaktualizowano|aktualizacja|data publikacji|erscheinungsdatum|ver[öo]ffentlichungsdatum|"
    r"by|von|par|por|door|autor(?:in)?|author|auteur)\b|"
    r"\b(?:min(?:ute)?s?\.? read|lesezeit|lesedauer|min\.? lesen|de lecture|de lectura|di lettura|leestijd)\b",
    re.IGNORECASE,
)
# Dates of something else than the article: an embedded post's signature ("— Jane Doe (@jane) June 1, 2017"),
# an event, a deadline, a forum member's registration.
_OTHER_DATE_RE = re.compile(
    r"^\s*(?:[—–-]\s*[^(]{1,80}\(@\w{1,30}\)|(?i:termine?|deadline|einsendeschluss|anmeldeschluss|registriert|"
    r"registered|joined|mitglied seit|member since|dabei seit|event date|veranstaltungsdatum)\b)"
)
# "Updated 3 May 2024", "Aktualisiert: 11.04.2020": the date of a change, the published date only without another.
_CHANGE_WORDS = (
    r"(?:last |zuletzt )?(?:updated|update|modified|aktualisiert|geändert|mis à jour|actualizado|atualizado|"
    r"aggiornato|bijgewerkt)\b"
)
_UPDATE_RE = re.compile(r"^\s*" + _CHANGE_WORDS, re.IGNORECASE)
# After a separator, or a space before a capital ("… 2024 Updated …"): "the updated version" dates nothing.
_UPDATE_INSIDE_RE = re.compile(r"(?:[,;|·•(–—-]\s*|\s+(?=(?-i:[A-ZÄÖÜ])))(" + _CHANGE_WORDS + ")", re.IGNORECASE)
# Words a dateline may hold besides the date: "Published:", "Updated", "Uhr", a time, a city.
_MAX_DATELINE_WORDS = 5
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_DIGIT_RE = re.compile(r"\d")
_MAX_TITLE = 300
_HEADLINE_BESIDE_DATE = 2
"""Words beside a date that make a line more than a date: "Story of 2024-06-14"."""
_META_PARTS_RE = re.compile(r"\s+[|·•—–/-]\s+|,\s+")
_NAME_WORD_RE = re.compile(rf"[{_UPPER}][\w'’.-]*")
_PARTICLES = frozenset(_PARTICLE.split("|"))
_MONTH_RE = re.compile(MONTH)
_NAMES_NOTHING_RE = re.compile(
    r"^\S+@\S+\.\w{2,}$"  # an e-mail address
    r"|^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?$"  # a web address
    r"|\((?:fotos?|photos?|images?|bild|bilder|picture|credit|quelle)\s*:[^()]{1,60}\)$"  # a caption's credit
    r"|^(?:media|image|video) caption\b|^bildunterschrift\b"
    r"|^\[\s*[^\]]{0,30}\d{4}\s*\]"  # a ticker's dated item
    r"|^(?:ab |from )?(?:[$€£]\s*\d[\d.,]*|\d[\d.,]*\s*(?:€|eur|euro|usd|chf|£|\$|zł|pln))\s*\*?$",  # a price
    re.IGNORECASE,
)
_HEADING_WORDS = (2, 25)
_MAX_HEADING = 200
_NAME_WORDS = (2, 4)
# One capitalised word of letters: a split byline's name when its end is marked ("Robert", "Eurosport").
_ONE_NAME_RE = re.compile(r"[^\W\d_][^\W\d_'’-]{1,29}")

BULLET_RE = re.compile(r"^\s*(?:[•·▪●◦‣∙*–—-]|\d{1,2}[.)])\s+")
"""A list item: "• text", "- text", "1. text"."""

# "Jane Doe is a senior writer for …", "Max Muster ist Redakteur …", "Ich bin Jane, …": an author box.
_AUTHOR_BIO_RE = re.compile(
    r"^(?:(?P<name>(?:[A-ZÄÖÜ][\w.'’-]+\s){2,4})(?i:is|was|ist|war|est|es|è|leitet|arbeitet|schreibt|writes|"
    r"covers|reports|lebt|lives|studierte|studied)\s(?i:a|an|the|ein|eine|der|die|das|un|une|el|la|il|lo|als|"
    r"seit|for|bei|f[üu]r|[üu]ber|about|on|in|co-?\w+|senior|freie[rn]?|freelance|editor|redakteur(?:in)?|"
    r"journalist(?:in)?|autor(?:in)?|author|professor|contributing|staff)\b|(?i:ich bin|i am|i'm|je suis)\s"
    r"[A-ZÄÖÜ]\w+)"
)


def looks_like_title(line: str) -> bool:
    """A headline: one short line, not a bullet, not a label ending in a colon, not a date alone, nor a line that
    names nothing (``names_nothing``: one without letters, an address, a caption, a ticker's item, a price)."""
    text = line.strip()
    if not 3 <= len(text) <= _MAX_TITLE or text.endswith(":"):
        return False
    if text[0] in "•·▪●◦‣∙*–-|©":
        return False
    return not names_nothing(text) and not _date_alone(text)


def _date_alone(text: str) -> bool:
    """A date and at most one word beside it ("October 12, 2020", "Mittwoch, 8. Juli 2020", "Abmelden 19.10.2019");
    a headline may hold a date ("Story of 2024-06-14")."""
    found = search_date(text)
    if found is None:
        return False
    match = found[1]
    return len(_WORD_RE.findall(f"{text[: match.start()]} {text[match.end() :]}")) < _HEADLINE_BESIDE_DATE


def names_nothing(text: str) -> bool:
    """A line that stands where a headline would but cannot be one: no letters at all (a phone number, a gallery's
    "1 / 2"), an address ("jane@example.org", "www.example.org"), a photo's caption ending in its credit ("… (Foto:
    Privat)", "Media caption …"), a news ticker's item ("[ 26. Februar 2020 ] Another story") or a shop's price
    ("13,99 EUR")."""
    stripped = text.strip()
    return not any(char.isalpha() for char in stripped) or _NAMES_NOTHING_RE.search(stripped) is not None


def looks_like_heading(text: str, words: int) -> bool:
    """A line that can head an article: a few words, not a sentence, not a list item."""
    return (
        _HEADING_WORDS[0] <= words <= _HEADING_WORDS[1]
        and len(text) <= _MAX_HEADING
        and not text.endswith((".", ",", ";", ":"))
        and not BULLET_RE.match(text)
    )


def find_byline(line: str) -> list[str] | None:
    """The authors named in a byline such as "By Jane Doe and John Roe", else ``None``."""
    match = _byline(line)
    return None if match is None else _names(match.group("names"))


def split_byline(lead: str, name: str, *, closed: bool = False) -> list[str] | None:
    """The authors of a byline whose lead stands on a line of its own above the name ("By" / "James Whittaker",
    "Ein Beitrag von:" / "Alexandra Ilina"): a theme puts the two in spans of their own, and a dump shows each on a
    line. The name line must be a bare name: "By" over a sentence is not a byline.

    ``closed``: a lone dash or a dateline follows the name, as a theme's byline ends ("Von" / "Robert" / "-" /
    "31. Dezember 2019"). That shape also takes a name of one word, or a newsroom's ("Redaktion": ``[]``)."""
    if len(lead) > _MAX_BYLINE_LEAD or find_byline(lead) is not None:
        return None
    lead, name = lead.strip(), name.strip()
    if is_bare_name(name):
        return find_byline(f"{lead} {name}") or None
    if closed and _ONE_NAME_RE.fullmatch(name) and name.lower() not in ALL_STOPWORDS:
        return find_byline(f"{lead} {name}")
    return None


def byline_date(line: str, zone: tzinfo | None = None, *, month_first: bool = False) -> str | None:
    """The date after a byline's names ("Von Anna Schmidt am 3. März 2021", "By Jane Doe | 12.03.2021")."""
    match = _byline(line)
    found = (
        search_date(match.group("tail"), month_first=month_first) if match is not None and match.group("tail") else None
    )
    return iso_utc(found[0], zone) if found else None


def _byline(line: str) -> re.Match[str] | None:
    if len(line) > _MAX_BYLINE:
        return None
    match = _BYLINE_RE.match(line)
    if match is None:
        return None
    # Names followed by a word go on to a date ("am 3. März 2021"), or the line is prose ("By Jane on Monday").
    tail = match.group("tail")
    if tail and match.group("sep") is None and search_date(tail) is None and not _CLOCK_RE.search(tail):
        return None
    return match


def _names(found: str) -> list[str] | None:
    """The names, ``None`` for none; ``[]`` for a byline that names no person ("By Staff Writer")."""
    names = [without_role(name.strip(" .")) for name in AUTHOR_SPLIT.split(found)]
    names = [name for name in names if name and name[0].isupper()]
    return [name for name in names if not is_placeholder(name)] if names else None


def find_byline_in(line: str) -> list[str] | None:
    """The authors a byline or a dateline names: "By Jane Doe", "Published 3 May 2024 by Jane Doe"."""
    found = find_byline(line)
    if found is not None or len(line) > _MAX_BYLINE:
        return found
    match = _TRAILING_BYLINE_RE.search(line)
    if match:
        return _names(match.group("names"))
    handle = _TRAILING_HANDLE_RE.search(line)
    if handle is None or handle.group("handle").lower() in ALL_STOPWORDS or handle.group("handle").isdigit():
        return None
    return [handle.group("handle")]


def find_dateline(line: str, zone: tzinfo | None = None, *, month_first: bool = False) -> str | None:
    """The date of a short line that is mostly a date ("Published 3 March 2021, 14:05"), as ISO UTC.

    A sentence that mentions a date ("What happened on 14 June.") is prose, not a dateline.
    """
    if len(line.strip()) > _MAX_DATELINE or _OTHER_DATE_RE.match(line):
        return None
    found = search_date(line, month_first=month_first)
    if found is None:
        return None
    moment, match = found
    rest = line[: match.start()] + " " + line[match.end() :]
    words = len(_WORD_RE.findall(rest))
    if words > _MAX_DATELINE_WORDS or (words >= 2 and line.rstrip().endswith((".", "!", "?"))):
        return None
    return iso_utc(moment, zone)


def dated_meta(line: str, zone: tzinfo | None = None, *, month_first: bool = False) -> str | None:
    """The date of a short meta line that holds more than a dateline would, as ISO UTC: "Veröffentlicht am
    6. Juli 2015 von Mark Hosak — Hinterlasse eine Antwort", "Posted on 28. Juli 2019 Author Andreas Kalt",
    "6. November 2023 6. November 2023 Jane Doe Politik" (a blog theme's published and updated dates).

    A meta word opens the line or one of its parts (or a reading time stands anywhere in it), or two dates stand
    side by side; a sentence that mentions a date ("Published on 12 June 2020, the report shows that …") ends
    like one and is prose.
    """
    text = line.strip()
    if len(text) > _MAX_META or _OTHER_DATE_RE.match(text):
        return None
    found = search_date(text, month_first=month_first)
    if found is None or _is_sentence(text, found[1]):
        return None
    return iso_utc(found[0], zone) if _META_RE.search(text) or _two_dates(text, found[1]) else None


def _is_sentence(text: str, date: re.Match[str]) -> bool:
    """Ends like a sentence and says more than a meta line does ("… at 4:56 p.m." is no sentence)."""
    rest = text[: date.start()] + " " + text[date.end() :]
    return text.endswith((".", "!", "?")) and len(_WORD_RE.findall(rest)) > _MAX_DATELINE_WORDS


def _two_dates(text: str, date: re.Match[str]) -> bool:
    # Side by side, not a range ("1. März 2024 – 31. März 2024").
    following = search_date(text[date.end() :].lstrip(" ,|·•"))
    return following is not None and following[1].start() == 0


def find_line_date(line: str, zone: tzinfo | None = None, *, month_first: bool = False) -> str | None:
    """The date a dateline, a dated meta line or a dated byline gives, as ISO UTC."""
    return (
        find_dateline(line, zone, month_first=month_first)
        or dated_meta(line, zone, month_first=month_first)
        or byline_date(line, zone, month_first=month_first)
    )


def find_update(line: str) -> int | None:
    """Where a line starts to date a change: 0 for "Updated 3 May 2024", the word's place in "Published 2 May
    2024 | Updated 3 May 2024"; ``None`` when it dates none."""
    if _UPDATE_RE.match(line) is not None:
        return 0
    found = _UPDATE_INSIDE_RE.search(line)
    return None if found is None else found.start(1)


def meta_rule(text: str) -> str | None:
    """``byline``, ``date`` or ``date-meta`` (a meta line with a date, see :func:`dated_meta`) for a line that is
    one, else ``None``."""
    if find_byline(text) is not None:
        return "byline"
    if not _DIGIT_RE.search(text):
        return None
    if find_dateline(text) is not None:
        return "date"
    return "date-meta" if dated_meta(text) is not None else None


def name_beside_date(line: str) -> list[str] | None:
    """The author a dateline names beside its date: "30. Oktober 2019 | Markus Euskirchen", "04.02.2022 | 13:10 Uhr
    | Uta Helkenberg", "Christian Kahle, 03.11.2023 15:32 Uhr". The name is the one part between separators (a bar,
    a dot, a dash or a slash between spaces, a comma) that reads as a person's name, next to the part with the date or
    time. Without a separator a kicker may stand before the date as a name does ("Original Research 7 April 2020"):
    no name is taken there."""
    parts = _META_PARTS_RE.split(line.strip())
    dated = [search_date(part) is not None or _CLOCK_RE.search(part) is not None for part in parts]
    names = [place for place, part in enumerate(parts) if _is_person(part)]
    if len(names) != 1 or not any(dated[max(names[0] - 1, 0) : names[0] + 2]):
        return None  # two names: which one wrote it is not said; a name far from the date may be a category
    return [parts[names[0]]]


def _is_person(text: str) -> bool:
    """Two to four capitalised words (and name particles: "von", "de"), none a stop word or a month."""
    words = [word for word in text.split() if word not in _PARTICLES]
    return (
        _NAME_WORDS[0] <= len(words) <= _NAME_WORDS[1]
        and all(_NAME_WORD_RE.fullmatch(word) for word in words)
        and not any(word.lower().rstrip(".") in ALL_STOPWORDS or _MONTH_RE.fullmatch(word) for word in words)
    )


def is_bare_name(text: str) -> bool:
    """ "Jane Doe", "Dr. Max Muster": a person's name alone, two to four capitalised words, none a stop word."""
    parts = text.split()
    return (
        _NAME_WORDS[0] <= len(parts) <= _NAME_WORDS[1]
        and all(part[0].isupper() for part in parts)
        and not any(part.lower() in ALL_STOPWORDS for part in parts)
    )


def is_author_bio(text: str) -> bool:
    """ "Jane Doe is a senior writer …": the start of an author box (a name, not a sentence's subject)."""
    match = _AUTHOR_BIO_RE.match(text)
    if match is None:
        return False
    name = match.group("name")
    # "Die Ministerin ist eine …" is a sentence: a name holds no stop words.
    return name is None or not any(word.lower() in ALL_STOPWORDS for word in name.split())


def author_bio_name(text: str) -> str | None:
    """The name an author box's biography opens with ("Jane Doe is a senior writer …": "Jane Doe"), if it is one."""
    match = _AUTHOR_BIO_RE.match(text)
    name = match.group("name") if match else None
    return name.strip() if name and is_author_bio(text) else None


def strip_bullet(line: str) -> str:
    return BULLET_RE.sub("", line, count=1).strip()


_SITE_SUFFIX_RE = re.compile(r"\s+\|\s+[^|]{1,40}$")
_TRAIL_STEP = r"[^>»›\n]{0,40}?\s*[>»›]\s+"
# A trail from the home page may step with slashes too ("home / Betrieb / IT / Headline"): after its first word only,
# since a headline's own slashes ("Covid / flu season") begin no trail.
_HOME_STEP = r"(?:home|startseite|start|accueil|inicio|portada|strona g[łl][óo]wna)\s+[/>»›]\s+"
_SLASH_STEP = r"[^/>»›\n]{1,40}?\s+[/>»›]\s+"
_BREADCRUMB_RE = re.compile(
    r"(?:(?:you are here|sie sind hier|vous [êe]tes ici|usted est[áa] aqu[íi]|sei qui|je bent hier)\s*:\s*"
    rf"(?:{_TRAIL_STEP})+|(?:{_TRAIL_STEP}){{2,}}|{_HOME_STEP}(?:{_SLASH_STEP})*)",
    re.IGNORECASE,
)
_MIN_TITLE_AFTER_TRAIL = 8


def strip_site_name(title: str | None) -> str | None:
    """ "Headline | Site" → "Headline": a pipe rarely belongs to a headline, a site name often follows one."""
    return _SITE_SUFFIX_RE.sub("", title) if title else title


def strip_breadcrumb(title: str | None) -> str | None:
    """ "Startseite > Beauty > Lange Haare: …" → "Lange Haare: …": a breadcrumb trail that ends in the headline
    (two steps or more, or one after "You are here:"). A headline's own quotes (»Wir schaffen das«) are not steps:
    a step's arrow stands between spaces."""
    if not title:
        return title
    found = _BREADCRUMB_RE.match(title)
    rest = title[found.end() :] if found else ""
    return rest if len(rest) >= _MIN_TITLE_AFTER_TRAIL else title
