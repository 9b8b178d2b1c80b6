"""Boilerplate families: each on lines it must catch (several languages) and lines it must leave alone."""

from __future__ import annotations

import pytest

from newsetl.clean.text.cues import (
    DIGIT_START,
    ROLES,
    SYMBOL_START,
    WORD_RE,
    PhraseError,
    leading_words,
    long_cue,
    short_cue,
)
from newsetl.clean.text.phrases import FAMILIES, LONG_LINE, SHORT_LINE


def cue(line: str) -> str | None:
    text = line.strip()
    low = text.lower()
    if len(text) > SHORT_LINE:
        return long_cue(low)
    return short_cue(text, low, WORD_RE.findall(low))


CATCHES = {
    "ad-label": [
        "Advertisement",
        "- Anzeige -",
        "PUBLICITÉ",
        "Werbung",
        "Sponsored content",
        "Pubblicità",
        "Reklama",
        "РЕКЛАМА",
    ],
    "ad-continue": [
        "Story continues below advertisement",
        "Weiterlesen nach der Anzeige",
        "La suite après la publicité",
    ],
    "reading-time": [
        "Jeszcze 3 minuty czytania",
        "11 minut czytania",
        "Reading Time:2 minutes",
        "Lesezeit: ca. 4 Min.",
        "3 min read",
        "Temps de lecture : 5 min",
        "Ten tekst przeczytasz w 3 minuty",
        "Czas czytania: 4 min",
        "21 minutes - 4312 words",
    ],
    "trust-banner": [
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Why you can trust SCMP",
        "Transparenzhinweis",
        "How we fact-check",
        "Medically reviewed by Daniel Murrell, MD",
        "Fact checked by Fernando Flores",
        "Learn about our editorial policies",
        "Editorial policies",
        "Advertising disclosure: We may receive compensation when you click on links to products from our partners.",
        "This post contains references to products from one or more of our advertisers.",
        "We may earn a commission when you buy through links on our site.",
        "Dieser Beitrag enthält Affiliate-Links.",
        "Editorial Ethics and Guidelines",
        "Advertising Guidelines",
        "Anzeige, enthält Affiliate Links",
        "*Werbung. Dieser Beitrag enthält Werbung für MYMARINI.",
        "Disclaimer: The views expressed are the author's own.",
        "NOTE: The advertising disclaimer below does not apply to this article, nor any originating from the Village "
        "Voice editorial department, which does not accept paid links, and never has in all the years it has run.",
        "Submit your letter to the editor via this form.",
        "This post contains references to products from one or more of our advertisers. We may receive compensation "
        "when you click on links to those products. Terms apply to the offers listed on this page.",
    ],
    "print-info": [
        "Artikel anhören",
        "Listen to this article",
        "Druckversion",
        "Rezept drucken",
        "Auf einer Seite lesen",
        "Informationsschreiben vom 14. Oktober 2021 PDF | 38 KB | Datei ist nicht barrierefrei",
        "PDF version",
        "Version imprimable",
        "Print Recipe",
        "Dieses Skript als PDF herunterladen",
        "Jump to Recipe Print Recipe",
        "Télécharger au format EPUB",
        "Like recipe? Add the ingredients to your basket.",
    ],
    "video-duration": ["06:35", "1:02:10"],
    "cookie-banner": [
        # A consent manager's list of services.
        "Switch zum Einwilligen bzw. Ablehnen des Dienstes Youtube",
        "Folgen der Nichteinwilligung: Der Dienst Youtube wird Ihnen nicht zur Verfügung gestellt",
        "Rechtsgrundlage für die Datenübermittlung in die USA: Der Google Konzern übermittelt Ihre Daten in die USA "
        "und weitere Länder, ohne dass dort ein angemessenes Schutzniveau für Ihre Daten besteht.",
        "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.",
        "We use cookies to improve your experience",
        "Alle akzeptieren",
        "Accept all cookies",
        "Accept all",
        "Tout accepter",
        "Cookie-Hinweis",
    ],
    "comments": [
        "Reageer op dit artikel",
        "Kommentare (12)",
        "Komentarze (9)",
        "Dodaj komentarz",
        "odpowiedz",
        "Комментарии",
        "12 komentarzy",
        "Kommentarer (4)",
        "Para comentar debes registrarte y completar los datos generales.",
        "Vos réactions (11)",
        "Leave a Reply",
        "Kommentar verfassen",
        "3 Antworten zu „Der Sommer kommt“",
        "Laisser un commentaire",
        "Deine E-Mail-Adresse wird nicht veröffentlicht.",
        "Your email address will not be published.",
        "Comments are closed.",
        "Hier klicken, um das Antworten abzubrechen.",
        "Click here to cancel reply.",
        "Annuler la réponse",
        "Um den Tipp kommentieren zu können, müssen Sie eingeloggt sein.",
        "Josef Lindner, Do 9 Apr 2020 / 08:34 Antworten",
        "You must be logged in to post a comment.",
        "Hinterlasse eine Antwort",
        "Pingback von Jane Doe",
        "Sie müssen sich anmelden um Kommentare zu schreiben.",
        "Verraten Sie gerne in den Kommentaren: Was bedeutet der Preis für Sie?",
    ],
    "related": [
        "I più letti",
        "Powiązane artykuły",
        "Najczęściej czytane",
        "Související články",
        "Relaterade artiklar",
        "Похожие статьи",
        "Das könnte Sie auch interessieren",
        "Related articles",
        "Lesen Sie auch",
        "Weitere Tourentipps in Schweden",
        "More Great WIRED Stories",
        "Weitere aktuelle Themen aus der Arbeitswelt",
        "Mehr zum Thema",
        "À lire aussi",
        "Noticias relacionadas",
        "Leggi anche",
        "Most read",
        "Últimas noticias",
        "Más leídas de Política",
        "Les plus lus",
        "Leia também",
        "Meest gelezen",
        "Trending on the web",
        "Temas relacionados",
        "Veja também:",
        "Artikel zum Thema",
        "Lies auch",
        "Meistdiskutierte Artikel",
        "Las más vistas",
        "Articles en relation",
        "Artikel und Videos zum Thema",
        "Populäre Artikel der letzten 7 Tage",
        "Top Themen der Redaktion",
        "Das könnte dir auch gefallen",
        "Empfohlene Beiträge",
        "Zum Weiterlesen:",
        "Schon gelesen?",
        "Diese Artikel könnten dich ebenfalls interessieren:",
        "Latest on:",
        "Mirá también",
        "NOTAS RELACIONADAS",
        "Más sobre La Tercera AM",
        "Related Coverage",
        "Pour approfondir",
        "Die meistgelesenen Artikel",
        "Interessantes aus unserem Blog",
        "Das Thema könnte dich auch interessieren:",
        "Lesen Sie hier einen weiteren spannenden Beitrag …",
        "Infórmate más",
        "Contenido relacionado",
        "WEITERE BEITRÄGE ZU",
        "Mehr Themen:",
        "Kommentierte Artikel",
        "Kommende Events",
    ],
    "follow-us": [
        "Follow us on Twitter",
        "Folge mir Entfolgen Folge Oliver Baroni auf Facebook Folge Oliver Baroni auf Twitter",
        "Folgen Sie uns auf Facebook",
        "Síguenos en Telegram, Instagram, Facebook y Twitter para recibir todas nuestras actualizaciones",
        "Suivez-nous sur Instagram",
        "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner",
        "Get the latest news straight to your phone with the VI Consortium app.",
        "¡Mira lo que tiene nuestro canal de YouTube!",
        "Folgen Sie unserem WhatsApp-Kanal",
        "For the latest stories and breaking news updates download the Nationnews apps for iOS and Android.",
        "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner and on Facebook @GleanerJamaica. Send us your "
        "stories and photos through our WhatsApp number or by e-mail to the newsroom, any time of the day or night.",
        "Download our app",
        "Abonniere unseren YouTube-Kanal",
    ],
    "feedback": [
        "War dieser Artikel hilfreich?",
        "Was this article helpful?",
        "Wie finden Sie diesen Beitrag?",
        "We want to hear what you think about this article.",
    ],
    "author-box": ["Über den Autor", "About the author", "À propos de l'auteur"],
    "author-links": ["Alle Beiträge von Jane Doe", "Show all articles of"],
    "support-call": [
        "Jetzt spenden",
        "Would you consider supporting our work?",
        "Unterstützen Sie unsere Arbeit",
        "We rely on your support to make local news available to all",
        "Ihr Beitrag hilft, unsere Berichterstattung noch besser zu machen.",
        "Unterstütze RosaMag",
        "Jede kleine Spende hilft den notleidenden Menschen dieser Welt!",
        "Wenn Ihnen unser Artikel gefallen hat: Unterstützen Sie diese Form des Journalismus.",
        "Sie lesen gern Achgut.com?",
        "Gefällt dir unser Klettermagazin?",
        "Sie wollen mehr von uns?",
        "HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS",
        "Become a member today!",
        "Werden Sie Mitglied!",
        "Instant access to the full article PDF.",
        "Wählen Sie Ihren Zugang und lesen Sie weiter:",
        "Unterstütze RosaMag bereits mit 2,50!",
        "Kennt ihr schon unseren Brandfinder?",
        "Gefällt dir unser Klettermagazin? Bei der Lancierung haben wir entschieden, keine Bezahlschranke einzuführen. "
        "Das wird auch so bleiben, denn wir möchten möglichst viele Leserinnen und Leser erreichen.",
        # The publication's own issue, app and shop.
        "Die aktuelle Ausgabe der L-MAG jetzt an jedem Bahnhofskiosk, im Abo, als e-Paper und bei Readly erhältlich.",
        "Jetzt neu! Besuchen Sie unseren Fan-Shop!",
        "DHB jetzt auch digital! Einfach hier klicken und für das digitale DHB registrieren!",
        "Lesen Sie das BIKE Magazin. Einfach digital in der BIKE-App (iTunes und Google Play) oder bestellen Sie es im "
        "Handel oder als Abo direkt nach Hause.",
        "Get the latest issue delivered to your door",
        "Subscribe to our print edition",
    ],
    "social-embed": ["A post shared by Jane (@jane)", "View this post on Instagram"],
    "gallery-count": ["Bild 1 von 9", "Foto 1 de 1", "Photo 3 of 12", "Slide 2/5", "Galerie: 4 von 20"],
    "embed": [
        "Externer Inhalt",
        "Load more",
        '<iframe width="476" height="267" src="https://news.example.test/video/embed/?pid=1" frameborder="0"></iframe>',
        "EMBED <> More Videos",
    ],
    "post-meta": [
        "Filed under: Politics",
        "Dieser Beitrag wurde am 3. Mai veröffentlicht",
        "Permalink",
        "Asked 8 years, 2 months ago",
        "Viewed 12 times",
        "SUGGESTED CITATION Sauer, Heiko: Expert*innen in der Krise",
        "Alle Inhalte unterliegen dieser Creative-Commons-Lizenz.",
        "(Alle Angaben ohne Gewähr)",
        "ERSCHIENEN IN",
        "Posted by K A",
        "Les opinions exprimées dans les blogs n'engagent que leurs auteurs.",
        "Last Modified: 3 May 2021",
        "Letzte Änderung",
        "Leserbriefe",
        "Sofern nicht anders ausgewiesen, stehen Inhalte dieser Website unter CC-BY",
    ],
    "newsletter": [
        "Abonneren op de nieuwsbrief",
        "Subscribe to our newsletter",
        "Jetzt den Newsletter abonnieren",
        "Abonnez-vous à notre newsletter",
        "Get The Times of Israel's Daily Edition by email and never miss our top stories",
        "Du willst nichts mehr verpassen?",
        "Zapraszamy też do subskrypcji",
        "Sign up to get the best content of the week, as picked by the editors.",
        "Um neue Beiträge per E-Mail zu erhalten, hier die E-Mail-Adresse eingeben.",
    ],
    "tags": [
        "Tagi: polityka, gospodarka",
        "Štítky: volby",
        "Tags: Politik, Wahl",
        "Schlagwörter: Sommer",
        "Mots-clés : vélo",
        "Themen in diesem Artikel",
        "MARKIERT MIT",
        "Kategorien",
    ],
    "prev-next": ["« Vorheriger Beitrag", "Next post →", "Article précédent"],
    "skip-link": ["Skip to content", "Zum Inhalt springen", "Aller au contenu", "skip to main"],
    "copyright": [
        "© 2016 Beispiel GmbH",
        "Alle Rechte vorbehalten.",
        "Tous droits réservés",
        "Materiał chroniony prawem autorskim.",
        "Materiał chroniony prawem autorskim - zasady przedruków określa regulamin.",
        "This article is the copyrighted property of Breaking Belize News.",
        "Written permission must be obtained before reprint in online or print media.",
        "© 2022, Example News. This article is the copyrighted property of Example News. Written permission must be "
        "obtained before reprint in online or print media. Reprinting content without permission is theft.",
    ],
    "rating": ["Bewerten", "4,5 von 5 Sternen", "Like", "Likes (12)"],
    "share-cta": [
        "Gefällt dir der Artikel? Dann teile ihn!",
        "Udostępnij na Facebooku",
        "Sdílet na Facebooku",
        "Compartilhar no Facebook",
        "Partagez cet article avec vos amis",
        "Teile diesen Beitrag auf Social Media.",
        "Artikel empfehlen:",
        "Empfehlen:",
        "Diese Seite empfehlen",
        "Empfehlen Sie diese Seite weiter:",
    ],
    "share-bar": [
        "Facebook Twitter WhatsApp",
        "Share on Pinterest",
        "Teilen auf Facebook",
        "Diesen Artikel teilen:",
        "Share Facebook Twitter Google+ ReddIt WhatsApp Pinterest Email Linkedin Tumblr Telegram StumbleUpon Print",
    ],
    "js-warning": [
        "Looks like you’re using a browser we don’t support.",
        "Please enable JavaScript to view this page",
        "Dein Browser ist leider veraltet.",
        "Your browser is out of date.",
        "Achtung: Bitte aktualisiere deinen Browser, wenn du mit diesem Browser fortfährst, könnte es Fehler geben.",
        "Lade für ein besseres Erlebnis einen neueren Browser kostenfrei herunter. Klicke dafür auf das Symbol!",
        "Votre navigateur n'est plus à jour.",
    ],
    "login": [
        "Zaloguj się",
        "Přihlásit se",
        "Logga in",
        "Войти",
        "E-Mail-Adresse",
        "Your email address",
        "Correo electrónico",
        "Leave this field empty if you're human:",
        "Name (erforderlich)",
        "E-Mail (wird nicht veröffentlicht)(erforderlich)",
        "Email (will not be published) (required)",
        "Anmelden",
        "Sign in",
        "Mein Konto",
        "Se connecter",
        "HIER KOSTENLOS ANMELDEN »",
        "Jetzt anmelden",
        "Sie sind aktuell nicht eingeloggt.",
        "Bereits Abonnent? Einloggen",
        "If you're seeing this message but you're already a subscriber, you can log in for immediate access.",
    ],
    "search": ["Suche", "Search", "Rechercher", "Szukaj", "Hledat", "Sök", "Поиск", "Suche Erweiterte Suche"],
    "menu-word": [
        "Hide Images",
        "Bildbeschreibung einblenden",
        "Zurück zur Bereichsnavigation",
        "Toggle navigation",
        "Menu Toggle",
        "Primary Menu",
        "Navigation umschalten",
        "Menü öffnen",
        "Ouvrir le menu",
        "weiterlesen 5 Minuten",
        "Weiterlesen: 12 Min.",
        "Startseite",
        "Menü",
        "Back to top",
        "Weiterlesen",
        "Lire la suite",
        "Zur Startseite",
        "Hier weiterlesen",
        "Zurück zum Lexikon",
        "Ausgabe kaufen",
        "Bild anzeigen",
    ],
    "footer-link": [
        "Privacybeleid",
        "Informativa sulla privacy",
        "Politique de confidentialité",
        "Política de privacidad",
        "Regulamin",
        "Polityka prywatności",
        "Integritetspolicy",
        "Политика конфиденциальности",
        "Impressum",
        "Datenschutzerklärung",
        "Mentions légales",
        "Kontakt",
        "Privacy Policy",
        "IMPRESSUM | DATENSCHUTZ",
        "Impressum · Datenschutz · AGB",
    ],
    "read-also": [
        "Przeczytaj również: Rząd zmienia przepisy",
        "Читайте также: Правительство",
        "Läs också: Regeringen",
        "Weiterlesen … Lebenszeichen von Bavaria nach zwei Monaten Funkstille",
        "Weiterlesen » Wohncontainer – Gedanken über das minimalistische Wohnen",
        "Mehr lesen: Demonstranten und Journalisten in Nicaragua bedroht",
        "Lire la suite : la réforme des retraites en cinq questions",
        "Read more: Why the council closed the pool",
        "Lesen Sie auch: Was die Reform für Mieter bedeutet",
        "Lea más: El Gobierno anuncia nuevas medidas",
        "Lea: Consejo Permanente de la OEA se reúne",
        "À lire aussi : La réforme des retraites en cinq questions",
        "Czytaj też: Wyścig zbrojeń ruszył",
        "Related: Alaska Airlines delays full Oneworld membership to early 2021",
        "Le puede interesar: JEP abrirá tres nuevos macrocasos",
        "MIRA: Madre se acerca a conocer los motivos de captura de su hijo",
        "PUEDES VER: ¿Qué es la Sunedu?",
        "Lesen Sie hier: Spielabbruch in der Kreisliga",
        "Zobacz także",
        "Czytaj także: Rosja jest groźna",
        "Vorschau auf den nächsten Artikel",
        "Alles über nachhaltige Wanderschuhe findest Du hier.",
        "Weitere Infos unter www.itfjuniors.de.",
    ],
    "server-error": [
        "Notice: Undefined index: page in /var/www/html/index.php on line 12",
        "Strict Standards: Non-static method nggGallery::i18n() should not be called statically in "
        "/www/htdocs/w00a2ebd/wp-content/plugins/nextgen-gallery/nggfunctions.php on line 52",
    ],
    "breadcrumb": ["Home › Politik › Inland", "Startseite | Region | Sport"],
}

PROSE = [
    "Der neue Browser von Mozilla lädt Seiten schneller.",
    "Nie wiem, co mu odpowiedzieć, powiedziała minister.",
    "Komentarze polityków były podzielone po wtorkowym głosowaniu w Sejmie.",
    "Polecamy wszystkim tę książkę, bo jest świetna.",
    "Close the door behind you.",
    "Ze reageerde niet op vragen van de krant.",
    "Main menu items were cut by the restaurant last year.",
    "Najnowsze dane pokazują wzrost bezrobocia w regionie.",
    "Update: Der Browser ist wieder verfügbar.",
    "Die Stadtwerke erhöhen zum 1. Juli die Preise für Fernwärme um durchschnittlich 18 Prozent.",
    "Share prices rose on Monday after the company reported record profits.",
    "Facebook said it would appeal the ruling.",
    "The minister refused to comment on the report.",
    "Le maire a annoncé la fermeture de la piscine pendant l'été.",
    "Related parties must disclose their interests, the regulator said.",
    "Wir haben uns entschieden, den Betrieb im Sommer einzustellen, sagte der Sprecher.",
    "About 80 000 visitors came to the harbour festival on Saturday.",
    "Next year the council wants to build a new bridge across the river.",
    "Tags are attached to every bird so that researchers can follow their routes.",
    "He wrote a comment piece for the local paper in 2019, which drew many letters.",
    "El alcalde dijo que la piscina abrirá en junio.",
    "Il sindaco ha detto che la piscina aprirà a giugno.",
    "Search and rescue teams were still looking for the missing hikers on Sunday evening.",
    "Cookies baked by pupils were sold at the fair, and the money went to the school library.",
    "Die Ministerin wollte den Bericht nicht kommentieren, sie sei noch nicht informiert worden.",
    "Kommentieren wollte sie das Urteil am Montag nicht.",
    "Die Kinder können die Fragen der Lehrer oft nicht beantworten.",
    "Lea y su hermano viajaron a Madrid en verano.",
    "Read the report before the meeting, the chairman said.",
    "Following us on the trip was a photographer from the local paper.",
    "Mira cómo llegó el equipo al estadio.",
    "<3 this place, said the mayor.",
    "Más sobre el tema se sabrá el lunes, dijo el ministro.",
    "We may receive a commission fee, the company said of its deal.",
    "Posted by a friend, the video drew thousands of comments within an hour of going online on Friday night.",
    "Zurück zur Normalität wollen die Wirte erst im Sommer.",
    "Unterstütze die Kinder beim Lernen, rät die Lehrerin.",
    "Jede Spende wird geprüft, sagte der Schatzmeister.",
    "Kategorien wie Alter und Herkunft spielen bei der Auswahl keine Rolle.",
    "Last updated in 1998, the map shows the old border.",
    "Share prices of the group fell by a third after the report was published on Monday.",
    "Wenn Ihnen der Arzt nichts verschreibt, hilft oft schon Ruhe.",
    "Like... copy selected text from a tmux pane to the clipboard.",
    "He started a channel on YouTube in 2015 and now has a million followers.",
    "Instant access to clean water changed the village, the report says.",
    "Weitere Artikel zu dem Thema will die Zeitung im Herbst veröffentlichen, sagte die Chefredakteurin.",
    "Sie wollen mehr von uns als wir leisten können, sagte der Bürgermeister.",
    "Become a member of the alliance, the minister urged Finland on Monday.",
    "Das Konzeptpapier finden Sie hier:",
    "Asked about the plan, the minister declined to comment.",
    "More than 200 stories were filed by the end of the day, the editor said.",
    "Your email address will be checked by the bank, the police warned.",
    "Weiterlesen lohnt sich: 5 Minuten dauert die Lektüre, sagt der Verlag.",
    "Die aktuelle Ausgabe des Magazins befasst sich mit der Frage, wer die Mieten in der Stadt bezahlen kann.",
    "Lesen Sie das Magazin der Stiftung, dann verstehen Sie, warum die Förderung so wichtig ist.",
    "Der Verein ist jetzt auch digital erreichbar, sagte die Vorsitzende am Montag.",
    "Reviewed by the committee last year, the plan was approved in May.",  # no review credit
    "Wir empfehlen Ihnen:",
    "Our standards of care have fallen, the inspector said in her report on Monday.",
    "Die Rechtsgrundlage für die Datenverarbeitung fehlte, urteilte das Gericht am Montag.",
    "Empfehlen Sie den Arzt weiter, wenn er Ihnen geholfen hat.",
    "Bild 1 von 9 Bildern zeigt den Hafen.",
    "Photo 3 of 12 shows the harbour at night.",
]


@pytest.mark.parametrize(("rule", "line"), [(rule, line) for rule, lines in CATCHES.items() for line in lines])
def test_family_catches(rule: str, line: str) -> None:
    assert cue(line) == rule


@pytest.mark.parametrize("line", PROSE)
def test_prose_is_no_cue(line: str) -> None:
    assert cue(line) is None


def test_every_family_is_tested() -> None:
    assert {family.rule for family in FAMILIES} <= set(CATCHES)


def test_every_cue_has_a_role() -> None:
    assert set(CATCHES) <= set(ROLES)


def test_a_cue_word_deep_inside_a_long_paragraph_is_prose() -> None:
    line = (
        "The council met on Tuesday to discuss the budget, and members agreed to share the costs of the new "
        "library with the county, which had asked for months to be consulted before any decision was taken."
    )
    assert len(line) > SHORT_LINE
    assert cue(line) is None


def test_a_consent_banner_is_caught_even_as_a_paragraph() -> None:
    line = (
        "Diese Website verwendet Cookies. Wenn Sie die Seite weiter nutzen, stimmen Sie der Verwendung von "
        "Cookies zu. Mit einem Klick auf Akzeptieren erklären Sie sich mit der Datenschutzerklärung einverstanden."
    )
    assert SHORT_LINE < len(line) <= LONG_LINE
    assert cue(line) == "cookie-banner"


def test_lines_longer_than_the_long_limit_are_never_cues() -> None:
    assert cue("newsletter " * 60) is None


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"why (?:you can )?trust\b", {"why"}),
        (r"(?:alle )?(?:akzeptieren|ablehnen)\b", {"alle", "akzeptieren", "ablehnen"}),
        (r"comments?\s*:?$", {"comment", "comments"}),
        (r"[ée]couter\b", {"écouter", "ecouter"}),
        (r"e-?mail", {"e", "email"}),
        (r"\d+ likes?\b", {DIGIT_START}),
        (r"(?:©|\(c\)|copyright\b)", {SYMBOL_START, "copyright"}),
        (r"\bnewsletter\b", {"newsletter"}),
        (r"meist ?gelesen", {"meist", "meistgelesen"}),
    ],
)
def test_leading_words(pattern: str, words: set[str]) -> None:
    assert leading_words(pattern) == words


@pytest.mark.parametrize("pattern", [r"\w+ news", r"comment\w*", r"(?=x)news", r"news.{0,3}letter"])
def test_a_phrase_whose_first_word_is_not_spelled_out_is_refused(pattern: str) -> None:
    with pytest.raises(PhraseError):
        leading_words(pattern)


def test_of_two_cue_words_anywhere_in_a_line_the_first_decides() -> None:
    # Each word's phrases are searched apart; the leftmost match wins, as in one regex of all of them.
    assert cue("Cookies und Kommentare") == "cookie-banner"
    assert cue("Kommentare und Cookies") == "comments"
