"""DAG integrity: every file in dags/ parses, and parsing touches no database, network or heavy import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.airflow

# Run in a fresh interpreter so what parsing imports is not hidden by what the test session already imported.
PARSE_SCRIPT = """
import json, socket, sys
def refuse(*args, **kwargs):
    raise RuntimeError("network touched at DAG parse time")
socket.socket.connect = refuse
socket.create_connection = refuse
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder=sys.argv[1], safe_mode=False)  # safe mode would skip files without 'dag'
heavy = ["duckdb", "trafilatura", "bs4", "requests", "newsetl.warehouse", "newsetl.clean", "py3langid"]
print(json.dumps({"errors": {k: str(v) for k, v in bag.import_errors.items()}, "dags": sorted(bag.dag_ids),
                  "heavy": [m for m in heavy if m in sys.modules]}))
"""


@pytest.fixture(scope="module")
def parsed() -> dict[str, Any]:
    env = {
        **os.environ,
        "NEWSETL_CONFIG": "/nonexistent/sources.yaml",
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


def test_no_import_errors(parsed: dict[str, Any]) -> None:
    assert parsed["errors"] == {}


def test_expected_dags_are_defined(parsed: dict[str, Any]) -> None:
    assert "news_ingest" in parsed["dags"]


def test_parsing_imports_nothing_heavy(parsed: dict[str, Any]) -> None:
    assert parsed["heavy"] == []
