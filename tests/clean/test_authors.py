"""Author names shared by every path: splitting, credit labels, placeholders."""

from __future__ import annotations

import pytest

from newsetl.clean.authors import is_placeholder, split_names


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
        # News agencies and people are authors as the publisher names them.
        ("dpa", False),
        ("Reuters", False),
        ("Anna Redaktionsleiterin", False),
        ("Stafford Smith", False),
    ],
)
def test_placeholders(name: str, placeholder: bool) -> None:
    assert is_placeholder(name) is placeholder
