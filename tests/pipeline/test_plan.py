"""Planning: discovery per source into items files, then batches whose number stays bounded as volume grows."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsetl.config import load_settings
from newsetl.discover import Interval
from newsetl.pipeline import RunSpec, begin_run, cut_batches, discover_source, manifest_size, plan_run
from newsetl.pipeline.plan import batch_size_for
from tests.conftest import ConfigFactory


@pytest.fixture
def two_sources(write_config: ConfigFactory, tmp_path: Path) -> Path:
    for name, count in (("alpha", 17), ("beta", 8)):
        folder = tmp_path / name
        folder.mkdir()
        for number in range(count):
            (folder / f"{number:03d}.txt").write_text(f"Title {number}\n\nBody {number}.\n")
    return write_config(
        [{"name": name, "kind": "dumps", "location": str(tmp_path / name)} for name in ("alpha", "beta")],
        batch_size=2,
        max_batches=4,
    )


def _spec(run_id: str) -> RunSpec:
    return RunSpec(run_id, "cli", Interval.unbounded(), ("alpha", "beta"), datetime(2026, 11, 30, tzinfo=UTC))


@pytest.mark.parametrize(
    ("total", "expected"), [(0, 200), (199, 200), (6_400, 200), (6_401, 201), (100_000, 3_125), (1_000_000, 31_250)]
)
def test_batches_grow_instead_of_tasks(total: int, expected: int) -> None:
    assert batch_size_for(total, 200, 32) == expected


def test_items_are_listed_per_source_and_cut_into_at_most_max_batches(two_sources: Path) -> None:
    settings = load_settings(two_sources)
    begin_run(settings, _spec("r"))
    assert [discover_source(settings, "r", name) for name in ("alpha", "beta")] == [17, 8]
    manifests = cut_batches(settings, "r")
    # 25 items, batch_size 2 would make 13 batches; max_batches 4 makes batches of 7 instead.
    assert [manifest_size(path) for path in manifests] == [7, 7, 7, 4]
    uris = [item["uri"] for path in manifests for item in json.loads(path.read_text())["items"]]
    assert uris == [f"{n:03d}.txt" for n in range(17)] + [f"{n:03d}.txt" for n in range(8)]


def test_plan_run_is_the_three_steps_in_one(two_sources: Path) -> None:
    manifests = plan_run(load_settings(two_sources), _spec("one-go"))
    assert sum(manifest_size(path) for path in manifests) == 25
    assert len(manifests) == 4
