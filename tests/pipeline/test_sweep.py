"""Housekeeping on real runs: real dumps, a real warehouse, real staging folders and landing packs.

Time moves by giving the sweep a later ``now`` or by dating a run's load back in the ledger; nothing is mocked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from newsetl.config import Settings, load_settings
from newsetl.discover import Interval
from newsetl.errors import StagingError
from newsetl.ingest import ingest
from newsetl.landing import Landing
from newsetl.pipeline import RunSpec, clean_manifest, load_run, plan_run
from newsetl.pipeline.sweep import apply_sweep, plan_sweep, sort_search_if_due
from tests.conftest import ConfigFactory

STORY = (
    "A headline for story {n}\n\n"
    "The first paragraph of story {n} tells what happened in the harbour on Tuesday morning, when the ferry came.\n\n"
    "The second paragraph explains why the council decided to extend the ferry timetable for the summer months.\n"
)
LATER = datetime.now(UTC) + timedelta(days=30)


@pytest.fixture
def settings(write_config: ConfigFactory, dumps_dir: Path) -> Settings:
    for n in range(4):
        (dumps_dir / f"story-{n}.txt").write_text(STORY.format(n=n), encoding="utf-8")
    (dumps_dir / "nothing.txt").write_text("\n\nAdvertisement\n", encoding="utf-8")
    return load_settings(write_config([{"name": "dumps", "kind": "dumps", "location": str(dumps_dir)}], batch_size=2))


def _spec(run_id: str) -> RunSpec:
    return RunSpec(run_id, "cli", Interval.unbounded(), ("dumps",), datetime.now(UTC))


def _landing_paths(settings: Settings) -> list[tuple[str, str]]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as connection:
        rows = connection.execute("SELECT raw_id, landing_path FROM raw_documents").fetchall()
    return [(str(raw_id), str(path)) for raw_id, path in rows]


def test_a_sweep_removes_what_nothing_reads_and_keeps_every_landed_document(
    settings: Settings, dumps_dir: Path
) -> None:
    assert ingest(settings, _spec("run-1"), progress=False).ok
    packs = settings.landing / "packs"
    run_packs = packs / "run-1"
    named = sorted(run_packs.glob("*.gz"))
    orphan = shutil.copy(named[0], run_packs / "batch-00001-1-1.gz")  # an attempt whose rows were never published
    temporary = run_packs / ".tmp-batch-00002-1-2.gz"  # a batch killed while writing
    temporary.write_bytes(b"\x1f\x8b")
    # A run planned and cleaned, never loaded: its staging and the pack its staged rows name are kept.
    (dumps_dir / "story-9.txt").write_text(STORY.format(n=9), encoding="utf-8")
    for manifest in plan_run(settings, _spec("run-2")):
        clean_manifest(settings, manifest)

    sweep = plan_sweep(settings, keep_days=7, now=LATER)

    assert sweep.staged_runs == (settings.staging / "run-1",)
    assert sweep.unloaded_runs == (settings.staging / "run-2",)
    assert sweep.orphan_packs == (Path(orphan),)
    assert sweep.temporary_files == (temporary,)
    assert apply_sweep(sweep) > 0
    assert not (settings.staging / "run-1").exists()
    assert (settings.staging / "run-2" / "raw_documents").is_dir()
    assert sorted(run_packs.glob("*")) == named
    assert list((packs / "run-2").glob("*.gz"))  # named by run-2's staged rows only
    landing = Landing(settings.landing)
    for raw_id, location in _landing_paths(settings):
        assert landing.read(location, raw_id)
    assert plan_sweep(settings, keep_days=7, now=LATER).paths == ()


def test_a_swept_run_s_tasks_run_alone_again_say_so_and_what_to_do(settings: Settings) -> None:
    manifests = plan_run(settings, _spec("run-1"))
    for manifest in manifests:
        clean_manifest(settings, manifest)
    load_run(settings, "run-1")
    apply_sweep(plan_sweep(settings, keep_days=7, now=LATER))
    # An operator clears only the load task, or one cleaning task, of the swept run.
    with pytest.raises(StagingError, match=r"run run-1's description .*run\.json is not there.*Run it again whole"):
        load_run(settings, "run-1")
    with pytest.raises(StagingError, match=r"the batch manifest .*00001\.json is not there.*newsetl sweep"):
        clean_manifest(settings, manifests[0])


def test_a_dry_run_is_swept_with_the_packs_it_landed(settings: Settings) -> None:
    preview = RunSpec("preview", "cli", Interval.unbounded(), ("dumps",), datetime.now(UTC), dry_run=True)
    for manifest in plan_run(settings, preview):
        clean_manifest(settings, manifest)
    landed = sorted((settings.landing / "packs" / "preview").glob("*.gz"))
    assert landed
    # Never loaded, so never "loaded": only its retention decides, counted from when it was planned.
    assert plan_sweep(settings, keep_days=7).staged_runs == ()
    sweep = plan_sweep(settings, keep_days=7, now=LATER)
    assert sweep.staged_runs == (settings.staging / "preview",)
    assert sweep.orphan_packs == tuple(landed)
    assert sweep.unloaded_runs == ()


def test_a_staging_folder_whose_description_is_unreadable_is_kept(settings: Settings) -> None:
    assert ingest(settings, _spec("run-1"), progress=False).ok
    (settings.staging / "run-1" / "run.json").write_text("{not json", encoding="utf-8")
    sweep = plan_sweep(settings, keep_days=7, now=LATER)
    assert sweep.staged_runs == ()
    assert sweep.unloaded_runs == (settings.staging / "run-1",)


def test_nothing_newer_than_the_retention_is_touched(settings: Settings) -> None:
    assert ingest(settings, _spec("run-1"), progress=False).ok
    (settings.landing / "packs" / "run-1" / ".tmp-batch-00009-1-9.gz").write_bytes(b"")
    assert plan_sweep(settings, keep_days=7).paths == ()  # loaded and written just now
    assert plan_sweep(settings, keep_days=0, now=LATER).staged_runs == (settings.staging / "run-1",)


def _date_back(settings: Settings, run_id: str, days: int) -> None:
    """As if ``run_id`` had been planned and loaded ``days`` ago."""
    with duckdb.connect(str(settings.warehouse)) as connection:
        connection.execute("UPDATE runs SET finished_at = finished_at - to_days(?) WHERE run_id = ?", [days, run_id])
    moment = (datetime.now(UTC) - timedelta(days=days)).timestamp()
    os.utime(settings.staging / run_id / "run.json", (moment, moment))


def test_a_loaded_run_planned_again_under_its_id_is_not_swept_while_it_runs(settings: Settings) -> None:
    assert ingest(settings, _spec("run-1"), progress=False).ok
    _date_back(settings, "run-1", 20)
    assert plan_sweep(settings, keep_days=7).staged_runs == (settings.staging / "run-1",)
    plan_run(settings, _spec("run-1"))  # its description is new; the ledger says loaded until the load starts
    assert plan_sweep(settings, keep_days=7).staged_runs == ()


def test_newsetl_sweep_lists_by_default_and_removes_with_delete(settings: Settings, tmp_path: Path) -> None:
    assert ingest(settings, _spec("run-1"), progress=False).ok
    config = next(tmp_path.glob("*.yaml"))
    command = [sys.executable, "-m", "newsetl.cli", "sweep", "--config", str(config), "--keep-days", "0"]
    listed = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert f"staged run\t{settings.staging / 'run-1'}" in listed
    assert "--delete removes them" in listed
    assert (settings.staging / "run-1").exists()
    removed = subprocess.run([*command, "--delete"], capture_output=True, text=True, check=True).stdout
    assert removed.startswith("staged run")
    assert "removed 1 path(s)" in removed
    assert "search postings" not in removed  # one load, one sorted run
    assert not (settings.staging / "run-1").exists()
    now = [*command, "--sort-search-after", "0"]
    assert (
        "search postings in 1 sorted run(s); --delete sorts them into one"
        in subprocess.run(now, capture_output=True, text=True, check=True).stdout
    )
    sorted_now = subprocess.run([*now, "--delete"], capture_output=True, text=True, check=True).stdout
    assert "search postings sorted into one run from 1: " in sorted_now


def test_a_sweep_sorts_the_search_postings_past_the_limit_of_sorted_runs(settings: Settings, dumps_dir: Path) -> None:
    assert ingest(settings, _spec("run-1"), progress=False).ok
    assert plan_sweep(settings, keep_days=7, sort_after=1).sorts_search is False  # one run: nothing to sort
    (dumps_dir / "story-9.txt").write_text(STORY.format(n=9), encoding="utf-8")
    assert ingest(settings, _spec("run-2"), progress=False).ok
    sweep = plan_sweep(settings, keep_days=7, sort_after=1)
    assert (sweep.search_runs, sweep.sorts_search) == (2, True)
    assert plan_sweep(settings, keep_days=7).sorts_search is False  # the default limit is far above two
    with duckdb.connect(str(settings.warehouse), read_only=True) as connection:
        postings = connection.execute("SELECT count(*) FROM search_postings").fetchone()
    assert postings is not None
    assert sort_search_if_due(settings, sweep) == postings[0]
    with duckdb.connect(str(settings.warehouse), read_only=True) as connection:
        assert connection.execute("SELECT sorted_runs FROM search_layout").fetchone() == (1,)
        found = connection.execute("SELECT count(*) FROM search_docs").fetchone()
    assert found == (5,)  # every story still indexed
    assert plan_sweep(settings, keep_days=7, sort_after=1).sorts_search is False
