"""Captions: a photo's description and its credit ("… on Wednesday. Photo: AP")."""

from __future__ import annotations

from newsetl.clean.text.rules import CAPTION_CREDIT
from newsetl.records import Caption


def split_caption(line: str) -> Caption:
    """``Caption(text, credit)``; the credit is ``None`` when the line names none."""
    match = CAPTION_CREDIT.pattern.match(line.strip())
    if match is None or not match.group("text").strip():
        return Caption(text=line.strip(), credit=None)
    return Caption(text=match.group("text").strip(), credit=match.group("credit").strip())
