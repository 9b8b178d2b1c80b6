"""Airflow for real: a migrated SQLite metadata DB in the session's throwaway AIRFLOW_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

AIRFLOW = Path(sys.executable).parent / "airflow"


def airflow_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(AIRFLOW), *args], env=os.environ.copy(), capture_output=True, text=True, timeout=timeout, check=True
    )


@pytest.fixture(scope="session")
def airflow_db() -> None:
    """``airflow db migrate`` once per session, and the warehouse pool the DAGs use (as `make` creates it)."""
    airflow_cli("db", "migrate")
    airflow_cli("pools", "set", "newsetl_warehouse", "1", "newsetl: the one DuckDB writer")


@pytest.fixture(scope="session")
def dag_bag(airflow_db: None) -> Any:
    # BundleDagBag puts the DAGs folder on sys.path, as the dag-processor and the task runner do.
    from airflow.dag_processing.dagbag import BundleDagBag

    return BundleDagBag(dag_folder=str(REPO / "dags"), bundle_path=REPO / "dags")


@pytest.fixture(autouse=True)
def _fresh_params(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test that uses the session's DagBag gets its DAGs back with their params' defaults afterwards
    (see ``helpers.fresh_params``: dag.test() leaves a run's conf in the DAG's Param objects)."""
    if "dag_bag" not in request.fixturenames:
        yield
        return
    from tests.dags.helpers import fresh_params

    bag = request.getfixturevalue("dag_bag")
    with ExitStack() as stack:
        for dag in bag.dags.values():
            stack.enter_context(fresh_params(dag))
        yield
