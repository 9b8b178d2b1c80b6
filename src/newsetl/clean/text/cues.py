"""Which boilerplate family a line belongs to, if any: the phrase tables compiled for speed.

A dump has ~200 lines and the budget is ~1 ms a document, so a line may not try hundreds of phrases. Each
line meets at most: one dict look-up (whole-line phrases), one regex made of only the phrases its first word
can start (the first words are derived from the phrases themselves, see :func:`leading_words`), one regex of
the ``anywhere`` phrases if one of their leading words occurs, and one for symbol lines ("A › B › C").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from newsetl.clean.text.phrases import (
    AD_WORDS,
    FAMILIES,
    LONG_LINE,
    READER_WORDS,
    SHARE_FILLERS,
    SHARE_NOT_NETWORKS,
    SHARE_TARGETS,
    SHORT_LINE,
    SYMBOL_PATTERNS,
    SYMBOL_ROLES,
    SYMBOL_TRIGGERS,
    CueRole,
)

WORD_RE = re.compile(r"\w+")
_FIRST_WORD_RE = re.compile(r"[^\W\d_]\w*")
DIGIT_START = "#"
"""Dispatch key of lines (and phrases) that begin with a digit."""
SYMBOL_START = ""
"""Dispatch key of lines (and phrases) that begin with a symbol."""

# Only lines this short can be a whole-line phrase or an ad label; a share bar may name a dozen networks.
_WHOLE_LINE_MAX = 80
_MAX_PHRASE_WORDS = 8
# A share word deep inside a line is prose ("… shared the news on Monday …").
_SHARE_CTA_HEAD, _SHARE_CTA_TAIL = 50, 40
_SENTENCE_WORDS = 6
_FORMAL_YOU = re.compile(r"[a-zäöüß,] (?:Sie|Ihnen|Ihr|Ihre[mnrs]?)\b")
_VIDEO_DURATION = re.compile(r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*min\.?)?")
_AD_SET = frozenset(AD_WORDS)
_AD_RUN = re.compile("(?:" + "|".join(sorted(AD_WORDS, key=len, reverse=True)) + ")+")
_SHARE_SET = frozenset(SHARE_TARGETS) | frozenset(SHARE_FILLERS)
_SHARE_NETWORKS = frozenset(SHARE_TARGETS) - SHARE_NOT_NETWORKS
_SYMBOL_CHARS = re.compile("[" + re.escape(SYMBOL_TRIGGERS) + "]")
_SEPARATORS = re.compile(r"\s*[|•·]\s*")

ROLES: dict[str, CueRole] = {family.rule: family.role for family in FAMILIES} | SYMBOL_ROLES
"""Role of every cue rule id."""
ROLES |= {"video-duration": "inline", "share-bar": "furniture"}


def line_cue(line: str) -> str | None:
    """The family of one line or paragraph, short or long (``short_cue``, ``long_cue``)."""
    text = line.strip()
    if not text:
        return None
    low = text.lower()
    return short_cue(text, low, WORD_RE.findall(low)) if len(text) <= SHORT_LINE else long_cue(low)


def short_cue(text: str, low: str, tokens: Sequence[str]) -> str | None:
    """The family of a line of at most ``SHORT_LINE`` characters (``text`` stripped, ``low`` its lower case,
    ``tokens`` its words)."""
    first = low[0]
    if first.isalpha():
        # Most lines: the first word starts no phrase and no cue word occurs, so no table is tried.
        starts = _STARTS.get(tokens[0])
        whole = tokens[0] in _WHOLE_LINE_HEADS
    else:
        starts = _STARTS.get(DIGIT_START if first.isdigit() else SYMBOL_START)
        whole = True
    if whole:
        rule = _whole_line_rule(text, tokens)
        if rule is not None:
            return rule
    match = starts.match(low) if starts is not None else None
    if match is None and not _ANYWHERE_TRIGGERS.isdisjoint(tokens):
        match = _anywhere(low, tokens)
        if match is not None and (_is_prose_share(match, len(low)) or _is_sentence(text, low, tokens)):
            match = None
    if match is not None:
        return _RULE_OF_GROUP[match.lastgroup or ""]
    if len(tokens) == 1 and _AD_RUN.fullmatch(tokens[0]):
        return "ad-label"
    return None if _SYMBOL_CHARS.search(text) is None else _symbol_rule(text, low)


def _anywhere(low: str, tokens: Sequence[str]) -> re.Match[str] | None:
    """The first ``anywhere`` phrase in the line, searched only among the phrases its words can start: one regex of
    all of them tried every alternative at every position of every line that held any cue word."""
    found = [
        match for word in _ANYWHERE_TRIGGERS.intersection(tokens) if (match := _ANYWHERE_BY_WORD[word].search(low))
    ]
    if len(found) < 2:
        return found[0] if found else None
    # As one regex would: the leftmost match, and at one place the family listed first.
    return min(found, key=lambda match: (match.start(), _RULES.index(_RULE_OF_GROUP[match.lastgroup or ""])))


def long_cue(low: str) -> str | None:
    """The family of a line longer than ``SHORT_LINE``: only whole-paragraph furniture (consent, newsletter)."""
    if len(low) > LONG_LINE:
        return None
    head = _FIRST_WORD_RE.match(low)
    starts = _LONG_STARTS.get(head.group() if head else SYMBOL_START)
    match = starts.match(low) if starts is not None else None
    # Substrings are a superset of words here: the regex decides.
    if match is None and any(word in low for word in _LONG_TRIGGERS):
        match = _LONG_ANYWHERE.search(low)
    return None if match is None else _RULE_OF_GROUP[match.lastgroup or ""]


def _symbol_rule(text: str, low: str) -> str | None:
    if not _SYMBOL_CHARS.search(text):
        return None
    # "Impressum | Datenschutz | AGB": menu or footer items on one line.
    parts = [" ".join(WORD_RE.findall(part)) for part in _SEPARATORS.split(low)]
    if len(parts) > 1 and all(part in _LINE_PHRASES for part in parts):
        return _LINE_PHRASES[parts[0]]
    match = _SYMBOLS.match(low)
    return None if match is None else _RULE_OF_GROUP[match.lastgroup or ""]


def _whole_line_rule(text: str, tokens: Sequence[str]) -> str | None:
    if not tokens:
        return None
    if len(text) <= _WHOLE_LINE_MAX:
        if text[0].isdigit() and _VIDEO_DURATION.fullmatch(text):
            return "video-duration"
        rule = _LINE_PHRASES.get(" ".join(tokens)) if len(tokens) <= _MAX_PHRASE_WORDS else None
        if rule is not None:
            return rule
        if _AD_SET.issuperset(tokens):
            return "ad-label"
    if _SHARE_SET.issuperset(tokens) and not _SHARE_NETWORKS.isdisjoint(tokens):
        return "share-bar"
    return None


def _is_sentence(text: str, low: str, tokens: Sequence[str]) -> bool:
    """A full sentence that mentions a cue word is prose ("The minister declined to comment."), unless it
    addresses the reader as furniture does ("Notify me of new comments", "Your e-mail will not be shown",
    German's capitalised "Sie" in mid-sentence: "… müssen Sie angemeldet sein")."""
    if len(tokens) < _SENTENCE_WORDS or low.rstrip("\"'”’»)")[-1:] not in ".!?":
        return False
    return "!" not in low and READER_WORDS.isdisjoint(tokens) and _FORMAL_YOU.search(text) is None


def _is_prose_share(match: re.Match[str], length: int) -> bool:
    return match.lastgroup == _GROUP_OF_RULE["share-cta"] and (
        match.start() > _SHARE_CTA_HEAD or length - match.end() > _SHARE_CTA_TAIL
    )


# ---- leading words: which first words a phrase's match can begin with -------------------------------------


@dataclass(frozen=True, slots=True)
class _Atom:
    kind: str
    """``lit`` (chars: one literal), ``class`` (chars: any of them), ``group`` (alternatives), ``edge`` (``^``),
    ``boundary`` (``\\b``), ``stop`` (a non-word character or the end), ``digit``, ``any`` (anything else)."""
    chars: str = ""
    alternatives: tuple[tuple[_Atom, ...], ...] = ()
    optional: bool = False
    repeats: bool = False


class PhraseError(ValueError):
    """A phrase whose first word cannot be told from its pattern (it would never be tried)."""


def leading_words(pattern: str) -> frozenset[str]:
    """The lower-case first words a match of ``pattern`` can begin with.

    ``DIGIT_START`` stands for a match that begins with a digit, ``SYMBOL_START`` for one that begins with a
    symbol. Raises :class:`PhraseError` when a first word is not spelled out (``\\w+ news``).
    """
    alternatives, end = _parse(pattern, 0)
    if end != len(pattern):
        raise PhraseError(f"unbalanced parenthesis in {pattern!r}")
    return frozenset(_words((_Atom("group", alternatives=tuple(alternatives)),), ""))


def _words(atoms: Sequence[_Atom], word: str) -> Iterator[str]:
    if not atoms:
        yield _finish(word)
        return
    atom, rest = atoms[0], atoms[1:]
    if atom.optional:
        yield from _words(rest, word)
    if atom.kind == "edge" or (atom.kind == "boundary" and not word):
        yield from _words(rest, word)
    elif atom.kind == "group":
        for alternative in atom.alternatives:
            yield from _words((*alternative, *rest), word)
    elif atom.kind in ("lit", "class"):
        yield from _after_chars(atom, rest, word)
    elif atom.kind in ("stop", "boundary"):
        yield _finish(word)
    elif atom.kind == "digit":
        # "lesezeit5" would be one token: a phrase's word glued to a number is not worth a dispatch key.
        yield _finish(word) if word else DIGIT_START
    else:
        raise PhraseError(f"a first word continues with {atom.kind!r} after {word!r}: spell it out")


def _after_chars(atom: _Atom, rest: Sequence[_Atom], word: str) -> Iterator[str]:
    for char in atom.chars:
        if not (char.isalnum() or char == "_"):
            yield _finish(word)
        elif atom.repeats:
            raise PhraseError(f"a repeated word character ({char!r}+) after {word!r}: spell the word out")
        else:
            yield from _words(rest, word + char)


def _finish(word: str) -> str:
    if word[:1].isdigit():
        return DIGIT_START
    return word.lower()


_ESCAPE_KINDS = {"b": "boundary", "s": "stop", "W": "stop", "d": "digit"}
_QUANTIFIERS = re.compile(r"[?*+]\??|\{(\d*),?(\d*)\}\??")


def _parse(pattern: str, position: int) -> tuple[list[tuple[_Atom, ...]], int]:
    """Alternatives of ``pattern`` from ``position`` up to the closing parenthesis (or the end)."""
    alternatives: list[tuple[_Atom, ...]] = []
    sequence: list[_Atom] = []
    while position < len(pattern) and pattern[position] != ")":
        char = pattern[position]
        if char == "|":
            alternatives.append(tuple(sequence))
            sequence, position = [], position + 1
            continue
        atom, position = _atom(pattern, position)
        atom, position = _quantified(atom, pattern, position)
        sequence.append(atom)
    alternatives.append(tuple(sequence))
    return alternatives, position


_SIMPLE_KINDS = {"^": "edge", "$": "stop", ".": "any"}


def _atom(pattern: str, position: int) -> tuple[_Atom, int]:
    char = pattern[position]
    if char == "\\":
        escaped = pattern[position + 1]
        atom = _Atom("lit", escaped) if not escaped.isalnum() else _Atom(_ESCAPE_KINDS.get(escaped, "any"))
        return atom, position + 2
    if char == "[":
        return _char_class(pattern, position)
    if char == "(":
        return _group(pattern, position)
    kind = _SIMPLE_KINDS.get(char)
    return (_Atom("lit", char) if kind is None else _Atom(kind)), position + 1


def _char_class(pattern: str, position: int) -> tuple[_Atom, int]:
    """``[...]`` as the characters it holds; ``any`` when negated, with a range, ``\\d`` or ``\\w``."""
    members, plain = [], pattern[position + 1] != "^"
    index = position + 1
    while True:
        char = pattern[index]
        if char == "]" and index > position + 1:
            break
        if char == "\\":
            escaped = pattern[index + 1]
            if escaped.isalnum():
                plain = plain and escaped == "s"
            else:
                members.append(escaped)
            index += 2
            continue
        if char == "-" and members and pattern[index + 1] != "]":
            plain = False
        members.append(char)
        index += 1
    return (_Atom("class", "".join(members)) if plain else _Atom("any")), index + 1


def _group(pattern: str, position: int) -> tuple[_Atom, int]:
    start = position + 1
    if pattern.startswith("?:", start):
        start += 2
    elif pattern.startswith("?P<", start):
        start = pattern.index(">", start) + 1
    elif pattern.startswith("?", start):
        raise PhraseError(f"look-arounds cannot start a phrase: {pattern!r}")
    alternatives, end = _parse(pattern, start)
    return _Atom("group", alternatives=tuple(alternatives)), end + 1


def _quantified(atom: _Atom, pattern: str, position: int) -> tuple[_Atom, int]:
    match = _QUANTIFIERS.match(pattern, position)
    if match is None:
        return atom, position
    text = match.group()
    if text[0] == "{":
        low, high = match.group(1) or "0", match.group(2)
        optional, repeats = low == "0", high != "1" if high else low not in ("0", "1")
    else:
        optional, repeats = text[0] in "?*", text[0] in "*+"
    return _Atom(atom.kind, atom.chars, atom.alternatives, optional, repeats), match.end()


# ---- the compiled tables ----------------------------------------------------------------------------------


def _group_name(index: int) -> str:
    return f"f{index}"


_RULES = list(dict.fromkeys([family.rule for family in FAMILIES] + [rule for rule, _pattern in SYMBOL_PATTERNS]))
_RULE_OF_GROUP = {_group_name(index): rule for index, rule in enumerate(_RULES)}
_GROUP_OF_RULE = {rule: group for group, rule in _RULE_OF_GROUP.items()}


def _combined(phrases: Iterable[tuple[str, str]]) -> re.Pattern[str]:
    """One regex of named groups (one per rule, in family order) over ``(rule, pattern)`` phrases."""
    by_rule: dict[str, list[str]] = defaultdict(list)
    for rule, pattern in phrases:
        by_rule[rule].append(pattern)
    groups = [f"(?P<{_GROUP_OF_RULE[rule]}>{'|'.join(by_rule[rule])})" for rule in _RULES if rule in by_rule]
    return re.compile("|".join(groups), re.IGNORECASE)


def _dispatched(phrases: Iterable[tuple[str, str]]) -> dict[str, re.Pattern[str]]:
    """First word → one regex of the phrases that can start with it."""
    by_word: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rule, pattern in phrases:
        for word in leading_words(pattern):
            by_word[word].append((rule, pattern))
    return {word: _combined(found) for word, found in by_word.items()}


def _triggers(phrases: Iterable[tuple[str, str]]) -> frozenset[str]:
    return frozenset(word for _rule, pattern in phrases for word in leading_words(pattern))


def _phrases(field: str) -> list[tuple[str, str]]:
    return [(family.rule, pattern) for family in FAMILIES for pattern in getattr(family, field)]


def _line_phrases() -> dict[str, str]:
    table: dict[str, str] = {}
    for family in FAMILIES:
        for phrase in filter(None, family.lines.split("|")):
            table.setdefault(" ".join(WORD_RE.findall(phrase)), family.rule)
    return table


_LINE_PHRASES = _line_phrases()
# First words of whole-line rules: a line that starts with another word skips them.
_WHOLE_LINE_HEADS = frozenset(phrase.split()[0] for phrase in _LINE_PHRASES) | _AD_SET | _SHARE_SET
_STARTS = _dispatched(_phrases("starts"))
_ANYWHERE_BY_WORD = _dispatched(_phrases("anywhere"))
_ANYWHERE_TRIGGERS = frozenset(_ANYWHERE_BY_WORD)
_LONG_STARTS = _dispatched(_phrases("long_starts"))
_LONG_ANYWHERE = _combined(_phrases("long_anywhere"))
_LONG_TRIGGERS = _triggers(_phrases("long_anywhere"))
_SYMBOLS = _combined(SYMBOL_PATTERNS)

__all__ = [
    "DIGIT_START",
    "ROLES",
    "SHORT_LINE",
    "SYMBOL_START",
    "PhraseError",
    "leading_words",
    "long_cue",
    "short_cue",
]
