"""The Airflow task bodies' decisions, without Airflow: which sources a run takes, which interval it owns."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from newsetl.config import Settings, load_settings
from newsetl.errors import ConfigError
from newsetl.orchestration import asset_event_extra, choose_sources, run_interval, run_spec
from tests.conftest import ConfigFactory


@pytest.fixture
def settings(write_config: ConfigFactory, tmp_path: Path) -> Settings:
    sources = [
        {"name": "daily-a", "kind": "dumps", "location": str(tmp_path)},
        {"name": "own", "kind": "dumps", "location": str(tmp_path), "schedule": "0 */6 * * *"},
        {"name": "daily-b", "kind": "dumps", "location": str(tmp_path)},
    ]
    return load_settings(write_config(sources))


def _context(run_type: str = "manual", params: dict[str, Any] | None = None, **interval: Any) -> dict[str, Any]:
    return {
        "dag": SimpleNamespace(dag_id="news_ingest"),
        "run_id": f"{run_type}__2026-11-29T00:00:00+00:00",
        "dag_run": SimpleNamespace(run_type=SimpleNamespace(value=run_type)),
        "params": params or {},
        "data_interval_start": interval.get("start"),
        "data_interval_end": interval.get("end"),
    }


@pytest.mark.parametrize(
    ("requested", "fixed", "automatic", "expected"),
    [
        ((), ("own",), True, ("own",)),  # a per-source DAG: its own source, always
        (("daily-b", "daily-b", "own"), None, False, ("daily-b", "own")),  # named ones, once each, in order
        ((), None, True, ("daily-a", "daily-b")),  # scheduled/backfill news_ingest: no source with its own DAG
        ((), None, False, ("daily-a", "own", "daily-b")),  # a manual run of news_ingest: all of them
    ],
)
def test_choose_sources(
    settings: Settings,
    requested: tuple[str, ...],
    fixed: tuple[str, ...] | None,
    automatic: bool,
    expected: tuple[str, ...],
) -> None:
    assert choose_sources(settings, requested, fixed, automatic) == expected


def test_an_unknown_source_is_a_config_error(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="unknown source 'nope'"):
        choose_sources(settings, ("nope",), None, False)


def test_the_run_id_names_the_dag_and_scheduled_runs_skip_sources_with_their_own_dag(settings: Settings) -> None:
    day = {"start": datetime(2026, 11, 28, tzinfo=UTC), "end": datetime(2026, 11, 29, tzinfo=UTC)}
    spec = run_spec(_context("scheduled", **day), settings)
    assert spec.run_id == "news_ingest/scheduled__2026-11-29T00:00:00+00:00"
    assert spec.sources == ("daily-a", "daily-b")
    assert (spec.interval.start, spec.interval.end) == (day["start"], day["end"])
    assert (spec.mode, spec.dry_run) == ("ingest", False)
    flagged = run_spec(_context(params={"reprocess": True, "dry_run": True}), settings)
    assert (flagged.mode, flagged.dry_run) == ("reprocess", True)


def test_params_win_over_the_data_interval() -> None:
    interval = run_interval(
        {"from_date": "2024-06-14", "to_date": "2024-06-15"},
        {
            "data_interval_start": datetime(2026, 11, 28, tzinfo=UTC),
            "data_interval_end": datetime(2026, 11, 29, tzinfo=UTC),
        },
    )
    assert (interval.start, interval.end) == (datetime(2024, 6, 14, tzinfo=UTC), datetime(2024, 6, 16, tzinfo=UTC))


def test_without_dates_or_a_logical_date_a_run_covers_everything() -> None:
    assert not run_interval({}, {"data_interval_start": None, "data_interval_end": None}).bounded


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from_date": "2024-06-15", "to_date": "2024-06-14"}, "before from_date"),
        ({"to_date": "2024-06-14"}, "needs a from_date"),
    ],
)
def test_inconsistent_dates_are_refused(params: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        run_interval(params, {})


def test_the_asset_event_announces_changes_only() -> None:
    counts = {"run_id": "r", "dry_run": False, "interval": [None, None], "per_source": {"a": {}}}
    unchanged = {"articles_new": 0, "articles_updated": 0, "articles_retired": 0, "articles_unchanged": 5}
    assert asset_event_extra(counts | {"totals": unchanged}) is None
    changed = unchanged | {"articles_updated": 2}
    assert asset_event_extra(counts | {"totals": changed, "dry_run": True}) is None
    assert asset_event_extra(counts | {"totals": changed}) == {
        "run_id": "r",
        "sources": ["a"],
        "interval": [None, None],
        "articles_new": 0,
        "articles_updated": 2,
        "articles_retired": 0,
    }
