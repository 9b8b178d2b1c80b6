"""Photo credits at the end of a line: the caption and its credit, in several languages and forms."""

from __future__ import annotations

import pytest

from newsetl.clean.text.captions import enlarge_caption, find_credit, is_figure_caption, split_caption


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        ("Wang Yi (centre) at the meeting. Photo: AP", "Wang Yi (centre) at the meeting.", "AP"),
        ("Das Kraftwerk am Stadtrand. Foto: Jens Büttner/dpa", "Das Kraftwerk am Stadtrand.", "Jens Büttner/dpa"),
        ("Crowds on the pier (Photo by Reuters)", "Crowds on the pier", "Reuters"),
        ("Le maire devant la mairie. Crédit photo : AFP", "Le maire devant la mairie.", "AFP"),
        ("Die Feuerwehr im Einsatz. (Bild: Polizei)", "Die Feuerwehr im Einsatz.", "Polizei"),
        ("Passengers at the pier. © Jane Doe", "Passengers at the pier.", "Jane Doe"),
        ("Demonstranten vor dem Landtag. / picture alliance", "Demonstranten vor dem Landtag.", "picture alliance"),
        ("El presidente, en Madrid. EFE", "El presidente, en Madrid.", "EFE"),
        ("Quelle: dpa", "", "dpa"),
        ("Biden at the White House. (AP Photo/Evan Vucci)", "Biden at the White House.", "AP Photo/Evan Vucci"),
        (
            "Dmitri Muratov, Premio Nobel (REUTERS/Denis Balibouse)",
            "Dmitri Muratov, Premio Nobel",
            "REUTERS/Denis Balibouse",
        ),
        (
            "Protesters outside parliament. REUTERS/Henry Nicholls",
            "Protesters outside parliament.",
            "REUTERS/Henry Nicholls",
        ),
        ("El acto en la Casa Rosada. Imagen: Télam", "El acto en la Casa Rosada.", "Télam"),
        (
            "Kirchner en el Congreso (Foto: Natacha Pisarenko/Pool).",
            "Kirchner en el Congreso",
            "Natacha Pisarenko/Pool",
        ),
        ("Judy Eddy/WENN.com", "", "Judy Eddy/WENN.com"),
        ("Fot. Lukasz Nowaczyk / Agencja Gazeta", "", "Lukasz Nowaczyk / Agencja Gazeta"),
        ("Premier na konferencji. Fot. PAP/Leszek Szymański", "Premier na konferencji.", "PAP/Leszek Szymański"),
        ("Das Hermelin im Winter. (mlharing / iStock.com)", "Das Hermelin im Winter.", "mlharing / iStock.com"),
        ("Źródło: PAP", "", "PAP"),
        ("Dee Dee Myers Getty Images", "Dee Dee Myers", "Getty Images"),
        ("Getty Images", "", "Getty Images"),
        (
            "(Foto: DBT/Stella von Saldern (bearbeitet durch spdfraktion.de))",
            "",
            "DBT/Stella von Saldern (bearbeitet durch spdfraktion.de)",
        ),
        (
            "Praca w magazynie, zdjęcie ilustracyjne / Źródło: Pixabay",
            "Praca w magazynie, zdjęcie ilustracyjne",
            "Pixabay",
        ),
        ("Eva M. Welskop-Deffaa / Web / Quelle: DCV", "Eva M. Welskop-Deffaa / Web", "DCV"),
        (
            "Angus Barbieri, 27 lat, 206 kilogramów /domena publiczna",
            "Angus Barbieri, 27 lat, 206 kilogramów",
            "domena publiczna",
        ),
        (
            "Das Firmengeflecht. Zum Vergrößern klicken. CC-BY-SA 2.0",
            "Das Firmengeflecht. Zum Vergrößern klicken.",
            "CC-BY-SA 2.0",
        ),
        ("Maler unbekannt – Public Domain", "Maler unbekannt", "Public Domain"),
        ("Leena Simon, CC-BY 4.0", "Leena Simon", "CC-BY 4.0"),
    ],
)
def test_find_credit(line: str, caption: str, credit: str) -> None:
    assert find_credit(line) == (caption, credit)


@pytest.mark.parametrize(
    "line",
    [
        "He said the photo: was taken in 1998, long before the war started in the region, by a soldier.",
        "The minister met the press on Tuesday.",
        "Wir haben uns das Bild angesehen und waren begeistert von den Farben und der Stimmung am Abend.",
        "x" * 500 + " Photo: AP",
        "He was ahead, according to a Reuters/Ipsos poll.",
        "Biden leads, according to Reuters/Ipsos",
        "The AP/NORC poll found that most Americans support it",
        "Rosja i Polska / East",
        "Fot. na górze to zdjęcie z wakacji, które zrobiłam sama",
        "Adobe agrees to buy Shutterstock",
        "The agency's pictures went out through AP",
        "Die Arbeitslosigkeit stieg deutlich, wie die neuen Zahlen zeigen (Quelle: Bundesagentur)",
        "Die Zahlen stammen aus einer offenen Quelle: dem Statistischen Bundesamt",
        "All of the photographs in the archive are now in the public domain",
        "Meine Übersetzung ist, soweit nach deutschem Recht möglich, gemeinfrei.",
    ],
)
def test_prose_has_no_credit(line: str) -> None:
    assert find_credit(line) is None


def test_split_caption_without_a_credit_keeps_the_text() -> None:
    assert split_caption(" The harbour at dusk ") == {"text": "The harbour at dusk", "credit": None}
    assert split_caption("The harbour at dusk. Photo: AP") == {"text": "The harbour at dusk.", "credit": "AP"}


def test_a_zoom_buttons_caption() -> None:
    line = "Vergrößern Eine kleine runde Aussparung für die Kamera im Display."
    assert enlarge_caption(line) == "Eine kleine runde Aussparung für die Kamera im Display."
    assert split_caption(line) == {"text": "Eine kleine runde Aussparung für die Kamera im Display.", "credit": None}
    for prose in ("Vergrößern Sie das Bild mit zwei Fingern.", "Enlarge the image to see the detail.", "Vergrößern"):
        assert enlarge_caption(prose) is None


@pytest.mark.parametrize(
    "line",
    [
        "Abbildung 4: klassische Schwachschicht. Der Unterschied in der Kornform ist deutlich.",
        "Abbildung: Vergleich auf dem Aletschgletscher.",
        "Abb. 2: Holzschiffswerft um 1840",
        "Figure 10. Changing the font size of the legend text.",
        "Fig. 3b: The distribution of the samples",
    ],
)
def test_a_figures_caption(line: str) -> None:
    assert is_figure_caption(line)


@pytest.mark.parametrize(
    "line",
    ["Abbildung 3 zeigt den Verlauf der Schneehöhe.", "Figures released on Monday show a rise.", "Grafiken"],
)
def test_a_sentence_about_a_figure_is_no_caption(line: str) -> None:
    assert not is_figure_caption(line)
