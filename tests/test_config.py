from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsetl import config
from newsetl.config import load_settings
from newsetl.errors import ConfigError
from tests.conftest import REPO


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_config_is_valid() -> None:
    settings = load_settings(REPO / "config" / "sources.yaml")
    assert settings.source_names == ["scmp", "nordkurier", "saved-pages", "wire-export", "partner-news"]
    for source in settings.sources:
        assert Path(source.location).is_dir(), source.name
    assert settings.warehouse == (REPO / "data" / "warehouse.duckdb").resolve()


def test_relative_paths_resolve_against_the_config_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "warehouse: w.duckdb\nsources:\n  - {name: a, kind: dumps, location: dumps}\n")
    settings = load_settings(path)
    assert settings.warehouse == tmp_path / "w.duckdb"
    assert settings.sources[0].location == str(tmp_path / "dumps")


def test_the_writer_memory_is_a_setting(tmp_path: Path) -> None:
    assert load_settings(_write(tmp_path, "sources: []\n")).writer_memory == "256MB"
    assert load_settings(_write(tmp_path, "writer_memory: 2GB\nsources: []\n")).writer_memory == "2GB"


def test_the_staging_retention_is_a_setting(tmp_path: Path) -> None:
    assert load_settings(_write(tmp_path, "sources: []\n")).keep_staged_days == 7
    assert load_settings(_write(tmp_path, "keep_staged_days: 30\nsources: []\n")).keep_staged_days == 30


def test_keeping_a_snapshot_base_is_a_setting(tmp_path: Path) -> None:
    assert load_settings(_write(tmp_path, "sources: []\n")).snapshot_base is True
    assert load_settings(_write(tmp_path, "snapshot_base: false\nsources: []\n")).snapshot_base is False


def test_cleaning_patterns_are_compiled_and_namespaced(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "sources:\n  - name: a\n    kind: dumps\n    location: x\n    timezone: Europe/Berlin\n"
        "    cleaning:\n      drop:\n        - {id: menu, pattern: '^Home$'}\n        - '^News$'\n",
    )
    cleaning = load_settings(path).sources[0].cleaning
    assert [rule.id for rule in cleaning.drop] == ["a:menu", "a:drop-2"]
    assert cleaning.drop[0].pattern.match("Home")
    assert str(cleaning.zone) == "Europe/Berlin"
    assert not cleaning.month_first


def test_a_source_may_write_dates_month_first(tmp_path: Path) -> None:
    path = _write(tmp_path, "sources: [{name: us, kind: dumps, location: x, date_order: month-first}]\n")
    assert load_settings(path).sources[0].cleaning.month_first


def test_learning_settings_per_source(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "sources:\n  - name: a\n    kind: dumps\n    location: x\n"
        "    cleaning:\n      learn: {min_documents: 3, min_share: 0.25, never: ['  Impressum ']}\n"
        "  - {name: b, kind: dumps, location: y}\n",
    )
    first, second = (source.cleaning.learn for source in load_settings(path).sources)
    assert (first.enabled, first.min_documents, first.min_share, first.never) == (True, 3, 0.25, {"Impressum"})
    assert (second.min_documents, second.min_share, second.max_chars) == (5, 0.1, 200)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: [{name: A, kind: dumps, location: x}]", "name must match"),
        ("sources: [{name: a, kind: ftp, location: x}]", "kind must be one of"),
        ("sources: [{name: a, kind: dumps}]", "location is required"),
        ("sources: [{name: a, kind: dumps, location: x}, {name: a, kind: dumps, location: y}]", "duplicate source"),
        ("sources: [{name: a, kind: dumps, location: x, cleaning: {drop: ['(']}}]", "cleaning.drop\\[0\\]"),
        ("sources: [{name: a, kind: dumps, location: x, timezone: Mars/Base}]", "unknown timezone"),
        ("sources: [{name: a, kind: dumps, location: x, date_order: mdy}]", "date_order must be"),
        ("sources: [{name: a, kind: dumps, location: x, cleaning: {learn: {min_share: 2}}}]", "between 0 and 1"),
        ("sources: [{name: a, kind: dumps, location: x, cleaning: {learn: {min_documents: 0}}}]", "positive"),
        ("sources: [{name: a, kind: dumps, location: x, cleaning: {learn: {never: Impressum}}}]", "list of lines"),
        ("sources: [{name: a, kind: dumps, location: x, cleaning: {learn: {often: 3}}}]", "unknown keys"),
        ("batch_size: 0\nsources: []", "batch_size"),
        ("min_batches: 0\nsources: []", "min_batches.*positive integer"),
        ("writer_memory: lots\nsources: []", "writer_memory.*amount of memory"),
        ("keep_staged_days: 0\nsources: []", "keep_staged_days.*positive integer"),
        ("snapshot_base: sometimes\nsources: []", "snapshot_base.*true or false"),
        ("writer_memory: 512\nsources: []", "writer_memory.*amount of memory"),
        ("- just a list", "mapping at the top level"),
        ("sources: [{name: a", "not valid YAML"),
        ("sources: !!python/object/apply:os.getcwd []", "not valid YAML"),  # a safe loader: no Python objects
    ],
)
def test_bad_config_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(_write(tmp_path, text))


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config"):
        load_settings(tmp_path / "nope.yaml")


def test_unknown_source_lists_the_known_ones() -> None:
    settings = load_settings(REPO / "config" / "sources.yaml")
    with pytest.raises(ConfigError, match="configured: scmp, nordkurier"):
        settings.source("nope")


def test_the_config_is_read_by_libyaml_where_pyyaml_has_it() -> None:
    assert config._YAML_LOADER is (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)
