"""The segment metric of the devset: which must-have segments an extraction holds, and which boilerplate.

Whitespace is normalised on both sides. A ``with`` segment found is a true positive, missed a false negative;
a ``without`` segment found is a false positive. Scores add up over pages before P, R and F are taken.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0
    true_negatives: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.false_negatives + other.false_negatives,
            self.false_positives + other.false_positives,
            self.true_negatives + other.true_negatives,
        )

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def normalise(text: str) -> str:
    return " ".join(text.split())


def score_page(extracted: str, wanted: Iterable[str], unwanted: Iterable[str]) -> Score:
    text = normalise(extracted)
    found_wanted = [normalise(segment) in text for segment in wanted]
    found_unwanted = [normalise(segment) in text for segment in unwanted]
    return Score(
        true_positives=sum(found_wanted),
        false_negatives=len(found_wanted) - sum(found_wanted),
        false_positives=sum(found_unwanted),
        true_negatives=len(found_unwanted) - sum(found_unwanted),
    )
