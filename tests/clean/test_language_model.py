"""The language model from newsetl's uncompressed copy: the same answers as py3langid's own, made once, repaired."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from newsetl.clean.language_model import load_identifier
from tests.conftest import SAMPLES

TEXTS = (
    "The council approved the new budget for the harbour on Tuesday after a long debate.",
    "Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt für den Hafen beschlossen.",
    "Le conseil municipal a approuvé mardi le nouveau budget du port après un long débat.",
    "El ayuntamiento aprobó el martes el nuevo presupuesto del puerto tras un largo debate.",
    "市议会周二在长时间辩论后批准了港口的新预算。",
    "Городской совет во вторник после долгих дебатов утвердил новый бюджет порта.",
)


@pytest.fixture(scope="module")
def shipped() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_DIR / MODEL_FILE)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSETL_CACHE_DIR", str(folder))
    return folder


def _texts() -> list[str]:
    dumps = [path.read_text(encoding="utf-8", errors="replace")[:2000] for path in sorted(SAMPLES.rglob("*.txt"))]
    return [*TEXTS, *dumps]


def test_the_copy_gives_py3langids_answers_and_is_made_once(
    cache: Path, shipped: LanguageIdentifier, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="newsetl.clean")
    first = load_identifier()
    copies = list(cache.glob("py3langid-*.npz"))
    assert len(copies) == 1
    assert "uncompressed copy written" in caplog.text
    caplog.clear()
    again = load_identifier()
    assert not caplog.text  # read from the copy: neither written again nor fallen back
    for text in _texts():
        assert first.classify(text) == shipped.classify(text), text[:60]
        assert again.rank(text) == shipped.rank(text), text[:60]


def test_an_unreadable_copy_is_removed_and_made_again(
    cache: Path, shipped: LanguageIdentifier, caplog: pytest.LogCaptureFixture
) -> None:
    load_identifier()
    (copy,) = cache.glob("py3langid-*.npz")
    copy.write_bytes(copy.read_bytes()[:1000])  # a copy cut short
    fallen_back = load_identifier()
    assert "is unreadable" in caplog.text
    assert not copy.exists()
    assert fallen_back.classify(TEXTS[1]) == shipped.classify(TEXTS[1])
    load_identifier()
    assert copy.stat().st_size > 60_000_000


def test_without_a_writable_cache_folder_py3langid_loads_its_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped: LanguageIdentifier, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSETL_CACHE_DIR", str(blocker / "cache"))
    identifier = load_identifier()
    assert "no uncompressed copy" in caplog.text
    assert identifier.classify(TEXTS[2]) == shipped.classify(TEXTS[2])
