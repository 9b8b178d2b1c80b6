"""The housekeeping DAG through dag.test(): a loaded run's staging goes after keep_staged_days, documents stay."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb
import pytest

from newsetl.landing import Landing
from tests.conftest import ConfigFactory
from tests.dags.helpers import ingested_samples, rows

pytestmark = pytest.mark.airflow


def test_the_sweep_removes_a_loaded_runs_staging_and_keeps_its_documents(
    dag_bag: Any, write_config: ConfigFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, settings = ingested_samples(write_config, monkeypatch, "scmp", "scmp", "old", "recent")
    # "old" as if planned and loaded ten days ago
    with duckdb.connect(str(settings.warehouse)) as connection:
        connection.execute("UPDATE runs SET finished_at = finished_at - INTERVAL 10 DAY WHERE run_id = 'old'")
    moment = (datetime.now(UTC) - timedelta(days=10)).timestamp()
    os.utime(settings.staging / "old" / "run.json", (moment, moment))

    run = dag_bag.get_dag("newsetl_sweep").test(logical_date=None)

    assert str(run.state) == "success"
    assert not (settings.staging / "old").exists()
    assert (settings.staging / "recent" / "run.json").exists()
    landing = Landing(settings.landing)
    documents = rows(config, "SELECT raw_id, landing_path FROM raw_documents")
    assert documents
    assert all(landing.read(str(location), str(raw_id)) for raw_id, location in documents)
