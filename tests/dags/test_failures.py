"""What a failing task does: transient errors go back to Airflow for a retry, everything else fails at once.

The Airflow side (a terminal error fails on the first try) is in test_news_ingest.py; here, the rule itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest

from newsetl.errors import CheckFailedError, ConfigError, TransientFetchError, WarehouseLockedError
from newsetl.orchestration import failure_message, is_transient, step
from tests.conftest import REPO

pytestmark = pytest.mark.airflow


@pytest.fixture(scope="module")
def guarded() -> Callable[[Callable[[], Any]], Any]:
    sys.path.insert(0, str(REPO / "dags"))  # as Airflow's BundleDagBag does
    try:
        from _newsetl_dags import guarded as function
    finally:
        sys.path.remove(str(REPO / "dags"))
    return function  # type: ignore[no-any-return]


def _raising(exc: Exception, where: str | None = None) -> Callable[[], None]:
    def call() -> None:
        if where is None:
            raise exc
        with step(where):
            raise exc

    return call


@pytest.mark.parametrize("exc", [WarehouseLockedError("held by PID 7"), TransientFetchError("timed out")])
def test_transient_errors_propagate_for_airflow_to_retry(guarded: Any, exc: Exception) -> None:
    assert is_transient(exc)
    with pytest.raises(type(exc)):
        guarded(_raising(exc))


@pytest.mark.parametrize(
    "exc", [ConfigError("unknown source 'x'"), CheckFailedError("accounting: 3 read, 2 accounted"), KeyError("id")]
)
def test_every_other_error_fails_at_once_naming_what_failed(guarded: Any, exc: Exception) -> None:
    from airflow.sdk.exceptions import AirflowFailException

    assert not is_transient(exc)
    with pytest.raises(AirflowFailException) as raised:
        guarded(_raising(exc, "run news_ingest/r1 batch 00003"))
    assert str(raised.value).startswith(f"run news_ingest/r1 batch 00003: {type(exc).__name__}: ")
    assert raised.value.__cause__ is exc


def test_the_message_names_every_step_the_error_passed() -> None:
    with pytest.raises(ConfigError) as raised, step("run r: loading"), step("source scmp"):
        raise ConfigError("boom")
    assert failure_message(raised.value) == "source scmp; run r: loading: ConfigError: boom"
