"""The five seed articles (read from ../shared at test time): scores and evidence offsets."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

import vnpov
from conftest import need_shared


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def test_every_row_points_at_its_evidence(seeds) -> None:
    ids = [d for d, _ in seeds]
    texts = [t for _, t in seeds]
    r = vnpov.extract(texts, ids=ids)
    by_id = dict(seeds)
    assert len(r.figures) and len(r.people) and len(r.visits)
    for _, row in r.figures.iterrows():
        span = by_id[row["doc_id"]][row["start"] : row["end"]]
        assert span, row
        assert vnpov_norm(span) == row["text"], (span, row["text"])
    for _, row in r.people.iterrows():
        span = by_id[row["doc_id"]][row["start"] : row["end"]]
        assert row["name"] in nfc(span), (span, row["name"])
    for _, row in r.visits.iterrows():
        span = by_id[row["doc_id"]][row["start"] : row["end"]]
        low = nfc(span).lower()
        assert "đoàn" in low or "tham quan" in low or "học tập" in low, span


def vnpov_norm(s: str) -> str:
    return " ".join(nfc(s).replace("\u00a0", " ").split())


def test_seed_scores(tmp_path) -> None:
    ev = need_shared()
    out = tmp_path / "score.json"
    subprocess.run(
        [
            sys.executable,
            str(ev / "score.py"),
            str(ev / "gold" / "seeds.jsonl"),
            str(ev / "corpus"),
            "--json",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    s = json.loads(out.read_text(encoding="utf-8"))
    assert s["visits"]["f1"] == 1.0
    assert s["figures"]["f1"] >= 0.9
    assert s["people"]["f1"] >= 0.9
    right, asked = s["visits_attr"]["start_date"]
    assert right == asked
