"""Locating the article in crafted dumps: the densest run, the headline anchor, widening, and no article."""

from __future__ import annotations

import pytest

from newsetl.clean.text.features import line_features
from newsetl.clean.text.region import Region, find_region, without_run_in

P1 = (
    "Die Stadtwerke erhöhen zum 1. Juli die Preise für Fernwärme um durchschnittlich 18 Prozent, teilte das "
    "Unternehmen mit."
)
P2 = "Die Verbraucherzentrale kritisiert, dass die Kunden die Berechnung der neuen Preise kaum nachvollziehen können."
P3 = "Die Stadtwerke verweisen auf die im Vertrag vereinbarte Preisgleitklausel und wollen die Preise veröffentlichen."
COMMENT = (
    "Ich finde es eine Frechheit, dass die Preise schon wieder steigen, und ich frage mich, wer das am Ende noch "
    "bezahlen soll, wenn die Löhne nicht mitwachsen und die Mieten auch noch jedes Jahr teurer werden."
)
MENU = ["Startseite", "Region", "Politik", "Wirtschaft", "Sport", "Kultur"]
FOOTER = ["Impressum", "Datenschutz", "© Nordkurier 2024"]


def region_of(lines: list[str]) -> tuple[Region, list[str]]:
    region = find_region(line_features(lines, "de", {}))
    return region, [line for line in lines[region.start : region.end] if line]


def test_the_article_between_menu_and_footer() -> None:
    lines = ["Fernwärme wird teurer | Nordkurier", "", *MENU, "", "Fernwärme wird teurer", P1, "", P2, "", P3, *FOOTER]
    region, body = region_of(lines)
    assert body == [P1, P2, P3]
    assert lines[region.title or 0] == "Fernwärme wird teurer"
    assert region.page_title == 0


def test_the_headline_anchor_beats_a_longer_author_box() -> None:
    biography = ["Über die Autorin", *[line for _ in range(6) for line in (COMMENT, "")]]
    lines = ["Fernwärme wird teurer | Nordkurier", *MENU, "Fernwärme wird teurer", P1, "", P2, "", *biography]
    _region, body = region_of(lines)
    assert body == [P1, P2]


def test_a_comment_thread_does_not_join_the_article() -> None:
    thread = [line for _ in range(4) for line in ("Anna schrieb am 14. Juni 2024 um 10:15", COMMENT, "Antworten")]
    lines = ["Fernwärme wird teurer | Nordkurier", *MENU, "Fernwärme wird teurer", P1, P2, "Kommentare", *thread]
    _region, body = region_of(lines)
    assert body == [P1, P2]


def test_prose_below_the_sites_rights_notice_is_not_the_article() -> None:
    # A hidden dialog's text after the footer: long prose that the run would otherwise take in.
    dialog = [line for _ in range(10) for line in (COMMENT, "")]
    footer = ["Kontakt", "© 2024 Nordkurier. Alle Rechte vorbehalten.", "", *dialog]
    lines = ["Fernwärme wird teurer | Nordkurier", *MENU, "Fernwärme wird teurer", P1, "", P2, "", P3, "", *footer]
    _region, body = region_of(lines)
    assert body[:3] == [P1, P2, P3]
    assert COMMENT not in body


def test_a_photo_credit_with_a_year_does_not_end_the_article() -> None:
    # "1990" is part of the holder's name: a credit names a holder, it claims no rights for the site.
    credit = "© Heimat- und Museumsverein Königs Wusterhausen 1990 e.V."
    lines = ["Fernwärme wird teurer | Nordkurier", *MENU, "Fernwärme wird teurer", P1, "", P2, "", P3, "", credit]
    more = [line for _ in range(8) for line in ("", COMMENT)]
    lines += [*more, "", *FOOTER]
    _region, body = region_of(lines)
    assert body[:3] == [P1, P2, P3]
    assert body[-1] == COMMENT


def test_headlines_each_with_a_date_below_the_article_are_teasers() -> None:
    teasers = ["Wasserpreise steigen im Herbst", "03/11/2023", "Neue Buslinie nach Pasewalk", "31/10/2023"]
    teasers += ["Stadtwerke suchen Auszubildende", "26/10/2023", "Prev"]
    lines = ["Fernwärme wird teurer | Nordkurier", *MENU, "Fernwärme wird teurer", P1, "", P2, "", P3, "", *teasers]
    lines += ["", COMMENT, "", COMMENT, "", COMMENT]
    _region, body = region_of(lines)
    assert body == [P1, P2, P3]


def test_dates_in_the_article_with_sentences_between_them_stay() -> None:
    timeline = ["03/11/2023", "Der Stadtrat beschließt die neuen Tarife.", "26/10/2023", "Die Stadtwerke legen die"]
    timeline += ["Berechnung vor."]
    lines = ["Fernwärme wird teurer | Nordkurier", *MENU, "Fernwärme wird teurer", P1, "", P2, "", P3, "", *timeline]
    lines += ["", COMMENT, "", *FOOTER]
    _region, body = region_of(lines)
    assert body == [P1, P2, P3, *timeline, COMMENT]


def test_without_an_anchor_the_comment_header_ends_the_article() -> None:
    lines = [*MENU, "Fernwärme wird teurer", P1, P2, P3, "Kommentar verfassen", COMMENT, *FOOTER]
    region, body = region_of(lines)
    assert body == [P1, P2, P3]
    assert lines[region.title or 0] == "Fernwärme wird teurer"


def test_without_an_anchor_a_long_thread_of_dated_comments_yields_to_the_article_above_it() -> None:
    # 45 comments outweigh their article three to one; each comment's dated header shows the run is a thread.
    headers = [f"leser{number} 11. Dezember 2012 um 12:{number:02d}" for number in range(6)]
    thread = [line for header in headers for line in (header, "", COMMENT, "")]
    share = ["Teilen:", "Twitter", "Facebook"]
    lines = [
        *MENU,
        "",
        "Fernwärme wird teurer",
        "",
        P1,
        "",
        P2,
        "",
        P3,
        "",
        *share,
        "8 Gedanken zu „Fernwärme“",
        *thread,
    ]
    _region, body = region_of(lines)
    assert body == [P1, P2, P3]


def test_an_article_with_dated_lines_below_its_comment_count_keeps_its_place() -> None:
    timeline = [line for day in range(14, 20) for line in (f"{day}. Juni 2024", "", P1, "", P2, "")]
    lines = [*MENU, "", "Fernwärme wird teurer", "", "2 Kommentare", "", *timeline, *FOOTER]
    _region, body = region_of(lines)
    assert body.count(P1) >= 5


def test_a_list_between_headline_and_prose_belongs_to_the_article() -> None:
    ingredients = ["250 g Mehl", "2 Eier", "1 Prise Salz"]
    lines = ["Pfannkuchen wie bei Oma | Rezepte", *MENU, "Pfannkuchen wie bei Oma", "", *ingredients, "", P1, P2]
    _region, body = region_of(lines)
    assert body == [*ingredients, P1, P2]


def test_the_rest_of_the_last_block_belongs_to_the_article() -> None:
    lines = [*MENU, "", P1, P2, "Preise ab Juli:", "Grundpreis 12 Euro", "Arbeitspreis 9 Cent", "", "Impressum"]
    _region, body = region_of(lines)
    assert body == [P1, P2, "Preise ab Juli:", "Grundpreis 12 Euro", "Arbeitspreis 9 Cent"]


def test_a_line_ending_in_a_colon_takes_the_block_it_announces() -> None:
    schedule = ["Aufwärmen ab 11:00 Uhr auf der Hauptbühne", "Wettbewerb ab 12:00 Uhr im Stadion"]
    lines = [*MENU, "", P1, P2, "So sieht der Zeitplan aus:", "", *schedule, "", *FOOTER]
    _region, body = region_of(lines)
    assert body == [P1, P2, "So sieht der Zeitplan aus:", *schedule]


def test_the_block_below_a_colon_is_not_taken_when_it_is_furniture() -> None:
    lines = [*MENU, "", P1, P2, "Die Preise im Überblick:", "", "Facebook", "Twitter", "", *FOOTER]
    _region, body = region_of(lines)
    assert body == [P1, P2, "Die Preise im Überblick:"]


def test_a_page_of_furniture_has_no_article() -> None:
    region, body = region_of([*MENU, "", *FOOTER, "Anmelden", "Suche"])
    assert region.empty
    assert body == []


def test_the_headline_repeats_the_page_title_with_other_quotes() -> None:
    lines = ["Fernwärme: „Das ist zu teuer“ | Nordkurier", *MENU, 'Fernwärme: "Das ist zu teuer"', P1, P2, P3]
    region, body = region_of(lines)
    assert body == [P1, P2, P3]
    assert region.page_title == 0


def test_a_kicker_run_into_its_headline_still_repeats_the_page_title() -> None:
    # The dump lost the space and dash between kicker and headline; a longer run of comments below would win.
    page = 'Preise für Fernwärme - "Das ist zu teuer"'
    comments = [f"{COMMENT} ({name})" for name in ("Anna", "Ben", "Cem")]
    lines = [page, *MENU, 'Preise für Fernwärme"Das ist zu teuer"', P1, P2, P3, "Mehr zum Thema", *comments]
    region, body = region_of(lines)
    assert body[:3] == [P1, P2, P3]
    assert region.title == len(MENU) + 1
    short = ["• Nordkurier", *MENU, "Nordkurier", P1, P2]  # a site's name is too short to match by its letters
    assert find_region(line_features(short, "de", {})).title != len(MENU) + 1


def test_the_headline_not_the_sites_name_above_it_anchors_the_same_run() -> None:
    # Both repeat a part of the <title> and both stand over the article's run: the name is the logo's, the headline
    # titles the article instead of opening its body.
    lines = ["Fernwärme wird teurer - Nordkurier", "Nordkurier", *MENU, "Fernwärme wird teurer", P1, P2, P3, *FOOTER]
    region, body = region_of(lines)
    assert region.title == len(MENU) + 2
    assert body == [P1, P2, P3]


def test_the_headline_not_a_blogs_longer_name_above_it_anchors_the_same_run() -> None:
    # Four words are no section's name, but the name is the <title>'s shorter part.
    lines = ["Fernwärme wird teurer als gedacht | Das Blog von Anna", "", "Das Blog von Anna", ""]
    lines += ["Fernwärme wird teurer als gedacht", "", P1, "", P2, "", P3, "", *FOOTER]
    region, body = region_of(lines)
    assert region.title == 4
    assert body == [P1, P2, P3]


def test_a_headline_that_opens_the_run_below_the_blogs_name_titles_it() -> None:
    # A question scores as prose: the run below the blog's name starts with the headline and outscores its own run.
    headline = "Warum steigen die Preise für Fernwärme schon wieder so stark?"
    lines = [f"{headline} – Das Blog von Anna", "", *MENU, "", "Das Blog von Anna", "", headline, ""]
    lines += ["Freitag, 15. März 2024", "", P1, "", P2, "", P3, "", *FOOTER]
    region, body = region_of(lines)
    assert lines[region.title or 0] == headline
    assert body[-3:] == [P1, P2, P3]


def test_of_two_copies_of_the_headline_the_one_over_the_article_anchors_it() -> None:
    # A trail's last step repeats the headline; a section's label stands between it and the headline itself.
    headline = "Hafen Göteborg: Umschlag auf Rekordniveau"
    lines = [f"{headline} | Hafenblatt", *MENU, headline, "Unternehmen & Märkte", headline, P1, P2, P3, *FOOTER]
    region, body = region_of(lines)
    assert region.title == len(MENU) + 3
    assert body == [P1, P2, P3]


def test_without_a_page_title_a_headline_above_the_dateline_is_not_the_menus_last_item() -> None:
    # Copied without the <title> line: the menu, the headline and the dateline read as one run of short lines.
    lines = [*MENU, "Kreatives Basteln mit Kids", "3. März 2024", "", P1, "", P2, "", P3, "", *FOOTER]
    region, body = region_of(lines)
    assert region.title == len(MENU)
    assert body == ["3. März 2024", P1, P2, P3]  # the dateline is labelled apart
    # Past a search field or an ad label above the dateline, a menu's last item stays the menu's.
    lines = [*MENU, "Werben auf Meedia", "Search for:", "Anzeige", "3. März 2024", "", P1, "", P2, "", P3, *FOOTER]
    assert find_region(line_features(lines, "de", {})).title != len(MENU)


def test_a_dump_without_blank_lines_has_no_block_to_finish() -> None:
    # Copied with a newline between blocks and no blank line anywhere, the page's rest would be one block under
    # the article: the headlines of other stories below it are not taken for its list.
    teasers = ["Neue Kita eröffnet im Süden der Stadt", "Stadtfest zieht Tausende an den Hafen", "Radweg wird teurer"]
    lines = ["Fernwärme wird teurer | Nordkurier", *MENU, "Fernwärme wird teurer", P1, P2, P3, *teasers, *FOOTER]
    _region, body = region_of(lines)
    assert body == [P1, P2, P3]


@pytest.mark.parametrize(
    ("title", "page_title", "headline"),
    [
        # A trail or a kicker run into the headline, which the page's <title> names alone.
        ("Start Chronik Österreich Österreich erneut im Spitzenfeld", "Österreich erneut im Spitzenfeld", None),
        ("Startseite Kultur Tickets für die Winterausstellung", "Tickets für die Winterausstellung | Schloss", None),
        ("| Nachhaltigkeit im Onlineshop", "Nachhaltigkeit im Onlineshop - Shop - Hilfe", None),
        # A headline in two parts is one headline; a site's name is no headline; nothing to cut.
        ("Segundo viaje: Presidente Boric inicia gira", "Presidente Boric inicia gira | El Mostrador", "title"),
        ("Korsetts – Shops, Designer, online kaufen", "Korsetts – Shops, Designer, online kaufen", "title"),
        ("Die Redaktion der Zeitung empfiehlt", "Zeitung", "title"),
        ("Ferry operator cuts sailings", None, "title"),
    ],
)
def test_a_trail_or_kicker_run_into_the_headline_is_cut_where_the_page_title_names_it_alone(
    title: str, page_title: str | None, headline: str | None
) -> None:
    expected = title if headline == "title" else (page_title or "").split(" | ")[0].split(" - ")[0]
    assert without_run_in(title, page_title) == expected
