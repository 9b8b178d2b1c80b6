"""Skip by content hash: a re-run over unchanged input hashes each document and parses none of them.

Real files, a real DuckDB warehouse and the real seen index the loader publishes; the counts and rows must be
exactly those of a run that cleaned everything.
"""

from __future__ import annotations

import gzip
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from newsetl.config import load_settings
from newsetl.discover import Interval
from newsetl.ingest import IngestOutcome, ingest
from newsetl.pipeline import RunSpec, clean_batch, plan_run
from newsetl.stage import StagingArea
from tests.conftest import ConfigFactory

STORY = (
    "A headline for story {n}\n\n"
    "The first paragraph of story {n} tells what happened in the harbour on Tuesday morning, when the ferry came.\n\n"
    "Advertisement\n\n"
    "The second paragraph explains why the council decided to extend the ferry timetable for the summer months.\n"
)
NEVER_MATCHES = {"id": "never", "pattern": "^A line no page holds$"}
CORRECTION = "A late correction: the ferry arrived forty minutes late, not twenty, the operator said on Wednesday.\n"


def _spec(run_id: str) -> RunSpec:
    return RunSpec(run_id, "cli", Interval.unbounded(), ("dumps",), datetime(2026, 11, 30, tzinfo=UTC))


def _run(config: Path, run_id: str, workers: int = 1) -> IngestOutcome:
    return ingest(load_settings(config), _spec(run_id), workers=workers, progress=False)


def _rows(config: Path, query: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(load_settings(config).warehouse), read_only=True) as connection:
        return connection.execute(query).fetchall()


def _skipped(config: Path, run_id: str) -> int:
    files = StagingArea(load_settings(config).staging).staged_files(run_id, "skipped_documents")
    return sum(len(path.read_text(encoding="utf-8").splitlines()) for path in files)


def _with_rule(write_config: ConfigFactory, dumps_dir: Path, rule: dict[str, str]) -> Path:
    """The test source's config again, with one more drop rule: new rules, so a new rules version."""
    source = {"name": "dumps", "kind": "dumps", "location": str(dumps_dir), "cleaning": {"drop": [rule]}}
    return write_config([source], batch_size=3)


@pytest.fixture
def config(write_config: ConfigFactory, dumps_dir: Path) -> Path:
    for n in range(5):
        (dumps_dir / f"story-{n}.txt").write_text(STORY.format(n=n), encoding="utf-8")
    (dumps_dir / "empty.txt").write_bytes(b"")
    (dumps_dir / "nothing.txt").write_text("\n\n   \n\nAdvertisement\n", encoding="utf-8")
    return write_config([{"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}], batch_size=3)


def test_a_rerun_over_unchanged_input_skips_every_article_and_counts_it_unchanged(config: Path) -> None:
    first = _run(config, "run-1")
    articles = _rows(config, "SELECT * FROM articles ORDER BY article_id")
    lines = _rows(config, "SELECT * FROM removed_lines ORDER BY ALL")
    second = _run(config, "run-2", workers=2)
    assert _skipped(config, "run-1") == 0
    assert _skipped(config, "run-2") == 5
    assert first.counts.totals["articles_new"] == 5
    assert second.counts.totals == {
        "documents_read": 7,
        "articles_new": 0,
        "articles_updated": 0,
        "articles_unchanged": 5,
        "documents_rejected": 2,  # rejected documents are read again: a fixed rule may clean them now
        "documents_duplicate": 0,
        "articles_retired": 0,
    }
    assert second.ok, second.failure
    assert _rows(config, "SELECT * FROM articles ORDER BY article_id") == articles
    assert _rows(config, "SELECT * FROM removed_lines ORDER BY ALL") == lines


def test_a_changed_file_is_cleaned_again_and_updates_its_article(config: Path, dumps_dir: Path) -> None:
    _run(config, "run-1")
    (dumps_dir / "story-2.txt").write_text(STORY.format(n=2) + CORRECTION, encoding="utf-8")
    outcome = _run(config, "run-2")
    assert _skipped(config, "run-2") == 4
    assert outcome.counts.totals["articles_updated"] == 1
    assert outcome.counts.totals["articles_unchanged"] == 4
    assert _rows(config, "SELECT body LIKE '%said on Wednesday.' FROM articles WHERE uri = 'story-2.txt'") == [(True,)]


def test_changed_cleaning_rules_clean_everything_again(
    write_config: ConfigFactory, config: Path, dumps_dir: Path
) -> None:
    _run(config, "run-1")
    stricter = _with_rule(write_config, dumps_dir, {"id": "second", "pattern": "^The second paragraph"})
    outcome = _run(stricter, "run-2")
    assert _skipped(stricter, "run-2") == 0
    assert outcome.counts.totals["articles_updated"] == 5


def test_unchanged_content_under_new_rules_is_skipped_again_on_the_next_run(
    write_config: ConfigFactory, config: Path, dumps_dir: Path
) -> None:
    _run(config, "run-1")
    new_rules = _with_rule(write_config, dumps_dir, NEVER_MATCHES)
    second = _run(new_rules, "run-2")
    third = _run(new_rules, "run-3")
    assert _skipped(new_rules, "run-2") == 0  # new rules: every document is cleaned again
    assert second.counts.totals["articles_unchanged"] == 5
    assert _skipped(new_rules, "run-3") == 5  # and the rules it was cleaned under are recorded
    assert third.counts.totals["articles_unchanged"] == 5


def test_the_same_bytes_cleaned_under_new_rules_are_not_landed_again(
    write_config: ConfigFactory, config: Path, dumps_dir: Path
) -> None:
    _run(config, "run-1")
    landing = load_settings(config).landing
    packs = set(landing.rglob("*.gz"))
    locations = _rows(config, "SELECT uri, raw_id, landing_path FROM raw_documents ORDER BY uri")
    new_rules = _with_rule(write_config, dumps_dir, NEVER_MATCHES)
    outcome = _run(new_rules, "run-2")
    assert _skipped(new_rules, "run-2") == 0
    assert outcome.counts.totals["articles_unchanged"] == 5
    assert _rows(new_rules, "SELECT uri, raw_id, landing_path FROM raw_documents ORDER BY uri") == locations
    assert set(landing.rglob("*.gz")) == packs  # the articles' bytes, and the rejected one's, are where run-1 put them


def test_a_rejected_document_read_again_is_rejected_again_and_not_landed_again(config: Path, dumps_dir: Path) -> None:
    _run(config, "run-1")
    landing = load_settings(config).landing
    packs = set(landing.rglob("*.gz"))
    rejected = (
        "SELECT r.uri, q.reason_code, r.landing_path FROM rejected_documents q JOIN raw_documents r USING (raw_id)"
    )
    first = _rows(config, rejected)
    assert [uri for uri, _, _ in first] == ["nothing.txt"]  # the empty file has no bytes to land
    outcome = _run(config, "run-2")
    assert outcome.counts.totals["documents_rejected"] == 2  # cleaned again, not skipped: a rule may be fixed
    assert _rows(config, rejected) == first
    assert set(landing.rglob("*.gz")) == packs
    (dumps_dir / "nothing.txt").write_text("\n\nAdvertisement\n\n", encoding="utf-8")
    _run(config, "run-3")
    landed = [gzip.decompress(path.read_bytes()) for path in set(landing.rglob("*.gz")) - packs]
    assert landed == [(dumps_dir / "nothing.txt").read_bytes()]  # other bytes at the place are landed


def test_skipping_can_be_switched_off(write_config: ConfigFactory, config: Path, dumps_dir: Path) -> None:
    _run(config, "run-1")
    always = write_config([{"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}], skip_unchanged=False)
    outcome = _run(always, "run-2")
    assert _skipped(always, "run-2") == 0
    assert outcome.counts.totals["articles_unchanged"] == 5


def test_newsetl_ingest_no_skip_cleans_everything(config: Path) -> None:
    import subprocess
    import sys

    newsetl = str(Path(sys.executable).parent / "newsetl")
    base = [newsetl, "ingest", "--config", str(config), "--no-progress", "--workers", "1"]
    subprocess.run([*base, "--run-id", "run-1"], check=True, capture_output=True, timeout=300)
    subprocess.run([*base, "--run-id", "run-2", "--no-skip"], check=True, capture_output=True, timeout=300)
    assert _skipped(config, "run-2") == 0
    assert _rows(config, "SELECT articles_unchanged FROM runs WHERE run_id = 'run-2'") == [(5,)]


def test_the_last_document_of_an_article_still_wins_when_it_was_skipped(
    write_config: ConfigFactory, dumps_dir: Path
) -> None:
    # Two records of one URL: the later one is the article. On a re-run the later one is skipped and the earlier
    # one is cleaned; the skipped one must still win, or the article would flip on every run.
    records = [
        {"url": "https://example.test/a", "title": "First take", "text": "Story\n\nAn early version of the text."},
        {"url": "https://example.test/a", "title": "Final take", "text": "Story\n\nThe final version of the text."},
    ]
    (dumps_dir / "export.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    config = write_config([{"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}])
    first = _run(config, "run-1")
    second = _run(config, "run-2")
    assert _skipped(config, "run-2") == 1
    assert first.counts.totals["documents_duplicate"] == second.counts.totals["documents_duplicate"] == 1
    assert second.counts.totals["articles_unchanged"] == 1
    assert second.counts.totals["articles_updated"] == 0
    assert _rows(config, "SELECT title FROM articles") == [("Final take",)]


def test_an_article_replaced_since_the_index_was_published_is_counted_not_lost(config: Path) -> None:
    _run(config, "run-1")
    settings = load_settings(config)
    # Another run's load (simulated) replaced story-0's article after this index was published: as a load
    # would, it changed the article (its current version) and recorded the raw document (the checks verify both).
    with duckdb.connect(str(settings.warehouse)) as connection:
        connection.execute("UPDATE articles SET raw_id = 'elsewhere', content_hash = 'other' WHERE uri = 'story-0.txt'")
        connection.execute(
            "INSERT INTO raw_documents SELECT * REPLACE ('elsewhere' AS raw_id) FROM raw_documents "
            "WHERE uri = 'story-0.txt'"
        )
    outcome = _run(config, "run-2")
    assert outcome.ok, outcome.failure  # accounting holds: the skipped document is counted unchanged
    assert outcome.counts.totals["articles_unchanged"] == 5
    assert _rows(config, "SELECT raw_id FROM articles WHERE uri = 'story-0.txt'") == [("elsewhere",)]


def test_an_unreadable_index_means_every_document_is_cleaned(config: Path, caplog: pytest.LogCaptureFixture) -> None:
    _run(config, "run-1")
    settings = load_settings(config)
    StagingArea(settings.staging).seen_index.write_bytes(b"not parquet")
    manifests = plan_run(settings, _spec("run-2"))
    results = [clean_batch(settings, path) for path in manifests]
    assert sum(result.skipped for result in results) == 0
    assert sum(result.articles for result in results) == 5
    assert "is unreadable" in caplog.text


def test_a_new_document_after_a_skipped_one_of_the_same_article_wins(
    write_config: ConfigFactory, dumps_dir: Path
) -> None:
    def record(url: str, title: str) -> str:
        return json.dumps(
            {
                "url": f"https://example.test/{url}",
                "title": title,
                "text": f"Story {title}\n\nThe text of story {title}.\n\nMore of it.",
            }
        )

    export = dumps_dir / "export.jsonl"
    export.write_text(
        "\n".join([record("b", "Bee"), record("c", "Sea"), record("a", "A first")]) + "\n", encoding="utf-8"
    )
    config = write_config([{"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}])
    _run(config, "run-1")
    with export.open("a", encoding="utf-8") as stream:
        stream.write(record("a", "A corrected") + "\n")  # the exporter sent the story again, corrected
    outcome = _run(config, "run-2")
    assert _skipped(config, "run-2") == 3
    assert outcome.counts.totals["articles_updated"] == 1
    assert outcome.counts.totals["documents_duplicate"] == 1
    assert _rows(config, "SELECT title FROM articles WHERE url LIKE '%/a'") == [("A corrected",)]


RERUN_IMPORTS = """
import json, sys
from newsetl.cli import main
code = main(["ingest", "--config", sys.argv[1], "--run-id", "run-2", "--workers", "1", "--no-progress"])
heavy = ("courlan", "warcio", "requests", "dateutil", "charset_normalizer", "newsetl.clean.text.cues",
         "newsetl.clean.text.labels", "tqdm")
print(json.dumps({"code": code, "loaded": [name for name in heavy if name in sys.modules]}))
"""


def test_a_rerun_over_dumps_imports_no_url_warc_fetch_charset_or_text_rule_module(
    write_config: ConfigFactory, dumps_dir: Path
) -> None:
    # Start-up is a fixed cost of every re-run: what a run over dump folders that cleans nothing never calls
    # (URL keys, WARC, the fetcher, charset detection, the text cleaner's rule tables, a progress bar it was told not
    # to show) must not be imported for it.
    import subprocess
    import sys

    for n in range(5):
        (dumps_dir / f"story-{n}.txt").write_text(STORY.format(n=n), encoding="utf-8")
    config = write_config([{"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}], batch_size=3)
    _run(config, "run-1")
    shown = subprocess.run(
        [sys.executable, "-c", RERUN_IMPORTS, str(config)], capture_output=True, text=True, check=True, timeout=300
    )
    outcome = json.loads(shown.stdout.strip().splitlines()[-1])
    assert outcome == {"code": 0, "loaded": []}
    assert _skipped(config, "run-2") == 5


# Skipping unread: a dump file with the identity (inode, size, modification and change times) its stored bytes
# were read at is not opened. Files written by a test are seconds old; ``settled`` lets their identity count.


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsetl.read._files.SETTLED_SECONDS", 0)


def _clean_and_load(config: Path, run_id: str) -> tuple[int, int, IngestOutcome]:
    """Clean ``run_id``'s batches here (their counts of skipped and unread documents), then load and check it."""
    from newsetl.pipeline.finish import check_run, load_run

    settings = load_settings(config)
    results = [clean_batch(settings, path) for path in plan_run(settings, _spec(run_id))]
    counts = load_run(settings, run_id)
    outcome = IngestOutcome(run_id, counts, check_run(settings, run_id, counts))
    return sum(r.skipped for r in results), sum(r.unread for r in results), outcome


@pytest.mark.usefixtures("settled")
def test_a_rerun_opens_no_unchanged_file_and_changes_nothing(config: Path) -> None:
    _run(config, "run-1")
    articles = _rows(config, "SELECT * FROM articles ORDER BY article_id")
    ledger = _rows(config, "SELECT * FROM raw_documents ORDER BY ALL")
    # Recorded for every file read (the empty one is refused unread). The rejected one has no article to skip to
    # and is read again, like the empty one: a fixed rule may clean it now.
    assert _rows(config, "SELECT count(file_stat) FROM raw_documents") == [(6,)]
    skipped, unread, outcome = _clean_and_load(config, "run-2")
    assert (skipped, unread) == (5, 5)
    assert outcome.ok, outcome.failure
    assert outcome.counts.totals["articles_unchanged"] == 5
    assert outcome.counts.totals["documents_rejected"] == 2
    assert _rows(config, "SELECT * FROM articles ORDER BY article_id") == articles
    assert _rows(config, "SELECT * FROM raw_documents ORDER BY ALL") == ledger  # when and by which run first read


@pytest.mark.usefixtures("settled")
def test_a_file_rewritten_with_its_size_and_modification_time_kept_is_read_again(config: Path, dumps_dir: Path) -> None:
    _run(config, "run-1")
    path = dumps_dir / "story-2.txt"
    before = path.stat()
    changed = STORY.format(n=2).replace("Tuesday", "Mondays")  # as long as before
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time still moves
    assert path.stat().st_size == before.st_size
    skipped, unread, outcome = _clean_and_load(config, "run-2")
    assert (skipped, unread) == (4, 4)
    assert outcome.counts.totals["articles_updated"] == 1
    assert _rows(config, "SELECT body LIKE '%on Mondays morning%' FROM articles WHERE uri = 'story-2.txt'") == [(True,)]


@pytest.mark.usefixtures("settled")
def test_a_touched_file_is_hashed_once_then_skipped_unread_again(config: Path, dumps_dir: Path) -> None:
    _run(config, "run-1")
    os.utime(dumps_dir / "story-3.txt")
    assert _clean_and_load(config, "run-2")[:2] == (5, 4)  # same bytes: skipped by hash, its new identity kept
    assert _clean_and_load(config, "run-3")[:2] == (5, 5)


def test_a_file_changed_moments_before_it_was_read_is_read_on_the_next_run(config: Path) -> None:
    # Seconds-old files: a second change within one tick of the clock could leave the times as they were.
    _run(config, "run-1")
    assert _rows(config, "SELECT count(file_stat) FROM raw_documents") == [(0,)]
    assert _clean_and_load(config, "run-2")[:2] == (5, 0)
