"""A fetcher with test-sized limits: sub-second timeouts, small caps, no politeness delay unless a test asks
for one. The local HTTP server (``server``) is in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsetl.config import FetchConfig
from newsetl.fetch import Fetcher, FetchState
from newsetl.landing import Landing

TEST_POLICY = FetchConfig(
    user_agent="newsetl-test/1.0 (+https://example.invalid/contact)",
    connect_timeout=1.0,
    read_timeout=0.3,
    total_timeout=2.0,
    max_bytes=20_000,
    max_redirects=3,
    retries=2,
    backoff=0.01,
    max_wait=2.0,
    host_delay=0.0,
    host_concurrency=2,
    robots=False,
    allow_hosts=("127.0.0.1",),
)

FetcherFactory = Callable[..., Fetcher]


@pytest.fixture
def make_fetcher(tmp_path: Path) -> Iterator[FetcherFactory]:
    made: list[tuple[Fetcher, FetchState]] = []

    def make(**changes: Any) -> Fetcher:
        extra = {key: changes.pop(key) for key in ("credentials", "sleep") if key in changes}
        policy = replace(TEST_POLICY, state=tmp_path / "fetch-state.sqlite", **changes)
        state = FetchState(policy.state or tmp_path / "fetch-state.sqlite")
        fetcher = Fetcher(policy, Landing(tmp_path / "raw"), state, **extra)
        made.append((fetcher, state))
        return fetcher

    yield make
    for fetcher, state in made:
        fetcher.close()
        state.close()
