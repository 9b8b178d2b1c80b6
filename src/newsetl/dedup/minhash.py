"""MinHash signatures of article bodies, the input of story clustering in the warehouse.

A body becomes the set of its overlapping word 5-grams ("shingles"); two bodies that share most of their
shingles are copies of one story with small edits (a wire story republished with a new headline, a byline
line or one extra paragraph). ``datasketch`` turns each set into 128 minimum hash values whose agreement
estimates the Jaccard similarity of the two sets. Each word is hashed once (CRC-32 of its lower case) and a
shingle's hash is a position-weighted sum of its five words' hashes, computed for all shingles at once: 0.36 ms
a document against 0.93 ms for SHA-1 of every shingle's text (1,000 benchmark dumps), the larger part of what
cleaning spent on signatures.

datasketch defines the scheme ("affine32": each input hash mixed by murmur3's 32-bit finaliser, then 128 affine
permutations drawn from seed 1). The permutations are drawn here as it draws them, once a process, and the
minimum over them is computed here, on the shingle hashes as one array: ``MinHash.update_batch`` takes a Python
list and calls the hash function once per item, which made a signature cost 415 µs instead of 277 µs (1,000
benchmark dumps). ``tests/dedup/test_minhash.py`` checks that both give the same values.

The warehouse stores the signatures, cuts each into 32 bands of 4 values (locality-sensitive hashing: pairs with
similarity above ~0.42 share a band with high probability) and confirms candidate pairs on the whole signature.

Computed while cleaning (pure, parallel across batches), never in the single-writer load.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

NUM_PERM = 128
BANDS = 32
ROWS_PER_BAND = NUM_PERM // BANDS
SHINGLE_WORDS = 5
MIN_WORDS = 2 * SHINGLE_WORDS
"""Shorter bodies say too little to call two of them copies of one story; they get no signature."""
SCHEME = f"datasketch-affine32-{NUM_PERM}-seed1-w{SHINGLE_WORDS}-crc32sum"
"""Stored beside each signature: signatures made with another scheme are not comparable and are recomputed."""
# Odd 32-bit multipliers, one per position in a shingle, so "a b c d e" and "b a c d e" hash apart.
_POSITION_WEIGHTS = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1)
_LOW_32 = 0xFFFFFFFF


def signature(words: Sequence[str]) -> list[int] | None:
    """The MinHash signature of a text given as its words (128 unsigned 32-bit ints); ``None`` if too short."""
    if len(words) < MIN_WORDS:
        return None
    import numpy as np

    multipliers, offsets = _permutations()
    mixed = _fmix32(_shingle_hashes(words).astype(np.uint32))
    # One row per shingle, one column per permutation; uint32 arithmetic wraps modulo 2**32, as the scheme says.
    # A shingle that occurs twice changes no minimum: no need to make them a set.
    values: list[int] = (np.multiply.outer(mixed, multipliers) + offsets).min(axis=0).tolist()
    return values


def _fmix32(hashes: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """murmur3's 32-bit finaliser, element-wise (what datasketch's affine32 scheme applies to every input)."""
    import numpy as np

    hashes = hashes ^ (hashes >> np.uint32(16))
    hashes = hashes * np.uint32(0x85EBCA6B)
    hashes = hashes ^ (hashes >> np.uint32(13))
    hashes = hashes * np.uint32(0xC2B2AE35)
    mixed: npt.NDArray[np.uint32] = hashes ^ (hashes >> np.uint32(16))
    return mixed


def _shingle_hashes(words: Sequence[str]) -> npt.NDArray[np.uint64]:
    """One 32-bit hash per run of ``SHINGLE_WORDS`` words, case folded, in one pass of array arithmetic."""
    import numpy as np

    # Folded and encoded as one string, then cut again: C-level passes instead of a Python call per word.
    folded_words = " ".join(words).lower().encode().split()
    word_hashes = np.fromiter(map(zlib.crc32, folded_words), dtype=np.uint64, count=len(folded_words))
    count = len(folded_words) - SHINGLE_WORDS + 1
    mixed = np.zeros(count, dtype=np.uint64)
    for position, weight in enumerate(_POSITION_WEIGHTS):
        mixed += word_hashes[position : position + count] * np.uint64(weight)  # wraps modulo 2**64, as meant
    shingle_hashes: npt.NDArray[np.uint64] = (mixed >> np.uint64(32)) ^ (mixed & np.uint64(_LOW_32))
    return shingle_hashes


def similarity(first: list[int], second: list[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


@cache
def _permutations() -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """The scheme's multipliers (odd) and offsets, one of each per permutation, drawn once a process.

    Drawn as datasketch's ``MinHash(seed=1, scheme="affine32")`` draws them, not by it: importing datasketch
    imports scipy (its LSH classes), 1.35-2.0 s in every process that cleans, where an Airflow task is a process.
    ``tests/dedup/test_minhash.py`` checks the signatures against datasketch's value for value.
    """
    import numpy as np

    generator = np.random.RandomState(1)
    multipliers = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    offsets = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return multipliers, offsets
