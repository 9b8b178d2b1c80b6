"""The container deployment, checked without a Docker engine (none on these machines): the files parse, every
path and variable they name exists, images are pinned, services and profiles fit together, and the paths the
bundled sources.yaml uses land on the volumes."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml

from newsetl.config import load_settings
from newsetl.orchestration import WAREHOUSE_POOL
from tests.conftest import REPO

DOCKER = REPO / "docker"
COMPOSE_FILE = DOCKER / "compose.yaml"
APP = PurePosixPath("/opt/newsetl")  # where the Dockerfile puts the repository layout
CORE_SERVICES = {
    "postgres",
    "airflow-init",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
}
CELERY_SERVICES = {"redis", "airflow-worker"}
_VARIABLE = re.compile(r"(?<!\$)\$\{(?P<name>[A-Z_][A-Z0-9_]*)(?P<op>:-|:\?|-|\?)?(?P<rest>[^}]*)\}")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = compose["services"]
    return found


def _profiles(service: dict[str, Any]) -> set[str]:
    return set(service.get("profiles", []))


def _dockerfile_stages() -> list[str]:
    return re.findall(r"^FROM\s+(\S+)", (DOCKER / "Dockerfile").read_text(encoding="utf-8"), re.MULTILINE)


def _dockerfile_arg(name: str) -> str:
    match = re.search(rf"^ARG {name}=(\S+)$", (DOCKER / "Dockerfile").read_text(encoding="utf-8"), re.MULTILINE)
    assert match, f"ARG {name} with a default"
    return match.group(1)


def test_services_and_profiles(services: dict[str, dict[str, Any]]) -> None:
    assert {name for name, s in services.items() if not _profiles(s)} == CORE_SERVICES
    assert {name for name, s in services.items() if _profiles(s) == {"celery"}} == CELERY_SERVICES
    for name, service in services.items():
        for needed, how in (service.get("depends_on") or {}).items():
            assert needed in services, f"{name} depends on undefined {needed}"
            # A service outside a profile may only wait for a profiled one if it does not require it.
            if _profiles(services[needed]) - _profiles(service):
                assert how.get("required") is False, f"{name} requires {needed}, which only runs with a profile"


def test_every_airflow_component_runs_the_project_image(services: dict[str, dict[str, Any]]) -> None:
    commands = {name: s.get("command") for name, s in services.items() if name.startswith("airflow-")}
    assert commands["airflow-apiserver"] == "api-server"
    assert commands["airflow-scheduler"] == "scheduler"
    assert commands["airflow-dag-processor"] == "dag-processor"
    assert commands["airflow-triggerer"] == "triggerer"
    assert commands["airflow-worker"] == "celery worker"
    for name in commands:
        build = services[name]["build"]
        assert (COMPOSE_FILE.parent / build["context"]).resolve() == REPO
        assert (REPO / build["dockerfile"]).is_file()
        env = services[name]["environment"]
        assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == "http://airflow-apiserver:8080/execution/"
        assert env["NEWSETL_CONFIG"] == str(APP / "config" / "sources.yaml")
        assert "postgres" in services[name]["depends_on"]


def test_the_init_service_migrates_and_creates_the_pool(services: dict[str, dict[str, Any]]) -> None:
    init = services["airflow-init"]
    assert init["environment"]["_AIRFLOW_DB_MIGRATE"] == "true"
    assert init["environment"]["_AIRFLOW_WWW_USER_CREATE"] == "true"
    (script,) = init["command"]
    local = DOCKER / PurePosixPath(script).name
    assert os.access(local, os.X_OK)
    assert f"COPY --chown=airflow:0 docker/{local.name} {script}" in (DOCKER / "Dockerfile").read_text()
    assert f"airflow pools set {WAREHOUSE_POOL} 1 " in local.read_text()
    for name in CORE_SERVICES - {"postgres", "airflow-init"}:
        assert services[name]["depends_on"]["airflow-init"] == {"condition": "service_completed_successfully"}


def test_images_are_pinned(services: dict[str, dict[str, Any]]) -> None:
    pulled = [s["image"] for s in services.values() if "build" not in s]
    assert sorted(pulled) == ["postgres:16.6-bookworm", "redis:7.2.7-bookworm"]
    stages = _dockerfile_stages()
    assert stages == ["python:3.11.11-slim-bookworm", "${AIRFLOW_IMAGE}"]
    for image in [*pulled, stages[0], _dockerfile_arg("AIRFLOW_IMAGE")]:
        # A release, not a moving tag: x.y.z, or x.y for postgres, whose releases are numbered major.minor.
        assert re.search(r":\d+\.\d+(\.\d+)?(-|$)", image), f"{image} is not pinned to a release"
        assert not re.search(r":(latest|\d+)(-|$)", image), f"{image} floats"


def test_the_image_matches_the_lock_and_the_makefile() -> None:
    lock = tomllib.loads((REPO / "uv.lock").read_text(encoding="utf-8"))
    airflow = next(p["version"] for p in lock["package"] if p["name"] == "apache-airflow")
    assert _dockerfile_arg("AIRFLOW_IMAGE") == f"apache/airflow:{airflow}-python3.11"
    makefile_uv = re.search(r"^UV_VERSION := (\S+)$", (REPO / "Makefile").read_text(), re.MULTILINE)
    assert makefile_uv
    assert _dockerfile_arg("UV_VERSION") == makefile_uv.group(1)


def test_every_path_the_dockerfile_copies_exists() -> None:
    for line in (DOCKER / "Dockerfile").read_text(encoding="utf-8").splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            sources = [part for part in line.split()[1:-1] if not part.startswith("--")]
            for source in sources:
                assert (REPO / source).exists(), f"{line}: {source} is not in the repository"


def test_every_variable_has_a_default_or_is_in_the_env_example(compose: dict[str, Any]) -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    example = {
        match.group(1)
        for match in re.finditer(r"^#?\s*([A-Z_][A-Z0-9_]*)=", (DOCKER / ".env.example").read_text(), re.MULTILINE)
    }
    found = {match.group("name"): match.group("op") for match in _VARIABLE.finditer(text)}
    assert found, "compose.yaml uses variables"
    for name, op in found.items():
        assert name in example, f"${{{name}}} is not documented in docker/.env.example"
        assert op in (":-", ":?"), f"${{{name}}} needs a default (:-) or a clear error (:?)"
    required = {name for name, op in found.items() if op == ":?"}
    assert required == {"POSTGRES_PASSWORD", "AIRFLOW_FERNET_KEY", "AIRFLOW_JWT_SECRET", "AIRFLOW_ADMIN_PASSWORD"}


def test_bind_mounts_exist_and_volumes_are_declared(
    compose: dict[str, Any], services: dict[str, dict[str, Any]]
) -> None:
    declared = set(compose["volumes"])
    used = set()
    for service in services.values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0] if not volume.startswith("${") else volume[: volume.index("}") + 1]
            default = _VARIABLE.fullmatch(source)
            if default:
                source = default.group("rest")
            if source.startswith(("/", ".")):
                assert (COMPOSE_FILE.parent / source).exists(), f"bind mount {source} does not exist"
            else:
                used.add(source)
    assert used == declared


def _mount_targets(services: dict[str, dict[str, Any]]) -> set[PurePosixPath]:
    volumes = services["airflow-scheduler"]["volumes"]
    return {
        PurePosixPath(volume.rsplit(":", 2)[1] if volume.endswith(":ro") else volume.rsplit(":", 1)[1])
        for volume in volumes
    }


def test_the_bundled_config_keeps_its_data_on_the_volumes(services: dict[str, dict[str, Any]]) -> None:
    settings = load_settings(REPO / "config" / "sources.yaml")
    targets = _mount_targets(services)

    def in_container(path: Path) -> PurePosixPath:
        return APP / path.relative_to(REPO).as_posix()

    def volume_of(path: Path) -> PurePosixPath:
        inside = in_container(path)
        holders = [target for target in targets if inside.is_relative_to(target)]
        assert holders, f"{inside} is on no volume: it would be lost with the container"
        return max(holders, key=lambda target: len(target.parts))

    assert volume_of(settings.warehouse) == APP / "data"
    assert volume_of(settings.snapshot) == APP / "data"
    assert volume_of(settings.landing) == APP / "data" / "raw"
    assert volume_of(settings.staging) == APP / "data" / "stage"
    for source in settings.sources:
        if source.kind == "dumps":
            assert volume_of(Path(source.location)) == APP / "samples"
