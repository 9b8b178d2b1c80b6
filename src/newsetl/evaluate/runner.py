"""Scoring extraction systems over a devset, all in one process (one core), taking turns page by page, so docs/s
compare fairly."""

from __future__ import annotations

import logging
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsetl.clean import extract_document
from newsetl.clean.language import detect_language
from newsetl.config import CleaningConfig
from newsetl.errors import DocumentError
from newsetl.evaluate.devset import Page
from newsetl.evaluate.metric import Score, score_page
from newsetl.records import RawDocument

log = logging.getLogger("newsetl.evaluate")

Extractor = Callable[[Page, bytes], str]
"""Returns the main text a system extracts from a page's bytes (empty when it finds none)."""


@dataclass(frozen=True, slots=True)
class System:
    name: str
    input: str
    """``html`` or ``text``: which rendering of the page the system reads."""
    extract: Extractor
    baseline: bool = False
    start: Callable[[], None] = lambda: None
    """Loads what the system loads once per process (run untimed before the first page)."""


@dataclass(slots=True)
class Result:
    system: System
    seconds: float = 0.0
    pages: int = 0
    scores: dict[str, Score] = field(default_factory=dict)
    """Score per split: ``all``, ``even`` and ``odd`` page ids."""

    @property
    def docs_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def newsetl_html(page: Page, content: bytes) -> str:
    return _newsetl(RawDocument(source="devset", uri=page.page_id, format="html", content=content, url=page.url))


def newsetl_text(page: Page, content: bytes) -> str:
    return _newsetl(RawDocument(source="devset", uri=page.page_id, format="text", content=content))


def _newsetl(document: RawDocument) -> str:
    try:
        extraction, _encoding, _url = extract_document(document, CleaningConfig())
    except DocumentError:
        return ""
    return extraction.body_text


def load_trafilatura_stoplists() -> None:
    # trafilatura reads every jusText stoplist on its first jusText fallback (about half a second).
    from trafilatura import external

    if external.JT_STOPLIST is None:
        external.jt_stoplist_init()


def load_newsetl_models() -> None:
    # py3langid's model loads on the first call (about a second): newsetl calls it for pages that declare no
    # language. The HTML path runs trafilatura's full cascade on short pages, hence its stoplists too.
    detect_language("A sentence long enough to be identified as English text.")
    load_trafilatura_stoplists()


def trafilatura_html(page: Page, content: bytes) -> str:
    import trafilatura

    return trafilatura.extract(content, url=page.url, include_comments=False, include_tables=True) or ""


def whole_text(page: Page, content: bytes) -> str:
    return content.decode("utf-8", errors="replace")


WRAP_COLUMNS = 76
CUT_TEXT = f"text cut at {WRAP_COLUMNS} columns"


def cut_text(page: Page) -> bytes:
    """The page's text dump hard-wrapped at ``WRAP_COLUMNS``, as lynx or html2text give a page: how the text path
    holds up on wrapped dumps (``textwrap`` breaks at spaces and after a word's hyphen)."""
    text = page.text().decode("utf-8", errors="replace")
    return "\n".join("\n".join(textwrap.wrap(line, WRAP_COLUMNS)) for line in text.split("\n")).encode()


UNSPACED_TEXT = "text without blank lines"


def unspaced_text(page: Page) -> bytes:
    """The page's text dump without its blank lines, as some browsers copy a page: a newline between blocks only."""
    return b"\n".join(line for line in page.text().splitlines() if line.strip())


UNTITLED_TEXT = "text without its title line"


def untitled_text(page: Page) -> bytes:
    """The page's text dump without its first line, the page's ``<title>``: what a person copies from the page
    itself (the project's own sample dumps start so), where no ``<title>`` names the headline to look for."""
    _title, _break, rest = page.text().partition(b"\n")
    return rest.lstrip(b"\r\n")


INPUTS: dict[str, Callable[[Page], bytes]] = {
    "html": Page.html,
    "text": Page.text,
    CUT_TEXT: cut_text,
    UNSPACED_TEXT: unspaced_text,
    UNTITLED_TEXT: untitled_text,
}
"""What a system reads of a page, by its ``input``."""

SYSTEMS = (
    System("newsetl", "html", newsetl_html, start=load_newsetl_models),
    System("trafilatura 2.3.1", "html", trafilatura_html, baseline=True, start=load_trafilatura_stoplists),
    System("newsetl", "text", newsetl_text, start=load_newsetl_models),
    System("whole text", "text", whole_text, baseline=True),
    System("newsetl", CUT_TEXT, newsetl_text, start=load_newsetl_models),
    System("newsetl", UNSPACED_TEXT, newsetl_text, start=load_newsetl_models),
    System("newsetl", UNTITLED_TEXT, newsetl_text, start=load_newsetl_models),
)


def evaluate(pages: Sequence[Page], systems: Sequence[System] = SYSTEMS) -> list[Result]:
    """Every system on every page. Systems take turns page by page, so a change of load on the machine during
    the run falls on all of them alike; each is timed by the CPU time of this process (other jobs' work on a
    shared machine does not count)."""
    results = [Result(system, scores={"all": Score(), "even": Score(), "odd": Score()}) for system in systems]
    # Start-up (models loaded on first use) is not per-document work: untimed, so docs/s is the steady rate.
    for system in systems:
        system.start()
    inputs = {system.input for system in systems}
    for page in pages:
        # Reading the file is not the system's work: only extraction is timed.
        content = {kind: INPUTS[kind](page) for kind in inputs}
        half = "even" if int(page.page_id.lstrip("d") or 0) % 2 == 0 else "odd"
        for result in results:
            _score_one(result, page, content[result.system.input], half)
    for result in results:
        log.info("%s on %s: F %.3f", result.system.name, result.system.input, result.scores["all"].f1)
    return results


def _score_one(result: Result, page: Page, content: bytes, half: str) -> None:
    started = time.process_time()
    extracted = result.system.extract(page, content)
    result.seconds += time.process_time() - started
    result.pages += 1
    score = score_page(extracted, page.wanted, page.unwanted)
    result.scores["all"] += score
    result.scores[half] += score
