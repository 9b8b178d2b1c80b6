"""The built-in rules (the last word on a body, and the warehouse's leak check), on lines they must catch
and lines they must leave alone."""

from __future__ import annotations

import pytest

from newsetl.clean.text.rules import BUILT_IN, GUARD, READING_TIME

RULES = {rule.id: rule for rule in BUILT_IN}

CATCHES = {
    "ad-label": [
        "Advertisement",
        "ADVERTISEMENT",
        "Anzeige",
        "- Anzeige -",
        "Publicité",
        "Sponsored content",
        "Werbung",
        "REKLAMA",
        "Reklam",
        "Mainos",
        "Annons",
        "Реклама",
        "Hirdetés",
    ],
    "ad-continue": ["Story continues below advertisement", "Continue reading the main story", "Scroll to continue"],
    "trust-banner": ["Why you can trust SCMP", "Why you can trust us"],
    "video-duration": ["06:35", "1:02:10", " 2:14 "],
    "share-bar": ["Share", "Share this article", "Teilen", "Facebook", "E-Mail", "WhatsApp", "Partager"],
    "reading-time": [
        "Reading Time:2 minutes",
        "Reading time: 5 min",
        "Lesezeit: 3 Min.",
        "4 min read",
        "Temps de lecture : 6 minutes",
    ],
    "copyright": ["© Nordkurier 2024", "Copyright 2020 The Courier"],
    "footer-link": ["Impressum", "Datenschutz", "Privacy Policy", "Mentions légales", "Back to top"],
    "server-error": [
        "Strict Standards: Non-static method nggGallery::i18n() should not be called statically in "
        "/www/htdocs/w00a2ebd/wp-content/plugins/nextgen-gallery/nggfunctions.php on line 52",
        "Deprecated: Assigning the return value of new by reference is deprecated in /www/htdocs/wp-settings.php on "
        "line 512",
        "Warning: Creating default object from empty value in /var/www/wp-includes/classes.php on line 1591",
    ],
}
LEAVES = {
    "ad-label": ["Advertisement revenue fell by 8 percent last year.", "Ads were everywhere."],
    "ad-continue": ["The story continues to develop, officials said."],
    "server-error": [
        "Warning: the river may flood on Tuesday, the agency said.",
        "Deprecated: the old ticket machines in the station will be removed in June.",
    ],
    "trust-banner": ["Why you can trust the data, according to the study, is unclear to many readers today."],
    "video-duration": ["The meeting ran from 10:30 to 12:00.", "2024"],
    "share-bar": ["Share prices rose on Monday.", "Facebook said it would appeal the ruling."],
    "reading-time": ["Reading time for children rose during lockdown, the survey found."],
    "copyright": ["Copyright law was reformed in 2019 after a long debate in parliament, the minister said today."],
    "footer-link": ["Kontakt zur Polizei bestand seit Montag nicht mehr."],
}


@pytest.mark.parametrize(("rule_id", "line"), [(r, line) for r, lines in CATCHES.items() for line in lines])
def test_rule_catches(rule_id: str, line: str) -> None:
    assert RULES[rule_id].pattern.search(line), f"{rule_id} should match {line!r}"


@pytest.mark.parametrize(("rule_id", "line"), [(r, line) for r, lines in LEAVES.items() for line in lines])
def test_rule_leaves_prose_alone(rule_id: str, line: str) -> None:
    assert not RULES[rule_id].pattern.search(line), f"{rule_id} should not match {line!r}"


@pytest.mark.parametrize(("line", "minutes"), [("Reading Time:2 minutes", "2"), ("4 min read", "4")])
def test_reading_time_captures_minutes(line: str, minutes: str) -> None:
    match = READING_TIME.pattern.match(line)
    assert match is not None
    assert (match.group("minutes") or match.group("minutes2")) == minutes


@pytest.mark.parametrize(("rule_id", "line"), [(r, line) for r, lines in CATCHES.items() for line in lines])
def test_the_guard_names_the_rule_a_drop_line_matches(rule_id: str, line: str) -> None:
    if RULES[rule_id].action != "drop":
        assert GUARD.first_match(line) is None
    else:
        assert GUARD.first_match(line) == rule_id


def test_the_guard_leaves_prose_alone() -> None:
    for lines in LEAVES.values():
        for line in lines:
            assert GUARD.first_match(line) is None, line
