"""The lines around an article: headings, bullets, meta lines, author bios, site names."""

from __future__ import annotations

import pytest

from newsetl.clean.text.header import (
    byline_date,
    dated_meta,
    find_byline,
    find_byline_in,
    find_line_date,
    find_update,
    is_author_bio,
    is_bare_name,
    looks_like_heading,
    looks_like_title,
    meta_rule,
    name_beside_date,
    names_nothing,
    split_byline,
    strip_breadcrumb,
    strip_bullet,
    strip_site_name,
)


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Written by Grant Tinsley, PhD", ["Grant Tinsley", "PhD"]),
        ("Von unserem Redakteur Max Muster", ["Max Muster"]),
        ("Autorin: Anna Schmidt", ["Anna Schmidt"]),
        ("Door Jan de Vries", ["Jan de Vries"]),
        ("Por María García y Juan Pérez", ["María García", "Juan Pérez"]),
        ("Von der Leyen said on Monday that talks would continue", None),
        ("By Evan Halper Staff Writer", ["Evan Halper"]),  # the role after the name
        ("By JANE DOE, Senior Editor", ["JANE DOE"]),
        ("From Wikipedia, the free encyclopedia", []),  # a wiki names no author
        ("Von Hans-Peter Müller und Jean-Luc Picard", ["Hans-Peter Müller", "Jean-Luc Picard"]),
        ("von Anja Schmoll-Trautmann am 14. Mai 2014, 15:40 Uhr", ["Anja Schmoll-Trautmann"]),
        ("By John Doe on 12 June 2020", ["John Doe"]),
        ("By Franziska Dully 10. Februar 2019 in Allgemein, Fashion", ["Franziska Dully"]),
        ("By Martin Jendrischik On 12. Dezember 2022", ["Martin Jendrischik"]),
        ("von Herr_Rein Veröffentlicht am 11. Juni 2019", ["Herr_Rein"]),
        ("by J.O. Haselhoef Apr. 26, 2022", ["J.O. Haselhoef"]),
        ("By Evan Symon, August 14, 2020 2:30 pm", ["Evan Symon"]),
        ("By Alejandro Villamor Last updated Nov 8, 2023", ["Alejandro Villamor"]),
        ("Par Matthieu Hy le 07 Mai 2020", ["Matthieu Hy"]),
        ("Par Loïc Le Clerc | 30 septembre 2018", ["Loïc Le Clerc"]),
        ("By Jose de la Cruz", ["Jose de la Cruz"]),
        ("Di Mario Rossi e Giulia Bianchi", ["Mario Rossi", "Giulia Bianchi"]),
        ("Text und Fotos: Anna Schmidt", ["Anna Schmidt"]),
        ("By Staff Writer", []),  # a byline, of no person
        ("By Jon Porter @JonPorty Jul 3, 2019, 4:22am EDT", ["Jon Porter"]),
        ("Posted by T. V. Raman at 2:33 PM", ["T. V. Raman"]),
        ("von Sonia Mevißen Erstellt am 01.01.23 um 08:35", ["Sonia Mevißen"]),
        ("Publicado por Alberto González", ["Alberto González"]),
        ("Gepostet von Katharina Volkwein | Wohnen", ["Katharina Volkwein"]),
        ("Eine Analyse von Caspar Schwietering", ["Caspar Schwietering"]),
        ("Artikel von Alexa von Heyden", ["Alexa von Heyden"]),
        ("Veröffentlicht von der Stadt Hamburg", None),
        ("Von Anna Schmidt und Redaktion", ["Anna Schmidt"]),
        # Names followed by words that lead to no date: prose.
        ("By Jane Doe on Monday the council voted", None),
        ("Müller-Lüdenscheidt and the council met on 12 June 2020", None),
    ],
)
def test_bylines(line: str, authors: list[str] | None) -> None:
    assert find_byline(line) == authors


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Veröffentlicht am 12. Juni 2024 von Lena Berger", ["Lena Berger"]),
        ("June 5, 2019 by luxurious", ["luxurious"]),  # a blog's user name
        ("Veröffentlicht am 11/04/2012 von bjoernlinder01", ["bjoernlinder01"]),
        ("Posted on 3 May 2024 by the", None),
        ("Updated 3 May 2024", None),
        ("Veröffentlicht am 6. Juli 2015 von Mark Hosak — Hinterlasse eine Antwort", ["Mark Hosak"]),
        ("Posted on 2015-04-05 by marc | Leave a comment", ["marc"]),
        ("Am 13. November 2019 Von Henry In Aktuell", ["Henry"]),
        ("1. Januar 2016 von KleineGrüneMonster Ein Kommentar", ["KleineGrüneMonster"]),
    ],
)
def test_authors_a_dateline_names(line: str, authors: list[str] | None) -> None:
    assert find_byline_in(line) == authors


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Thomas Hanke", True),
        ("Dr. Max Muster", True),
        ("Die Stadt", False),
        ("Politik", False),
    ],
)
def test_a_bare_name(line: str, name: bool) -> None:
    assert is_bare_name(line) is name


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("By Jane Leung", "byline"),
        ("14.06.2024, 10:30 Uhr", "date"),
        ("Aktualisiert am 3. März 2021", "date"),
        ("Veröffentlicht am 13. März 2019 von Michael Veeser-Dombrowski", "date-meta"),
        ("Von Anna Schmidt am 3. März 2021", "byline"),
        ("Published on 12 June 2020, the report shows that the rate rose.", None),
        ("The law takes effect on 1 July 2024 after a long debate.", None),
        ("Stadtwerke erhöhen Fernwärmepreise", None),
    ],
)
def test_meta_rule(line: str, rule: str | None) -> None:
    assert meta_rule(line) == rule


@pytest.mark.parametrize(
    ("text", "bio"),
    [
        ("Jane Doe is a senior writer for the magazine and lives in Berlin.", True),
        ("Max Muster ist Redakteur im Ressort Wirtschaft.", True),
        ("Ich bin Jana, und ich schreibe hier über Reisen.", True),
        ("Die Ministerin ist eine erfahrene Politikerin.", False),
        ("The Minister is a former banker, critics said.", False),
    ],
)
def test_author_bio(text: str, bio: bool) -> None:
    assert is_author_bio(text) is bio


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Ferry operator cuts sailings", True),
        ("Stadtwerke erhöhen Fernwärmepreise – Verbraucherzentrale kritisiert", True),
        ("The operator said it would cut sailings.", False),
        ("• A bullet line of the summary", False),
        ("Weather", False),
    ],
)
def test_looks_like_heading(text: str, heading: bool) -> None:
    assert looks_like_heading(text, len(text.split())) is heading


def test_strip_bullet_and_site_name() -> None:
    assert strip_bullet("  • First bullet") == "First bullet"
    assert strip_bullet("1. First item") == "First item"
    assert strip_site_name("Headline here | The Courier") == "Headline here"
    assert strip_site_name("A | B | C | D") == "A | B | C"
    assert strip_site_name(None) is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Von Anna Schmidt am 3. März 2021", "2021-03-03T00:00:00Z"),
        ("By John Doe on 12 June 2020", "2020-06-12T00:00:00Z"),
        ("Von Anna Schmidt am 12.03.2021, 14:05 Uhr", "2021-03-12T14:05:00Z"),
        ("By Ludwig van Beethoven | 12 June 2024", "2024-06-12T00:00:00Z"),
        ("By Amelie Marie Nishizawa Feb 8, 2020 5 min read", "2020-02-08T00:00:00Z"),
        ("Von Anna Schmidt", None),
        ("By Jane Doe | Politik", None),
    ],
)
def test_a_bylines_date(line: str, date: str | None) -> None:
    assert byline_date(line) == date


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Veröffentlicht am 6. Juli 2015 von Mark Hosak — Hinterlasse eine Antwort", "2015-07-06T00:00:00Z"),
        ("Posted on 28. Juli 2019 28. Juli 2019 Author Andreas Kalt 4 Kommentare", "2019-07-28T00:00:00Z"),
        (
            "Freitag | Veröffentlicht am 14. Juni 2019 | 15:49 | Fashion und Beauty | 0 Kommentare",
            "2019-06-14T15:49:00Z",
        ),
        ("Publié le 13/06/2024 à 18h05, mis à jour le 14/06/2024", "2024-06-13T18:05:00Z"),
        ("Publicado el 21 de abril de 2022 a las 22:04h por Henry Montenegro", "2022-04-21T22:04:00Z"),
        ("Jane Doe · Mar 3, 2021 · 5 min read · Science and technology", "2021-03-03T00:00:00Z"),
        ("PUBLISHED: November 8, 2023 at 4:56 p.m. | UPDATED: November 8, 2023 at 6:00 p.m.", "2023-11-08T16:56:00Z"),
        ("Actualizado el 08/05/2022 02:14 a.m.", "2022-05-08T02:14:00Z"),
        # A blog theme's published and updated dates side by side.
        ("6. November 2023 6. November 2023 Jane Doe Politik, Berlin", "2023-11-06T00:00:00Z"),
        ("Hildesheimer Presse 1. November 2023 1. November 2023 Bockenem, Polizei", "2023-11-01T00:00:00Z"),
        # No meta word opens the line or a part of it; a range, not two dates; a sentence; no date.
        ("Die Ausstellung 1. März 2024 – 31. März 2024 im Rathaus", None),
        ("Am 31.10.2023, gegen 23:40 Uhr, kam es in der Nordstraße zu einem versuchten Einbruch.", None),
        ("Die Stadt hat am 12.03.2021 beschlossen, die Preise zu erhöhen und das Netz auszubauen", None),
        ("Published on 12 June 2020, the report shows that the rate rose.", None),
        ("Updated every week with the latest figures", None),
    ],
)
def test_a_dated_meta_line(line: str, date: str | None) -> None:
    assert dated_meta(line) == date


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("12.03.2021, 14:05 Uhr", "2021-03-12T14:05:00Z"),
        ("Veröffentlicht am 13. März 2019 von Michael Veeser-Dombrowski", "2019-03-13T00:00:00Z"),
        ("28 kwietnia 2021 Polityka", "2021-04-28T00:00:00Z"),
        ("Data publikacji: 5 maja 2021", "2021-05-05T00:00:00Z"),
        ("Von Anna Schmidt am 3. März 2021", "2021-03-03T00:00:00Z"),
        ("The law takes effect on 1 July 2024 after a long debate in the chamber.", None),
        # Dates of something else: an embedded post's signature, an event, a deadline, a registration.
        ("— Jane Doe (@janedoe) June 1, 2017", None),
        ("Termin: Montag, 15. November 2021 um 10.30 Uhr", None),
        ("Deadline: 15. März 2020", None),
        ("Registriert: 18.09.2008, 05:56", None),
    ],
)
def test_the_date_a_line_gives(line: str, date: str | None) -> None:
    assert find_line_date(line) == date


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("Updated 3 May 2024", 0),
        ("Last updated: 04 Jun 2020", 0),
        ("Aktualisiert am 3. März 2021", 0),
        ("Actualizado 27/04/2022 00:00", 0),
        ("Published 3 May 2024", None),
        ("Published 2 May 2024 | Updated 3 May 2024", 23),
        ("3. März 2021, aktualisiert 14:05", 14),
        ("The updated version of the app", None),
    ],
)
def test_where_a_line_dates_a_change(line: str, start: int | None) -> None:
    assert find_update(line) == start


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Startseite > Beauty > Lange Haare: Dank dieser Lebensmittel", "Lange Haare: Dank dieser Lebensmittel"),
        ("> Blog > Aus den Ländern > Digitalpolitische Jahrestagung 2015", "Digitalpolitische Jahrestagung 2015"),
        ("You are here: Home » Travel » Nam Nghi Phu Quoc Opens", "Nam Nghi Phu Quoc Opens"),
        ("Sie sind hier: Politik › Stadtrat beschließt Radweg", "Stadtrat beschließt Radweg"),
        ("Merkel: »Wir schaffen das« – eine Bilanz", "Merkel: »Wir schaffen das« – eine Bilanz"),  # quotes, no steps
        ("Schwarz > Weiß: Kontraste im Design", "Schwarz > Weiß: Kontraste im Design"),  # one step is no trail
        ("Home > News > Sport", "Home > News > Sport"),  # nothing a headline after the trail
        (
            "home / Betrieb / IT / Cyber-Angriffe: 20 Prozent in die Sicherheit",
            "Cyber-Angriffe: 20 Prozent in die Sicherheit",
        ),
        (
            "Startseite / Erfinderinnen: Ann Kiessling und ihre Forschung",
            "Erfinderinnen: Ann Kiessling und ihre Forschung",
        ),
        ("Covid / flu season / what next for schools", "Covid / flu season / what next for schools"),  # no home step
        ("Home / Covid / flu", "Home / Covid / flu"),  # too little a headline after the trail
    ],
)
def test_a_breadcrumb_trail_before_the_headline_is_dropped(title: str, headline: str) -> None:
    assert strip_breadcrumb(title) == headline


@pytest.mark.parametrize(
    ("line", "names_nothing_"),
    [
        ("edilsonlarosam@gmail.com", True),
        ("0800 723 454 6", True),
        ("1 / 2", True),
        ("www.ekbo.de", True),
        ("https://californiaglobe.com/wp-content/uploads/2020/08/ruling.mp3", True),
        ("Die Hinterlassenschaften des Demoraves im September (Foto: a100stoppen.de)", True),
        ("A garda watches over an empty-looking Cork city (Image: @GardaTraffic)", True),
        ("Media caption Drone footage shows mass burials in New York", True),
        ("[ 26. Februar 2020 ] Am Windows Server 2019 einen Datenträger bereitstellen", True),
        ("13,99 EUR", True),  # a shop's price
        ("ab 19,90 €", True),
        ("$1,200", True),
        ("13 Euro für ein Ticket: Die Bahn erhöht die Preise", False),
        ("Ferry operator cuts sailings to the outlying islands", False),
        ("Bundestag debattiert über den Haushalt (live)", False),
        ("Wahl 2024: Was die Parteien versprechen", False),
        ("Mein-MMO.de testet das neue Rollenspiel", False),
    ],
)
def test_an_address_a_caption_a_ticker_item_or_a_price_names_no_article(line: str, names_nothing_: bool) -> None:
    assert names_nothing(line) is names_nothing_


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Ferry operator cuts sailings", True),
        ("October 12, 2020", False),
        ("Mittwoch, 8. Juli 2020", False),
        ("Abmelden 19.10.2019", False),
        ("Story of 2024-06-14", True),  # a headline may hold a date
        ("whiskyverkostung.com", False),
        ("• Ferry operator cuts sailings", False),
    ],
)
def test_a_date_or_an_address_alone_is_no_page_title(line: str, title: bool) -> None:
    assert looks_like_title(line) is title


@pytest.mark.parametrize(
    ("lead", "name", "authors"),
    [
        ("By", "James Whittaker", ["James Whittaker"]),
        ("Von", "Patrick Czerny", ["Patrick Czerny"]),
        ("Ein Beitrag von:", "Alexandra Ilina", ["Alexandra Ilina"]),
        ("By", "the harbour master, who said the ferry was late", None),  # a sentence, not a name
        ("By Jane Doe", "James Whittaker", None),  # the lead names its author itself
        ("Mehr von", "Anna Schmidt", None),  # no byline's lead
    ],
)
def test_a_byline_s_lead_over_a_name_is_a_byline(lead: str, name: str, authors: list[str] | None) -> None:
    assert split_byline(lead, name) == authors


@pytest.mark.parametrize(
    ("name", "closed", "authors"),
    [
        ("Robert", True, ["Robert"]),
        ("Eurosport", True, ["Eurosport"]),
        ("Redaktion", True, []),  # a newsroom: a byline that names no one
        ("Robert", False, None),  # one word may be anything when nothing ends the byline
        ("der", True, None),
        ("2022", True, None),
    ],
)
def test_a_closed_split_byline_takes_a_name_of_one_word(name: str, closed: bool, authors: list[str] | None) -> None:
    assert split_byline("Von", name, closed=closed) == authors


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("30. Oktober 2019 | Markus Euskirchen", ["Markus Euskirchen"]),
        ("11.12.2019 - Amelie Loevenich", ["Amelie Loevenich"]),
        ("04.02.2022 | 13:10 Uhr | Uta Helkenberg", ["Uta Helkenberg"]),
        ("Marie Merlet | lundi 9 décembre 2019 à 09h08", ["Marie Merlet"]),
        ("28. Juni 2019 · Christoph von Ritter", ["Christoph von Ritter"]),
        ("Christian Kahle, 03.11.2023 15:32 Uhr", ["Christian Kahle"]),  # a comma after the name
        ("Marco Kratzenberg, 01. Dez. 2017, 12:01 Uhr 3 min Lesezeit", ["Marco Kratzenberg"]),
        ("Gunter Frank / 22.04.2020 / 06:15 / Foto: Achgut.com", ["Gunter Frank"]),  # slashes between spaces
        ("Julia Steinhoff / Oktober 25 2023", ["Julia Steinhoff"]),
        ("Berlin, 3. März 2024", None),  # a place: one word
        ("Anna Schmidt, Lena Weber, 3. März 2024", None),
        ("12.03.2024 | Politik", None),  # one word: a section
        ("Aktualisiert am 12.03.2024 | 3 Kommentare", None),
        ("Juni 2018 | Social Media | 36 Kommentare", None),  # a category, beside no date
        ("3. März 2024 | Anna Schmidt | Lena Weber", None),  # two names: which one wrote it is not said
        ("Bettina Kugler 19.10.2019", None),  # no separator: a kicker may stand there as well
    ],
)
def test_a_name_beside_a_dateline_s_date_is_its_author(line: str, authors: list[str] | None) -> None:
    assert name_beside_date(line) == authors
