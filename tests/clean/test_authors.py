"""Author names shared by every path: splitting, credit labels, placeholders, names set in capitals."""

from __future__ import annotations

import pytest

from newsetl.clean.authors import as_written, is_placeholder, split_names, without_role


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Anna Muster, Ben Beispiel und Carla Test", ["Anna Muster", "Ben Beispiel", "Carla Test"]),
        ("Claire Dubois et Luc Martin", ["Claire Dubois", "Luc Martin"]),
        ("María García y Juan Pérez", ["María García", "Juan Pérez"]),
        ("Mario Rossi e Giulia Bianchi", ["Mario Rossi", "Giulia Bianchi"]),
        ("Jan de Vries en Piet Jansen", ["Jan de Vries", "Piet Jansen"]),
        ("Hans-Peter Müller & Jean-Luc Picard", ["Hans-Peter Müller", "Jean-Luc Picard"]),
        # An initial is no "and": "y." and "e." stay inside the name.
        ("J. e. Smith", ["J. e. Smith"]),
        ("Gustavo E. Méndez", ["Gustavo E. Méndez"]),
        ("Y. Chen and Ana Díaz", ["Y. Chen", "Ana Díaz"]),
        ("Text: Anna Schmidt", ["Anna Schmidt"]),
        ("Text und Fotos: Anna Schmidt", ["Anna Schmidt"]),
        ("Redaktion", []),
        ("Anna Schmidt, Redaktion", ["Anna Schmidt"]),
        ("Zeige alle Beiträge von Jane Doe →", ["Jane Doe"]),
        ("View all posts by Daniel Lemire", ["Daniel Lemire"]),
    ],
)
def test_split_names(text: str, names: list[str]) -> None:
    assert split_names(text) == names


@pytest.mark.parametrize(
    ("name", "placeholder"),
    [
        ("Redaktion", True),
        ("Die Redaktion", True),
        ("Staff", True),
        ("Staff Writer", True),
        ("The Editors", True),
        ("Editorial team", True),
        ("admin", True),
        ("Redacción", True),
        ("Redaktion MSM", True),
        ("Multimedia Redaktion", True),
        ("TVT-Redaktion", True),
        ("Redacción EC", True),
        ("Senior Editor", True),  # a role a byline lists after the name: "By JANE DOE, Senior Editor"
        ("Stardew Valley Wiki", True),  # a wiki's "From Stardew Valley Wiki"
        ("Wikipedia", True),
        ("Presseportal Anzeige", True),  # an ad's label
        ("Paid Content", True),
        # News agencies and people are authors as the publisher names them.
        ("dpa", False),
        ("Reuters", False),
        ("Anna Redaktionsleiterin", False),
        ("Stafford Smith", False),
        ("Anna Writer", False),
    ],
)
def test_placeholders(name: str, placeholder: bool) -> None:
    assert is_placeholder(name) is placeholder


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Evan Halper Staff Writer", "Evan Halper"),
        ("Richard Adams Education editor", "Richard Adams"),
        ("Jane Doe Correspondent", "Jane Doe"),
        ("Letters To The Editor", "Letters To The Editor"),  # a column's name: no name before the role
        ("Anna Editor", "Anna Editor"),  # one word left: no name without it
        ("Jane Doe", "Jane Doe"),
    ],
)
def test_a_role_after_a_name_is_not_part_of_it(name: str, person: str) -> None:
    assert without_role(name) == person


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("MORITZ GATHMANN", "Moritz Gathmann"),
        ("JAN VAN DER BERG", "Jan van der Berg"),
        ("MARIE-LUISE O'NEILL", "Marie-Luise O'Neill"),
        ("J. SMITH", "J. Smith"),
        ("ÉLODIE MÜLLER", "Élodie Müller"),
        # An agency's or newsroom's short name, initials alone, a name already written as names are: as they are.
        ("NDR", "NDR"),
        ("ANNA SCHMIDT (DPA)", "ANNA SCHMIDT (DPA)"),
        ("DPA/AFP", "DPA/AFP"),
        ("R. R", "R. R"),
        ("Ally Mutnick", "Ally Mutnick"),
        ("Jan van der BERG", "Jan van der BERG"),
    ],
)
def test_a_name_in_capitals_is_written_as_names_are(name: str, written: str) -> None:
    assert as_written(name) == written


def test_every_path_reports_a_byline_in_capitals_as_a_name() -> None:
    from newsetl.clean.document import extract_document
    from newsetl.config import CleaningConfig
    from newsetl.records import RawDocument

    story = "The union and the operator agreed on a new contract late on Tuesday, and trains run again today. " * 5
    dump = f"Rail strike ends after talks\n\nBY ALLY MUTNICK\n\n{story}\n"
    document = RawDocument(source="s", uri="a.txt", format="text", content=dump.encode())
    assert extract_document(document, CleaningConfig())[0].authors == ["Ally Mutnick"]
