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
    # 25 items, batch_size 2 would make 13 batches; max_batches 4 makes four of about the same size instead.
    assert [manifest_size(path) for path in manifests] == [6, 6, 7, 6]
    # Each batch holds a quarter of every source, in the source's order: the same mix in every batch.
    batches = [json.loads(path.read_text())["items"] for path in manifests]
    by_source = [
        [[item["uri"] for item in items if item["source"] == name] for items in batches] for name in ("alpha", "beta")
    ]
    assert [len(uris) for uris in by_source[0]] == [4, 4, 5, 4]
    assert [len(uris) for uris in by_source[1]] == [2, 2, 2, 2]
    assert [uri for uris in by_source[0] for uri in uris] == [f"{n:03d}.txt" for n in range(17)]
    assert [uri for uris in by_source[1] for uri in uris] == [f"{n:03d}.txt" for n in range(8)]


def test_plan_run_is_the_three_steps_in_one(two_sources: Path) -> None:
    manifests = plan_run(load_settings(two_sources), _spec("one-go"))
    assert sum(manifest_size(path) for path in manifests) == 25
    assert len(manifests) == 4


@pytest.mark.parametrize(
    ("total", "least", "expected"),
    [(990, 2, 495), (1_500, 2, 750), (150, 2, 200), (10_000, 2, 1_000), (100_000, 2, 3_125), (990, 1, 990)],
)
def test_a_small_run_is_cut_into_min_batches_of_at_least_200(total: int, least: int, expected: int) -> None:
    assert batch_size_for(total, 1_000, 32, min_batches=least) == expected


def _folder(write_config: ConfigFactory, tmp_path: Path, files: int, **settings: object) -> Path:
    folder = tmp_path / "dumps"
    folder.mkdir()
    for number in range(files):
        (folder / f"{number:04d}.txt").write_text(f"Title {number}\n\nBody {number}.\n")
    return write_config([{"name": "alpha", "kind": "dumps", "location": str(folder)}], **settings)


def _alpha(run_id: str) -> RunSpec:
    return RunSpec(run_id, "cli", Interval.unbounded(), ("alpha",), datetime(2026, 11, 30, tzinfo=UTC))


def test_a_run_smaller_than_a_batch_still_gives_every_core_a_batch(write_config: ConfigFactory, tmp_path: Path) -> None:
    settings = load_settings(_folder(write_config, tmp_path, 450))
    manifests = plan_run(settings, _alpha("two"), min_batches=2)
    assert [manifest_size(path) for path in manifests] == [225, 225]
    assert [manifest_size(path) for path in plan_run(settings, _alpha("one"))] == [450]


def test_a_small_run_of_two_sources_gives_every_batch_the_same_share_of_each(
    write_config: ConfigFactory, tmp_path: Path
) -> None:
    # Cut source after source, one batch held all of the second source's documents: with one of them ten times as
    # costly to clean (saved HTML pages beside text dumps), one core cleaned while the other waited.
    for name, count in (("alpha", 450), ("beta", 50)):
        (tmp_path / name).mkdir()
        for number in range(count):
            (tmp_path / name / f"{number:04d}.txt").write_text(f"Title {number}\n\nBody {number}.\n")
    sources = [{"name": name, "kind": "dumps", "location": str(tmp_path / name)} for name in ("alpha", "beta")]
    settings = load_settings(write_config(sources))
    manifests = plan_run(settings, _spec("mixed"), min_batches=2)
    batches = [json.loads(path.read_text())["items"] for path in manifests]
    shares = [[sum(item["source"] == name for item in items) for name in ("alpha", "beta")] for items in batches]
    assert shares == [[225, 25], [225, 25]]


def _export(folder: Path, records: int) -> None:
    folder.mkdir(exist_ok=True)
    lines = (json.dumps({"url": f"https://example.test/{n}", "text": f"Story {n}"}) for n in range(records))
    (folder / "export.jsonl").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def test_an_exports_pieces_weigh_their_records_and_batches_weigh_about_the_same(
    write_config: ConfigFactory, tmp_path: Path
) -> None:
    _export(tmp_path / "exports", 3_000)
    config = write_config(
        [{"name": "alpha", "kind": "dumps", "location": str(tmp_path / "exports"), "options": {"chunk_bytes": 4_000}}],
        batch_size=1_000,
    )
    manifests = plan_run(load_settings(config), _alpha("pieces"))
    items = [json.loads(path.read_text())["items"] for path in manifests]
    assert len(items) == 3
    assert all(len(batch) > 1 for batch in items)
    sizes = [manifest_size(path) for path in manifests]
    assert sum(sizes) == 3_000
    assert max(sizes) - min(sizes) < 100
