"""Applying learned boilerplate in a dump: wherever the lines stand, after the source's own patterns."""

from __future__ import annotations

import re

from newsetl.clean import configured_rules, rules_version
from newsetl.clean.text import extract_text_dump
from newsetl.clean.text.learned import learned_lines, line_key
from newsetl.config import CleaningConfig, LearnedLines, PatternRule

P1 = "Der Gemeinderat hat am Dienstag beschlossen, den alten Fähranleger abzureißen und einen neuen zu bauen."
P2 = "Die Kosten von zwei Millionen Euro tragen das Land und die Gemeinde gemeinsam, sagte der Bürgermeister."
PROMOTION = "Hafenblatt-Leserreisen: Jetzt an die Ostsee"
DUMP = f"Neuer Fähranleger für Warnemünde\n{P1}\n  {PROMOTION}\t\n{P2}\nImpressum\n"
LEARNED = LearnedLines(rule="learned:hafenblatt", lines=frozenset({PROMOTION, "Impressum"}))


def test_learned_lines_leave_the_body_with_their_rule() -> None:
    extraction = extract_text_dump(DUMP, CleaningConfig(learned=LEARNED))
    assert extraction.body == [P1, P2]
    rules = {removal["text"].strip(): removal["rule"] for removal in extraction.removed}
    assert rules == {PROMOTION: "learned:hafenblatt", "Impressum": "learned:hafenblatt"}
    assert extraction.title == "Neuer Fähranleger für Warnemünde"


def test_without_learned_lines_the_promotion_leaks() -> None:
    assert PROMOTION in extract_text_dump(DUMP).body


def test_the_sources_own_patterns_come_first() -> None:
    cleaning = CleaningConfig(drop=(PatternRule("hafenblatt:footer", re.compile("^Impressum$")),), learned=LEARNED)
    rules = {removal["text"].strip(): removal["rule"] for removal in extract_text_dump(DUMP, cleaning).removed}
    assert rules["Impressum"] == "hafenblatt:footer"


def test_lines_are_matched_without_their_surrounding_whitespace() -> None:
    assert line_key(f"  {PROMOTION}\t") == PROMOTION
    assert learned_lines(["", f" {PROMOTION}", "Impressum", "x"], LEARNED, {2}) == {1: "learned:hafenblatt"}
    assert learned_lines([PROMOTION], None, ()) == {}


def test_the_rules_version_names_a_month_first_source() -> None:
    assert rules_version(CleaningConfig(month_first=True)) != rules_version(CleaningConfig())
    assert rules_version(CleaningConfig(month_first=True)).startswith(rules_version(CleaningConfig()) + "+")


def test_the_rules_version_names_the_learned_lines() -> None:
    plain = rules_version(CleaningConfig())
    learned = rules_version(CleaningConfig(learned=LEARNED))
    assert learned.startswith(plain + "~")
    assert learned != rules_version(CleaningConfig(learned=LearnedLines("learned:x", frozenset({"Impressum"}))))
    assert configured_rules(learned) == plain
    patterns = CleaningConfig(drop=(PatternRule("a:x", re.compile("^x$")),), learned=LEARNED)
    assert configured_rules(rules_version(patterns)) == rules_version(CleaningConfig(drop=patterns.drop))
