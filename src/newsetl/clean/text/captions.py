"""Captions: a photo's description and its credit ("… on Wednesday. Photo: AP", "Foto: dpa", "(Bild: Reuters)")."""

from __future__ import annotations

import re

from newsetl.clean.text.phrases import words
from newsetl.records import Caption

_CREDIT_KEY = (
    r"(?:cr[ée]dits? photos?|photo(?:graph)?|foto|fot\.|bild|image|imagen|imagem|immagine|fotograf[íi]a|picture|pic|"
    r"credit|cr[ée]dit|cr[ée]dito|"
    r"illustration|grafik|graphic|fotografie|abbildung|abb\.|aufnahme|fotos|photos|bilder|screenshot|bildquelle|titelbild|titelfoto|"
    r"symbolbild|symbolfoto|beitragsbild|headerbild|teaserbild|vorschaubild)s?"
)
_AGENCY = (
    r"(?:AP|AFP|dpa|DPA|EFE|Reuters|REUTERS|EPA|Getty Images|GETTY IMAGES|iStock(?:photo)?|Shutterstock|"
    r"ShutterStock|imago(?: images)?|IMAGO|picture[ -]alliance|Pixabay|Unsplash|Keystone|KEYSTONE|ANP|ANSA|"
    r"Belga|APA|Xinhua|Bloomberg|Colourbox|Fotolia|Adobe ?Stock|PAP|Agencja Gazeta|East News|WENN|Alamy|SIPA|"
    r"ZUMA(?: Press| Wire)?|NurPhoto)(?:\.com)?"
)
_SOURCE_KEY = r"(?:quelle|source|fuente|fonte|bron|[źz]r[óo]d[łl]o)"
# Creative Commons licences, and the public domain after a separator (a sentence may end in "public domain").
_PUBLIC_DOMAIN = r"(?:public domain|domena publiczna|dominio p[úu]blico|domaine public)"
_LICENCE = (
    r"(?:cc[ -]by(?:[ -](?:sa|nd|nc)){0,2}(?:[ -]\d\.\d)?|cc0(?: \d\.\d)?"
    rf"|(?:(?<=[/|–—-])|(?<=[/|–—-]\s)){_PUBLIC_DOMAIN})"
)
# "... Photo: AP", "(Bild: Reuters)", "... © Jane Doe", "... Photo by Jane Doe", "... / Getty Images"
_CREDIT_TAIL_RE = re.compile(
    r"(?:^|(?<=[\s.,;:|–—(-]))\(?\s*(?:" + _CREDIT_KEY + r"\s*(?:credits?|by|von|:)\s*:?\s*|©\s*)"
    # The credit may say more in parentheses: "(Foto: DBT/Stella von Saldern (bearbeitet durch spdfraktion.de))".
    r"(?P<credit>[^()]{1,80}?(?:\([^()]{1,60}\))?)\)?\.?\s*$"
    r"|(?:(?<=[.,;|–—-])|(?<=\s[/|–—-]))\s*\(?(?P<agency>(?:[\w.-]+ ?/ ?)?"
    + _AGENCY
    + r"(?:\s*/\s*[\w .-]{1,40})?)\)?$"
    # An agency whose name is never a sentence's last words needs no separator: "Dee Dee Myers Getty Images".
    r"|(?:^|(?<=\s))(?P<named>(?-i:Getty Images|GETTY IMAGES|AP Photo|picture alliance|imago images))$",
    re.IGNORECASE,
)
# Tried apart, on the few lines that name a source or a licence, so that every other line pays for none of it.
_SOURCE_OR_LICENCE_RE = re.compile(
    # A source after a separator: "… zdjęcie ilustracyjne / Źródło: Pixabay" (alone on a line: _SOURCE_ONLY_RE).
    r"(?<=\s)[/|]\s*" + _SOURCE_KEY + r"\s*:\s*(?P<source>[^()/|]{1,60})$"
    # A licence is a picture's: "… Foto: Jorge Mejía (CC BY 2.0)", "… 206 kilogramów /domena publiczna".
    r"|(?:^|(?<=[\s/(,]))(?P<licence>" + _LICENCE + r")\)?\.?$",
    re.IGNORECASE,
)
# "(AP Photo/Evan Vucci)", "(EFE/Juan Pérez)", or after the caption's last sentence "REUTERS/Henry Nicholls": the
# agency first, then its photographer. The name is capitalised, and a credit without parentheses follows a sentence
# and ends the line without a full stop: "… according to Reuters/Ipsos." is prose.
_AGENCY_CREDIT = (
    _AGENCY + r"(?:\s+(?:photo|foto|images|pictures))?\s*/\s*(?-i:[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,4})"
)
_AGENCY_FIRST_RE = re.compile(
    rf"(?:(?:^|(?<=\s))\(\s*(?P<agency>{_AGENCY_CREDIT})\s*\)\.?|(?:^|(?<=[.!?]\s))(?P<bare>{_AGENCY_CREDIT})(?<!\.))$",
    re.IGNORECASE,
)
_SOURCE_ONLY_RE = re.compile(
    r"^\(?\s*(?:quelle|source|fuente|fonte|bron|[źz]r[óo]d[łl]o)\s*:\s*(?P<credit>[^()]{1,80})\)?$", re.I
)
# "Judy Eddy/WENN.com", "Lukasz Nowaczyk / Agencja Gazeta": a line that is a photographer's name, then the agency.
_NAME_THEN_AGENCY_RE = re.compile(
    rf"^\(?(?P<credit>(?-i:[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){{0,3}})\s*/\s*{_AGENCY})\)?$", re.I
)
# Polish credits have no colon: "Fot. Lukasz Nowaczyk / Agencja Gazeta", "… na konferencji. Fot. PAP/Leszek Szymański".
_POLISH_FOT_RE = re.compile(r"(?:^|(?<=[.!?)]\s))\(?fot\.\s+(?P<credit>(?-i:[A-ZÀ-Þ])[^()]{0,80}?)\)?$", re.I)
# Cheap tests on the line's end before the credit regex: a "Key:"/"by"/"©" credit, or an agency name last.
_CREDIT_MARKS = words(
    "foto photo bild image immagine pic credit crédit illustration grafik graphic abb aufnahme screenshot fot."
)
# Cheap tests before _SOURCE_OR_LICENCE_RE, on the lower-cased line: a licence anywhere, or a source's key word.
_LICENCE_MARKS = re.compile(rf"cc[ -]by|cc0|{_PUBLIC_DOMAIN}")
_SOURCE_MARKS = re.compile(_SOURCE_KEY)
_AGENCY_LAST = frozenset(
    words(
        "ap afp dpa efe reuters epa images istock istockphoto shutterstock imago alliance pixabay unsplash keystone "
        "anp ansa belga apa xinhua bloomberg colourbox fotolia stock pap gazeta news wenn alamy sipa zuma press wire "
        "nurphoto istock.com wenn.com shutterstock.com alamy.com"
    )
)
_AGENCY_ENDINGS = tuple(_AGENCY_LAST)
_MAX_CAPTION = 400
# A photo's zoom button copied with its caption: "Vergrößern Eine kleine …", "Enlarge The mayor …".
ENLARGE_WORDS = (
    "Vergrößern ",
    "Vergroessern ",
    "VERGRÖSSERN ",
    "Enlarge ",
    "ENLARGE ",
    "Agrandir ",
    "Ampliar ",
    "Bild ",
)
"""How such a line starts: one ``startswith`` spares every other body line the regex."""
_ENLARGE_RE = re.compile(
    r"(?:bild )?(?:vergrößern|vergroessern|enlarge(?: image| photo)?|agrandir|ampliar)\s+(?!Sie\b)(?=(?-i:[A-ZÄÖÜ]))",
    re.IGNORECASE,
)
# A figure's numbered or labelled caption: "Abbildung 4: klassische Schwachschicht.", "Figure 2. The …", "Abb.: …".
FIGURE_WORDS = ("Abbildung", "Abb.", "Figure", "Fig.", "Figura", "Grafik", "Schaubild", "Rys.", "Ilustración")
"""How such a line starts: one ``startswith`` spares every other body line the regex."""
_FIGURE_RE = re.compile(
    r"(?:Abbildung|Abb\.|Figure|Fig\.|Figura|Grafik|Schaubild|Rys\.|Ilustración)\s*(?:\d{1,3}[a-z]?(?:\.\d{1,2})?)?"
    r"\s*[:.–-]\s+\S"
)
_TAIL = 100
_MAX_SOURCE_LINE = 100
_MAX_CREDIT_WORDS = 8


def find_credit(text: str) -> tuple[str, str] | None:
    """``(caption, credit)`` when ``text`` ends in a photo credit (the caption may be empty), else ``None``."""
    if len(text) > _MAX_CAPTION:
        return None
    tail = text[-_TAIL:]
    low = tail.lower()
    if "fot." in low:
        polish = _POLISH_FOT_RE.search(tail)
        if polish is not None:
            return text[: len(text) - len(tail) + polish.start()].strip(), polish.group("credit").strip()
    match = _CREDIT_TAIL_RE.search(tail) if _may_hold_credit(low) else None
    if match is None and _may_name_source_or_licence(low):
        match = _SOURCE_OR_LICENCE_RE.search(tail)
    if match is not None:
        credit = next(filter(None, match.groupdict().values()), "").strip()
        if not credit or len(credit.split()) > _MAX_CREDIT_WORDS:
            return None
        return text[: len(text) - len(tail) + match.start()].rstrip(" ,|–—-/(").strip(), credit
    if "/" in tail:
        found = _AGENCY_FIRST_RE.search(tail)
        if found is not None:
            credit = found.group("agency") or found.group("bare")
            return text[: len(text) - len(tail) + found.start()].rstrip(" ,|–—-/(").strip(), credit
    return _credit_line(text)


def _credit_line(text: str) -> tuple[str, str] | None:
    """The credits that are a line of their own: a source, or a photographer's name and the agency."""
    if len(text) > _MAX_SOURCE_LINE:
        return None
    found = _SOURCE_ONLY_RE.match(text) or (_NAME_THEN_AGENCY_RE.match(text) if "/" in text else None)
    return ("", found.group("credit").strip()) if found else None


def enlarge_caption(text: str) -> str | None:
    """The caption a photo's zoom button precedes ("Vergrößern Eine kleine runde Aussparung …"), else ``None``."""
    found = _ENLARGE_RE.match(text)
    return text[found.end() :] if found else None


def is_figure_caption(text: str) -> bool:
    """ "Abbildung 4: klassische Schwachschicht …", "Figure 2. Changing the font size": a figure's caption (a
    sentence that mentions a figure, "Abbildung 3 zeigt …", has no colon or full stop after its number)."""
    return _FIGURE_RE.match(text) is not None


def split_caption(line: str) -> Caption:
    """``Caption(text, credit)``; the credit is ``None`` when the line names none."""
    text = line.strip()
    text = enlarge_caption(text) or text
    found = find_credit(text)
    if found is None or not found[0]:
        return Caption(text=text, credit=found[1] if found else None)
    return Caption(text=found[0], credit=found[1])


def _may_name_source_or_licence(low: str) -> bool:
    """Cheap tests before ``_SOURCE_OR_LICENCE_RE``, substring tests first: nearly every line fails them."""
    if ("cc" in low or "dom" in low or "public" in low) and _LICENCE_MARKS.search(low):
        return True
    return ("/" in low or "|" in low) and ":" in low and _SOURCE_MARKS.search(low) is not None


def _may_hold_credit(low: str) -> bool:
    """Cheap tests on the line's tail, lower-cased, before the credit regex: every credit it finds has a "©", a key
    word with ":"/"by"/"von" ("Foto: dpa", "Photo by Jane Doe"), or an agency as the last word ("… / Getty
    Images", "… EFE")."""
    if "©" in low or "(c)" in low:
        return True
    if (":" in low or " by " in low or " von " in low) and any(mark in low for mark in _CREDIT_MARKS):
        return True
    low = low.rstrip(" )")
    if not low.endswith(_AGENCY_ENDINGS):
        return False
    last = low.rsplit(None, 1)[-1]
    return last.rsplit("/", 1)[-1].strip("(") in _AGENCY_LAST
