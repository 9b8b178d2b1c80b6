"""Shared fixtures. Airflow is pointed at a throwaway home before anything imports it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
CASES = Path(__file__).resolve().parent / "cases"
SAMPLE_DUMP = SAMPLES / "scmp" / "000_cd58140e9c2ce694.txt"

# Tests never share the developer's Airflow home (or its SQLite file) and never load Airflow's examples.
os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="newsetl-test-airflow-")
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(REPO / "dags")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ.pop("NEWSETL_CONFIG", None)

ConfigFactory = Callable[..., Path]


@pytest.fixture
def write_config(tmp_path: Path) -> ConfigFactory:
    """Write a sources.yaml under ``tmp_path`` (data folders there too) and return its path."""

    def write(sources: list[dict[str, Any]], **settings: Any) -> Path:
        document = {
            "warehouse": str(tmp_path / "data" / "warehouse.duckdb"),
            "landing": str(tmp_path / "data" / "raw"),
            "staging": str(tmp_path / "data" / "stage"),
            **settings,
            "sources": sources,
        }
        path = tmp_path / "sources.yaml"
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        return path

    return write


@pytest.fixture
def dumps_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "dumps"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def live_server() -> Iterator[HTTPServer]:
    """A real HTTP server on 127.0.0.1 for the whole session (threaded: a slow handler stalls no other)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(live_server: HTTPServer) -> Iterator[HTTPServer]:
    live_server.clear()
    yield live_server
    live_server.clear()
