"""Built-in line rules: furniture recognised by its form alone, wherever it stands, with an id per rule.

They are the last word on a text dump's body (no body line may match one; the warehouse's leak check relies
on it) and clean paragraphs other extractors return. The article-locating vocabulary, much larger and
weighed in context, is in :mod:`newsetl.clean.text.phrases`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from newsetl.clean.text.cues import DIGIT_START, SYMBOL_START, WORD_RE, leading_words
from newsetl.clean.text.phrases import SERVER_ERROR

RuleAction = Literal["drop", "caption", "reading_time"]
_HEAD = 40
"""Enough of a line to hold its first word."""


@dataclass(frozen=True, slots=True)
class LineRule:
    id: str
    pattern: re.Pattern[str]
    action: RuleAction = "drop"


def _rule(rule_id: str, pattern: str, action: RuleAction = "drop") -> LineRule:
    return LineRule(rule_id, re.compile(pattern, re.IGNORECASE), action)


_AD_WORDS = (
    r"advertisements?|advertising|advertisment|ads?|sponsored(?: content| links?)?|promoted(?: content)?|"
    r"anzeigen?|werbung|publicit[ée]s?|publicidad|pubblicit[àa]|reklame|reklama|reklamy|reklam|advertentie|mainos|"
    r"annons|реклама|hirdetés"
)

_SHARE_TARGETS = (
    r"facebook|twitter|x|linkedin|whatsapp|telegram|pinterest|reddit|xing|threads|bluesky|mastodon|"
    r"e-?mail|mail|print|drucken|imprimer|copy link|link kopieren|tweet|pin it"
)

READING_TIME = _rule(
    "reading-time",
    r"^\s*(?:reading time|read time|time to read|lesezeit|lesedauer|temps de lecture|tiempo de lectura|"
    r"tempo di lettura|leestijd)\s*:?\s*(?:ca\.\s*)?(?P<minutes>\d{1,3})\s*(?:min(?:ute)?s?|minuten|mn)?\.?\s*$"
    r"|^\s*(?P<minutes2>\d{1,3})\s*(?:-\s*)?min(?:ute)?s?\.?\s+(?:read|lesezeit|de lecture|lectura)\s*$",
    "reading_time",
)

BUILT_IN: tuple[LineRule, ...] = (
    READING_TIME,
    _rule("ad-label", rf"^\s*[-–—(\[]*\s*(?:{_AD_WORDS})\s*[-–—)\]:]*\s*$"),
    _rule(
        "ad-continue",
        r"^\s*(?:story|article|text|artikel) continues? (?:below|after)\b.*$"
        r"|^\s*continue reading (?:below|the main story)\b.*$"
        r"|^\s*scroll (?:down )?to continue\b.*$|^\s*weiterlesen nach der anzeige\s*$",
    ),
    _rule("trust-banner", r"^\s*why you can trust\b.{0,40}$|^\s*warum sie .{0,30} vertrauen können.{0,20}$"),
    _rule("video-duration", r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}\s*$"),
    _rule(
        "share-bar",
        r"^\s*(?:(?:share(?: this(?: article| story)?)?|artikel teilen|teilen|partager|compartir|condividi)\s*:?\s*)?"
        rf"(?:(?:{_SHARE_TARGETS})\s*[|,·•/]?\s*)+$"
        r"|^\s*(?:share(?: this(?: article| story)?)?|artikel teilen|teilen|partager|compartir|condividi)\s*:?\s*$",
    ),
    _rule(
        "server-error",
        rf"^\s*{SERVER_ERROR}\s*$",
    ),
    # "Copyright law was reformed …" is prose: the word alone must be followed by a year, a © or "by".
    _rule("copyright", r"^\s*(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}|by\b)).{0,120}$"),
    _rule(
        "footer-link",
        r"^\s*(?:impressum|datenschutz(?:erklärung|hinweise)?|privacy(?: policy| notice)?|"
        r"terms(?: of (?:use|service))?|cookie[- ]?(?:settings|einstellungen|policy|richtlinie)|"
        r"kontakt|contact(?: us)?|mentions légales|"
        r"about us|über uns|agb|sitemap|nach oben|back to top|to top|accessibility|barrierefreiheit)\s*$",
    ),
)


class RuleSet:
    """Rules tried as one regex per first word (see :func:`leading_words`): the id of the first that matches."""

    def __init__(self, rules: tuple[LineRule, ...]) -> None:
        self._ids = {f"r{index}": rule.id for index, rule in enumerate(rules)}
        by_word: dict[str, list[str]] = {}
        for index, rule in enumerate(rules):
            for word in leading_words(rule.pattern.pattern):
                by_word.setdefault(word, []).append(f"(?P<r{index}>{rule.pattern.pattern})")
        self._patterns = {word: re.compile("|".join(found), re.IGNORECASE) for word, found in by_word.items()}

    def first_match(self, line: str) -> str | None:
        """The id of the first rule that matches ``line`` (stripped), else ``None``."""
        head = line[:_HEAD].lower()
        word = WORD_RE.match(head)
        key = SYMBOL_START if word is None else DIGIT_START if head[0].isdigit() else word.group()
        pattern = self._patterns.get(key)
        match = pattern.match(line) if pattern is not None else None
        return None if match is None else self._ids[match.lastgroup or ""]


GUARD = RuleSet(tuple(rule for rule in BUILT_IN if rule.action == "drop"))
"""The built-in drop rules, applied to every body line of a dump."""
