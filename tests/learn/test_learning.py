"""Learned boilerplate end to end: a source's repeated lines are learned from one run and removed in the next.

A synthetic source of 30 dumps (a day) shares its menu, an in-article promotion, a support call and a footer;
the ingest runs without Airflow on real files and a real DuckDB.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsetl.config import load_settings
from newsetl.discover import Interval
from newsetl.ingest import ingest
from newsetl.learn import PUBLISHED_FILE
from newsetl.pipeline import RunSpec
from tests.conftest import ConfigFactory

SOURCE = "hafenblatt"
MENU = ["Startseite", "Küste", "Hanse", "Segeln", "Wetter"]
PROMOTION = "Hafenblatt-Leserreisen: Jetzt an die Ostsee"
SUPPORT = "Hafenblatt-Abo: Drei Monate für 9,90 Euro lesen"
FOOTER = ["Hafenblatt – Ihre Zeitung für die Küste", "Impressum", "© Hafenblatt 2024"]
TEASER_HEADER = "Meistgelesen"
# What the built-in rules name already ("Startseite", "Impressum", "©", "Meistgelesen") keeps its rule.
LEARNED = {"Küste", "Hanse", "Segeln", "Wetter", PROMOTION, SUPPORT, "Hafenblatt – Ihre Zeitung für die Küste"}
# In two documents only: article text, not furniture.
WITNESS_CALL = "Die Polizei bittet Zeugen, sich unter der Nummer 0381 4916-0 zu melden."
# In every document, but a long sentence: prose is never learned.
DISCLAIMER = (
    "Dieser Artikel wurde von der Redaktion sorgfältig geprüft, dennoch können sich Fehler einschleichen, "
    "für die wir leider keine Haftung übernehmen."
)
TOWNS = [
    "Warnemünde", "Rostock", "Wismar", "Stralsund", "Greifswald", "Kühlungsborn", "Barth", "Zingst", "Prerow",
    "Ahrenshoop", "Graal-Müritz", "Rerik", "Boltenhagen", "Sassnitz", "Binz", "Sellin", "Göhren", "Baabe",
    "Wolgast", "Lubmin", "Ueckermünde", "Anklam", "Demmin", "Güstrow", "Bützow", "Schwaan", "Tessin", "Laage",
    "Marlow", "Ribnitz", "Dierhagen", "Wustrow", "Born", "Wieck", "Dranske",
]  # fmt: skip


def _dump(number: int, day: str) -> str:
    town = TOWNS[number]
    headline = f"{town} bekommt einen neuen Fähranleger"
    paragraphs = [
        f"Der Gemeinderat von {town} hat am Dienstag beschlossen, den alten Fähranleger abzureißen und bis zum "
        f"Sommer {2025 + number % 3} einen neuen zu bauen, teilte die Verwaltung mit.",
        f"Die Kosten von {number + 2} Millionen Euro tragen das Land und die Gemeinde gemeinsam, sagte der "
        f"Bürgermeister, der sich seit Jahren für den Neubau in {town} eingesetzt hatte.",
        f"Während der Bauzeit fahren die Schiffe nach {town} von einem provisorischen Anleger, der nur wenige "
        "hundert Meter entfernt am Stadthafen liegt.",
    ]
    teaser = [TEASER_HEADER, f"{TOWNS[0]} bekommt einen neuen Fähranleger"] if 0 < number <= 12 else []
    witness = [WITNESS_CALL] if number in (3, 17) else []
    # Some dumps pad lines with whitespace, before or after: a line counts as the same line however it is padded.
    before, after = " \t" if number % 4 == 1 else "", "\t " if number % 4 == 3 else ""
    lines = [
        f"{headline} | Hafenblatt",
        "",
        *(before + item + after for item in MENU),
        "",
        headline,
        f"Von {['Anna Schmidt', 'Peter Krause', 'Lena Berger'][number % 3]}",
        f"{day[8:10]}.{day[5:7]}.{day[:4]}, 10:30 Uhr",
        paragraphs[0],
        before + PROMOTION + after,
        paragraphs[1],
        *witness,
        paragraphs[2],
        DISCLAIMER,
        SUPPORT,
        "",
        *teaser,
        *FOOTER,
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "hafenblatt"
    for day, numbers in (("2024-06-14", range(30)), ("2024-06-15", range(30, 35))):
        (root / day).mkdir(parents=True)
        for number in numbers:
            (root / day / f"{number:03d}.txt").write_text(_dump(number, day), encoding="utf-8")
    return root


def _config(write_config: ConfigFactory, corpus: Path, **learn: Any) -> Path:
    source: dict[str, Any] = {
        "name": SOURCE,
        "kind": "dumps",
        "location": str(corpus),
        "options": {"glob": "{date}/*.txt"},
    }
    if learn:
        source["cleaning"] = {"learn": learn}
    return write_config([source])


def _ingest(config: Path, run_id: str, day: date) -> None:
    spec = RunSpec(
        run_id=run_id,
        trigger="cli",
        interval=Interval.of_days(day, day),
        sources=(SOURCE,),
        started_at=datetime(2026, 11, 30, tzinfo=UTC),
    )
    outcome = ingest(load_settings(config), spec, progress=False)
    assert outcome.ok


def _rows(config: Path, query: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(load_settings(config).warehouse), read_only=True) as connection:
        return connection.execute(query).fetchall()


def _published(config: Path) -> dict[str, Any]:
    path = load_settings(config).staging / PUBLISHED_FILE
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def test_lines_shared_by_the_source_are_learned_with_counts(write_config: ConfigFactory, corpus: Path) -> None:
    config = _config(write_config, corpus)
    _ingest(config, "day-14", date(2024, 6, 14))
    rows = _rows(config, "SELECT line, documents, source_documents, status FROM learned_lines ORDER BY line")
    assert {row[0] for row in rows} == LEARNED
    assert {(row[1], row[2], row[3]) for row in rows} == {(30, 30, "active")}
    assert _published(config)["sources"] == {SOURCE: sorted(LEARNED)}
    view = _rows(config, "SELECT DISTINCT share, rule_id FROM learned_boilerplate")
    assert view == [(1.0, f"learned:{SOURCE}")]
    first_seen, last_seen = _rows(config, "SELECT min(first_seen_at), max(last_seen_at) FROM learned_lines")[0]
    assert first_seen <= last_seen


def test_article_text_is_not_learned(write_config: ConfigFactory, corpus: Path) -> None:
    config = _config(write_config, corpus)
    _ingest(config, "day-14", date(2024, 6, 14))
    learned = {row[0] for row in _rows(config, "SELECT line FROM learned_lines")}
    assert WITNESS_CALL not in learned, "a sentence in two documents is article text"
    assert DISCLAIMER not in learned, "a long sentence reads as prose"
    assert f"{TOWNS[0]} bekommt einen neuen Fähranleger" not in learned, "another article's title"
    bodies = [row[0] for row in _rows(config, "SELECT body FROM articles")]
    assert sum(WITNESS_CALL in body for body in bodies) == 2


def test_a_later_run_removes_learned_lines(write_config: ConfigFactory, corpus: Path) -> None:
    config = _config(write_config, corpus)
    _ingest(config, "day-14", date(2024, 6, 14))
    first_bodies = [row[0] for row in _rows(config, "SELECT body FROM articles")]
    assert all(PROMOTION in body for body in first_bodies), "before learning, the promotion leaks into the body"

    _ingest(config, "day-15", date(2024, 6, 15))
    later = _rows(config, "SELECT body, rules_version FROM articles WHERE run_id = 'day-15'")
    assert len(later) == 5
    assert not any(PROMOTION in body for body, _version in later)
    assert all("~" in version for _body, version in later), "the learned lines are part of the rules version"
    removed = _rows(
        config,
        "SELECT DISTINCT trim(text, chr(32) || chr(9)) FROM removed_lines "
        "WHERE run_id = 'day-15' AND rule_id = 'learned:hafenblatt'",
    )
    assert {row[0] for row in removed} == LEARNED


def test_loading_the_same_input_twice_gives_the_same_table(write_config: ConfigFactory, corpus: Path) -> None:
    config = _config(write_config, corpus)
    _ingest(config, "first", date(2024, 6, 14))
    table = _rows(config, "SELECT * FROM learned_lines ORDER BY line")
    published = (load_settings(config).staging / PUBLISHED_FILE).read_bytes()
    _ingest(config, "again", date(2024, 6, 14))
    assert _rows(config, "SELECT * FROM learned_lines ORDER BY line") == table
    assert (load_settings(config).staging / PUBLISHED_FILE).read_bytes() == published


def test_a_person_vetoes_a_learned_line(write_config: ConfigFactory, corpus: Path) -> None:
    config = _config(write_config, corpus, never=[PROMOTION])
    _ingest(config, "day-14", date(2024, 6, 14))
    status = dict(_rows(config, "SELECT line, status FROM learned_lines"))
    assert status[PROMOTION] == "disabled"
    assert PROMOTION not in _published(config)["sources"][SOURCE]
    _ingest(config, "day-15", date(2024, 6, 15))
    assert all(PROMOTION in row[0] for row in _rows(config, "SELECT body FROM articles WHERE run_id = 'day-15'"))


def test_thresholds_come_from_the_config(write_config: ConfigFactory, corpus: Path) -> None:
    config = _config(write_config, corpus, min_documents=31)
    _ingest(config, "day-14", date(2024, 6, 14))
    assert _rows(config, "SELECT count(*) FROM learned_lines") == [(0,)]
    assert _published(config)["sources"] == {}


def test_only_the_most_recent_documents_are_counted(write_config: ConfigFactory, corpus: Path) -> None:
    config = _config(write_config, corpus, window=10)
    _ingest(config, "day-14", date(2024, 6, 14))
    assert set(_rows(config, "SELECT documents, source_documents FROM learned_lines")) == {(10, 10)}


def test_learning_can_be_turned_off(write_config: ConfigFactory, corpus: Path) -> None:
    config = _config(write_config, corpus, enabled=False)
    _ingest(config, "day-14", date(2024, 6, 14))
    assert _rows(config, "SELECT count(*) FROM learned_lines") == [(0,)]


def test_a_load_that_changed_no_article_counts_again_only_if_the_settings_changed(
    write_config: ConfigFactory, corpus: Path
) -> None:
    config = _config(write_config, corpus)
    _ingest(config, "first", date(2024, 6, 14))
    counted = _rows(config, "SELECT source, settings, counted_at FROM learn_counts")
    assert [row[0] for row in counted] == [SOURCE]
    table = _rows(config, "SELECT * FROM learned_lines ORDER BY line")

    _ingest(config, "again", date(2024, 6, 14))  # every document skipped: no article changed
    assert _rows(config, "SELECT source, settings, counted_at FROM learn_counts") == counted, "not counted again"
    assert _rows(config, "SELECT * FROM learned_lines ORDER BY line") == table

    stricter = _config(write_config, corpus, min_documents=31)  # same warehouse, new settings
    _ingest(stricter, "stricter", date(2024, 6, 14))
    changed = "SELECT articles_new + articles_updated + articles_retired FROM runs WHERE run_id = 'stricter'"
    assert _rows(stricter, changed) == [(0,)], "the same warehouse, and again no article changed"
    assert _rows(stricter, "SELECT count(*) FROM learned_lines") == [(0,)], "counted again under the new settings"
    (settings,) = _rows(stricter, "SELECT settings FROM learn_counts")[0]
    assert json.loads(settings)["min_documents"] == 31
