"""Synthetic articles: what a page says, before it is rendered as a text dump, an HTML page or a JSON record.

Every article is drawn from its own generator seeded by ``(seed, kind, index)``, so article 7 is the same
whether the corpus has 10 or 100,000 documents: a small corpus is a prefix of a big one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsetl.bench._vocabulary import (
    AGENCIES,
    CHINESE_SENTENCES,
    FIRST_NAMES,
    LANGUAGES,
    LAST_NAMES,
    SITES,
    Language,
)

_CHINESE_SHARE = 0.03
# Each article also writes about its own things: names, places, terms no other article uses. Without them every
# article of a language would share nearly all its words (near-duplicates to MinHash, one giant story cluster).
_SYLLABLES = (
    "ka",
    "lo",
    "ren",
    "ta",
    "mi",
    "sor",
    "vel",
    "dan",
    "ber",
    "ist",
    "ul",
    "mar",
    "te",
    "no",
    "ga",
    "fin",
    "or",
    "ley",
    "pa",
    "dro",
    "sel",
    "vik",
    "ham",
    "tu",
)
_TOPIC_WORDS = 150
_TOPIC_SHARE = 0.6
_EPOCH = datetime(2024, 1, 1)


@dataclass(frozen=True, slots=True)
class Article:
    index: int
    language: Language
    chinese: bool
    """Title and body in Chinese (furniture stays in the site's language)."""
    site: str
    title: str
    bullets: tuple[str, ...]
    authors: tuple[str, ...]
    published: datetime
    paragraphs: tuple[str, ...]
    caption: str | None
    agency: str
    video_title: str | None
    related: tuple[str, ...]
    reading_minutes: int

    @property
    def url(self) -> str:
        slug = "-".join(self.title.lower().split()[:6]) if not self.chinese else f"zh-{self.index}"
        return f"https://{self.site.lower().replace(' ', '-')}.example/{self.published:%Y/%m/%d}/{slug}-{self.index}"

    def dateline(self) -> str:
        moment, months = self.published, self.language.months
        if self.language.date_style == "mdy":
            return f"{months[moment.month - 1]} {moment.day}, {moment.year} {moment:%H:%M}"
        if self.language.code == "de":
            return f"{moment.day}. {months[moment.month - 1]} {moment.year}, {moment:%H:%M} Uhr"
        return f"{moment.day} {months[moment.month - 1]} {moment.year} {moment:%H:%M}"


def make_article(seed: int, kind: str, index: int) -> Article:
    rng = random.Random(f"{seed}:{kind}:{index}")
    language = rng.choice(LANGUAGES)
    chinese = rng.random() < _CHINESE_SHARE
    topic = tuple("".join(rng.choices(_SYLLABLES, k=rng.randint(2, 4))) for _ in range(_TOPIC_WORDS))
    paragraphs = tuple(_paragraph(rng, language, chinese, topic) for _ in range(rng.randint(10, 20)))
    return Article(
        index=index,
        language=language,
        chinese=chinese,
        site=rng.choice(SITES),
        title=rng.choice(CHINESE_SENTENCES).rstrip("。") if chinese else _title(rng, language),
        bullets=tuple(_sentence(rng, language, 10, 18) for _ in range(rng.choice((0, 0, 1, 2)))),
        authors=tuple(_name(rng) for _ in range(rng.choice((1, 1, 1, 2)))),
        published=_EPOCH + timedelta(minutes=rng.randrange(60 * 24 * 365)),
        paragraphs=paragraphs,
        caption=_sentence(rng, language, 6, 14).rstrip(".") if rng.random() < 0.6 else None,
        agency=rng.choice(AGENCIES),
        video_title=_title(rng, language) if rng.random() < 0.3 else None,
        related=tuple(_title(rng, language) for _ in range(rng.randint(3, 6))),
        reading_minutes=rng.randint(2, 9),
    )


def _title(rng: random.Random, language: Language) -> str:
    words = rng.choices(language.words[20:], k=rng.randint(5, 10))
    return " ".join(words).capitalize()


def _sentence(rng: random.Random, language: Language, shortest: int, longest: int) -> str:
    return " ".join(rng.choices(language.words, k=rng.randint(shortest, longest))).capitalize() + "."


def _paragraph(rng: random.Random, language: Language, chinese: bool, topic: tuple[str, ...]) -> str:
    if chinese:
        return "".join(rng.choices(CHINESE_SENTENCES, k=rng.randint(3, 6)))
    return " ".join(_topical_sentence(rng, language, topic) for _ in range(rng.randint(2, 5)))


def _topical_sentence(rng: random.Random, language: Language, topic: tuple[str, ...]) -> str:
    words = [rng.choice(topic) if rng.random() < _TOPIC_SHARE else rng.choice(language.words) for _ in range(15)]
    return " ".join(words[: rng.randint(8, 15)]).capitalize() + "."


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
