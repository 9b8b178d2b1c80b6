from __future__ import annotations

import json
import textwrap

from newsetl.clean.text import extract_text_dump
from newsetl.clean.text.unwrap import unwrapped
from tests.conftest import CASES, REPO

PARAGRAPHS = [
    "Der Stadtrat hat am Dienstagabend den Bau eines neuen Radwegs entlang des Flusses beschlossen, nachdem die "
    "Verwaltung die Pläne über mehr als zwei Jahre mit den Anwohnern abgestimmt hatte.",
    "Die Kosten von rund vier Millionen Euro trägt zu einem großen Teil das Land, wie aus dem Förderbescheid "
    "hervorgeht, den die Stadt in der vergangenen Woche erhalten hat. Baubeginn ist im Frühjahr.",
    "Kritik kam von den Anwohnern der Uferstraße, die um ihre Parkplätze fürchten und eine Klima-Bilanz des "
    "Projekts fordern, bevor die ersten Bäume gefällt werden dürfen.",
]
MENU = ["Startseite", "Lokales", "Politik", "Sport", "Kultur"]


def _wrapped(lines: list[str], width: int = 72) -> list[str]:
    return "\n".join("\n".join(textwrap.wrap(line, width)) if line.strip() else "" for line in lines).splitlines()


def test_wrapped_paragraphs_are_joined_and_numbered_by_their_first_line() -> None:
    lines = _wrapped([*MENU, "", *(line for paragraph in PARAGRAPHS for line in (paragraph, ""))])
    joined, numbers = unwrapped(lines) or ([], [])
    assert [line for line in joined if line.strip()] == MENU + PARAGRAPHS
    assert all(line.startswith(lines[number - 1].rstrip()) for line, number in zip(joined, numbers, strict=True))
    assert numbers == sorted(set(numbers))
    assert len(lines) > len(joined)


def test_a_line_over_any_wrapper_width_leaves_the_dump_as_it_is() -> None:
    lines = [*_wrapped(PARAGRAPHS * 3), "A paragraph copied from a browser stays one line, however long it is: " * 2]
    assert unwrapped(lines) is None
    chinese = "市政府周三宣布将在明年扩建港口设施，以应对不断增长的货运需求。" * 4  # no space, but prose
    assert unwrapped([*_wrapped(PARAGRAPHS * 3), chinese]) is None


def test_a_link_address_may_overflow_the_width() -> None:
    address = "https://www.kurier.example/lokales/stadtrat-beschliesst-radweg-am-fluss-" + "x" * 60
    joined, _ = unwrapped([*_wrapped(PARAGRAPHS * 3), "", address]) or ([], [])
    assert joined[-1] == address
    assert PARAGRAPHS[0] in joined


def test_a_word_cut_after_its_hyphen_is_joined_without_a_space() -> None:
    lines = _wrapped(PARAGRAPHS * 3, width=100 - 3)
    assert any(line.endswith("Klima-") for line in lines)
    joined, _ = unwrapped(lines) or ([], [])
    assert sum("eine Klima-Bilanz des" in line for line in joined) == 3
    # Cut at the space after a suspended hyphen: "Vor- und Nachteile" keeps its space.
    suspended = ["Die Stadt wägt nach langer Debatte im Rat am Dienstag die Vor-", "und Nachteile des Radwegs ab."]
    assert (unwrapped(suspended * 8) or ([], []))[0] == [" ".join(suspended)] * 8


def test_a_block_a_rule_removes_or_a_photo_credit_ends_stays_apart() -> None:
    # Each full line takes the next line's first word as wrapped prose would, unless that line is an ad label or the
    # full line ends in a photo's credit.
    full = "Der Stadtrat hat am Dienstag den Bau eines Radwegs beschlossen."
    caption = "Am Ufer soll der neue Radweg entlangführen. Foto: Stadtverwaltung"
    prose = "Am Ufer soll der neue Radweg entlangführen, sagt die Verwaltung."
    apart = [full, "Advertisement", caption, "Der Rat stimmt im Mai ab.", ""] * 4
    assert (unwrapped(apart) or ([], []))[0] == apart
    joined = [full, "Anzeigen kamen dazu.", prose, "Der Rat stimmt im Mai ab.", ""] * 4
    assert (unwrapped(joined) or ([], []))[0] == [
        f"{full} Anzeigen kamen dazu.",
        f"{prose} Der Rat stimmt im Mai ab.",
        "",
    ] * 4


def test_a_wrapped_dump_gives_the_article_of_the_dump_it_was_cut_from() -> None:
    # The golden sample, cut at 72 columns as lynx or html2text would: the same article, its removed lines
    # numbered in the wrapped file (tests/cases/golden/scmp_sample_wrapped_72.json pins them).
    sample = json.loads((CASES / "golden" / "scmp_sample.json").read_text(encoding="utf-8"))
    wrapped_case = CASES / "golden" / "text" / "scmp_sample_wrapped_72.txt"
    extraction = extract_text_dump(wrapped_case.read_text(encoding="utf-8"))
    expected = sample["expected"]
    assert (extraction.title, extraction.summary, extraction.body_text) == (
        expected["title"],
        expected["summary"],
        expected["body"],
    )
    assert [removal["rule"] for removal in extraction.removed] == [rule for _, rule in expected["removed"]]
    wrapped_lines = wrapped_case.read_text(encoding="utf-8").splitlines()
    for removal in extraction.removed:
        assert removal["text"].startswith(wrapped_lines[removal["line"] - 1].strip())
    original = (REPO / sample["input"]).read_text(encoding="utf-8")
    assert unwrapped(original.splitlines()) is None
