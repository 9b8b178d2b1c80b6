"""Each built-in text-dump rule, on lines it must catch and lines it must leave alone."""

from __future__ import annotations

import re

import pytest

from newsetl.clean.text import extract_text_dump
from newsetl.clean.text.rules import BUILT_IN, CAPTION_CREDIT, READING_TIME
from newsetl.config import CleaningConfig, PatternRule

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
    "caption-credit": [
        "Wang Yi (centre) at the meeting. Photo: AP",
        "Das Kraftwerk. Foto: Jens Büttner/dpa",
        "Crowds on the pier (Photo by Reuters)",
        "Le maire. Crédit photo : AFP",
    ],
}
LEAVES = {
    "ad-label": ["Advertisement revenue fell by 8 percent last year.", "Ads were everywhere."],
    "ad-continue": ["The story continues to develop, officials said."],
    "trust-banner": ["Why you can trust the data, according to the study, is unclear to many readers today."],
    "video-duration": ["The meeting ran from 10:30 to 12:00.", "2024"],
    "share-bar": ["Share prices rose on Monday.", "Facebook said it would appeal the ruling."],
    "reading-time": ["Reading time for children rose during lockdown, the survey found."],
    "caption-credit": ["He said the photo: was taken in 1998, long before the war started in the region."],
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


def test_caption_credit_splits_text_and_credit() -> None:
    match = CAPTION_CREDIT.pattern.match("Wang Yi (centre) made the appeal on Wednesday. Photo: AP")
    assert match is not None
    assert match.group("text") == "Wang Yi (centre) made the appeal on Wednesday."
    assert match.group("credit") == "AP"


DUMP = """Headline of the story

Reading Time: 3 minutes
First paragraph of the story, long enough to be prose.
02:10

Video title shown under the player

Video title shown under the player
Second paragraph of the story.
Credit line only for the photo. Photo: Reuters
Third paragraph, and First paragraph of the story, long enough to be prose.
First paragraph of the story, long enough to be prose.
"""


def test_context_rules_video_title_and_repeats() -> None:
    extraction = extract_text_dump(DUMP)
    rules = {removal["text"]: removal["rule"] for removal in extraction.removed}
    assert rules["02:10"] == "video-duration"
    assert rules["Video title shown under the player"] in {"video-title", "repeated-line"}
    assert [r["rule"] for r in extraction.removed].count("video-title") == 1
    assert [r["rule"] for r in extraction.removed].count("repeated-line") == 2
    assert extraction.body == [
        "First paragraph of the story, long enough to be prose.",
        "Second paragraph of the story.",
        "Third paragraph, and First paragraph of the story, long enough to be prose.",
    ]


def test_every_nonblank_line_is_accounted_for() -> None:
    extraction = extract_text_dump(DUMP)
    placed = {extraction.title, *extraction.body} | {r["text"] for r in extraction.removed}
    for line in DUMP.splitlines():
        if line.strip():
            assert line.strip() in placed or line in placed


def test_source_patterns_drop_and_win_over_built_in_rules() -> None:
    cleaning = CleaningConfig(
        drop=(PatternRule("site:menu", re.compile(r"^(Home|News)$")),),
        captions=(PatternRule("site:caption", re.compile(r"^Pictured: ")),),
    )
    text = "A headline here\nHome\nNews\nPictured: the harbour at dusk\nThe body paragraph of the article.\n"
    extraction = extract_text_dump(text, cleaning)
    assert extraction.body == ["The body paragraph of the article."]
    assert [r["rule"] for r in extraction.removed] == ["site:menu", "site:menu", "site:caption"]
    assert extraction.captions == [{"text": "Pictured: the harbour at dusk", "credit": None}]


def test_header_finds_bullets_byline_and_dateline() -> None:
    text = (
        "Ferry operator cuts sailings\n\n  • First bullet of the summary\n  • Second bullet\n"
        "By Jane Leung and Tom Wright\nPublished: 9:15am, 14 Jun 2024\nThe body starts here with a sentence.\n"
    )
    extraction = extract_text_dump(text)
    assert extraction.title == "Ferry operator cuts sailings"
    assert extraction.summary == "First bullet of the summary\nSecond bullet"
    assert extraction.authors == ["Jane Leung", "Tom Wright"]
    assert extraction.published_at == "2024-06-14T09:15:00Z"
    assert extraction.body == ["The body starts here with a sentence."]


def test_page_title_with_site_name_yields_to_the_repeated_headline() -> None:
    text = "Harbour festival draws crowds | The Courier\nHome\nSport\nHarbour festival draws crowds\nBody text.\n"
    extraction = extract_text_dump(text)
    assert extraction.title == "Harbour festival draws crowds"
    assert {r["rule"] for r in extraction.removed} == {"before-title"}
    assert extraction.body == ["Body text."]
