"""MinHash signatures of article bodies, the input of story clustering in the warehouse.

A body becomes the set of its overlapping word 5-grams ("shingles"); two bodies that share most of their
shingles are copies of one story with small edits (a wire story republished with a new headline, a byline
line or one extra paragraph). ``datasketch`` turns each set into 128 minimum hash values whose agreement
estimates the Jaccard similarity of the two sets. The warehouse stores the signatures, cuts each into
32 bands of 4 values (locality-sensitive hashing: pairs with similarity above ~0.42 share a band with high
probability) and confirms candidate pairs on the whole signature.

Computed while cleaning (pure, parallel across batches), never in the single-writer load.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS_PER_BAND = NUM_PERM // BANDS
SHINGLE_WORDS = 5
MIN_WORDS = 2 * SHINGLE_WORDS
"""Shorter bodies say too little to call two of them copies of one story; they get no signature."""
SCHEME = f"datasketch-affine32-{NUM_PERM}-seed1-w{SHINGLE_WORDS}"
"""Stored beside each signature: signatures made with another scheme are not comparable and are recomputed."""


def signature(words: Sequence[str]) -> list[int] | None:
    """The MinHash signature of a text given as its words (128 unsigned 32-bit ints); ``None`` if too short."""
    tokens = [word.lower() for word in words]
    if len(tokens) < MIN_WORDS:
        return None
    shingles = {" ".join(tokens[i : i + SHINGLE_WORDS]).encode() for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    sketch = _new_sketch()
    sketch.update_batch(list(shingles))
    return [int(value) for value in sketch.hashvalues]


def similarity(first: list[int], second: list[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def _new_sketch() -> MinHash:
    from datasketch import MinHash

    # Sharing the permutations of one template skips drawing 128 random pairs for every document.
    return MinHash(num_perm=NUM_PERM, permutations=_template().permutations, scheme="affine32")


@cache
def _template() -> MinHash:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32")
