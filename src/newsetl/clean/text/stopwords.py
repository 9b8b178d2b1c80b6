"""Stop words of the languages our sources write, and a page's language guessed from them.

Prose is dense in stop words ("der", "the", "le"); menus, captions and link lists are not. The lists are
small on purpose: they only need to tell prose from furniture and vote for a page's language, which costs a
set look-up per word instead of a model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "de": _wordset(
        "der die das den dem des ein eine einen einem einer eines und oder aber auch als an auf aus bei bis "
        "durch für gegen in im ins mit nach über um unter von vom vor zu zum zur nicht noch nur schon sehr "
        "so wie wir ich du er sie es ihr ihre ihren ihrem ihrer sein seine seinen seinem seiner sich man "
        "ist sind war waren wird werden wurde wurden hat haben hatte hatten kann können muss müssen soll "
        "sollen will wollen dass daß wenn weil denn doch dann da hier dort diese dieser dieses diesen diesem "
        "jetzt mehr viel viele alle allem allen einige kein keine keinen mich mir uns euch wieder "
        "was wer wo wann warum bereits sowie zwischen seit ob ab gibt gab sei wäre würde"
    ),
    "en": _wordset(
        "the a an and or but if then than that this these those is are was were be been being has have had "
        "do does did of to in on at by for with from into about as it its it's he she they we you i his her "
        "their our your my not no so also which who whom what when where why how there here can could will "
        "would should may might must more most some any all such only other one over after before while "
        "because during between under again very just them him us me said says"
    ),
    "fr": _wordset(
        "le la les un une des du de d l et ou mais donc car ni que qui quoi dont où ce cet cette ces il elle "
        "ils elles on nous vous je tu se sa son ses leur leurs notre nos votre vos est sont était étaient "
        "être a ont avait avoir fait pour par avec sans sur sous dans en au aux pas plus ne y comme aussi "
        "très tout tous toutes même si été entre après avant depuis lors"
    ),
    "es": _wordset(
        "el la los las un una unos unas y o pero que de del al en con por para sin sobre entre es son era "
        "fue ser estar está están ha han había se su sus le les lo como más muy también ya no sí este esta "
        "estos estas ese esa eso cuando donde porque hasta desde nos me mi tu él ella ellos hay"
    ),
    "it": _wordset(
        "il lo la i gli le un uno una e o ma che di del della dei degli delle da dal dalla in nel nella con "
        "su sul sulla per tra fra non è sono era erano essere ha hanno aveva si suo sua suoi come più anche "
        "molto questo questa quello quella quando dove perché se già ci ne al alla ai agli"
    ),
    "nl": _wordset(
        "de het een en of maar dat die dit deze van in op aan met voor door naar bij uit over onder tot om "
        "te niet geen ook nog al wel is zijn was waren wordt worden werd heeft hebben had kan kunnen zal "
        "zou moet hij zij ze wij we ik je u hun haar zich als dan wanneer waar omdat er hier daar meer"
    ),
    "pt": _wordset(
        "o a os as um uma uns umas e ou mas que de do da dos das em no na nos nas com por para sem sobre "
        "entre é são era foi ser estar está estão tem têm se seu sua seus suas ele ela eles elas como mais "
        "muito também já não sim este esta isso isto quando onde porque até desde ao aos"
    ),
    "ar": _wordset("في من على إلى عن أن إن التي الذي هذا هذه ذلك كان كانت مع بين قد لا ما هو هي"),
}
ALL_STOPWORDS: frozenset[str] = frozenset().union(*STOPWORDS.values())
"""For pages in a language without a list: any of them counts (prose still scores above menus)."""

CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})

# Only words of one language vote: "de", "la", "que", "in" say little about which language a page is in.
_LANGUAGE_OF_WORD: dict[str, str] = {}
for _language, _words in STOPWORDS.items():
    for _word in _words:
        _LANGUAGE_OF_WORD[_word] = "" if _word in _LANGUAGE_OF_WORD else _language

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# The sample: the page's longer lines (prose, if it has any), enough of them to vote.
_SAMPLE_MIN_LINE = 60
_SAMPLE_LINES = 40
_SAMPLE_CHARS = 2_000
_SCRIPT_SHARE = 0.15
# Latin, Greek, Cyrillic and Hebrew come before U+0600: no script to tell a language by.
_NON_LATIN = re.compile("[\u0600-\uffff]")
# A vote is conclusive with this many words for the winner, twice the runner-up's, and a share of all words.
_MIN_VOTES = 8
_MIN_LEAD = 2.0
_MIN_SHARE = 0.05


def stopwords_for(language: str | None) -> frozenset[str]:
    return STOPWORDS.get(language or "", ALL_STOPWORDS)


def guess_language(lines: Sequence[str]) -> str | None:
    """ISO 639-1 code of a page from its script or a stop-word vote over its long lines; ``None`` when unsure.

    Unsure means: a language without a stop-word list here, or too little prose to tell.
    """
    sample = _sample(lines)
    if not sample:
        return None
    return _by_script(sample) or _by_vote(sample)


def _sample(lines: Sequence[str]) -> str:
    taken: list[str] = []
    size = 0
    for line in lines:
        if len(line) > _SAMPLE_MIN_LINE:
            taken.append(line)
            size += len(line)
            if size >= _SAMPLE_CHARS or len(taken) >= _SAMPLE_LINES:
                break
    return "\n".join(taken or lines)[:_SAMPLE_CHARS]


def _by_script(sample: str) -> str | None:
    if _NON_LATIN.search(sample) is None:
        return None
    enough = _SCRIPT_SHARE * len(sample)
    han, kana, hangul = (len(script.findall(sample)) for script in (_HAN, _KANA, _HANGUL))
    if kana > enough / 3 and han + kana > enough:
        return "ja"
    if hangul > enough:
        return "ko"
    if han > enough:
        return "zh"
    if len(_ARABIC.findall(sample)) > enough:
        # Persian and Urdu share the script: only Arabic's own stop words make it Arabic.
        arabic = STOPWORDS["ar"]
        return "ar" if sum(word in arabic for word in sample.split()) >= _MIN_VOTES else None
    return None


def _by_vote(sample: str) -> str | None:
    words = sample.lower().split()
    votes = Counter(filter(None, map(_LANGUAGE_OF_WORD.get, words)))
    (best, count), (_second, runner_up) = [*votes.most_common(2), ("", 0), ("", 0)][:2]
    if count < _MIN_VOTES or count < _MIN_LEAD * runner_up or count < _MIN_SHARE * len(words):
        return None
    return best
