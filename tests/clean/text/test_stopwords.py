"""A page's language from its script or a vote of its stop words, and when the vote is inconclusive."""

from __future__ import annotations

import pytest

from newsetl.clean.text.stopwords import ALL_STOPWORDS, STOPWORDS, guess_language, stopwords_for

PROSE = {
    "de": "Die Stadtwerke erhöhen zum 1. Juli die Preise für Fernwärme. Das teilte das Unternehmen am Freitag mit, "
    "und die Verbraucherzentrale kritisiert, dass die Kunden die Berechnung nicht nachvollziehen können.",
    "en": "The ferry operator will cut sailings on four routes from next month, blaming a steep rise in fuel costs "
    "and a slow recovery in passenger numbers, which have not returned to where they were before.",
    "fr": "Le maire a annoncé que la piscine municipale restera fermée pendant tout l'été, car les travaux sur le "
    "bassin ont pris du retard et les entreprises ne pourront pas terminer avant septembre.",
    "es": "El alcalde dijo que la piscina municipal estará cerrada durante todo el verano, porque las obras en el "
    "edificio se han retrasado y las empresas no podrán terminar antes de septiembre.",
    "it": "Il sindaco ha detto che la piscina comunale resterà chiusa per tutta l'estate, perché i lavori sono in "
    "ritardo e le imprese non potranno finire prima di settembre, come previsto dal contratto.",
    "nl": "De burgemeester zei dat het zwembad de hele zomer gesloten blijft, omdat de werkzaamheden vertraging "
    "hebben opgelopen en de aannemers niet voor september klaar kunnen zijn met het werk.",
    "pt": "O prefeito disse que a piscina municipal ficará fechada durante todo o verão, porque as obras estão "
    "atrasadas e as empresas não vão conseguir terminar antes de setembro. Ele também disse que já foi "
    "feito um acordo com os moradores, que são muito pacientes, e que isso não vai mudar até ao fim do ano.",
    "zh": "香港渡轮公司宣布，由于燃料成本大幅上涨，下个月起将减少四条离岛航线的班次，居民对此表示不满。",
    "ja": "フェリー会社は燃料費の高騰を理由に、来月から四つの離島航路の便数を減らすと発表しました。",
    "ar": "قال رئيس البلدية إن المسبح سيبقى مغلقا طوال الصيف لأن الأعمال في المبنى قد تأخرت وهذا ما أكده المسؤولون في "
    "البلدية التي كانت قد وعدت بافتتاحه مع بداية الموسم وهو ما لم يحدث",
}


@pytest.mark.parametrize(("language", "text"), PROSE.items())
def test_guess_language(language: str, text: str) -> None:
    lines = ["Home", "Menu", text, text[::-1][:40], text]
    assert guess_language(lines) == language


def test_a_language_without_a_list_is_left_to_the_model() -> None:
    polish = (
        "Burmistrz powiedział, że basen miejski pozostanie zamknięty przez całe lato, ponieważ prace budowlane "
        "są opóźnione i firmy nie zdążą ich zakończyć przed wrześniem, jak zakładano w umowie z miastem."
    )
    assert guess_language([polish, polish]) is None


def test_too_little_text_is_inconclusive() -> None:
    assert guess_language(["Startseite", "Impressum"]) is None
    assert guess_language([]) is None


def test_stopwords_for_an_unknown_language_are_all_of_them() -> None:
    assert stopwords_for("de") is STOPWORDS["de"]
    assert stopwords_for("pl") is ALL_STOPWORDS
    assert stopwords_for(None) is ALL_STOPWORDS
