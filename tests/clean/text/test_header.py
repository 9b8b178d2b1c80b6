"""The lines around an article: headings, bullets, meta lines, author bios, site names."""

from __future__ import annotations

import pytest

from newsetl.clean.text.header import (
    find_byline,
    find_byline_in,
    is_author_bio,
    is_bare_name,
    looks_like_heading,
    meta_rule,
    strip_bullet,
    strip_site_name,
)


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Written by Grant Tinsley, PhD", ["Grant Tinsley", "PhD"]),
        ("Von unserem Redakteur Max Muster", ["Max Muster"]),
        ("Autorin: Anna Schmidt", ["Anna Schmidt"]),
        ("Door Jan de Vries", ["Jan de Vries"]),
        ("Por María García y Juan Pérez", ["María García", "Juan Pérez"]),
        ("Von der Leyen said on Monday that talks would continue", None),
    ],
)
def test_bylines(line: str, authors: list[str] | None) -> None:
    assert find_byline(line) == authors


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Veröffentlicht am 12. Juni 2024 von Lena Berger", ["Lena Berger"]),
        ("June 5, 2019 by luxurious", ["luxurious"]),  # a blog's user name
        ("Veröffentlicht am 11/04/2012 von bjoernlinder01", ["bjoernlinder01"]),
        ("Posted on 3 May 2024 by the", None),
        ("Updated 3 May 2024", None),
    ],
)
def test_authors_a_dateline_names(line: str, authors: list[str] | None) -> None:
    assert find_byline_in(line) == authors


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Thomas Hanke", True),
        ("Dr. Max Muster", True),
        ("Die Stadt", False),
        ("Politik", False),
    ],
)
def test_a_bare_name(line: str, name: bool) -> None:
    assert is_bare_name(line) is name


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("By Jane Leung", "byline"),
        ("14.06.2024, 10:30 Uhr", "date"),
        ("Aktualisiert am 3. März 2021", "date"),
        ("The law takes effect on 1 July 2024 after a long debate.", None),
        ("Stadtwerke erhöhen Fernwärmepreise", None),
    ],
)
def test_meta_rule(line: str, rule: str | None) -> None:
    assert meta_rule(line) == rule


@pytest.mark.parametrize(
    ("text", "bio"),
    [
        ("Jane Doe is a senior writer for the magazine and lives in Berlin.", True),
        ("Max Muster ist Redakteur im Ressort Wirtschaft.", True),
        ("Ich bin Jana, und ich schreibe hier über Reisen.", True),
        ("Die Ministerin ist eine erfahrene Politikerin.", False),
        ("The Minister is a former banker, critics said.", False),
    ],
)
def test_author_bio(text: str, bio: bool) -> None:
    assert is_author_bio(text) is bio


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Ferry operator cuts sailings", True),
        ("Stadtwerke erhöhen Fernwärmepreise – Verbraucherzentrale kritisiert", True),
        ("The operator said it would cut sailings.", False),
        ("• A bullet line of the summary", False),
        ("Weather", False),
    ],
)
def test_looks_like_heading(text: str, heading: bool) -> None:
    assert looks_like_heading(text, len(text.split())) is heading


def test_strip_bullet_and_site_name() -> None:
    assert strip_bullet("  • First bullet") == "First bullet"
    assert strip_bullet("1. First item") == "First item"
    assert strip_site_name("Headline here | The Courier") == "Headline here"
    assert strip_site_name("A | B | C | D") == "A | B | C"
    assert strip_site_name(None) is None
