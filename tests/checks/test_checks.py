"""Quality checks on real DuckDB files: each check fails (or warns) on the problem it exists for, with a message
that names the source, the item and the way out, and passes otherwise."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from newsetl.checks import CHECK_NAMES, run_checks
from newsetl.checks._model import MAX_FINDINGS
from newsetl.checks.accounting import check_accounting
from newsetl.checks.fields import check_required_fields
from newsetl.checks.keys import check_duplicate_keys, check_history, check_lineage
from newsetl.checks.leaks import check_boilerplate_leak
from newsetl.checks.volume import check_volume
from newsetl.config import CleaningConfig, PatternRule, SourceConfig
from newsetl.warehouse import LoadCounts
from tests.dedup.test_minhash import OTHER, STORY
from tests.warehouse.conftest import T0, Warehouse, make_article

NK = SourceConfig(
    "nordkurier",
    "dumps",
    "/dumps",
    cleaning=CleaningConfig(drop=(PatternRule("nordkurier:nk-menu", re.compile(r"^(Startseite|Region)$")),)),
)


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[Warehouse]:
    store = Warehouse(tmp_path)
    yield store
    store.connection.close()


def _record_run(warehouse: Warehouse, run_id: str, at_hours: int, read: int, source: str = "nordkurier") -> None:
    started = T0 + timedelta(hours=at_hours)
    warehouse.connection.execute(
        "INSERT INTO runs (run_id, trigger, sources, started_at, status) VALUES (?, 'cli', [?], ?, 'checked')",
        [run_id, source, started],
    )
    if read:
        warehouse.connection.execute(
            "INSERT INTO run_sources BY NAME SELECT ? AS run_id, ? AS source, ? AS documents_read, 0 AS articles_new, "
            "0 AS articles_updated, 0 AS articles_unchanged, 0 AS documents_rejected, 0 AS documents_duplicate",
            [run_id, source, read],
        )


def test_a_line_a_source_pattern_matches_fails_the_leak_check(warehouse: Warehouse) -> None:
    warehouse.load([make_article("nordkurier", "leer.txt", STORY + "\n\nStartseite")])
    result = check_boilerplate_leak(warehouse.connection, "run-1", {"nordkurier": NK})
    assert result.status == "fail"
    assert "nordkurier:nk-menu" in result.detail
    assert "leer.txt" in result.detail
    assert "reprocess" in result.detail
    assert [(finding.source, finding.rule_id) for finding in result.findings] == [("nordkurier", "nordkurier:nk-menu")]


def test_a_line_a_built_in_rule_matches_fails_for_any_source(warehouse: Warehouse) -> None:
    warehouse.load([make_article("wire", "a.json", "Advertisement\n\n" + STORY)])
    result = check_boilerplate_leak(warehouse.connection, "run-1", {})
    assert result.status == "fail"
    assert result.findings[0].rule_id == "ad-label"


def test_clean_bodies_pass_and_a_pattern_of_another_source_does_not_apply(warehouse: Warehouse) -> None:
    warehouse.load([make_article("wire", "a.json", STORY + "\n\nStartseite")])
    assert check_boilerplate_leak(warehouse.connection, "run-1", {"nordkurier": NK}).status == "pass"


def test_only_articles_this_run_wrote_are_judged(warehouse: Warehouse) -> None:
    warehouse.load([make_article("wire", "a.json", "Advertisement\n\n" + STORY)])
    assert check_boilerplate_leak(warehouse.connection, "run-2", {}).status == "pass"


def test_titles_missing_above_the_limit_fail_per_source(warehouse: Warehouse) -> None:
    warehouse.load(
        [
            make_article("wire", "a.json", STORY, title=""),
            make_article("wire", "b.json", OTHER, title=""),
            make_article("courier", "c.html", STORY + " More."),
        ]
    )
    result = check_required_fields(warehouse.connection, "run-1")
    assert result.status == "fail"
    assert "source wire: 2 of 2 articles have no title" in result.detail
    assert "newsetl extract" in result.detail
    assert [finding.source for finding in result.findings] == ["wire"]


def test_dates_fail_only_where_they_used_to_be(warehouse: Warehouse) -> None:
    dated = [make_article("wire", f"{n}.json", f"{STORY} {n}") for n in range(10)]
    undated = [make_article("dumps", f"{n}.txt", f"{STORY} {n}", published=None) for n in range(10)]
    warehouse.load(dated + undated)
    assert check_required_fields(warehouse.connection, "run-1").status == "pass"  # no history yet
    changed = [make_article("wire", f"{n}.json", f"{OTHER} {n}", published=None) for n in range(10, 20)]
    warehouse.load(changed, at=T0 + timedelta(days=1), run_id="run-2")
    result = check_required_fields(warehouse.connection, "run-2")
    assert result.status == "fail"
    assert "source wire: 10 of 10 articles have no published_at" in result.detail
    more_undated = [make_article("dumps", f"{n}.txt", f"{OTHER} {n}", published=None) for n in range(10, 20)]
    warehouse.load(more_undated, at=T0 + timedelta(days=2), run_id="run-3")
    assert check_required_fields(warehouse.connection, "run-3").status == "pass"  # never had dates


def test_two_articles_with_one_url_key_fail_duplicate_keys(warehouse: Warehouse) -> None:
    warehouse.load([make_article("wire", "a.json", STORY, url="https://wire.example/a")])
    assert check_duplicate_keys(warehouse.connection).status == "pass"
    warehouse.connection.execute(
        "INSERT INTO articles SELECT * REPLACE ('f' || article_id AS article_id, 'b.json' AS uri) FROM articles"
    )
    result = check_duplicate_keys(warehouse.connection)
    assert result.status == "fail"
    assert "URL key held by more than one article of a source: https://wire.example/a" in result.detail


def test_history_and_lineage_holes_fail(warehouse: Warehouse) -> None:
    warehouse.load([make_article("wire", "a.json", STORY)])
    _record_run(warehouse, "run-1", 0, 1, "wire")
    assert check_history(warehouse.connection).status == "pass"
    assert check_lineage(warehouse.connection).status == "pass"
    # A closed copy of the current version: one version number held twice.
    warehouse.connection.execute(
        "INSERT INTO article_history BY NAME SELECT * EXCLUDE (valid_to, ended_by) REPLACE (now() AS valid_from), "
        "now() AS valid_to, 'updated' AS ended_by FROM article_versions"
    )
    warehouse.connection.execute("DELETE FROM raw_documents")
    history = check_history(warehouse.connection)
    lineage = check_lineage(warehouse.connection)
    assert (history.status, lineage.status) == ("fail", "fail")
    assert "version number held twice" in history.detail
    assert "raw document is not recorded" in lineage.detail


def test_a_volume_drop_warns_once_there_is_history(warehouse: Warehouse) -> None:
    for hour in range(2):
        _record_run(warehouse, f"early-{hour}", hour, 20)
    _record_run(warehouse, "now", 10, 2)
    assert check_volume(warehouse.connection, "now").status == "pass"  # two runs are not a trend
    _record_run(warehouse, "early-2", 2, 20)
    _record_run(warehouse, "early-3", 3, 20)
    result = check_volume(warehouse.connection, "now")
    assert result.status == "warn"
    assert "source nordkurier read 2 documents against an average of 20.0 over 4 runs" in result.detail
    _record_run(warehouse, "silent", 11, 0)
    assert "read 0 documents" in check_volume(warehouse.connection, "silent").detail


def test_accounting_names_the_source_with_a_hole() -> None:
    per = {"documents_read": 3, "articles_new": 1, "articles_updated": 0, "articles_unchanged": 0}
    per |= {"documents_rejected": 1, "documents_duplicate": 0, "articles_retired": 0}
    result = check_accounting(LoadCounts(totals=dict(per), per_source={"wire": per}))
    assert result.status == "fail"
    assert result.findings[0].source == "wire"


def test_all_checks_pass_on_a_clean_load(warehouse: Warehouse) -> None:
    counts = warehouse.load([make_article("nordkurier", "a.txt", STORY), make_article("wire", "b.json", OTHER)])
    _record_run(warehouse, "run-1", 0, 2)
    results = run_checks(warehouse.connection, "run-1", counts, {"nordkurier": NK})
    assert [(result.name, result.status) for result in results] == [(name, "pass") for name in CHECK_NAMES]


def test_a_key_check_counts_every_problem_and_keeps_examples_up_to_the_cap(warehouse: Warehouse) -> None:
    warehouse.load([make_article("wire", f"{n}.json", f"{STORY} {n}") for n in range(MAX_FINDINGS + 5)])
    _record_run(warehouse, "run-1", 0, MAX_FINDINGS + 5, "wire")
    warehouse.connection.execute("DELETE FROM raw_documents")
    lineage = check_lineage(warehouse.connection)
    assert lineage.status == "fail"
    assert lineage.detail.startswith(f"{MAX_FINDINGS + 5} found, e.g. article whose raw document is not recorded: ")
    assert len(lineage.findings) == MAX_FINDINGS
    assert {finding.source for finding in lineage.findings} == {"wire"}


def test_the_leak_check_finds_what_each_rule_searched_alone_finds() -> None:
    # Built-in rules go through the cleaner's GUARD (keyed by first word); the verdict must be the one a search
    # with every active rule, one after the other, gives, whatever the paragraph's spacing.
    from newsetl.checks.leaks import _leak, _own_rules, active_rules
    from tests.clean.text.test_rules import CATCHES, LEAVES

    lines = [line for found in (*CATCHES.values(), *LEAVES.values()) for line in found] + ["Startseite", STORY]
    for paragraph in {variant for line in lines for variant in (line, f"  {line}", f"{line} ", f"\t{line}\n")}:
        expected = next(((r.id, paragraph) for r in active_rules(NK) if r.pattern.search(paragraph)), None)
        assert _leak(f"{STORY}\n\n{paragraph}", _own_rules(NK)) == expected, paragraph
