"""A feed source fetched inside news_ingest by dag.test(), its login coming from an Airflow Connection."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from pytest_httpserver import HTTPServer

from newsetl.config import load_settings
from tests.conftest import ConfigFactory
from tests.fetch.site import serve_site

pytestmark = pytest.mark.airflow

LOGIN = "Basic " + base64.b64encode(b"reader:s3cret").decode()


def _rows(config: Path, query: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(load_settings(config).warehouse), read_only=True) as connection:
        return connection.execute(query).fetchall()


def test_dag_test_fetches_a_feed_with_a_connection_login(
    dag_bag: Any, server: HTTPServer, write_config: ConfigFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = serve_site(server)
    monkeypatch.setenv("AIRFLOW_CONN_COURIER_LOGIN", '{"conn_type": "http", "login": "reader", "password": "s3cret"}')
    config = write_config(
        [
            {
                "name": "courier",
                "kind": "feed",
                "location": f"{base}/feed.xml",
                "options": {"connection": "courier_login"},
            }
        ],
        fetch={"allow_hosts": ["127.0.0.1"], "host_delay": 0, "retries": 0},
    )
    monkeypatch.setenv("NEWSETL_CONFIG", str(config))
    dag = dag_bag.get_dag("news_ingest")
    run = dag.test(
        logical_date=datetime(2026, 11, 29, tzinfo=UTC), run_conf={"from_date": "2024-06-14", "to_date": "2024-06-14"}
    )
    assert str(run.state) == "success"
    titles = {row[0] for row in _rows(config, "SELECT title FROM articles")}
    assert titles == {"Ferry timetable changes for the winter", "Fischmarkt öffnet wieder"}
    # The login went with every request to the feed's origin (robots.txt, feed, articles); not in the YAML.
    assert {request.headers.get("Authorization") for request, _ in server.log} == {LOGIN}
    assert _rows(config, f"SELECT count(*) FROM fetch_log WHERE run_id = 'news_ingest/{run.run_id}'") == [(5,)]
    assert "s3cret" not in Path(config).read_text()
