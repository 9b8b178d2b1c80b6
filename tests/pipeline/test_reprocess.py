"""Reprocessing from the raw landing, without Airflow: which documents, what changes, what is never refetched."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from newsetl.config import load_settings
from newsetl.discover import Interval
from newsetl.errors import ConfigError
from newsetl.ingest import IngestOutcome, ingest
from newsetl.pipeline import RunSpec
from newsetl.pipeline.spec import Mode
from tests.conftest import ConfigFactory

DAYS = ("2024-06-13", "2024-06-14", "2024-06-15")
DESK_NOTE_RULE = {"id": "desk-note", "pattern": "^Desk note: .*$"}


def _run(config: Path, run_id: str, first: str | None, last: str | None = None, mode: Mode = "ingest") -> IngestOutcome:
    interval = Interval.of_days(date.fromisoformat(first), date.fromisoformat(last or first)) if first else None
    spec = RunSpec(
        run_id=run_id,
        trigger="cli",
        interval=interval or Interval.unbounded(),
        sources=("daily",),
        started_at=datetime(2026, 11, 30, tzinfo=UTC),
        mode=mode,
    )
    return ingest(load_settings(config), spec, progress=False)


def _story(day: str) -> str:
    return (
        f"Story of {day}\n\nThe events of {day}, told in a sentence that is long enough to be a paragraph.\n\n"
        "Desk note: the harbour office is open\n\n"
        "A second paragraph about the events of the day, long enough to count as body text.\n"
    )


def _rows(config: Path, query: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(load_settings(config).warehouse), read_only=True) as connection:
        return connection.execute(query).fetchall()


def _add_rule(config: Path) -> None:
    document = yaml.safe_load(config.read_text(encoding="utf-8"))
    document["sources"][0]["cleaning"] = {"drop": [DESK_NOTE_RULE]}
    config.write_text(yaml.safe_dump(document), encoding="utf-8")


def _bodies(config: Path) -> dict[str, bool]:
    """uri → whether the body still holds the desk note line."""
    return {uri: "Desk note" in body for uri, body in _rows(config, "SELECT uri, body FROM articles")}


@pytest.fixture
def ingested(write_config: ConfigFactory, tmp_path: Path) -> Path:
    """Three daily runs (one per day, as a schedule or a backfill makes them), then the dumps are gone."""
    root = tmp_path / "daily"
    for day in DAYS:
        (root / day).mkdir(parents=True)
        (root / day / "story.txt").write_text(_story(day))
    config = write_config([{"name": "daily", "kind": "dumps", "location": str(root), "options": {"glob": "{date}/*"}}])
    for day in DAYS:
        assert _run(config, f"day-{day}", day).ok
    shutil.rmtree(root)  # reprocessing must not need the source: everything comes from the landing
    _add_rule(config)
    return config


def test_reprocess_recleans_only_the_days_asked_for_from_the_landing(ingested: Path) -> None:
    outcome = _run(ingested, "re-14-15", "2024-06-14", "2024-06-15", mode="reprocess")
    assert outcome.ok, outcome.failure
    assert outcome.counts.totals["documents_read"] == 2
    assert outcome.counts.totals["articles_updated"] == 2
    assert _bodies(ingested) == {
        "2024-06-13/story.txt": True,
        "2024-06-14/story.txt": False,
        "2024-06-15/story.txt": False,
    }
    assert _rows(ingested, "SELECT DISTINCT rule_id FROM removed_lines") == [("daily:desk-note",)]
    # Lineage: the updated articles name the reprocess run; the raw documents keep the run that first read them.
    assert _rows(ingested, "SELECT uri FROM articles WHERE run_id = 're-14-15' ORDER BY uri") == [
        ("2024-06-14/story.txt",),
        ("2024-06-15/story.txt",),
    ]
    assert _rows(ingested, "SELECT count(*), count(DISTINCT run_id) FROM raw_documents") == [(3, 3)]


def test_reprocessing_again_changes_nothing(ingested: Path) -> None:
    _run(ingested, "re-1", None, mode="reprocess")
    before = _rows(ingested, "SELECT * FROM articles ORDER BY article_id")
    again = _run(ingested, "re-2", None, mode="reprocess")
    assert again.counts.totals["articles_unchanged"] == 3
    assert _rows(ingested, "SELECT * FROM articles ORDER BY article_id") == before


def test_a_run_over_several_days_is_reprocessed_when_any_of_its_days_is_asked_for(
    write_config: ConfigFactory, tmp_path: Path
) -> None:
    root = tmp_path / "daily"
    for day in DAYS:
        (root / day).mkdir(parents=True)
        (root / day / "story.txt").write_text(_story(day))
    config = write_config([{"name": "daily", "kind": "dumps", "location": str(root), "options": {"glob": "{date}/*"}}])
    _run(config, "all-three", "2024-06-13", "2024-06-15")
    _add_rule(config)
    # The documents' partition is the whole run's interval: asking for one of its days re-cleans all three.
    outcome = _run(config, "re-15", "2024-06-15", mode="reprocess")
    assert outcome.counts.totals["articles_updated"] == 3


def test_reprocess_reads_the_packs_and_lands_nothing_again(ingested: Path) -> None:
    landing = load_settings(ingested).landing
    before = sorted(landing.rglob("*"))
    assert len([path for path in before if path.suffix == ".gz"]) == 3  # a pack for each day's run
    outcome = _run(ingested, "re-all", None, mode="reprocess")
    assert outcome.ok, outcome.failure
    assert outcome.counts.totals["articles_updated"] == 3
    assert sorted(landing.rglob("*")) == before
    assert _rows(ingested, "SELECT count(*), count(*) FILTER (landing_path LIKE '%/packs/%#%') FROM raw_documents") == [
        (3, 3)
    ]


def test_a_document_lost_from_the_landing_is_quarantined_and_the_rest_reprocessed(ingested: Path) -> None:
    settings = load_settings(ingested)
    (lost,) = _rows(ingested, "SELECT landing_path FROM raw_documents WHERE uri = '2024-06-14/story.txt'")[0]
    pack, _, span = lost.rpartition("#")
    offset, length = (int(number) for number in span.split("+"))
    with Path(pack).open("r+b") as stream:  # the document's bytes in its pack overwritten
        stream.seek(offset)
        stream.write(bytes(length))
    outcome = _run(ingested, "re-all", None, mode="reprocess")
    assert outcome.ok, outcome.failure
    assert outcome.counts.totals["articles_updated"] == 2
    assert outcome.counts.totals["documents_rejected"] == 1
    ((reason_code, reason),) = _rows(
        ingested, "SELECT reason_code, reason FROM rejected_documents WHERE uri = '2024-06-14/story.txt'"
    )
    assert reason_code == "unreadable"
    assert "not in the landing" in reason
    assert settings.landing in Path(lost).parents


def test_nothing_landed_yet_is_a_clear_error(write_config: ConfigFactory, tmp_path: Path) -> None:
    config = write_config([{"name": "daily", "kind": "dumps", "location": str(tmp_path)}])
    with pytest.raises(ConfigError, match=r"nothing to reprocess: the warehouse .* does not exist yet"):
        _run(config, "re", None, mode="reprocess")
