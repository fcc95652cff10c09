"""The bundled sample corpus (fictional articles written for vnpov) against its facts.

`python/vnpov/data/sample/expected.json` records what an analyst would extract from
each article. This pins the quality on our own text, also in a clone without ../shared.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
import vnpov

SAMPLE = Path(vnpov.__file__).parent / "data" / "sample"
LEVEL = re.compile(r"^(thành phố|thị xã|thị trấn|huyện|tỉnh|quận|phường|xã|tp\.?)\s+", re.I)


def fold(s: object) -> str:
    if s is None or (isinstance(s, float) and s != s):
        return ""
    s = LEVEL.sub("", unicodedata.normalize("NFC", str(s)).strip()).lower().replace("đ", "d")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", s)


@pytest.fixture(scope="module")
def run() -> tuple[dict, vnpov.Result]:
    expected = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
    corpus = vnpov.sample_corpus()
    return expected, vnpov.extract(corpus["text"], ids=corpus["doc_id"].tolist())


def test_sample_is_complete(run) -> None:
    expected, r = run
    assert sorted(expected) == r.documents["doc_id"].tolist()
    assert r.documents["error"].isna().all()


def prf(tp: int, pred: int, gold: int) -> tuple[float, float]:
    return (tp / pred if pred else 1.0), (tp / gold if gold else 1.0)


def test_visits_on_the_sample(run) -> None:
    expected, r = run
    tp = pred = gold = dates_right = 0
    for doc_id, facts in expected.items():
        want = {(fold(v["visitor"]), fold(v["host"])): v for v in facts["visits"]}
        got = r.visits[r.visits["doc_id"] == doc_id]
        pairs = {(fold(a), fold(b)) for a, b in zip(got["visitor"], got["host"], strict=True)}
        tp += len(pairs & set(want))
        pred += len(pairs)
        gold += len(want)
        for _, row in got.iterrows():
            w = want.get((fold(row["visitor"]), fold(row["host"])))
            if w and w.get("start_date") and str(row["start_date"])[:10] == w["start_date"]:
                dates_right += 1
    p, rec = prf(tp, pred, gold)
    assert p == 1.0, "a visit that the sample does not have"
    assert rec >= 0.85
    assert dates_right >= 6


def test_figures_on_the_sample(run) -> None:
    expected, r = run
    tp = pred = gold = years_right = 0
    for doc_id, facts in expected.items():
        got = r.figures[r.figures["doc_id"] == doc_id]
        free = list(got.itertuples())
        pred += len(free)
        gold += len(facts["figures"])
        for f in facts["figures"]:
            hit = next(
                (
                    x
                    for x in free
                    if x.indicator == f["indicator"]
                    and abs(x.value - f["value"]) <= 1e-6 * max(1, abs(f["value"]))
                ),
                None,
            )
            if hit is not None:
                free.remove(hit)
                tp += 1
                years_right += int(
                    f.get("year") is None or (pd.notna(hit.year) and int(hit.year) == f["year"])
                )
    p, rec = prf(tp, pred, gold)
    assert p >= 0.8 and rec >= 0.6, (p, rec)
    assert years_right >= 0.8 * tp


def test_demo_command_prints_the_four_tables() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "vnpov.cli", "demo", "--rows", "5"], capture_output=True, text=True, check=True
    )
    for table in ("documents", "visits", "people", "figures"):
        assert f"== {table} (" in out.stdout
