"""The byline's author named again inside the article: an author box, wherever it stands.

Sites print a box about the author between paragraphs or under the last one: the name on a line of its own, then
a line about them ("Claudia Riedler" / "Leiterin Redaktion Leben und Gesundheit"; "Benjamin Fischer" /
"Redakteur in der Wirtschaft."), or a biography opening with the name ("Moritz Gathmann leitet das Ressort …").
The byline has already named the author, so the name alone on a line is no article text, and neither is what
the box says about them. Only the authors the byline names are looked for: another name alone on a line may be a
speaker's in an interview, and a sentence about someone else is the story.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsetl.clean.authors import is_placeholder
from newsetl.clean.text.features import LineFeatures
from newsetl.clean.text.header import author_bio_name, find_byline_in, is_bare_name, name_beside_date
from newsetl.clean.text.labels import BODY, LineVerdict, verdict
from newsetl.clean.text.region import Region, nonblank

_NOT_IN_NAMES = frozenset(":,/|")
_MAX_ABOUT = 160
"""A line about the author under their name: a role or a short biography, not a paragraph of the story."""
_LINES_UNDER_NAME = 2
_MAX_BIO = 400
"""A biography opening with the author's name, as the author box at the article's end allows one."""
# What an author's role says (a newsroom's job titles, in the devset's languages), or their contact.
_ROLE = re.compile(
    r"\b(?:(?:chef|ressort|fach)?redakteu?r(?:in)?|redaktion|leiter(?:in)?|korrespondent(?:in)?|autor(?:in)?"
    r"|reporter(?:in)?|volont[äa]r(?:in)?|journalist(?:in|e|a)?|kolumnist(?:in)?|editor|correspondent|columnist"
    r"|writer|contributor|r[ée]dact(?:eur|rice)|correspondant(?:e)?|chroniqueu(?:r|se)|professeu?r(?:in)?"
    r"|periodista|redactor(?:a)?|corresponsal|columnista|giornalista|redattore|corrispondente|jahrgang)\b",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"^(?:e-?mail:?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+$", re.IGNORECASE)


def authors_in(line: str) -> list[str] | None:
    """The authors a byline names, or the bare name a byline line holds ("Thomas Hanke" above the dateline); not
    a label ("Übersetzer: Sonja Häußler"), a list ("Magazin, News"), a credit ("Fotos/Illustration: …") or a
    newsroom ("Redacción EC")."""
    found = find_byline_in(line) or name_beside_date(line)
    if found is not None or not is_bare_name(line):
        return found
    name = line.strip()
    return None if any(char in _NOT_IN_NAMES for char in name) or is_placeholder(name) else [name]


def remove_author_boxes(features: LineFeatures, verdicts: list[LineVerdict | None], region: Region) -> None:
    """Take the byline's authors' boxes out of the article's body (see the module docstring)."""
    names = _byline_names(features, verdicts)
    if not names:
        return
    box, about = verdict("removed", "author-name"), verdict("removed", "author-bio")
    for index in range(region.start, region.end):
        if verdicts[index] is not BODY:
            continue
        text = features.texts[index]
        if text.casefold() in names:
            verdicts[index] = box
            for below in _about_the_author(features, verdicts, index, text):
                verdicts[below] = about
        elif len(text) <= _MAX_BIO and (author_bio_name(text) or "").casefold() in names:
            verdicts[index] = about


def _byline_names(features: LineFeatures, verdicts: list[LineVerdict | None]) -> set[str]:
    """The authors the first byline (or dated byline) names, case folded: what the extraction reports."""
    for index, found in enumerate(verdicts):
        if found is not None and found.label in ("byline", "date"):
            names = authors_in(features.texts[index])
            if names:
                return {name.casefold() for name in names}
    return set()


def _about_the_author(
    features: LineFeatures, verdicts: list[LineVerdict | None], name: int, text: str
) -> Iterator[int]:
    """The lines under the author's name that are about them: their role or e-mail address, a biography opening
    with the name; the box ends at the first line that is none of these."""
    for seen, index in enumerate(nonblank(features, range(name + 1, len(features)))):
        below = features.texts[index]
        if seen >= _LINES_UNDER_NAME or verdicts[index] is not BODY or not _is_about(below, text):
            return
        yield index


def _is_about(line: str, name: str) -> bool:
    if line.startswith(name):
        return len(line) <= _MAX_BIO
    return len(line) <= _MAX_ABOUT and (_ROLE.search(line) is not None or _CONTACT.match(line) is not None)
