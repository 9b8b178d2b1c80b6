"""The extractors' entry point loads each extractor when a document first needs it."""

from __future__ import annotations

import json
import subprocess
import sys

# What a re-run over unchanged input imports: planning, the seen index, reading and hashing, loading, checks.
# The extractors (trafilatura, lxml, the language model) cost most of a second to import and are not needed.
RERUN_PATH = """
import json, sys
import newsetl.ingest, newsetl.pipeline.batch, newsetl.pipeline.finish, newsetl.checks
from newsetl.clean.document import extract_document
from newsetl.config import CleaningConfig
from newsetl.errors import DocumentError
from newsetl.records import RawDocument
try:
    extract_document(RawDocument(source="s", uri="x.txt", format="text", content=bytes(256) * 20), CleaningConfig())
except DocumentError as exc:
    rejected = exc.reason_code
loaded = [name for name in ("trafilatura", "lxml", "py3langid", "bs4") if name in sys.modules]
print(json.dumps({"rejected": rejected, "loaded": loaded}))
"""


def test_a_run_that_cleans_nothing_loads_no_extractor() -> None:
    shown = subprocess.run([sys.executable, "-c", RERUN_PATH], capture_output=True, text=True, check=True)
    outcome = json.loads(shown.stdout)
    assert outcome["rejected"] == "binary"
    assert outcome["loaded"] == []


def test_the_first_document_of_a_format_loads_its_extractor() -> None:
    script = RERUN_PATH.replace('format="text", content=bytes(256) * 20', 'format="html", content=b"<p>x</p>"')
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "trafilatura" in json.loads(shown.stdout)["loaded"]


TEXT_DUMP = (
    "Rail strike ends after talks\n\n"
    + "The union and the operator agreed on a new contract late on Tuesday, and trains run again today. " * 6
)


def test_cleaning_a_text_dump_loads_no_html_extractor() -> None:
    script = RERUN_PATH.replace("bytes(256) * 20", repr(TEXT_DUMP.encode())).replace(
        "except DocumentError as exc:\n    rejected = exc.reason_code",
        "except DocumentError:\n    raise\nrejected = None",
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert not {"trafilatura", "lxml", "bs4"} & set(json.loads(shown.stdout)["loaded"])


def test_a_page_from_a_feed_takes_the_feed_items_fields() -> None:
    from newsetl.clean.document import extract_document
    from newsetl.config import CleaningConfig
    from newsetl.records import RawDocument

    item = {"title": "Rail strike ends", "author": "Ana Lima", "tags": ["transport"]}
    document = RawDocument(source="s", uri="x.txt", format="text", content=TEXT_DUMP.encode(), metadata={"item": item})
    extraction, _, _ = extract_document(document, CleaningConfig())
    assert extraction.authors == ["Ana Lima"]
    assert extraction.tags == ["transport"]


GERMAN = [
    "Die Stadtwerke erhöhen zum ersten Juli die Preise für Fernwärme um durchschnittlich achtzehn Prozent.",
    "Der Aufsichtsrat hat der Erhöhung am Montag zugestimmt, die Verbraucherzentrale kritisiert den Schritt.",
    "Betroffen sind rund zwölftausend Haushalte in der Innenstadt und in den beiden nördlichen Stadtteilen.",
    "Wer Fragen zur neuen Abrechnung hat, kann sich ab der kommenden Woche an das Kundenzentrum wenden.",
    "Die Opposition im Stadtrat verlangt, dass die Stadtwerke ihre Kalkulation vollständig offenlegen.",
]


def german_page(paragraphs: int, lang: str = ' lang="en"') -> bytes:
    body = "".join(f"<p>{text}</p>" for text in GERMAN[:paragraphs])
    head = "<head><title>Fernwärme wird teurer</title></head>"
    return f"<html{lang}>{head}<body><article>{body}</article></body></html>".encode()


def language_of(content: bytes) -> str | None:
    from newsetl.clean.document import extract_document
    from newsetl.config import CleaningConfig
    from newsetl.records import RawDocument

    document = RawDocument(source="s", uri="p.html", format="html", content=content)
    return extract_document(document, CleaningConfig())[0].language


def test_a_long_body_outweighs_the_language_a_page_declares() -> None:
    # A site's template says "en" on every page; the article is German.
    assert language_of(german_page(5)) == "de"


def test_a_short_body_keeps_the_declared_language() -> None:
    # Two sentences (under 400 letters) is too little to overrule what the page says.
    assert language_of(german_page(2)) == "en"


def test_a_page_that_declares_nothing_gets_the_detected_language() -> None:
    assert language_of(german_page(2, lang="")) == "de"


def test_a_dump_s_title_loses_the_name_of_the_site_its_url_is_on() -> None:
    from newsetl.clean.document import extract_document
    from newsetl.config import CleaningConfig
    from newsetl.records import RawDocument

    dump = TEXT_DUMP.replace("Rail strike ends after talks", "Rail strike ends after talks - The Courier", 1)
    content = dump.encode()
    with_url = RawDocument(source="s", uri="a.txt", format="text", content=content, url="https://thecourier.com/a")
    without_url = RawDocument(source="s", uri="a.txt", format="text", content=content)
    assert extract_document(with_url, CleaningConfig())[0].title == "Rail strike ends after talks"
    assert extract_document(without_url, CleaningConfig())[0].title == "Rail strike ends after talks - The Courier"


def test_a_dump_or_record_that_states_no_date_is_dated_by_its_url() -> None:
    # As the HTML extractor reads a page's URL: "/2023/03/14/" is the day it was published, unless the text says.
    from zoneinfo import ZoneInfo

    from newsetl.clean.document import extract_document
    from newsetl.config import CleaningConfig
    from newsetl.records import RawDocument

    def published(url: str, fmt: str = "text", stated: str | None = None, zone: str | None = None) -> str | None:
        body = TEXT_DUMP.split("\n\n", 1)[1]
        record = {"url": url, "title": "Rail strike ends", "text": body} | ({"published_at": stated} if stated else {})
        content = json.dumps(record).encode() if fmt == "jsonl" else TEXT_DUMP.encode()
        document = RawDocument(source="s", uri="a", format=fmt, content=content, url=url if fmt == "text" else None)
        cleaning = CleaningConfig(zone=ZoneInfo(zone)) if zone else CleaningConfig()
        return extract_document(document, cleaning)[0].published_at

    dated = "https://thecourier.com/2023/03/14/rail-strike-ends"
    assert published(dated) == published(dated, "jsonl") == "2023-03-14T00:00:00Z"
    assert published(dated, zone="Europe/Berlin") == "2023-03-13T23:00:00Z"
    assert published(dated, "jsonl", stated="2023-03-15T08:00:00Z") == "2023-03-15T08:00:00Z"
    assert published("https://thecourier.com/news/rail-strike-ends") is None


HYPHENATED_DUMP = (
    "Klima\u00adwandel: Stadt plant neue Deiche\n\n"
    + "Die Stadt will die Deiche am Fluss bis zum Jahr 2030 um einen Meter erhöhen, wegen des Klima\u00adwandels. " * 4
    + "\n\nDer Rat stimmt im Mai über die Pläne ab und rechnet mit Kosten von vierzig Millionen Euro.\ufeff\n"
)


def test_soft_hyphens_and_byte_order_marks_leave_every_extracted_text() -> None:
    from newsetl.clean.document import extract_document
    from newsetl.config import CleaningConfig
    from newsetl.records import RawDocument

    paragraphs = [line for line in HYPHENATED_DUMP.splitlines()[1:] if line.strip()]
    html = "<html><head><title>{}</title></head><body><article>{}</article></body></html>".format(
        HYPHENATED_DUMP.splitlines()[0], "".join(f"<p>{text}</p>" for text in paragraphs)
    )
    bodies = []
    for name, content in (("a.txt", HYPHENATED_DUMP), ("a.html", html)):
        document = RawDocument(source="s", uri=name, format=name[2:], content=content.encode())
        extraction = extract_document(document, CleaningConfig())[0]
        assert extraction.title == "Klimawandel: Stadt plant neue Deiche"
        assert "Klimawandels" in extraction.body_text
        assert not {"\u00ad", "\ufeff"} & set(extraction.body_text)
        bodies.append(extraction.body)
    assert bodies[0] == bodies[1]  # one article, whichever copy of it was read


SHARE_BAR = "Face\u00adbook Twit\u00adter Pin\u00adte\u00adrest E-Mail Whats\u00adApp"
"""A share bar as a page hyphenates it (devset d0648): readers see "Facebook Twitter Pinterest E-Mail WhatsApp"."""


def test_rules_see_a_line_as_read_without_its_soft_hyphens() -> None:
    from newsetl.clean.document import extract_document
    from newsetl.config import CleaningConfig
    from newsetl.records import RawDocument

    paragraphs = [line for line in HYPHENATED_DUMP.splitlines()[1:] if line.strip()]
    dump = "\n\n".join([HYPHENATED_DUMP.splitlines()[0], paragraphs[0], SHARE_BAR, paragraphs[1]]) + "\n"
    html = "<html><head><title>{}</title></head><body><article>{}</article></body></html>".format(
        HYPHENATED_DUMP.splitlines()[0],
        "".join(f"<p>{text}</p>" for text in [paragraphs[0], SHARE_BAR, *paragraphs[1:]]),
    )
    for name, content in (("a.txt", dump), ("a.html", html)):
        document = RawDocument(source="s", uri=name, format=name[2:], content=content.encode())
        extraction = extract_document(document, CleaningConfig())[0]
        assert "Pinterest" not in extraction.body_text, name
        assert [removal["rule"] for removal in extraction.removed if "Pinterest" in removal["text"]] == ["share-bar"]


def test_rules_see_no_break_spaces_and_runs_of_spaces_as_the_space_a_reader_sees() -> None:
    from newsetl.clean.document import extract_document
    from newsetl.config import CleaningConfig
    from newsetl.records import RawDocument

    paragraphs = [line for line in HYPHENATED_DUMP.splitlines()[1:] if line.strip()]
    lines = [HYPHENATED_DUMP.splitlines()[0], "Reading\u00a0Time:  2\u00a0minutes", *paragraphs]
    dump = "\n\n".join(lines).replace("vierzig Millionen", "vierzig\u202fMillionen").replace("Rat ", "Rat   ") + "\n"
    extraction = extract_document(
        RawDocument(source="s", uri="a.txt", format="text", content=dump.encode()), CleaningConfig()
    )[0]
    assert extraction.reading_time_minutes == 2
    assert [removal["rule"] for removal in extraction.removed] == ["reading-time"]
    assert "vierzig Millionen Euro" in extraction.body_text
    assert "Der Rat stimmt" in extraction.body_text
