"""Shared fixtures: the real corpus in ../shared (skipped when absent, as in a user's clone)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"


def need_shared() -> Path:
    if not (EVAL / "score.py").exists():
        pytest.skip("../shared/eval is not here (a user's clone): the real-article checks need it")
    return EVAL


@pytest.fixture(scope="session")
def seeds() -> list[tuple[str, str]]:
    """(doc_id, text) of the five seed articles, read from ../shared at test time."""
    ev = need_shared()
    gold = [
        json.loads(x)
        for x in (ev / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
        if x.strip()
    ]
    return [(g["doc_id"], (ev / "corpus" / f"{g['doc_id']}.txt").read_text(encoding="utf-8")) for g in gold]
