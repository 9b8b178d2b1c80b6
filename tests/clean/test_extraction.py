from __future__ import annotations

import pytest

from newsetl.clean.extraction import as_read


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("Reading\u00a0Time:\u202f2\u2007minutes", "Reading Time: 2 minutes"),
        ("Klima\u00adwandel\ufeff", "Klimawandel"),
        ("  \u2022 An indented   item  ", "  \u2022 An indented item  "),  # the indent and the line's end stay
        ("Zwei Sätze.  Mit Abstand.\n\nNeuer Absatz", "Zwei Sätze. Mit Abstand.\n\nNeuer Absatz"),
        ("plain text", "plain text"),
        ("a  \n  b", "a  \n  b"),  # spaces ending a line or indenting the next are not between words
        ("tab\t  then   word", "tab\t  then word"),
    ],
)
def test_a_line_as_read(line: str, read: str) -> None:
    assert as_read(line) == read
