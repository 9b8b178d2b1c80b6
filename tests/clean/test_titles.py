"""A page's title without its site's name, recognised by og:site_name or by how the host is spelt."""

from __future__ import annotations

import pytest

from newsetl.clean.titles import host_of, site_label, without_site_name


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.heizung.de/a", "heizung.de"),
        ("https://edition.cnn.com/2020/x", "edition.cnn.com"),
        (None, ""),
        ("http://[::1", ""),  # malformed: urlsplit raises, no host to compare with
    ],
)
def test_host_of(url: str | None, host: str) -> None:
    assert host_of(url) == host


@pytest.mark.parametrize(
    ("host", "label"),
    [
        ("heizung.de", "heizung"),
        ("edition.cnn.com", "cnn"),
        ("news.bbc.co.uk", "bbc"),
        ("smh.com.au", "smh"),  # two-part public suffixes
        ("folha.uol.com.br", "uol"),
        ("asahi.co.jp", "asahi"),
        ("localhost", "localhost"),
    ],
)
def test_site_label(host: str, label: str) -> None:
    assert site_label(host) == label


@pytest.mark.parametrize(
    ("title", "host", "expected"),
    [
        (
            "iOS 13 will fix the FaceTime eye contact problem - The Verge",
            "theverge.com",
            "iOS 13 will fix the FaceTime eye contact problem",
        ),
        ("Flixbus attackiert Deutsche Bahn - Süddeutsche.de", "sueddeutsche.de", "Flixbus attackiert Deutsche Bahn"),
        ("Ear Candy! | Novalanalove", "novalanalove.com", "Ear Candy!"),
        ("Wetter am Wochenende – N-TV", "n-tv.de", "Wetter am Wochenende"),
        ("BMJV | Transparenz bei Preisanpassungen", "bmjv.de", "Transparenz bei Preisanpassungen"),
        ("Strike ends after talks | BBC", "news.bbc.co.uk", "Strike ends after talks"),
        ("Jean-Luc Picard returns", "picard.com", "Jean-Luc Picard returns"),  # a hyphen inside a word
        ("Spiegel Online", "spiegel.de", "Spiegel Online"),  # no separator: nothing to cut
        ("Headline | Spiegel", "spiegel.de", "Headline"),
        ("Spiegel | Headline", "spiegel.de", "Headline"),  # the site's name first
        ("Headline - SPIEGEL ONLINE", "spiegel.de", "Headline - SPIEGEL ONLINE"),  # "spiegelonline" is not the host
        ("Headline | www.Heizung.de", "heizung.de", "Headline"),
        ("Spiegel | ", "spiegel.de", "Spiegel | "),  # never an empty title
        ("Heizung.de", "heizung.de", "Heizung.de"),  # the name alone is all the page says
        ("Headline - Other Site", "example.com", "Headline - Other Site"),
        ("Headline - Example", "", "Headline - Example"),  # no host: nothing to compare with
    ],
)
def test_the_host_spelt_before_or_after_the_headline_is_cut(title: str, host: str, expected: str) -> None:
    assert without_site_name(title, host=host) == expected


def test_a_declared_site_name_is_cut_from_the_end() -> None:
    assert without_site_name("Hof & Geschichte - Schlosswirt Juval", ["Schlosswirt Juval"]) == "Hof & Geschichte"


def test_no_title_stays_none() -> None:
    assert without_site_name(None, ["Site"], "example.com") is None
