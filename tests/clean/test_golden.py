"""Golden cases: real-shaped dumps and pages with the exact extraction they must give (tests/cases/golden)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsetl.extract_files import extract_paths
from tests.conftest import CASES, REPO, SAMPLE_DUMP

GOLDEN = sorted((CASES / "golden").glob("*.json"))


def _extract(path: Path) -> dict[str, Any]:
    (result,) = extract_paths([str(path)], None)
    return result


@pytest.mark.parametrize("case", GOLDEN, ids=[case.stem for case in GOLDEN])
def test_golden_case(case: Path) -> None:
    golden = json.loads(case.read_text(encoding="utf-8"))
    result = _extract(REPO / golden["input"])
    result["removed"] = [[removal["line"], removal["rule"]] for removal in result["removed"]]
    result.pop("path")
    assert result == golden["expected"]


def test_there_are_golden_cases_for_text_and_html() -> None:
    inputs = [json.loads(case.read_text())["input"] for case in GOLDEN]
    assert any(name.endswith(".txt") for name in inputs)
    assert any(name.endswith((".html", ".htm")) for name in inputs)


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return _extract(SAMPLE_DUMP)


class TestTheOriginalSample:
    """The acceptance criteria for ../shared/samples/000_cd58140e9c2ce694.txt, checked one by one."""

    def test_title(self, result: dict[str, Any]) -> None:
        assert result["title"] == "China urges neighbours to back its data security ideas, not the US’"

    def test_summary_is_the_two_bullets(self, result: dict[str, Any]) -> None:
        first, second = result["summary"].split("\n")
        assert first.startswith("Beijing launched the Initiative on Global Data Security")
        assert second.startswith("Washington’s equivalent, The Clean Network, has expanded")

    def test_reading_time_and_caption(self, result: dict[str, Any]) -> None:
        assert result["reading_time_minutes"] == 2
        (caption,) = result["captions"]
        assert caption["text"].startswith("Wang Yi (centre) made the appeal")
        assert caption["credit"] == "AP"

    def test_body_is_six_paragraphs_as_written(self, result: dict[str, Any]) -> None:
        paragraphs = result["body"].split("\n\n")
        assert len(paragraphs) == 6
        assert paragraphs[0].startswith("Chinese Foreign Minister Wang Yi has called")
        assert paragraphs[-1].startswith("China’s push for the initiative comes with ByteDance")
        lines = SAMPLE_DUMP.read_text(encoding="utf-8").splitlines()
        assert all(paragraph in lines for paragraph in paragraphs)

    @pytest.mark.parametrize(
        "unwanted",
        [
            "Advertisement",
            "Reading Time",
            "Why you can trust SCMP",
            "06:35",
            "US demands for TikTok may escalate decoupling",
            "Photo: AP",
        ],
    )
    def test_boilerplate_is_not_in_the_body(self, result: dict[str, Any], unwanted: str) -> None:
        assert unwanted not in result["body"]
