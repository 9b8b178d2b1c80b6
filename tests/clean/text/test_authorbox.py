"""The byline's author named again inside the article: name, role and biography leave the body."""

from __future__ import annotations

import pytest

from newsetl.clean.text import extract_text_dump
from newsetl.clean.text.authorbox import authors_in
from tests.clean.text.test_extract import P1, P2, P3, rules_by_text

HEAD = "Fähre streicht Verbindungen\nVon Claudia Riedler 19. Oktober 2019 00:04 Uhr\n"
P4 = "Operators on other routes have so far kept their timetables, though two said they were watching fuel prices."
P5 = "A public hearing on the cuts is planned for the end of the month at the district council's offices in Central."
STORY = [P1, P2, P3, P4, P5]


def dump(*box: str) -> str:
    """The story with ``box`` between its second and third paragraphs, under a byline."""
    return HEAD + "\n\n".join([P1, P2, *box, P3, P4, P5]) + "\n"


def test_the_authors_name_and_role_between_paragraphs_leave_the_body() -> None:
    box = ["Claudia Riedler", "Leiterin Redaktion Leben und Gesundheit", "c.riedler@nachrichten.at"]
    extraction = extract_text_dump(dump(*box))
    assert extraction.authors == ["Claudia Riedler"]
    assert extraction.body == STORY
    assert (
        rules_by_text(extraction).items()
        >= {
            "Claudia Riedler": "author-name",
            "Leiterin Redaktion Leben und Gesundheit": "author-bio",
            "c.riedler@nachrichten.at": "author-bio",
        }.items()
    )


def test_a_biography_opening_with_the_authors_name_leaves_the_body_wherever_it_stands() -> None:
    bio = "Claudia Riedler leitet das Ressort Leben bei den Nachrichten. Sie studierte Medizin in Wien."
    extraction = extract_text_dump(dump(bio))
    assert extraction.body == STORY
    assert rules_by_text(extraction)[bio] == "author-bio"


def test_under_the_name_the_box_ends_at_the_first_line_not_about_the_author() -> None:
    # A paragraph of the story follows the name: it stays, only the name goes.
    assert extract_text_dump(dump("Claudia Riedler")).body == STORY


@pytest.mark.parametrize(
    "line",
    [
        "Jane Leung",  # a name the byline does not give: an interview's speaker, say
        "Jane Leung is a senior reporter covering transport for the paper.",  # about someone else
    ],
)
def test_other_people_are_left_alone(line: str) -> None:
    assert extract_text_dump(dump(line)).body == [P1, P2, line, P3, P4, P5]


def test_without_a_byline_nothing_is_taken() -> None:
    text = dump("Claudia Riedler", "Leiterin Redaktion Leben").replace(HEAD, "Fähre streicht Verbindungen\n")
    assert extract_text_dump(text).body == [P1, P2, "Claudia Riedler", "Leiterin Redaktion Leben", P3, P4, P5]


def test_a_byline_names_its_authors_and_a_bare_name_line_its_person() -> None:
    assert authors_in("Von Claudia Riedler 19. Oktober 2019") == ["Claudia Riedler"]
    assert authors_in("Thomas Hanke") == ["Thomas Hanke"]
    assert authors_in("Übersetzer: Sonja Häußler") is None
    assert authors_in("Redaktion") is None
