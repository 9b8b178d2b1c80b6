"""Host politeness holds across processes (mapped Airflow tasks are separate processes): the shared state file."""

from __future__ import annotations

import itertools
import multiprocessing
import re
import threading
import time
from dataclasses import replace
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsetl.fetch import Fetcher, FetchState
from newsetl.landing import Landing
from tests.fetch.conftest import TEST_POLICY


def _fetch_all(state: str, landing: str, urls: list[str], delay: float, concurrency: int) -> list[str]:
    policy = replace(TEST_POLICY, state=Path(state), host_delay=delay, host_concurrency=concurrency, read_timeout=2.0)
    fetcher = Fetcher(policy, Landing(Path(landing)), FetchState(Path(state)))
    return [fetcher.fetch(url).outcome for url in urls]


def _run_in_processes(tmp_path: Path, server: HTTPServer, delay: float, concurrency: int) -> None:
    context = multiprocessing.get_context("spawn")
    jobs = [
        (str(tmp_path / "state.sqlite"), str(tmp_path / "raw"), [server.url_for(f"/p{worker}-{n}") for n in range(3)])
        for worker in range(3)
    ]
    with context.Pool(3) as pool:
        outcomes = pool.starmap(_fetch_all, [(*job, delay, concurrency) for job in jobs])
    assert outcomes == [["fetched"] * 3] * 3


def test_the_host_delay_holds_across_processes(server: HTTPServer, tmp_path: Path) -> None:
    arrivals: list[float] = []

    def page(request: Request) -> Response:
        arrivals.append(time.time())
        return Response("<p>story</p>", content_type="text/html")

    server.expect_request(re.compile("/p.*")).respond_with_handler(page)
    _run_in_processes(tmp_path, server, delay=0.25, concurrency=4)
    arrivals.sort()
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert len(arrivals) == 9
    # Slots are granted 0.25 s apart; arrival times add the network's jitter (a new connection costs more),
    # so each gap is near 0.25 s and the nine requests span at least eight delays. Unpaced, they would overlap.
    assert min(gaps) >= 0.15
    assert arrivals[-1] - arrivals[0] >= 8 * 0.25 - 0.1


def test_the_concurrency_cap_holds_across_processes(server: HTTPServer, tmp_path: Path) -> None:
    in_flight, most = 0, 0
    lock = threading.Lock()

    def slow_page(request: Request) -> Response:
        nonlocal in_flight, most
        with lock:
            in_flight += 1
            most = max(most, in_flight)
        time.sleep(0.15)
        with lock:
            in_flight -= 1
        return Response("<p>story</p>", content_type="text/html")

    server.expect_request(re.compile("/p.*")).respond_with_handler(slow_page)
    _run_in_processes(tmp_path, server, delay=0.0, concurrency=1)
    assert most == 1
