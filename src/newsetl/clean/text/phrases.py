"""Boilerplate phrase families: the generic furniture of web pages, in the languages our sources write.

Each family is a rule id (recorded for every line it removes), a role that says how it weighs in the search
for the article, and its phrases, written as regexes over lower-case text:

- ``lines``: whole short lines, compared as their words joined by one space ("Back to top" → "back to top");
- ``starts``: anchored at the start of a short line; each must begin with a word (or a digit, or a symbol),
  because lines are dispatched to the phrases their first word can start (see :mod:`cues`);
- ``anywhere``: searched in a short line that holds one of the words they begin with;
- ``long``: like ``starts``/``anywhere`` but also tried on lines too long for the others (up to
  ``LONG_LINE`` characters): cookie banners and newsletter prompts come as whole paragraphs.

The vocabulary is what page furniture says on any site (menus, consent banners, share bars, comment forms,
related-story boxes, footers), not phrases of particular sites.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CueRole = Literal["inline", "furniture", "boundary", "end", "closing"]
"""How a family weighs when the article is located:

- ``inline``: interrupts an article without ending it (ad slots, video players, reading time);
- ``furniture``: page furniture that may sit anywhere (menus, login, search);
- ``boundary``: blocks that surround an article (related stories, newsletter boxes, cookie banners, footers);
- ``end``: blocks that usually come after an article (comments, share calls, tags), though a blog may show
  its comment count or share bar under the headline;
- ``closing``: blocks that only ever come after an article (author box, feedback form): nothing runs across.
"""

RIGHTS_RESERVED = (
    r"\b(?:all rights reserved|alle rechte vorbehalten|tous droits r[ée]serv[ée]s|todos los derechos "
    r"reservados|tutti i diritti riservati|alle rechten voorbehouden|wszelkie prawa zastrze[żz]one)\b"
)
"""A site's footer claims its rights: a photo's credit ("© Name 1990 e.V.") names a holder but claims nothing."""

SHORT_LINE = 160
"""A cue word inside a longer line is prose, not furniture."""
LONG_LINE = 420
"""Up to this length, the ``long`` phrases are tried."""


@dataclass(frozen=True, slots=True)
class PhraseFamily:
    rule: str
    role: CueRole
    lines: str = ""
    """Whole lines, ``|``-separated, lower-case."""
    starts: tuple[str, ...] = ()
    anywhere: tuple[str, ...] = ()
    long_starts: tuple[str, ...] = ()
    long_anywhere: tuple[str, ...] = ()


_CLICK = r"(?:klicken|click|tippen|tap)"
# "Lesen Sie das BIKE Magazin. Einfach digital in der BIKE-App … oder bestellen Sie es …": short or a paragraph.
_READ_OUR_MAGAZINE = (
    r"lesen sie (?:das|die|den) \S+(?: \S+)? (?:magazin|zeitung|heft)\b.{0,120}\b(?:digital|app|abo|bestellen)"
)
# An embed code copied as text: '<iframe width="476" src="…"></iframe>'.
_MARKUP = r"<(?:iframe|embed|object|script|img|video|audio|blockquote|div)\b[^<>]*>"
# "Strict Standards: … in /www/htdocs/…/file.php on line 52" (also a built-in rule: see ``rules``).
SERVER_ERROR = (
    r"(?:php )?(?:strict standards|deprecated|warning|notice|(?:catchable )?fatal error|parse error)\s*:"
    r".{1,400}? in /\S+ on line \d+"
)


# A consent manager's list of services, each with its switch and legal terms: "Switch zum Einwilligen bzw.
# Ablehnen des Dienstes Youtube", "Rechtsgrundlage für die Datenverarbeitung: …", "Folgen der Nichteinwilligung: …".
# Not its opening, "Der datenschutzrechtliche Verantwortliche …": one more alternative in the regex that every line
# opening with "der" tries, for a list its own lines already mark.
_CONSENT_SERVICES = (
    r"(?:switch|schalter) zum einwilligen\b",
    r"rechtsgrundlage f[üu]r die daten(?:verarbeitung|[üu]bermittlung)\b",
    r"folgen der nichteinwilligung\b",
    r"unbedingt (?:technisch )?notwendige dienste\b",
)


def words(text: str) -> tuple[str, ...]:
    """The words of ``text``: long word lists read better as one string."""
    return tuple(text.split())


FAMILIES: tuple[PhraseFamily, ...] = (
    PhraseFamily(
        "ad-label",
        "inline",
        lines="sponsored content|sponsored link|sponsored links|promoted content|paid content|paid post|"
        "partner content|contenu sponsorisé|gesponserter inhalt|bezahlter inhalt|anzeige sponsored",
    ),
    PhraseFamily(
        "ad-continue",
        "inline",
        lines="about these ads|scroll to continue|scroll to continue with content|story continues below|"
        "article continues below|article continues below advertisement|story continues below advertisement|"
        "weiter nach der anzeige|lesen sie weiter nach der anzeige|weiterlesen nach der anzeige|"
        "continue reading below|continue reading the main story|la suite après la publicité|"
        "la suite après cette publicité",
        starts=(r"(?:story|article|text|artikel) continues? (?:below|after)\b",),
    ),
    PhraseFamily(
        "reading-time",
        "inline",
        starts=(
            r"(?:reading time|read time|time to read|lesezeit|lesedauer|temps de lecture|tiempo de lectura|"
            r"tempo di lettura|leestijd|tempo de leitura|czas (?:czytania|lektury))\s*:?\s*(?:ca\.?\s*)?\d+",
            # Polish: "11 minut czytania", and what is left of it on the way down, "Jeszcze 3 minuty czytania".
            r"(?:jeszcze )?\d+ minut[ay]? (?:czytania|lektury)\s*$",
            r"ten (?:tekst|artyku[łl]) przeczytasz\b",
            r"\d+\s*(?:-\s*)?(?:min\.?|minutes?|minuten|mins?)\s*(?:read|lesezeit|lesen|de lecture|de lectura|"
            r"di lettura|leestijd|leitura)\b",
            # "21 minutes - 4312 words": the reading time beside the length.
            r"\d+\s*(?:min\.?|minutes?|minuten|mins?)\s*[-–|·,]\s*\d[\d.,]*\s*(?:words|wörter|mots|palabras)\b",
        ),
    ),
    PhraseFamily(
        "trust-banner",
        "inline",
        starts=(
            r"why (?:you can )?trust\b",
            r"how we (?:work|report|fact-check)\b",
            r"unsere standards\b",
            r"our standards\s*(?::|$)",
            r"the thomson reuters trust principles\b",
            r"transparenzhinweis\b",
            r"warum sie .{0,30} vertrauen können",
            # Affiliate and advertising disclosures above or inside an article.
            r"(?:advertising|affiliate|editorial) (?:disclosure|guidelines|ethics|policy|policies|standards)\b",
            # A health or finance site's review credits and their link ("Medically reviewed by …", "Fact checked by").
            r"learn (?:more )?about our editorial\b",
            r"(?:medically reviewed|fact[- ]checked|verified) by\b",
            r"this (?:post|article|page) (?:contains|may contain|includes) (?:affiliate )?(?:links|references)\b",
            r"we may (?:receive|earn|get) (?:a )?(?:small )?(?:compensation|commission)\b.{0,60}"
            r"\b(?:links?|purchases?|products?|click)",
            r"(?:dieser|der) (?:beitrag|artikel) enth[äa]lt (?:affiliate|werbung|werbe)",
            r"(?:anzeige|werbung)\s*[,/|–-]\s*(?:enth[äa]lt )?affiliate[- ]?links?\b",
            r"\*?(?:werbung|anzeige)\s*[.:]\s*(?:dieser|der) (?:beitrag|artikel)\b",
            r"(?:note:\s*)?(?:the )?(?:advertising |editorial |legal )?disclaimer\s*[(:]",
            # A letters page's note on how to write in, between a letter's dateline and its text.
            r"submit (?:your|a) letter\b",
        ),
        # The same disclosures as a paragraph.
        long_starts=(
            r"this (?:post|article|page) (?:contains|may contain|includes) (?:affiliate )?(?:links|references)\b",
            r"we (?:may )?(?:receive|earn|get) (?:a )?(?:small )?(?:compensation|commission)\b",
            r"we recommend the best products\b",
            r"(?:note:\s*)?(?:the )?(?:advertising |editorial |legal )?disclaimer\s*[(:]",
            r"note: the advertising disclaimer\b",
            r"(?:dieser|der) (?:beitrag|artikel) enth[äa]lt (?:affiliate|werbung|werbe)",
        ),
    ),
    PhraseFamily(
        "print-info",
        "inline",
        starts=(
            r"(?:druckversion|printversion|print version|seite drucken|artikel drucken|print this|als pdf|"
            r"pdf download|download pdf|pdf version|print (?:recipe|article|story|page)|rezept drucken|vorlesen|"
            r"auf einer seite lesen|jump to recipe|"
            r"(?:diese[nrs]?|das|den|die) (?:\w+ )?als pdf (?:herunterladen|downloaden|speichern)|"
            r"listen to (?:this )?article|artikel anh[öo]ren|[ée]couter|"
            r"t[ée]l[ée]charger (?:au format|en) (?:pdf|epub)|"
            r"version imprimable|envoyer par (?:e-?)?mail)\b",
            r"like (?:the |this )?recipe\s*\?",
        ),
        # A download link: "Informationsschreiben vom 14. Oktober 2021 PDF | 38 KB | Datei ist nicht barrierefrei".
        anywhere=(r"\b(?:pdf|docx?|xlsx?|pptx?|zip|mp3|epub)\s*[|,(–-]\s*\d+(?:[.,]\d+)?\s*(?:kb|mb|kib|mib)\b",),
    ),
    PhraseFamily(
        "cookie-banner",
        "boundary",
        starts=(
            r"(?:we|this (?:site|website)|wir|diese (?:webseite|website|seite)|ce site|nous|este sitio|questo sito|"
            r"deze (?:site|website)|utilizamos|usamos|utilizziamo|wij)\b.{0,80}\bcookies?\b",
            r"(?:accept|reject|decline|allow|manage)(?: all)?(?: cookies| settings)?\s*$",
            r"(?:alle )?(?:akzeptieren|ablehnen)\b",
            r"(?:zustimmen|einverstanden|accepter|refuser|tout accepter|aceptar|accetta|accepteren|consent)\b",
            r"(?:i agree|got it)\b",
            r"ok,? (?:i understand|verstanden)",
            r"cookie[- ]?(?:einstellungen|settings|richtlinie|policy|hinweis|banner)\b",
            *_CONSENT_SERVICES,
        ),
        anywhere=(r"\bcookies?\b",),
        long_starts=_CONSENT_SERVICES,
        long_anywhere=(
            r"\bcookies?\b.{0,200}\b(?:akzeptier|zustimm|einverstanden|accept|agree|consent|einwillig|datenschutz|"
            r"privacy|accepter|aceptar|accetta)",
        ),
    ),
    PhraseFamily(
        "comments",
        "end",
        starts=(
            r"(?:comments?|kommentare?|commentaires?|comentarios?|commenti|reacties|reactions?|responses?|"
            r"leserkommentare|replies|antworten)\s*(?:\(\d+\)|:)?\s*$",
            r"para (?:comentar|dejar (?:un|su|tu) comentario)\b",
            r"vos r[ée]actions?\s*(?:\(\d+\))?\s*$",
            r"\d+\s+(?:comments?|kommentare?|commentaires?|comentarios?|commenti|reacties|reactions?|responses?|"
            r"replies|antworten)\s*(?:\(\d+\)|:)?\s*$",
            r"(?:leave|post|add|write|show|view|load) (?:a |your |all )?(?:comments?|reply|response)\b",
            r"(?:hinterlasse|schreibe?|verfasse|verfassen|kommentieren)\b.{0,30}\bkommentar",
            r"kommentar (?:verfassen|schreiben|abgeben|hinzuf[üu]gen)",
            r"laisser un commentaire|dejar? un comentario|lascia un commento",
            r"(?:hinterlasse|hinterlassen sie) (?:eine antwort|einen kommentar)|leave a reply|deixe uma resposta|"
            r"deja una respuesta|pingback\b|trackback\b",
            r"(?:\d+|one|two|ein|eine|einen|einer|zwei|drei|un|une) (?:thoughts?|responses?|replies|comments?|"
            r"antworten|kommentare?|gedanken?|r[ée]ponses?|commentaires?|reacties?) (?:on|to|zu|[àa]|sur|auf|op)\b",
            r"(?:deine|ihre|your) e-?mail[- ]?(?:adresse|address)? (?:wird|will) (?:nicht|not|never)",
            r"(?:join|start) the (?:discussion|conversation)",
            # The reply form's cancel link (WordPress's own words, in its translations).
            r"(?:click here to cancel reply|hier klicken, um das antworten abzubrechen|cancel reply|"
            r"antwort(?:en)? abbrechen|annuler la r[ée]ponse|cancelar (?:la )?respuesta|annulla (?:la )?risposta)\b",
            r"(?:das )?kommentieren ist|comments are closed|kommentare sind geschlossen",
            r"reageer(?: op (?:dit|het) (?:artikel|bericht))?\s*$",
            # The thread's heading and its form in more languages: Polish, Czech, Swedish/Danish/Norwegian, Finnish,
            # Hungarian, Russian, Portuguese, Dutch.
            r"(?:komentarze|komentáře|kommentarer|kommentit|hozzászólások|комментарии|coment[áa]rios|opmerkingen)"
            r"\s*(?:\(\d+\)|:)?\s*$",
            r"\d+\s+(?:komentarz[ey]?|komentářů|komentáře|kommentarer|kommenttia|hozzászólás|комментари(?:й|я|ев)|"
            r"coment[áa]rios)\s*$",
            r"(?:dodaj|napisz|wyślij) komentarz|skomentuj\b|(?:přidat|napsat) komentář|(?:lägg till|skriv) (?:en )?"
            r"kommentar|kirjoita kommentti|(?:добавить|оставить) комментарий|deixe (?:um|o seu|seu) coment[áa]rio|"
            r"adicionar coment[áa]rio",
            r"(?:you must be|du musst|sie m[üu]ssen) (?:logged in|eingeloggt|angemeldet)",
            r"(?:sie m[üu]ssen sich|du musst dich) (?:anmelden|einloggen)\b",
            r"(?:verraten|schreiben|sagen|erz[äa]hlen) (?:sie|du) (?:uns |mir )?(?:gerne? )?in den kommentaren",
        ),
        anywhere=(
            r"\b(?:kommentar|kommentare|kommentieren|kommentierst|comment|comments|commenter|commentaire|"
            r"commentaires|comentario|comentarios|commento|commenti|reactie|reacties)\b",
            # "Anna, 9 Apr 2020 / 08:34 Antworten", "… am 21. Jan. 2015, 21:58 [ antworten ]": a comment's header
            # ends with its reply link.
            r"\b(?:antworten|reply|r[ée]pondre|responder|rispondi|beantwoorden|odpowiedz|odpovědět|svara|vastaa|"
            r"ответить)\s*[↓↵\])]?$",
        ),
    ),
    # Before "related": a link to one other story inside an article ("Lea más: <headline>") interrupts it, where the
    # same words alone ("Lesen Sie auch") head a list of other stories.
    PhraseFamily(
        "read-also",
        "inline",
        starts=(
            r"(?:(?:read|see) (?:also|more|next)|also read|related|more|(?:lesen sie|lies) (?:auch|mehr)|auch lesen|"
            r"siehe auch|(?:das|dies) k[öo]nnte (?:sie|dich) (?:auch )?interessieren)\s*:\s*\S",
            r"(?:tambi[ée]n )?(?:le|te) (?:puede|podr[íi]a) interesar\s*:\s*\S",
            r"(?:puedes|pod[ée]s) ver\s*:\s*\S|mir[áa] tambi[ée]n\s*:\s*\S",
            r"(?:lea|lee|vea|mire|mira)(?: (?:m[áa]s|tambi[ée]n|adem[áa]s))?\s*:\s*\S",
            r"(?:[àa] )?lire (?:aussi|également)\s*:\s*\S|(?:leia|veja) (?:tamb[ée]m|mais)\s*:\s*\S",
            r"(?:leggi anche|lees ook)\s*:\s*\S|lesen sie hier\s*:\s*\S",
            r"vorschau auf (?:den|die) n[äa]chste",
            r"(?:weitere |mehr )?(?:infos?|informationen) (?:unter|auf|bei)\s+(?:www\.|https?://)\S+\s*\.?$",
            r"(?:czytaj (?:te[żz]|tak[żz]e|r[óo]wnie[żz]|wi[ęe]cej)|zobacz (?:te[żz]|tak[żz]e))\s*:?(?:\s+\S.*)?$",
            r"(?:przeczytaj (?:te[żz]|tak[żz]e|r[óo]wnie[żz])|[čc]t[ěe]te (?:tak[ée]|d[áa]l)|l[äa]s (?:ocks[åa]|mer)|"
            r"lue my[öo]s|читайте (?:также|еще|ещё))\s*:?(?:\s+\S.*)?$",
            # A teaser's link with the headline it leads to: "Weiterlesen … Lebenszeichen von Bavaria", "Weiterlesen »
            # Wohncontainer – …", "Mehr lesen: …".
            r"(?:weiterlesen|mehr lesen|lire la suite|leer m[áa]s|continue reading|lees meer|czytaj dalej)\s*"
            r"(?::|…|\.\.\.|»|›)\s*[^\W\d_]",  # a headline, not a reading time ("Weiterlesen: 12 Min.")
        ),
        # A link's sentence that points at another page: "Alles über nachhaltige Wanderschuhe findest Du hier."
        anywhere=(r"\b(?:findest du|finden sie|gibt es|gibt's) (?:das |alles |mehr )?hier\s*[.!]?$",),
    ),
    PhraseFamily(
        "related",
        "boundary",
        starts=(
            r"(?:related|similar|recommended|popular|trending|more) (?:articles?|posts?|stories|content|news|reads?|"
            r"coverage|links?|videos?|topics?)\b",
            r"related\s*:?\s*$",
            r"more (?:\S+ ){1,2}(?:stories|articles|reads)\s*:?$",
            r"you (?:may|might) (?:also )?(?:like|enjoy|be interested)",
            r"(?:read|see) (?:also|more|next)\b",
            r"most (?:read|popular|viewed|shared)\b",
            r"top stories\b",
            r"weitere (?:interessante |aktuelle |spannende )?(?:artikel|beitr[äa]ge|themen|nachrichten|news|meldungen|"
            r"informationen|links|videos|bilder|\w+tipps)\b.{0,60}$",
            r"mehr (?:zum thema|zu diesem thema|aus (?:der|dem)|nachrichten|artikel)\b",
            r"(?:mehr|more) (?:aus|from|zu|zum|on|in|about|von)\b.{0,40}$",
            r"(?:das|dies|diese (?:artikel|beitr[äa]ge|themen)) k[öo]nnten? (?:sie|dich|euch) (?:auch |ebenfalls )?"
            r"interessieren|das k[öo]nnte (?:dir|ihnen|euch) (?:auch )?gefallen",
            r"latest on\s*:?$",
            r"(?:powi[ąa]zane(?: artyku[łl]y| tematy)?|polecamy|najcz[ęe][śs]ciej czytane|najnowsze|"
            r"souvisej[íi]c[íi] [čc]l[áa]nky|nejčten[ěe]j[šs][íi]|relaterade artiklar|mest l[äa]sta|"
            r"aiheeseen liittyv[äa]t|luetuimmat|похожие (?:статьи|новости)|самое читаемое)\s*:?$",
            r"(?:auch|ebenfalls) (?:interessant|lesenswert)\b",
            r"[äa]hnliche (?:artikel|beitr[äa]ge|themen|produkte)\b",
            r"verwandte (?:artikel|beitr[äa]ge|themen|links)\b",
            r"lesen sie (?:auch|mehr)\b",
            r"meist ?gelesen",
            r"beliebte(?:ste)? (?:artikel|beitr[äa]ge)\b",
            r"(?:[àa] )?lire (?:aussi|également|la suite)\b",
            r"sur le m[êe]me sujet|voir aussi\b",
            r"articles? (?:similaires|li[ée]s|recommand[ée]s)",
            r"noticias relacionadas|art[íi]culos relacionados|te puede interesar",
            r"leggi anche|articoli correlati|lees ook\b|gerelateerde?\b",
            r"(?:kunden|customers) (?:kauften|who bought|also bought)",
            r"sie k[öo]nnten auch",
            r"(?:andere|other) (?:kunden|customers)",
            r"empfehlungen\b|recommended for you|explore further|want more\??$",
            r"(?:ebenfalls|auch) (?:bei|auf|im)\b.{0,20}\b(?:lesen|erschienen)",
            r"(?:neueste|letzte|aktuelle|recent|latest|neue) (?:beitr[äa]ge|artikel|posts|news|nachrichten|stories|"
            r"articles|eintr[äa]ge|kommentare|comments)\s*:?$",
            r"nicht verpassen|don'?t miss\b|passend dazu|dazu passend|zum thema\s*:?$",
            r"interessante (?:artikel|beitr[äa]ge|links)\b",
            r"(?:latest|more|top) (?:news|headlines|stories)\s*:?$",
            r"trending (?:now|today|on the web)\b",
            r"(?:últimas|ultimas|otras|más|mas) (?:noticias|notas|le[íi]das)\b",
            r"(?:lo )?m[áa]s (?:le[íi]do|visto)s?\b",
            r"(?:segu[íi]|sigue|seguir) leyendo\b",
            r"(?:ultime|altre) notizie\b|(?:(?:le|i) )?pi[ùu] (?:lette|letti)\b",
            r"(?:derni[èe]res|autres) (?:actualit[ée]s|infos|nouvelles)\b|les plus lus\b",
            r"(?:últimas|ultimas|outras|mais) (?:not[íi]cias|lidas)\b|leia (?:tamb[ée]m|mais)\b",
            r"(?:laatste|meer) nieuws\b|meest gelezen\b",
            r"(?:das )?neueste\s*:?$|top-?themen\s*:?$",
            r"(?:lies|siehe) auch\b|auch lesen\b",
            r"(?:artikel|beitr[äa]ge|videos?)(?: und (?:artikel|videos?))? zum thema\b",
            r"popul[äa]re (?:artikel|beitr[äa]ge|themen)\b|top[- ]?themen (?:der|aus)\b",
            r"empfohlene (?:beitr[äa]ge|artikel)\b|zum weiterlesen\b|schon gelesen\s*\??$",
            r"(?:die )?meist ?(?:gelesen|diskutiert|kommentiert|geteilt|geklickt)(?:e|en)?\b",
            r"interessantes aus (?:unserem|unserer|dem|der)\b|noch mehr infos\b",
            r"(?:lea|lee|vea|mire) (?:m[áa]s|tambi[ée]n)\b|(?:las|los) m[áa]s (?:le[íi]d|vist|comentad)[oa]s\b",
            r"(?:temas|notas|art[íi]culos|not[íi]cias|artigos|mat[ée]rias) relacionad[oa]s\b|veja (?:tamb[ée]m|mais)\b",
            r"mir[áa] tambi[ée]n\b|m[áa]s sobre\b.{0,40}$",
            r"articles? en relation\b|pour (?:aller plus loin|approfondir)\s*:?$",
            r"(?:das|dieses) thema k[öo]nnte (?:sie|dich) (?:auch )?interessieren",
            r"lesen sie hier (?:einen|mehr|weitere)\b",
            r"mehr themen\s*:?$|kommentierte (?:artikel|beitr[äa]ge)\b",
            r"kommende (?:events|veranstaltungen|termine)\s*:?$",
            r"inf[óo]rmate m[áa]s\s*:?$",
            r"contenidos? relacionados?\b|weitere beitr[äa]ge zu\b",
        ),
    ),
    PhraseFamily(
        "feedback",
        "closing",
        starts=(
            r"(?:war|fanden sie|fandest du|ist|hat (?:ihnen|dir)) (?:der|dieser|diesen|dieses|die|diese|das) "
            r"(?:artikel|beitrag|text|seite|informationen?|tipp)\b.{0,30}$",
            r"was this (?:article |post |page |information )?(?:helpful|useful)",
            r"did you (?:find|like|enjoy) this|what do you think\??$",
            r"we(?: want| would like|'d love| would love) to hear (?:from you|what you think)",
            r"was (?:denkst|meinst|sagst) du\??$",
            r"wie (?:finden sie|findest du|gef[äa]llt (?:ihnen|dir))\b.{0,40}$",
            r"(?:ihre|deine|your) meinung\b.{0,40}$",
            r"(?:ihre|your) (?:opinion|feedback)\b.{0,40}$",
            r"votre avis\b.{0,40}$|cet article vous a-t-il",
        ),
    ),
    PhraseFamily(
        "author-box",
        "closing",
        starts=(
            r"(?:[üu]ber|about|[àa] propos de|sobre|over|su) (?:den |die |the |l'|el |la |de |het )?(?:autor(?:in)?|"
            r"author|auteur|autore|redakteur(?:in)?|verfasser(?:in)?|writer)\b",
        ),
    ),
    PhraseFamily(
        # Links to an author's other articles: beside a byline at the top, or in the author box at the end.
        "author-links",
        "end",
        starts=(
            r"(?:show|view|see) all (?:articles|posts|stories)(?: of| by| from)?\b",
            r"(?:more|find more|all (?:posts|articles|stories)|alle (?:beitr[äa]ge|artikel)|mehr|weitere "
            r"(?:beitr[äa]ge|artikel)) (?:by|from|von) [a-z][\w.'-]+(?: [a-z][\w.'-]+){0,3}\s*:?$",
        ),
    ),
    PhraseFamily(
        # A gallery's counter under its photo ("Bild 1 von 9", "Foto 1 de 1", "Photo 3 of 12"): the article goes on.
        "gallery-count",
        "inline",
        starts=(
            r"(?:foto|photo|bild|image|imagen|imagem|immagine|picture|galerie|gallery|slide)s?\s*:?\s*\d{1,3}\s*"
            r"(?:of|von|aus|de|sur|di|van|z|/)\s*\d{1,3}\s*$",
        ),
    ),
    PhraseFamily(
        # A social post embedded between paragraphs: the article goes on below it.
        "social-embed",
        "inline",
        starts=(r"(?:a post shared by|view this post on|ein beitrag geteilt von)",),
    ),
    PhraseFamily(
        "embed",
        "furniture",
        lines="embed more videos|embed code",
        starts=(
            _MARKUP,
            _CLICK + r" (?:sie )?(?:auf |on )?(?:den |the )?.{0,30}(?:button|schaltfl[äa]che|hier|here).{0,80}"
            r"(?:laden|load|anzuzeigen|show|inhalt|content)",
            r"(?:externer inhalt|external content|embedded content)",
            r"eingebettete[rn]? inhalt",
            r"(?:inhalt|content) (?:laden|load)\b",
            r"(?:mehr|weitere) inhalte laden|lade weitere|load more\b|loading\.{0,3}$|wird geladen",
            r"(?:ich bin damit einverstanden|i agree), dass",
        ),
        long_starts=(_CLICK + r" .{0,60}(?:laden|load|anzuzeigen)", _MARKUP),
    ),
    PhraseFamily(
        "post-meta",
        "end",
        starts=(
            r"(?:filed under|posted in|tagged\b|this entry was posted|permalink|permanentlink)",
            # A question-and-answer site's meta line: "Asked 8 years, 2 months ago", "Viewed 12 times".
            r"(?:asked|answered|edited|modified|viewed) (?:\d+|an?) "
            r"(?:years?|months?|days?|hours?|mins?|minutes?|times)\b(?:,? \d+ (?:months?|days?|hours?))?(?: ago)?\s*$",
            r"dieser (?:eintrag|beitrag|artikel) wurde",
            r"(?:dieser|der) (?:beitrag|artikel|text) (?:stammt|erschien|ist (?:zuerst|erstmals|urspr[üu]nglich))",
            r"(?:this|the) (?:article|story|post|piece) (?:was )?(?:first |originally )?(?:appeared|published)",
            r"cet article (?:a [ée]t[ée] |est )?(?:publi[ée]|paru)",
            r"der (?:beitrag|artikel|eintrag) wurde",
            r"(?:getaggt mit|verschlagwortet|abgelegt unter|eingestellt von)",
            r"(?:ver[öo]ffentlicht in|publi[ée] dans|class[ée] dans|publicado en|pubblicato in|geplaatst in)",
            r"(?:schlagw[öo]rter?|schlagworte?|themen|tags|temas|argomenti|sujets)$",
            r"(?:suggested citation|zitiervorschlag|licensed under|lizenziert unter|this work is licensed)\b",
            r"(?:alle )?inhalte (?:unterliegen|stehen unter) .{0,40}lizenz|\(?alle angaben ohne gew[äa]hr",
            r"(?:sofern|soweit) nicht anders (?:angegeben|ausgewiesen|vermerkt)\b"
            r".{0,80}(?:cc[- ]by|lizenz|creative commons)",
            r"erschienen (?:in|im|bei)\s*:?$|posted (?:by|on)\b.{0,40}$",
            # A label, alone or before its date: "Last Modified: 3 May 2021" ("Last updated in 1998, …" is prose).
            r"(?:last (?:modified|updated)|letzte [äa]nderung|release date|zuletzt (?:aktualisiert|ge[äa]ndert))"
            r"\s*(?::|am|on)?\s*(?:\d.{0,40})?$",
            r"(?:leserbriefe?|letters? to the editor|lettres? des lecteurs)\b",
            r"cartas? (?:al|de los) (?:director|lectores)\b",
            r"les opinions exprim[ée]es .{0,80}n'engagent",
            r"the (?:views|opinions) expressed .{0,80}\b(?:author|writer)s?\b",
        ),
        long_starts=(
            r"(?:this entry was posted|dieser (?:eintrag|beitrag|artikel) wurde|der (?:beitrag|artikel|eintrag) "
            r"wurde|(?:dieser|der) (?:beitrag|artikel|text) (?:stammt|erschien))",
            r"(?:erstellt|ver[öo]ffentlicht) am .{0,60}(?:abgelegt|abgespeichert|kategorisiert) unter",
            r"posted (?:on|by) .{0,60} (?:in|under|filed)\b",
        ),
    ),
    PhraseFamily(
        "newsletter",
        "boundary",
        starts=(
            r"(?:subscribe|sign up|abonnieren|abonnez|anmelden|inscr[ií]bete|iscriviti|schrijf je in)\b.{0,60}"
            r"\b(?:newsletter|updates|alerts|e-?mails?)",
            r"(?:unser|our|notre|nuestro|la nostra|onze) newsletter\b",
            r"get (?:our|the) .{0,30}(?:newsletter|in your inbox)",
            r"get (?:our|the) .{0,60}\bby e-?mail\b",
            r"sign up to (?:get|receive)\b",
            r"um (?:neue|keine) (?:beitr[äa]ge|artikel|posts|news)\b.{0,30}\be-?mail",
            r"(?:du willst|willst du|sie wollen|wollen sie) (?:nichts|keine \w+) mehr verpassen",
            r"zapraszamy (?:te[żz] |r[óo]wnie[żz] )?do (?:subskrypcji|zapisania)",
            r"zapisz si[ęe] (?:na|do) (?:nasz )?newsletter",
            r"(?:abonneren op|schrijf je in voor|meld je aan voor) (?:de |onze )?nieuwsbrief\b",
            r"nichts mehr verpassen\b",
        ),
        anywhere=(
            r"\bnewsletter\b",
            r"\b(?:abonnieren|abonniere|abonnez|subscribe|suscr[ií]bete|iscriviti|inscrivez)\b",
            r"\b(?:neue|new) (?:beitr[äa]ge|posts|artikel|articles|kommentare|comments)\b.{0,40}\be-?mail\b",
        ),
        long_anywhere=(r"\b(?:newsletter|abonnieren sie|subscribe to|abonnez-vous)\b",),
    ),
    PhraseFamily(
        "support-call",
        "boundary",
        starts=(
            r"(?:jetzt |bitte )?(?:spenden|unterst[üu]tzen) sie (?:uns|unsere arbeit|unabh[äa]ngigen|den|die)\b",
            r"(?:please )?(?:support|donate to) (?:us|our (?:work|journalism|reporting))\b",
            r"(?:would you )?consider (?:supporting|a donation|donating)\b",
            r"(?:soutenez|aidez)[- ](?:nous|notre)\b|apoya (?:nuestro|el) periodismo\b",
            r"we rely on (?:your|readers'?|reader) support\b|ihr beitrag hilft\b",
            r"jetzt spenden\b|donate now\b|faire un don\b",
            r"while you are here\b|bevor sie gehen\b",
            r"unterst[üu]tze (?:uns|unsere arbeit|\S+)(?: (?:bereits|schon) (?:ab|mit) .{0,12})?\s*[!.]?$",
            r"jede (?:kleine )?spende (?:hilft|z[äa]hlt)\b",
            r"wenn (?:ihnen|dir) (?:unser|dieser) (?:artikel|beitrag|text) gefallen hat\b",
            # A site selling itself to its readers: memberships, subscriptions, paywall offers.
            r"(?:sie lesen|du liest) gerne? \S+\s*\?$|gef[äa]llt (?:dir|ihnen|euch) unser(?:e|em)? \S+\s*\?",
            r"(?:sie wollen|wollen sie|willst du|do you want|want) (?:mehr|more) (?:von uns|from us)\b.{0,40}\?$",
            r"(?:hazte|h[áa]gase) (?:miembro|socio|suscriptor)\b",
            r"become a (?:paying )?(?:member|subscriber|supporter|patron)(?: today| now)?\s*[!.:]?$",
            r"werden? (?:sie )?(?:mitglied|abonnent(?:in)?|unterst[üu]tzer(?:in)?)\s*[!.]?$",
            r"devenez (?:membre|abonn[ée])\b",
            r"(?:immediate|instant|unlimited) (?:online |digital )?access to (?:all|the full|this|our|every)\b",
            r"w[äa]hlen sie ihren zugang\b",
            r"(?:kennt ihr|kennen sie|kennst du) (?:schon )?unser(?:e|en)? \S+.{0,40}\?$",
            # ... and its own issue, app or shop.
            r"(?:die )?aktuelle ausgabe\b.{0,60}\bjetzt\b.{0,80}\berh[äa]ltlich\b",
            r"(?:jetzt neu\W+)?besuchen sie unseren (?:fan-?|online-?)?shop\b",
            r"(?:get|read|order|buy) (?:the|our) (?:current|latest|new) (?:print )?(?:issue|edition)\b",
            r"subscribe to (?:the|our) print edition\b",
            _READ_OUR_MAGAZINE,
        ),
        long_starts=(
            r"(?:sie lesen|du liest) gerne? \S+\s*\?|gef[äa]llt (?:dir|ihnen|euch) unser(?:e|em)? \S+\s*\?",
            _READ_OUR_MAGAZINE,
        ),
        anywhere=(
            r"\b(?:support our (?:work|journalism)|consider supporting|unterst[üu]tzen sie unsere arbeit)\b",
            r"\bunterst[üu]tzen sie (?:diese form des|unabh[äa]ngigen|unseren) journalismus\b",
            r"\bjetzt auch (?:digital|als e-?paper)\s*!",
        ),
    ),
    PhraseFamily(
        "tags",
        "end",
        starts=(
            r"(?:tags?|schlagw[öo]rter|schlagworte|stichw[öo]rter|stichworte|themen|kategorien?|categories|category|"
            r"mots-cl[ée]s|[ée]tiquettes|etiquetas|argomenti|trefwoorden|rubrik|rubriken|markiert mit|tagi|tematy|"
            r"[šs]t[íi]tky|taggar|avainsanat|теги|метки)\s*:",
            r"themen (?:in|zu|aus) (?:diesem|dieser) (?:artikel|beitrag|meldung)\b|markiert mit\s*$",
            r"(?:kategorien|categories)\s*$",
        ),
    ),
    PhraseFamily(
        "prev-next",
        "end",
        starts=(
            r"(?:‹|←|<<)\s",
            r"(?:[«‹←<]+\s*)?(?:previous|next|older|newer|vorheriger?|vorherige[rs]?|n[äa]chster?|n[äa]chste[rs]?|"
            r"vorige[rs]?|[äa]ltere|neuere|pr[ée]c[ée]dent|suivant|anterior|siguiente|precedente|successivo|volgende) "
            r"(?:post|article|artikel|beitrag|eintrag|story|page|seite|entry|entries|beitr[äa]ge|eintr[äa]ge|"
            r"articles?|noticia|artículo|articolo|bericht)\b",
            r"(?:article|artículo|articolo|post|entrada|beitrag|artikel) (?:pr[ée]c[ée]dent|suivant|anterior|"
            r"siguiente|precedente|successivo|vorheriger|n[äa]chster)\b",
        ),
    ),
    PhraseFamily(
        "skip-link",
        "furniture",
        starts=(
            r"(?:skip|jump|springe?|direkt|zum|zur) (?:to |zum |zur )?(?:main |the )?(?:content|inhalt|navigation|"
            r"hauptinhalt|hauptnavigation|men[üu]|footer|suche)\b",
            r"navigation [üu]berspringen|aller au contenu|saltar al contenido|vai al contenuto",
            r"(?:skip|jump) to main\s*$",
        ),
    ),
    PhraseFamily(
        "copyright",
        "end",
        starts=(
            r"(?:©|\(c\)|copyright\b|&copy;).{0,80}\b(?:19|20)\d\d\b",
            r"(?:this|the) (?:article|story|content|material) is (?:the )?copyrighted\b",
            r"written permission (?:must|is required|is needed)\b",
            # A sentence, so not left to the ``anywhere`` phrase below, which spares sentences.
            r"materia[łl] chroniony prawem autorskim\b",
        ),
        long_starts=(
            r"(?:©|\(c\)|copyright\b|&copy;).{0,80}\b(?:19|20)\d\d\b",
            r"(?:this|the) (?:article|story|content|material) is (?:the )?copyrighted\b",
        ),
        anywhere=(RIGHTS_RESERVED, r"\bmateria[łl] chroniony prawem autorskim\b"),
    ),
    PhraseFamily(
        "rating",
        "furniture",
        starts=(
            # "Like" alone or with its count; "Like... copy selected text" starts a sentence.
            r"(?:bewerten|bewertung|rating|rate this|gef[äa]llt mir|like this)\b|likes?\s*(?:\(?\d+\)?)?\s*$",
            r"wie (?:bewerten|gef[äa]llt)\b",
            r"\d+ likes?\b",
            r"\d[\d.,]* (?:von|of|/) \d+ (?:sternen|stars)\b",
        ),
    ),
    PhraseFamily(
        "share-cta",
        "end",
        # A call to share, even written as a sentence: "Teile diesen Beitrag auf Social Media."
        starts=(
            r"(?:teile|teilt|teilen sie|share|bitte teile|bitte teilen sie) (?:diesen|den|unseren|this|our) "
            r"(?:beitrag|artikel|post|article|story)\b",
            # "Artikel empfehlen:", "Empfehlen:", "Empfehlen Sie diese Seite weiter:"
            r"(?:(?:diesen |den |diese )?(?:artikel|beitrag|seite) )?empfehlen\s*:?\s*$",
            r"empfehlen sie (?:diese[ns]?|den|die|uns) (?:(?:seite|beitrag|artikel) )?weiter\b",
        ),
        anywhere=(
            r"\b(?:share|sharen|teilen|teile|partager|partagez|partage|compartir|comparte|compartilhe|condividi|delen|"
            r"deel|empfiehl|weiterempfehlen|recommend this|tweet|tweeten|udostępnij|sdílet|sdílejte|compartilhar|"
            r"megosztás|поделиться)\b",
        ),
    ),
    # "Follow us on Twitter", "Síguenos en Telegram, Instagram …": the site's social accounts, in its header as often
    # as under an article, so not a share call's end of one.
    PhraseFamily(
        "follow-us",
        "furniture",
        starts=(
            r"(?:follow us|folgen sie uns|folge uns|folgt uns|s[íi]guenos|suivez[- ]nous|seguici|volg ons|siga-nos)\b",
            r"(?:follow me|folge mir|folgen sie mir|suivez-moi|s[íi]gueme|seguimi)\b",
            r"follow (?:the )?[\w@.]+(?: [\w@.]+){0,3} on (?:twitter|facebook|instagram|x|linkedin|tiktok|youtube)\b",
            # The site's app: "Get the latest news straight to your phone with the … app", "Download our app".
            r"(?:get|download|install|lade|laden sie) (?:the|our|unsere?|die) .{0,60}\bapps?\b",
            r"get the latest news .{0,60}\bapps?\b",
            # The site's video channel: "Abonniere unseren YouTube-Kanal", "Subscribe to our channel".
            r"(?:abonniere|abonnieren sie|subscribe to|suscr[íi]bete a) (?:unseren|our|nuestro) "
            r".{0,20}(?:kanal|channel|canal)\b",
            r"for the latest (?:stories|news|updates)\b.{0,80}\b(?:apps?|follow us)\b",
        ),
        anywhere=(
            r"\b(?:canal|kanal|channel) (?:de |auf |on )?(?:telegram|whatsapp|youtube)\b",
            r"\b(?:telegram|whatsapp|youtube)[- ](?:kanal|channel)\b",
        ),
        long_starts=(
            r"follow (?:the )?[\w@.]+(?: [\w@.]+){0,3} on (?:twitter|facebook|instagram|x|linkedin|tiktok|youtube)\b",
            r"for the latest (?:stories|news|updates)\b.{0,80}\b(?:apps?|follow us)\b",
        ),
    ),
    # Notices about the reader's browser: "Please enable JavaScript", "Dein Browser ist leider veraltet.", "Bitte
    # aktualisiere deinen Browser", "… lade einen neueren Browser kostenfrei herunter".
    PhraseFamily(
        "js-warning",
        "furniture",
        anywhere=(
            r"\bjavascript\b",
            r"\b(?:browser|webbrowser|navigateur|navegador)\b(?: \w+){0,4} (?:veraltet|outdated|out of date|"
            r"obsol[eè]te|not supported|no longer supported|unsupported|nicht (?:mehr )?unterst[üu]tzt|desactualizado|"
            r"no es compatible|n'est plus (?:à jour|support[ée]|compatible))",
            # "Looks like you're using a browser we don't support."
            r"\busing an? (?:\w+ )?(?:web)?browser (?:that )?(?:we|this site) "
            r"(?:don['’]?t|do not|doesn['’]?t|does not) support",
            r"\b(?:aktualisiere|aktualisieren|update|upgrade|actualiza|actualice|mettez) (?:bitte )?(?:deinen|ihren|"
            r"your|tu|su|votre|à jour votre) (?:web)?(?:browser|navigateur|navegador)\b",
            r"\b(?:neueren|modernen|aktuelleren|newer|modern) (?:web)?browser\b.{0,60}\b(?:herunter|laden|install|"
            r"download)",
        ),
    ),
    # A PHP site printing its warnings into the page: "Strict Standards: … in /www/htdocs/…/file.php on line 52".
    PhraseFamily(
        "server-error",
        "inline",
        starts=(SERVER_ERROR,),
        long_starts=(SERVER_ERROR,),
    ),
    PhraseFamily(
        "login",
        "furniture",
        # A form's e-mail field alone on its line (a sign-up box's, also between a headline and its article), and the
        # hidden field such a form keeps against bots (Mailchimp's), copied with the page.
        lines="e-mail-adresse|email-adresse|email address|e-mail address|your email|your email address|"
        "your e-mail address|enter your email|enter your email address|ihre e-mail-adresse|deine e-mail-adresse|"
        "adresse e-mail|adresse email|votre adresse e-mail|votre e-mail|correo electrónico|tu correo electrónico|"
        "su correo electrónico|indirizzo email|indirizzo e-mail|e-mailadres|adres e-mail|"
        "login|log in|logout|log out|sign in|signin|sign up|signup|register|registrieren|anmelden|abmelden|"
        "einloggen|mein konto|my account|konto|passwort vergessen|forgot password|forgot your password|"
        "se connecter|connexion|mon compte|iniciar sesión|iniciar sesion|accedi|inloggen|warenkorb|cart|"
        "basket|panier|jetzt registrieren|kostenlos registrieren|konto erstellen|create account|"
        "sie sind nicht eingeloggt|sie sind aktuell nicht eingeloggt|sie sind nicht angemeldet|you are not logged in|"
        "zaloguj|zaloguj się|wyloguj|zarejestruj się|moje konto|přihlásit|přihlásit se|odhlásit|registrace|"
        "logga in|logga ut|mitt konto|kirjaudu|kirjaudu sisään|kirjaudu ulos|войти|выйти|регистрация|"
        "entrar|sair|minha conta|cadastre-se",
        starts=(
            r"(?:hier |jetzt )?(?:kostenlos )?(?:anmelden|registrieren|einloggen)\s*[»›>]?$",
            r"leave this field empty if you'?re human\b",
            # A comment or contact form's field label: "Name (erforderlich)", "Email (…) (required)".
            r"(?:name|e-?mail|mail|website|webseite|nom|nombre|correo)\s*(?:\((?:wird nicht ver[öo]ffentlicht|"
            r"will not be published|never published|ne sera pas publi[ée]e?)\)\s*)?"
            r"\((?:erforderlich|required|pflichtfeld|obligatoire|requerido|obligatorio)\)\s*\*?$",
        ),
        # A paywall's prompt: "Bereits Abonnent? Einloggen", "… but you're already a subscriber, you can log in".
        anywhere=(
            r"\b(?:already a subscriber|bereits abonnent(?:in)?|d[ée]j[àa] abonn[ée]e?|ya (?:eres|es) suscriptor)\b",
        ),
    ),
    PhraseFamily(
        "search",
        "furniture",
        lines="search|suche|suchen|rechercher|recherche|buscar|cerca|zoeken|pesquisar|go|los|suchbegriff|"
        "suche starten|search for|suchen nach|suche nach|erweiterte suche|"
        "suche erweiterte suche|advanced search|szukaj|wyszukaj|hledat|vyhledat|sök|haku|hae|поиск|"
        "найти|procurar|buscar en el sitio",
    ),
    PhraseFamily(
        "menu-word",
        "furniture",
        lines="menü|menu|navigation|hauptnavigation|home|startseite|accueil|inicio|zurück|back|top|nach oben|"
        "to top|back to top|haut de page|close|schliessen|schließen|menü schließen|fermer|more|mehr|"
        "plus|weiterlesen|weiter|read more|lire la suite|leer más|continua|lees meer|mehr anzeigen|"
        "show more|alle anzeigen|view all|see all|tout voir|übersicht|overview|inhalt|"
        "inhaltsverzeichnis|table of contents|sommaire|seitenanfang|zum seitenanfang|drucken|print|"
        "mehr erfahren|learn more|en savoir plus|jetzt lesen|zum artikel|zum beitrag|artikel lesen|"
        "vollständigen artikel lesen|ganzen artikel lesen|continue reading|read the full article|"
        "read full article|read full story|zur startseite|hier weiterlesen|zurück zur übersicht|zurück zur startseite|"
        "hauptmenü|ausgabe kaufen|buch bestellen|heft bestellen|jetzt bestellen|jetzt kaufen|zum shop|bild anzeigen|"
        "bild vergrößern|click to enlarge|enlarge image|hide images|show images|bilder ausblenden|bilder einblenden|"
        "bildbeschreibung einblenden|bildbeschreibung ausblenden",
        starts=(
            r"zur[üu]ck zu[mr] (?:lexikon|glossar|blog|archiv|newsroom|news|magazin|ratgeber|bereichsnavigation|"
            r"navigation|hauptnavigation)\b",
            # A menu button's label for screen readers, copied with the page: "Toggle navigation" (Bootstrap's),
            # "Menu Toggle", "Primary Menu" (WordPress themes'), "Navigation umschalten", "Ouvrir le menu".
            r"(?:toggle|open|close|show|hide|expand|collapse) (?:the )?(?:main )?(?:navigation|menu|search|sidebar)"
            r"\s*$",
            r"(?:menu|navigation|nav|search|sidebar) toggle\s*$",
            r"(?:main|primary|secondary|mobile|top|header|footer|site) (?:menu|navigation)\s*$",
            r"(?:navigation|men[üu]|menu|suche|hauptmen[üu]) "
            r"(?:umschalten|[öo]ffnen|schlie[ßs]en|ein-?/ausblenden)\s*$",
            r"(?:(?:ouvrir|fermer) (?:le )?menu|(?:abrir|cerrar) (?:el )?men[úu]|(?:otw[óo]rz|zamknij) menu|"
            r"(?:apri|chiudi) (?:il )?menu)\s*$",
            # A teaser's link with the story's reading time: "weiterlesen 5 Minuten".
            r"(?:weiterlesen|read more|continue reading|lire la suite|leer m[áa]s|mehr lesen)\W*\d{1,3}\s*"
            r"(?:min\.?|minuten|minutes|mins?)\s*$",
        ),
    ),
    PhraseFamily(
        "footer-link",
        "boundary",
        lines="impressum|imprint|datenschutz|datenschutzerklärung|datenschutzhinweise|privacy|privacy policy|terms|"
        "terms of use|terms of service|terms and conditions|agb|kontakt|contact|contact us|sitemap|"
        "disclaimer|mentions légales|aviso legal|nutzungsbedingungen|cookies|cookie policy|cookie settings|"
        "cookie einstellungen|barrierefreiheit|accessibility|about|about us|über uns|"
        "qui sommes-nous|jobs|karriere|careers|presse|press|faq|hilfe|help|rss|newsletter|mediadaten|"
        "werben|advertise|kontaktformular|haftungsausschluss|rechtliche hinweise|nutzungsbasierte "
        "onlinewerbung|privacy settings|datenschutzeinstellungen|privatsphäre-einstellungen|regulamin|"
        "privacybeleid|privacyverklaring|cookiebeleid|algemene voorwaarden|informativa sulla privacy|"
        "termini e condizioni|politique de confidentialité|conditions générales d'utilisation|"
        "política de privacidad|aviso de privacidad|términos y condiciones|"
        "polityka prywatności|ustawienia prywatności|kontakt z nami|o nas|ochrana osobních údajů|"
        "zásady ochrany osobních údajů|o nás|integritetspolicy|om oss|tietosuojaseloste|tietosuoja|yhteystiedot|"
        "политика конфиденциальности|контакты|о нас|política de privacidade|fale conosco|quem somos",
    ),
)
"""In priority order: when a line matches phrases of several families, the first family names it."""

SYMBOL_PATTERNS: tuple[tuple[str, str], ...] = (
    ("prev-next", r".*\s(?:›|→|>>)$"),
    ("breadcrumb", r"(?:[^|»›>/\n]{1,40}\s*[|»›>]\s*){2,}[^|»›>\n]{0,60}$"),
)
"""(rule, pattern) for short lines holding one of ``SYMBOL_TRIGGERS``: "Home › News › …", "Next post →"."""
SYMBOL_TRIGGERS = "©«»‹›←→|<>•·"
SYMBOL_ROLES: dict[str, CueRole] = {"prev-next": "end", "breadcrumb": "furniture"}

AD_WORDS = words(
    "advertisement advertisements advertising advertisment advert ads ad anzeige anzeigen werbung publicité "
    "publicite publicités publicidad pubblicità pubblicita advertentie publicidade reklame reklama reklamy reklam "
    "mainos annons реклама hirdetés annonce sponsored "
    "gesponsert sponsorisé sponsorise promoted"
)
"""A short line made of these words only ("- Anzeige -", "ADVERTISEMENT", "Sponsored") is an ad label."""
SHARE_TARGETS = words(
    "share teilen partager compartir condividi delen partilhar tweet tweeten twitter x facebook whatsapp linkedin "
    "pinterest xing reddit telegram messenger pocket flipboard tumblr threads bluesky mastodon instagram youtube "
    "e-mail email mail drucken print imprimer imprimir stampa rss feed google vk weibo wechat merken speichern "
    "save bookmark stumbleupon digg viber skype sms snapchat tiktok evernote buffer vkontakte odnoklassniki"
)
"""A short line made of these (and a few filler words) is a share bar, if it names a network."""
SHARE_FILLERS = words(
    "e mail this it mit via on auf sur page article artikel story copy link kopieren copied plus diesen beitrag post"
)
READER_WORDS = frozenset(
    words(
        "you your yours du dich dir dein deine deinen deinem deiner euch euer eure vous votre vos tu te toi ton ta "
        "tes jij jouw uw me mich mir my mine we us our wir uns unser unsere unseren unserem unserer nous notre nos "
        "nuestro nuestra please bitte veuillez danke thanks sorry leider"
    )
)
"""Words of furniture that addresses the reader. News prose reports in the third person; "ihr"/"Sie" are
left out because German also uses them for "her"/"they"."""
SHARE_NOT_NETWORKS = frozenset({"email", "e", "mail", "print", "save", "x"})
