from __future__ import annotations

import pytest

from newsetl.evaluate import Score, score_page


def test_segments_are_matched_after_whitespace_normalisation() -> None:
    score = score_page("The  first\nsentence. Menu", wanted=["first sentence.", "missing"], unwanted=["Menu", "Footer"])
    assert score == Score(true_positives=1, false_negatives=1, false_positives=1, true_negatives=1)


def test_precision_recall_f_over_summed_pages() -> None:
    total = Score(3, 1, 1, 0) + Score(1, 1, 0, 2)
    assert total == Score(4, 2, 1, 2)
    assert total.precision == pytest.approx(4 / 5)
    assert total.recall == pytest.approx(4 / 6)
    assert total.f1 == pytest.approx(2 * (4 / 5) * (4 / 6) / (4 / 5 + 4 / 6))


def test_empty_scores_are_zero_not_errors() -> None:
    assert Score().f1 == 0.0
    assert Score().precision == 0.0
