"""A user's script, type-checked with ``mypy --strict`` by tests/test_typing.py (never run by pytest)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import vnpov
from vnpov import gazetteer
from vnpov.accessor import VnpovAccessor
from vnpov.display import Evidence


def load(folder: Path) -> pd.DataFrame:
    corpus: pd.DataFrame = vnpov.read_corpus(folder, text="text", id="doc_id", published=None)
    return corpus


def run(folder: Path, out: Path) -> dict[str, int]:
    corpus = load(folder)
    result: vnpov.Result = vnpov.extract(
        corpus["text"], ids=corpus["doc_id"].tolist(), published=None, n_threads=2, progress=False
    )
    same: vnpov.Result = VnpovAccessor(corpus).extract(text="text", id="doc_id", published="published")
    sample: pd.DataFrame = vnpov.sample_corpus()
    tables: dict[str, pd.DataFrame] = result.tables()
    visits_only: vnpov.Result = result.filter(result.documents["doc_id"].tolist()[:2])
    page: Evidence = result.show(str(result.documents["doc_id"].iloc[0]))
    saved: Path = page.save(out / "page.html")
    html: str = page.html
    again: Evidence = vnpov.show("Năm 2023, tỷ lệ hộ nghèo của huyện Con Cuông còn 9,15%.")
    files: list[Path] = [
        result.to_parquet(out / "pq"),
        result.to_csv(out / "csv"),
        result.to_jsonl(out / "r.jsonl"),
    ]
    back: vnpov.Result = vnpov.read_result(out / "pq")
    units: pd.DataFrame = gazetteer.lookup("Con Cuông", level="district")
    has: bool = result.has_texts
    n: int = len(result) + len(same) + len(sample) + len(visits_only) + len(back) + len(units)
    return {
        "tables": len(tables),
        "n": n,
        "files": len(files),
        "chars": len(html) + len(str(saved)) + len(again.html),
        "texts": int(has),
    }


def plots(result: vnpov.Result) -> int:
    from matplotlib.axes import Axes

    ax: Axes = result.plot.poverty(units=["Kon Tum"], max_units=4)
    ax2: Axes = result.plot.visits(labels=False)
    graph = result.visit_graph()
    return int(graph.number_of_nodes()) + len(ax.lines) + len(ax2.patches)
