"""Per-line features: classes from length and stop-word density, menus as runs, forced rules, CJK counts."""

from __future__ import annotations

import pytest

from newsetl.clean.text import features
from newsetl.clean.text.features import ROLE_WEIGHTS, line_features

PROSE_DE = "Die Stadtwerke erhöhen zum 1. Juli die Preise für Fernwärme um durchschnittlich 18 Prozent."
PROSE_EN = "The ferry operator will cut sailings on four routes from next month, blaming fuel costs."


def test_prose_is_good_and_furniture_is_not() -> None:
    features = line_features([PROSE_DE, "", "Startseite", "Advertisement"], "de", {})
    assert features.kinds == ["good", "blank", "bad", "bad"]
    assert features.cues == [None, None, "menu-word", "ad-label"]
    assert features.ends[0]
    assert features.density[0] > 0.18


def test_the_language_decides_what_counts_as_a_stop_word() -> None:
    german = line_features([PROSE_EN], "de", {})
    english = line_features([PROSE_EN], "en", {})
    assert english.density[0] > german.density[0]
    assert english.kinds == ["good"]


def test_short_lines_without_sentences_in_a_row_are_a_menu() -> None:
    menu = ["Politik", "Wirtschaft", "", "Sport", "Kultur", "Reise", PROSE_DE, "Wetter"]
    features = line_features(menu, "de", {})
    assert features.nav == [True, True, False, True, True, True, False, False]


def test_four_short_lines_are_not_yet_a_menu() -> None:
    features = line_features(["Politik", "Wirtschaft", "Sport", "Kultur", PROSE_DE], "de", {})
    assert not any(features.nav)


def test_a_recurring_line_has_the_same_features() -> None:
    features = line_features(["Startseite", PROSE_DE, "Startseite"], "de", {})
    assert features.cues == ["menu-word", None, "menu-word"]
    assert features.scores[0] == features.scores[2]


def test_forced_rules_win_over_the_built_in_cues() -> None:
    features = line_features([PROSE_DE, "Advertisement"], "de", {0: "site:teaser", 1: "learned:site"})
    assert features.cues == ["site:teaser", "learned:site"]
    assert features.kinds == ["bad", "bad"]


def test_cjk_ideographs_count_as_words_and_commas_as_stop_words() -> None:
    line = "香港渡轮公司宣布，由于燃料成本大幅上涨，下个月起将减少四条离岛航线的班次，居民对此表示不满。"
    features = line_features([line], "zh", {})
    assert features.words[0] >= 20
    assert features.kinds == ["good"]
    assert features.ends == [True]


def test_long_lines_are_measured_from_a_sample() -> None:
    long_line = " ".join([PROSE_EN] * 10)
    features = line_features([long_line], "en", {})
    assert features.chars[0] == len(long_line)
    assert features.words[0] == long_line.count(" ") + 1
    assert features.kinds == ["good"]


def test_no_lines_no_features() -> None:
    assert len(line_features([], None, {})) == 0


def test_a_prompt_between_paragraphs_weighs_as_an_interruption() -> None:
    prompt = "Sign up for our daily newsletter for more ferry news!"
    more = "Residents of the islands, many of whom commute to jobs in the city, said the change would add an hour."
    inside = line_features([PROSE_EN, "", prompt, "", more, PROSE_EN], "en", {})
    at_the_end = line_features([PROSE_EN, "", prompt, "", "Enter your e-mail address", "Subscribe"], "en", {})
    assert inside.cues[2] == at_the_end.cues[2] == "newsletter"
    assert inside.scores[2] == ROLE_WEIGHTS["inline"]
    assert at_the_end.scores[2] == ROLE_WEIGHTS["boundary"]


def test_a_list_of_quantities_is_a_recipe_not_a_menu() -> None:
    ingredients = ["350 g Zucker", "500 ml Milch", "1 Pck. Vanillezucker", "Salz", "5 Eier (Gr. M)", "½ TL Zimt"]
    assert not any(line_features(ingredients, "de", {}).nav)
    archive = ["Politik", "2021 (12)", "Wirtschaft", "Sport", "Kultur", "Reise"]
    assert all(line_features(archive, "de", {}).nav)


def test_a_comments_header_over_its_timestamp_is_the_thread_not_a_quote() -> None:
    comment = ["Anna Muster sagt:", "3. November 2023 um 20:14 Uhr", PROSE_DE]
    quote = ["Der Minister sagt:", PROSE_DE, "Jane Doe says:", "The vote is on 3 November 2023."]
    thread = line_features(comment, "de", {})
    assert thread.cues[:2] == ["comments", "comments"]
    assert thread.scores[0] == ROLE_WEIGHTS["end"]
    assert line_features(quote, "de", {}).cues == [None, None, None, None]


def test_a_dump_has_the_same_features_whether_its_short_lines_were_seen_before_or_not() -> None:
    # Seen before on an English page, and on a German one: each language's stop words measure them again.
    dump = ["Startseite", "Politik", "", "Die Bilder der Woche aus der Region", PROSE_DE, "Impressum"]
    features._ROW_MEMO.clear()
    cold = line_features(dump, "de", {})
    line_features(dump, "en", {})
    line_features([*dump, "Kontakt"], "de", {})
    warm = line_features(dump, "de", {})
    assert warm == cold
    assert cold.density[3] > 0.3


def test_the_memo_of_short_lines_starts_afresh_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    # A process cleans for days: what it remembers must not grow with what it has read.
    monkeypatch.setattr(features, "_MEMO_LIMIT", 10)
    features._ROW_MEMO.clear()
    for page in range(6):
        line_features([f"Menüpunkt {page}-{item}" for item in range(8)], "de", {})
        assert len(features._ROW_MEMO["de"]) <= 10 + 8
    assert "Menüpunkt 5-0" in features._ROW_MEMO["de"]
