"""Real Airflow components in a throwaway home: SQLite, a free port, every process stopped afterwards.

The benchmark's real-scheduler run (``newsetl bench --scheduler``) and the backfill test start them so. Each
component runs in its own process group (its task processes too), so stopping kills the whole group: SIGTERM, a
bounded wait, then SIGKILL. Logs go to files in the home; a failure prints their tails.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from newsetl.errors import AirflowComponentError

T = TypeVar("T")
BIN = Path(sys.executable).parent

API_TIMEOUT = 120.0
PARALLELISM = 4
"""Task processes at once, as ``make airflow`` runs them: 2 cores, and SQLite's single writer behind the API server."""
_API_ATTEMPTS = 3
_IDEMPOTENT = frozenset({"GET", "PATCH", "PUT", "DELETE"})


class CliError(AirflowComponentError):
    """An ``airflow`` command failed; ``output`` holds what it printed."""

    def __init__(self, command: str, output: str) -> None:
        super().__init__(f"airflow {command} failed:\n{output[-6000:]}")
        self.output = output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def component_env(home: Path, port: int, config: Path, dags: Path) -> dict[str, str]:
    """The environment of every component and CLI call: one home, one SQLite file, the DAGs in ``dags``."""
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith("AIRFLOW")},
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # components start `airflow` subprocesses
        "AIRFLOW_HOME": str(home),
        # SQLite allows one writer at a time; the CLI, scheduler, dag-processor and API server all write.
        # Waiting up to 60 s for the lock (pysqlite's default is 5 s) avoids "database is locked".
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db?timeout=60",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": str(PARALLELISM),
        "AIRFLOW__CORE__DAGS_FOLDER": str(dags),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        # No login in a throwaway test home: every API caller is an admin.
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
        "NEWSETL_CONFIG": str(config),
    }


class AirflowComponents:
    """Scheduler, dag-processor, API server and the ``airflow`` CLI, all on one home; ``env`` adds settings."""

    def __init__(self, home: Path, config: Path, dags: Path, env: dict[str, str] | None = None) -> None:
        # Absolute: Airflow refuses a relative SQLite path, and the components may not share this working folder.
        self.home = home.resolve()
        self.port = free_port()
        self.env = {**component_env(self.home, self.port, config.resolve(), dags.resolve()), **(env or {})}
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def cli(self, *args: str, timeout: float = 180) -> str:
        done = subprocess.run(
            [str(BIN / "airflow"), *args], env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        if done.returncode != 0:
            raise CliError(" ".join(args), f"{done.stdout}\n{done.stderr}")
        return done.stdout

    def start(self, *names: str) -> None:
        for name in names:
            log = (self.home / f"{name}.log").open("wb")
            self.processes[name] = subprocess.Popen(
                [str(BIN / "airflow"), name],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            log.close()

    def stop(self, grace: float = 30) -> None:
        """SIGTERM every component's process group, wait up to ``grace`` seconds for the groups (task processes
        included) to exit, then SIGKILL whatever is left."""
        for process in self.processes.values():
            _signal_group(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and any(_group_alive(process) for process in self.processes.values()):
            time.sleep(0.5)
        for process in self.processes.values():
            _signal_group(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        self.processes.clear()

    def api(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/v2{path}",
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json"},
        )
        # Generous: on SQLite the API server waits for the scheduler's write lock, which a busy 2-core machine can
        # hold past 30 s (a PATCH timed out at 30 s in a CI run while a task was being scheduled).
        for attempt in range(1, _API_ATTEMPTS + 1):
            try:
                with urllib.request.urlopen(request, timeout=API_TIMEOUT) as response:
                    return json.loads(response.read() or b"null")
            except urllib.error.HTTPError as exc:
                # An idempotent call answered 500 gets another go: SQLite's "database is locked" surfaces as a
                # server error when the scheduler holds the lock past the server's wait (seen once on a PATCH).
                if exc.code < 500 or method not in _IDEMPOTENT or attempt == _API_ATTEMPTS:
                    raise
                time.sleep(2 * attempt)
        raise AirflowComponentError("unreachable: the last attempt returns or raises")

    def wait_for(self, what: str, probe: Callable[[], T | None], timeout: float, every: float = 3) -> T:
        """Poll ``probe`` until it returns something other than None (or a falsy value) or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise AirflowComponentError(
                        f"airflow {name} exited ({process.returncode}) while waiting for {what}\n{self.log_tails()}"
                    )
            try:
                found = probe()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                found = None
            if found:
                return found
            time.sleep(every)
        raise AirflowComponentError(f"timed out after {timeout:.0f} s waiting for {what}\n{self.log_tails()}")

    def log_tails(self, lines: int = 40) -> str:
        tails = []
        for path in sorted(self.home.glob("*.log")):
            text = path.read_text(errors="replace").splitlines()[-lines:]
            tails.append(f"==> {path.name} <==\n" + "\n".join(text))
        return "\n".join(tails)


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)  # start_new_session: the group id is the component's pid


def _group_alive(process: subprocess.Popen[bytes]) -> bool:
    process.poll()  # reap the leader once it exits, or its zombie keeps the group "alive"
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return False
    return True
