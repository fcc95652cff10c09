"""vnpov: study visits and poverty figures from Vietnamese local-government news.

>>> import vnpov
>>> corpus = vnpov.read_corpus("articles/")   # a folder of .txt/.html, a JSONL, CSV or Parquet file
>>> r = corpus.vnpov.extract()                # or vnpov.extract(texts): str, iterable of str, Series
>>> r.documents, r.visits, r.people, r.figures
>>> r.show(r.documents.doc_id[0])             # the article with its evidence highlighted
>>> r.plot.poverty(); r.plot.visits()         # with the ``vnpov[plot]`` extra

The tables follow ``shared/spec/schema.md``: every table starts with
``doc_id``; every extracted row has ``start``/``end`` code-point offsets into
the ORIGINAL text, so ``text[start:end]`` is the evidence.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from . import _core, accessor, gazetteer
from ._schema import SCHEMA, TABLES
from .display import Evidence, show
from .io import read_corpus, read_result
from .result import Result, build_table, empty_table

__all__ = [
    "extract",
    "Result",
    "SCHEMA",
    "sample_corpus",
    "read_corpus",
    "read_result",
    "show",
    "Evidence",
    "gazetteer",
    "accessor",
    "PROGRESS_THRESHOLD",
    "__version__",
]
__version__: str = _core.__version__

#: Batches of at least this many documents show a progress bar unless ``progress=False``.
PROGRESS_THRESHOLD = 1000

_MISSING = "missing text"


def _is_missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA or x is pd.NaT


def _hint(x: Any, i: int) -> str | None:
    """A published hint as an ISO string (``2023-04``, ``2024-06-21``), or None."""
    if _is_missing(x):
        return None
    if isinstance(x, str):
        return x.strip() or None
    if isinstance(x, (pd.Timestamp, _dt.datetime, _dt.date)):
        return x.isoformat()[:10]
    raise TypeError(f"published[{i}] is {type(x).__name__}; pass str, date, Timestamp or None")


def extract(
    texts: str | Iterable[str] | pd.Series,
    ids: Sequence[Any] | None = None,
    published: Any = None,
    *,
    n_threads: int | None = None,
    progress: bool | None = None,
) -> Result:
    """Extract visits, people and figures from Vietnamese news articles.

    Parameters
    ----------
    texts
        One article (``str``), any iterable of articles, or a pandas Series (its
        index becomes the ids when ``ids`` is None). ``None``/``NaN`` entries
        give an empty document row with ``error="missing text"``.
    ids
        Document ids, one per text (default: the position, as a string).
    published
        Date hints used to place dates written without a year: one value for
        all documents or a sequence aligned with ``texts`` of ``str``
        (``2023-04``, ``2024-06-21``), ``date``, ``Timestamp`` or None.
    n_threads
        Worker threads (default: all cores).
    progress
        Show a progress bar (``tqdm.auto``: a widget in Jupyter, a text bar in a
        terminal). None (default): only for batches of at least
        :data:`PROGRESS_THRESHOLD` documents. With a bar the batch is extracted
        in chunks so that it moves; the tables are the same as in one call.

    Returns
    -------
    Result
        ``.documents``, ``.visits``, ``.people``, ``.figures`` DataFrames with
        the columns and dtypes of the schema, also when empty. The Result keeps
        a reference to the texts (not a copy) for :meth:`Result.show`.

    Examples
    --------
    >>> r = vnpov.extract(["Ngày 14/3/2024, đoàn công tác huyện Mường Nhé ...", "..."])
    >>> r.figures.query("indicator == 'poor_household_rate'")
    """
    items: list[Any]
    if isinstance(texts, pd.Series):
        if ids is None:
            ids = [str(i) for i in texts.index]
        items = texts.tolist()
    elif isinstance(texts, list):
        items = texts  # a reference: Result.show reads the texts from it
    elif isinstance(texts, str):
        items = [texts]
    elif isinstance(texts, (bytes, bytearray)):
        raise TypeError("texts is bytes; decode it first (e.g. data.decode('utf-8'))")
    else:
        try:
            items = list(texts)
        except TypeError:
            raise TypeError(
                f"texts must be str, an iterable of str or a pandas Series, not {type(texts).__name__}"
            ) from None
    n = len(items)
    if ids is None:
        doc_ids = [str(i) for i in range(n)]
    else:
        doc_ids = [str(i) for i in ids]
        if len(doc_ids) != n:
            raise ValueError(f"ids has {len(doc_ids)} values for {n} texts")
    if published is None:
        hints: list[str | None] = []
    elif isinstance(published, (str, _dt.date, pd.Timestamp)):
        hints = [_hint(published, 0)] * n
    else:
        pub = list(published)
        if len(pub) != n:
            raise ValueError(f"published has {len(pub)} values for {n} texts")
        hints = [_hint(p, i) for i, p in enumerate(pub)]

    strs: list[str] = []
    missing: list[int] = []
    for i, t in enumerate(items):
        if isinstance(t, str):
            strs.append(t)
        elif _is_missing(t):
            strs.append("")
            missing.append(i)
        elif isinstance(t, (bytes, bytearray)):
            raise TypeError(f"texts[{i}] is bytes; decode it first (e.g. data.decode('utf-8'))")
        else:
            raise TypeError(f"texts[{i}] is {type(t).__name__}; expected str")

    keep: Sequence[Any] | pd.Series = texts if isinstance(texts, pd.Series) else items
    if n == 0:
        return Result(**{t: empty_table(t) for t in TABLES}, _texts=keep)
    show_bar = n >= PROGRESS_THRESHOLD if progress is None else bool(progress)
    if show_bar:
        cols = _extract_chunked(strs, hints, n_threads)
    else:
        cols = _core.extract(strs, hints, n_threads)
    if missing:
        errors = cols["documents"]["error"]
        for i in missing:
            errors[i] = _MISSING
    tables = {t: build_table(t, cols[t], doc_ids) for t in TABLES}
    return Result(**tables, _texts=keep)


def _chunk_size(n: int) -> int:
    """About a hundred steps of the bar, at least 100 documents each."""
    return max(100, -(-n // 100))


def _extract_chunked(
    strs: list[str], hints: list[str | None], n_threads: int | None
) -> dict[str, dict[str, list[Any]]]:
    """``_core.extract`` chunk by chunk under a tqdm bar; the same columns as one call."""
    from tqdm.auto import tqdm  # type: ignore[import-untyped,unused-ignore]

    n = len(strs)
    step = _chunk_size(n)
    out: dict[str, dict[str, list[Any]]] = {}
    with tqdm(total=n, desc="vnpov", unit="doc", unit_scale=n >= 100_000) as bar:
        for lo in range(0, n, step):
            hi = min(n, lo + step)
            part = _core.extract(strs[lo:hi], hints[lo:hi] if hints else [], n_threads)
            for table, columns in part.items():
                merged = out.setdefault(table, {})
                for name, values in columns.items():
                    if name == "_doc":
                        values = [i + lo for i in values]
                    merged.setdefault(name, []).extend(values)
            bar.update(hi - lo)
    return out


def sample_corpus() -> pd.DataFrame:
    """The bundled sample articles (fictional, written for vnpov).

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` and ``text`` (``string`` dtype), one row per article, sorted by id.
    """
    folder = Path(__file__).parent / "data" / "sample"
    files = sorted(folder.glob("*.txt"))
    return pd.DataFrame(
        {
            "doc_id": pd.array([f.stem for f in files], dtype="string"),
            "text": pd.array([f.read_text(encoding="utf-8") for f in files], dtype="string"),
        }
    )
