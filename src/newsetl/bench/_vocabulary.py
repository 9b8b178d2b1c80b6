"""Words and page furniture per language for the synthetic benchmark corpus.

Real function words, so language identification sees a real language; furniture written the way news sites
write it (menus, ad labels, reading times, bylines, datelines, captions, share bars, footers), so every
cleaning rule has work to do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    words: tuple[str, ...]
    """Common words, function words first: sentences are drawn from them."""
    menu: tuple[str, ...]
    by: str
    """How a byline starts ("By", "Von")."""
    months: tuple[str, ...]
    date_style: str
    """``mdy`` ("June 12, 2024") or ``dmy`` ("12. Juni 2024")."""
    reading_time: str
    """A format with one ``{}`` for the minutes."""
    ad_labels: tuple[str, ...]
    share: str
    footer: tuple[str, ...]
    continues: str
    photo: str
    """The word before a caption's credit ("Photo", "Foto")."""
    chrome: tuple[str, ...]
    """Site chrome lines: search, login, newsletter, cookie banner, comment form, "most read"."""


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


LANGUAGES: tuple[Language, ...] = (
    Language(
        code="en",
        words=_split(
            "the of and to in a is that for it as was with be by on not he this are or his from at which but have "
            "an they you were her she there been one all we their has would when if so no more out up said about "
            "government minister city council people police report year week officials company market prices "
            "school hospital water energy plan new public local national after before during against between "
            "under over while because however also still only first last many most several three million "
            "percent according spokesman statement investigation election court judge decision budget workers"
        ),
        menu=("Home", "World", "Politics", "Business", "Tech", "Sport", "Culture", "Opinion", "Video", "Podcasts"),
        by="By",
        months=_split("January February March April May June July August September October November December"),
        date_style="mdy",
        reading_time="Reading Time: {} minutes",
        ad_labels=("Advertisement", "ADVERTISEMENT", "Sponsored content"),
        share="Share: Facebook | Twitter | LinkedIn | Email",
        footer=("Privacy Policy", "Terms of Use", "Contact us", "About us", "Back to top"),
        continues="Story continues below advertisement",
        photo="Photo",
        chrome=(
            "Search",
            "Sign in",
            "Subscribe",
            "Most read",
            "Sign up for our newsletter",
            "Enter your email address",
            "We use cookies to improve your experience.",
            "Accept all",
            "Manage preferences",
            "Comments",
            "Log in to comment",
            "You may also like",
        ),
    ),
    Language(
        code="de",
        words=_split(
            "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden "
            "aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur "
            "oder aber vor zur bis mehr durch man sein wurde sei Stadt Gemeinde Bürgermeister Polizei Landkreis "
            "Millionen Euro Jahr Woche Schule Krankenhaus Wasser Energie Plan Bürger Regierung Minister Bericht "
            "Unternehmen Preise Arbeit Straße Verkehr Sommer Winter Einwohner Verwaltung Gericht Entscheidung"
        ),
        menu=("Startseite", "Region", "Politik", "Wirtschaft", "Sport", "Kultur", "Panorama", "Ratgeber"),
        by="Von",
        months=_split("Januar Februar März April Mai Juni Juli August September Oktober November Dezember"),
        date_style="dmy",
        reading_time="Lesezeit: {} Min.",
        ad_labels=("Anzeige", "ANZEIGE", "Werbung"),
        share="Artikel teilen: Facebook | WhatsApp | E-Mail | Drucken",
        footer=("Impressum", "Datenschutz", "Kontakt", "AGB", "Cookie-Einstellungen", "Nach oben"),
        continues="Weiterlesen nach der Anzeige",
        photo="Foto",
        chrome=(
            "Suche",
            "Anmelden",
            "Abo",
            "Meistgelesen",
            "Newsletter abonnieren",
            "Ihre E-Mail-Adresse",
            "Wir verwenden Cookies, um Ihnen ein besseres Erlebnis zu bieten.",
            "Alle akzeptieren",
            "Einstellungen",
            "Kommentare",
            "Zum Kommentieren anmelden",
            "Das könnte Sie auch interessieren",
        ),
    ),
    Language(
        code="fr",
        words=_split(
            "le la les de des du et à un une est en que qui dans pour pas sur au par plus ne se ce il elle nous "
            "vous ils sont avec mais comme ou son sa ses leur été avait fait aussi très bien tout après avant "
            "ville maire conseil police gouvernement ministre rapport année semaine entreprise marché prix école "
            "hôpital eau énergie projet habitants travail élection tribunal décision budget région département"
        ),
        menu=("Accueil", "Monde", "Politique", "Économie", "Sport", "Culture", "Société", "Vidéos"),
        by="Par",
        months=_split("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
        date_style="dmy",
        reading_time="Temps de lecture : {} min",
        ad_labels=("Publicité", "PUBLICITÉ"),
        share="Partager : Facebook | Twitter | E-mail",
        footer=("Mentions légales", "Contact", "Plan du site"),
        continues="Article continues below",
        photo="Photo",
        chrome=(
            "Rechercher",
            "Se connecter",
            "S'abonner",
            "Les plus lus",
            "Inscrivez-vous à notre newsletter",
            "Votre adresse e-mail",
            "Nous utilisons des cookies pour améliorer votre expérience.",
            "Tout accepter",
            "Paramétrer",
            "Commentaires",
            "Connectez-vous pour commenter",
            "À lire aussi",
        ),
    ),
    Language(
        code="es",
        words=_split(
            "el la los las de del y a en que un una es por con para no se su al lo como más pero sus le ya o "
            "este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos "
            "ciudad alcalde gobierno ministro policía informe año semana empresa mercado precios escuela "
            "hospital agua energía plan vecinos trabajo elecciones tribunal decisión presupuesto región"
        ),
        menu=("Portada", "Internacional", "Política", "Economía", "Deportes", "Cultura", "Sociedad"),
        by="Por",
        months=_split("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"),
        date_style="dmy",
        reading_time="Tiempo de lectura: {} min",
        ad_labels=("Publicidad", "PUBLICIDAD"),
        share="Compartir: Facebook | Twitter | WhatsApp",
        footer=("Contacto", "Privacy Policy", "Sitemap"),
        continues="Article continues below",
        photo="Foto",
        chrome=(
            "Buscar",
            "Iniciar sesión",
            "Suscríbete",
            "Lo más leído",
            "Suscríbete a nuestro boletín",
            "Tu correo electrónico",
            "Utilizamos cookies para mejorar tu experiencia.",
            "Aceptar todo",
            "Configurar",
            "Comentarios",
            "Inicia sesión para comentar",
            "También te puede interesar",
        ),
    ),
)

AGENCIES: tuple[str, ...] = ("AP", "Reuters", "AFP", "dpa", "Getty Images", "EPA", "Xinhua", "Bloomberg")
FIRST_NAMES: tuple[str, ...] = _split(
    "Anna Ben Clara David Elena Felix Greta Hannah Ines Jonas Karin Lukas Marie Nina Oscar Paula Rafael Sophie "
    "Tobias Ulla Victor Wen Yuki Zoe Amir Li Chen Fatima Jean Pierre Lucía Marco"
)
LAST_NAMES: tuple[str, ...] = _split(
    "Müller Schmidt Smith Johnson Dubois Martin García López Rossi Bianchi Wang Zhang Kim Tanaka Novak Jensen "
    "Nowak Silva Santos Fischer Weber Meyer Wagner Becker Moreau Laurent Fernández Ortega Brown Taylor"
)
SITES: tuple[str, ...] = (
    "Harbour Post",
    "Nordstadt Kurier",
    "Le Quotidien du Sud",
    "Diario del Valle",
    "The Morning Ledger",
    "Rheintal Zeitung",
)
# Chinese sentences for a share of the corpus (scripts without spaces must count words too).
CHINESE_SENTENCES: tuple[str, ...] = (
    "市政府周三宣布将在明年扩建港口设施，以应对不断增长的货运需求。",
    "当地居民表示，新的公交线路大大缩短了他们的通勤时间。",
    "专家指出，今年夏季的用电高峰可能会比去年更早到来。",
    "学校将在下学期增加科学和艺术课程，并招聘更多教师。",
    "警方正在调查周末发生在市中心的一起交通事故。",
)
