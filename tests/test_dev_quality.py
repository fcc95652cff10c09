"""Pins the quality of visits and people on the real dev articles (read from ../shared).

The thresholds sit a little below what the library reaches, so quality cannot
silently fall. Figures are pinned in test_figures.py.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import need_shared


@pytest.fixture(scope="module")
def dev_score(tmp_path_factory) -> dict:
    ev = need_shared()
    out = tmp_path_factory.mktemp("score") / "dev.json"
    gold, corpus = ev / "gold" / "dev.jsonl", ev / "corpus"
    cmd = [sys.executable, str(ev / "score.py"), str(gold), str(corpus), "--json", str(out)]
    subprocess.run(cmd, check=True, capture_output=True)
    return json.loads(out.read_text(encoding="utf-8"))


def ratio(attr: dict, name: str) -> float:
    right, asked = attr[name]
    return right / asked if asked else 1.0


def test_visits_on_dev(dev_score) -> None:
    v = dev_score["visits"]
    assert v["f1"] >= 0.89, v
    assert v["p"] >= 0.93, v
    attr = dev_score["visits_attr"]
    assert ratio(attr, "start_date") >= 0.93
    assert ratio(attr, "leader") >= 0.92
    assert ratio(attr, "purpose") >= 0.95
    assert ratio(attr, "program") >= 0.85
    assert ratio(attr, "host_province") >= 0.95
    assert ratio(attr, "visitor_province") >= 0.93


def test_people_on_dev(dev_score) -> None:
    p = dev_score["people"]
    assert p["f1"] >= 0.95, p
    assert ratio(dev_score["people_attr"], "side") >= 0.90


def test_documents_on_dev(dev_score) -> None:
    attr = dev_score["documents_attr"]
    assert ratio(attr, "kind") >= 0.88
    assert ratio(attr, "published") >= 0.9
