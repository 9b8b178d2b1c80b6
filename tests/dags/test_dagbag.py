"""DAG integrity: every file in dags/ parses, and parsing touches no database, network or heavy import.

Parsed as the dag-processor parses (``BundleDagBag``: the DAGs folder on ``sys.path``), in a fresh interpreter
so what parsing imports is not hidden by what the test session already imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, ConfigFactory

pytestmark = pytest.mark.airflow

PARSE_SCRIPT = """
import json, socket, sys, time
from pathlib import Path
def refuse(*args, **kwargs):
    raise RuntimeError("network touched at DAG parse time")
socket.socket.connect = refuse
socket.create_connection = refuse
from airflow.dag_processing.dagbag import BundleDagBag
started = time.monotonic()
bag = BundleDagBag(dag_folder=sys.argv[1], bundle_path=Path(sys.argv[1]))
heavy = ["duckdb", "trafilatura", "bs4", "requests", "newsetl.warehouse", "newsetl.clean", "newsetl.pipeline",
         "newsetl.orchestration", "py3langid", "sqlalchemy.dialects.sqlite"]
print(json.dumps({"errors": {Path(k).name: str(v) for k, v in bag.import_errors.items()}, "dags": sorted(bag.dag_ids),
                  "heavy": [m for m in heavy if m in sys.modules and m != "sqlalchemy.dialects.sqlite"],
                  "seconds": time.monotonic() - started}))
"""


def parse_dags(config: Path | str) -> dict[str, Any]:
    env = {
        **os.environ,
        "NEWSETL_CONFIG": str(config),
        # An unreachable metadata DB: parsing must not need one.
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": "sqlite:////nonexistent/dir/airflow.db",
    }
    done = subprocess.run(
        [sys.executable, "-c", PARSE_SCRIPT, str(REPO / "dags")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def parsed() -> dict[str, Any]:
    return parse_dags(REPO / "config" / "sources.yaml")


def test_no_import_errors(parsed: dict[str, Any]) -> None:
    assert parsed["errors"] == {}


def test_every_dag_is_defined(parsed: dict[str, Any]) -> None:
    # wire-export has `schedule:` in config/sources.yaml, so it gets its own DAG.
    assert parsed["dags"] == [
        "articles_daily_summary",
        "ingest_wire-export",
        "news_ingest",
        "news_reprocess",
        "newsetl_sweep",
    ]


def test_parsing_imports_nothing_heavy(parsed: dict[str, Any]) -> None:
    assert parsed["heavy"] == []


def test_a_broken_config_breaks_only_the_per_source_dags(write_config: ConfigFactory) -> None:
    config = write_config([{"name": "Bad Name!", "kind": "dumps", "location": "/tmp"}])
    result = parse_dags(config)
    assert list(result["errors"]) == ["news_sources.py"]
    assert "Bad Name!" in result["errors"]["news_sources.py"]
    assert result["dags"] == ["articles_daily_summary", "news_ingest", "news_reprocess", "newsetl_sweep"]


def test_a_missing_config_is_an_import_error_that_names_the_file() -> None:
    result = parse_dags("/nonexistent/sources.yaml")
    assert "/nonexistent/sources.yaml" in result["errors"]["news_sources.py"]
    assert "news_ingest" in result["dags"]


def test_a_bad_schedule_names_its_dag(write_config: ConfigFactory, tmp_path: Path) -> None:
    config = write_config([{"name": "odd", "kind": "dumps", "location": str(tmp_path), "schedule": "every day"}])
    result = parse_dags(config)
    assert "ingest_odd" in result["errors"]["news_sources.py"]
