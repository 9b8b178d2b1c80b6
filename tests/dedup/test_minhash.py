"""MinHash signatures: copies with small edits score high, different stories low, and signatures are stable."""

from __future__ import annotations

import re

from newsetl.dedup.minhash import NUM_PERM, signature, similarity

STORY = (
    "Rail workers will stage a 48-hour strike from Saturday morning after talks with operators over a new pay "
    "agreement broke down on Thursday night, their union said. The union is asking for an increase of 8 percent "
    "over two years. Operators have offered 5 percent and a one-off payment, which the union called insufficient "
    "given the rise in living costs. Regional and long-distance services will be severely disrupted, and "
    "operators advised passengers to postpone journeys that were not essential."
)
OTHER = (
    "The largest solar farm in the region was connected to the grid on Saturday, its operator said. The "
    "180-megawatt plant covers about 250 hectares of former farmland and will supply the equivalent of 55,000 "
    "households. Sheep will graze between the rows of panels, an arrangement the operator said would keep the "
    "land in agricultural use. Construction took 14 months and employed up to 300 people at its peak."
)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_a_signature_has_one_value_per_permutation() -> None:
    values = signature(_words(STORY))
    assert values is not None
    assert len(values) == NUM_PERM
    assert all(0 <= value < 2**32 for value in values)


def test_identical_text_is_identical_whatever_the_case() -> None:
    assert signature(_words(STORY)) == signature(_words(STORY.upper()))


def test_a_copy_with_small_edits_is_similar_and_another_story_is_not() -> None:
    edited = STORY.replace("on Thursday night", "late on Thursday night") + " This story was provided by Wire."
    original, copy, other = (signature(_words(text)) for text in (STORY, edited, OTHER))
    assert original is not None
    assert copy is not None
    assert other is not None
    assert similarity(original, copy) > 0.7
    assert similarity(original, other) < 0.1


def test_too_short_a_text_has_no_signature() -> None:
    assert signature(["Advertisement"]) is None
    assert signature(_words("Read more on our website today")) is None


def test_signatures_do_not_change_between_versions_of_the_library() -> None:
    # Stored signatures are compared with new ones for ever; if this fails, change SCHEME so they are recomputed.
    values = signature(_words(STORY))
    assert values is not None
    assert values[:4] == [37141415, 140474675, 13407804, 15990572]


def test_signatures_are_what_datasketch_computes_from_the_same_shingle_hashes() -> None:
    # The minimum is computed here rather than by MinHash.update_batch; the two must agree value for value.
    import random

    from datasketch import MinHash

    from newsetl.dedup.minhash import SCHEME, _shingle_hashes

    assert SCHEME.startswith("datasketch-affine32-")
    vocabulary = [f"w{number}" for number in range(300)] + _words(STORY) + _words(OTHER)
    generator = random.Random(7)
    for length in (10, 11, 57, 400, 2500):
        words = [generator.choice(vocabulary) for _ in range(length)]
        reference = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32", hashfunc=int)
        reference.update_batch(_shingle_hashes(words).tolist())
        assert signature(words) == reference.hashvalues.tolist()


def test_a_copy_hyphenated_for_the_browser_is_the_same_text() -> None:
    # Extraction drops soft hyphens (&shy;) and byte-order marks from bodies; the word list drops them too (bodies
    # stored before that hold them) and a zero-width space, which bodies keep.
    from newsetl.clean.extraction import count_words, words

    hyphenated = STORY.replace("agreement", "agree\u00adment").replace("passengers", "pas\u00adsen\u00adgers")
    hyphenated = hyphenated.replace("disrupted", "dis\u200brupted") + "\ufeff"
    assert count_words(hyphenated) == count_words(STORY)
    assert signature(words(hyphenated)) == signature(words(STORY))
