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

import codecs
import datetime as _dt
import math
import numbers
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

from . import _core, accessor, gazetteer
from ._schema import SCHEMA, TABLES
from .display import Evidence, show
from .io import read_corpus, read_result
from .result import Result, build_table, categories

__all__ = [
    "extract",
    "Result",
    "SCHEMA",
    "sample_corpus",
    "read_corpus",
    "read_result",
    "show",
    "Evidence",
    "extract_batches",
    "extract_corpus",
    "gazetteer",
    "accessor",
    "dask",
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
        # junk is ignored by the engine; a lone surrogate could not even cross to it
        if _has_surrogates(x):
            return None
        return x.strip() or None
    if isinstance(x, (pd.Timestamp, _dt.datetime, _dt.date)):
        return x.isoformat()[:10]
    raise TypeError(f"published[{i}] is {type(x).__name__}; pass str, date, Timestamp or None")


def extract(
    texts: str | bytes | Iterable[str | bytes | None] | pd.Series,
    ids: Sequence[Any] | None = None,
    published: Any = None,
    *,
    n_threads: int | None = None,
    progress: bool | None = None,
    encoding: str | None = None,
    errors: str | None = None,
) -> Result:
    """Extract visits, people and figures from Vietnamese news articles.

    Every input gives exactly one ``documents`` row, in input order: a document
    that cannot be read (missing, undecodable, or one the engine fails on) gets a
    short reason in ``documents.error`` and the batch goes on.

    Parameters
    ----------
    texts
        One article (``str``), any iterable of articles, or a pandas Series (its
        index becomes the ids when ``ids`` is None). ``None``/``NaN``/``pd.NA``
        entries give an empty document row with ``error="missing text"``.
        ``bytes`` are read only with an explicit ``encoding`` or ``errors``.
    ids
        Document ids, one per text (default: the position, as a string).
    published
        Date hints used to place dates written without a year: one value for
        all documents or a sequence aligned with ``texts`` of ``str``
        (``2023-04``, ``2024-06-21``), ``date``, ``Timestamp`` or None.
    n_threads
        Worker threads, a positive int. Default: the environment variable
        ``VNPOV_NUM_THREADS`` when set, else all cores.
    progress
        Show a progress bar (``tqdm.auto``: a widget in Jupyter, a text bar in a
        terminal). None (default): only for batches of at least
        :data:`PROGRESS_THRESHOLD` documents. With a bar the batch is extracted
        in chunks so that it moves; the tables are the same as in one call.
    encoding, errors
        How ``bytes`` texts are decoded (``bytes.decode(encoding, errors)``;
        ``encoding`` defaults to ``"utf-8"``, ``errors`` to ``"strict"`` once
        either is given). With ``errors="strict"`` an undecodable text raises
        ``ValueError``; with ``"replace"``, ``"ignore"`` or any other handler it
        is decoded and its ``error`` says so (``"invalid utf-8 bytes replaced"``),
        the rows still being extracted; offsets then refer to the decoded text,
        which the Result keeps for :meth:`Result.show`. Without either, bytes
        raise ``TypeError``. A ``str`` holding lone surrogates (``"\\udc80"``,
        from ``surrogateescape``) is read with each one as U+FFFD (offsets are
        unchanged) and flagged ``"lone surrogates replaced"``.

    Returns
    -------
    Result
        ``.documents``, ``.visits``, ``.people``, ``.figures`` DataFrames with
        the columns and dtypes of the schema, also when empty. The Result keeps
        a reference to the texts (not a copy) for :meth:`Result.show`.

    Raises
    ------
    TypeError
        For a text, id list or hint of the wrong type, naming its position
        (``texts[17] is bytes; decode it or pass errors=...``).
    ValueError
        For ``ids``/``published`` whose length differs from the texts', a bad
        ``n_threads`` or ``VNPOV_NUM_THREADS``, an unknown ``encoding``/``errors``, or undecodable bytes
        under ``errors="strict"``.

    Examples
    --------
    >>> r = vnpov.extract(["Ngày 14/3/2024, đoàn công tác huyện Mường Nhé ...", "..."])
    >>> r.figures.query("indicator == 'poor_household_rate'")
    """
    try:
        tables, keep = _extract_arrow(
            texts, ids, published, n_threads=n_threads, progress=progress, encoding=encoding, errors=errors
        )
        result = _result(tables, keep)
        del tables
    finally:
        # the engine's threads hand back what they held for the batch (its Arrow tables, freed
        # now that they are DataFrames, and the working memory of the extraction), once 16 MiB
        # of text were read since they last did
        _core.release_memory()
    return result


def _result(tables: dict[str, pa.Table], keep: Sequence[Any] | pd.Series) -> Result:
    """The DataFrames of :func:`_extract_arrow`'s tables (without handing the engine's free
    memory back, as :func:`extract` does: a loop of batches would take it again each time)."""
    return Result(**{t: build_table(t, tables[t]) for t in TABLES}, _texts=keep)


def _extract_arrow(
    texts: Any,
    ids: Sequence[Any] | None = None,
    published: Any = None,
    *,
    n_threads: int | None = None,
    progress: bool | None = None,
    encoding: str | None = None,
    errors: str | None = None,
) -> tuple[dict[str, pa.Table], Sequence[Any] | pd.Series]:
    """What :func:`extract` does before pandas: the four tables as Arrow (``doc_id`` first,
    typed as :func:`vnpov.result.arrow_schema` without its metadata), and the texts kept."""
    decode = _decoder(encoding, errors)
    if n_threads is not None and (
        isinstance(n_threads, bool) or not isinstance(n_threads, numbers.Integral) or n_threads < 1
    ):
        raise ValueError(f"n_threads must be a positive int or None, not {n_threads!r}")
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
        if decode is None:
            raise TypeError(
                "texts is bytes; decode it (e.g. data.decode('utf-8')) or pass encoding=/errors=..."
            )
        items = [texts]
    elif isinstance(texts, pd.DataFrame):
        raise TypeError(
            "texts is a DataFrame; pass its text column (df['text']) or use df.vnpov.extract(text='text')"
        )
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
        if isinstance(ids, (str, bytes)) or not isinstance(ids, Iterable):
            raise TypeError(f"ids is {type(ids).__name__}; pass a sequence of ids, one per text")
        doc_ids = [str(i) for i in ids]
        if len(doc_ids) != n:
            raise ValueError(f"ids has {len(doc_ids)} values for {n} texts")
    if published is None:
        hints: list[str | None] = []
    elif isinstance(published, (str, _dt.date, pd.Timestamp)):
        hints = [_hint(published, 0)] * n
    else:
        if not isinstance(published, Iterable):
            raise TypeError(
                f"published is {type(published).__name__}; pass a str, date, Timestamp or a sequence of them"
            )
        pub = list(published)
        if len(pub) != n:
            raise ValueError(f"published has {len(pub)} values for {n} texts")
        hints = [_hint(p, i) for i, p in enumerate(pub)]

    strs: list[str] = []
    flags: dict[int, str] = {}
    decoded: dict[int, str] = {}
    for i, t in enumerate(items):
        if isinstance(t, str):
            strs.append(t)
        elif _is_missing(t):
            strs.append("")
            flags[i] = _MISSING
        elif isinstance(t, (bytes, bytearray)):
            if decode is None:
                raise TypeError(
                    f"texts[{i}] is bytes; decode it (e.g. data.decode('utf-8')) or pass errors=... "
                    "(e.g. errors='replace') to extract(), with encoding= when it is not utf-8"
                )
            s, flag = decode(t, i)
            strs.append(s)
            decoded[i] = s
            if flag:
                flags[i] = flag
        else:
            raise TypeError(
                f"texts[{i}] is {type(t).__name__}; expected str (or None for a missing text, "
                "or bytes with encoding=/errors=)"
            )

    keep: Sequence[Any] | pd.Series = texts if isinstance(texts, pd.Series) else items
    if decoded:  # offsets refer to the decoded texts: keep those
        keep = [decoded.get(i, t) for i, t in enumerate(items)]
    show_bar = n > 0 and (n >= PROGRESS_THRESHOLD if progress is None else bool(progress))
    try:
        raw = _run(strs, hints, n_threads, show_bar)
    except UnicodeEncodeError:
        # a str with lone surrogates cannot cross to Rust: U+FFFD for each (one code point for one)
        for i, s in enumerate(strs):
            if _has_surrogates(s):
                strs[i] = _SURROGATE.sub("\ufffd", s)
                flags[i] = f"{flags[i]}; {_SURROGATES}" if i in flags else _SURROGATES
        raw = _run(strs, hints, n_threads, show_bar)
    return _with_ids(raw, doc_ids, flags), keep


def _with_ids(raw: dict[str, pa.Table], doc_ids: list[str], flags: dict[int, str]) -> dict[str, pa.Table]:
    """The tables from Rust with ``doc_id`` in place of the input positions ``_doc``, and the
    documents' ``error`` prefixed with the flags of the Python side (missing text, ...)."""
    ids = pa.array(doc_ids, type=pa.large_string())
    out: dict[str, pa.Table] = {}
    for t in TABLES:
        tbl = raw[t]
        tbl = tbl.set_column(0, "doc_id", ids.take(tbl.column(0)))
        if t == "documents" and flags:
            k = tbl.schema.get_field_index("error")
            errs = tbl.column(k).to_pylist()
            for i, flag in flags.items():
                errs[i] = flag if errs[i] is None else f"{flag}; {errs[i]}"
            tbl = tbl.set_column(k, "error", pa.array(errs, type=pa.large_string()))
        out[t] = tbl
    return out


_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATES = "lone surrogates replaced"


def _has_surrogates(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_Decode = Callable[[bytes | bytearray, int], tuple[str, str | None]]


def _decoder(encoding: str | None, errors: str | None) -> _Decode | None:
    """How bytes texts are decoded: None when neither ``encoding`` nor ``errors`` is given."""
    if encoding is None and errors is None:
        return None
    enc = "utf-8" if encoding is None else encoding
    err = "strict" if errors is None else errors
    try:
        name = codecs.lookup(enc).name
    except (LookupError, TypeError):
        raise ValueError(f"encoding {enc!r} is not a codec Python knows") from None
    try:
        codecs.lookup_error(err)
    except (LookupError, TypeError):
        raise ValueError(
            f"errors {err!r} is not an error handler ('strict', 'replace', 'ignore', 'backslashreplace', ...)"
        ) from None
    what = {"replace": "replaced", "ignore": "dropped"}.get(err, f"decoded with errors={err!r}")

    def decode(b: bytes | bytearray, i: int) -> tuple[str, str | None]:
        try:
            return b.decode(enc), None
        except UnicodeDecodeError as e:
            if err == "strict":
                raise ValueError(
                    f"texts[{i}] is not valid {name} (byte {e.start}: {e.reason}); "
                    "pass errors='replace' to read it anyway"
                ) from None
        return b.decode(enc, err), f"invalid {name} bytes {what}"

    return decode


#: ``{table: {column: [category, ...]}}``: Rust builds these columns as dictionaries over them.
_CATEGORIES = categories()


def _tables(part: dict[str, Any], first: int = 0) -> dict[str, pa.Table]:
    """``_core.extract``'s tables as pyarrow Tables, positions shifted by ``first``."""
    out: dict[str, pa.Table] = {}
    for t in TABLES:
        tbl = pa.table(part[t])
        if first:
            tbl = tbl.set_column(0, "_doc", pc.add(tbl.column(0), first))
        out[t] = tbl
    return out


def _run(
    strs: list[str], hints: list[str | None], n_threads: int | None, show_bar: bool
) -> dict[str, pa.Table]:
    if show_bar:
        return _extract_chunked(strs, hints, n_threads)
    return _tables(_core.extract(strs, hints, n_threads, _CATEGORIES))


def _chunk_size(n: int) -> int:
    """About a hundred steps of the bar, at least 100 documents each."""
    return max(100, -(-n // 100))


def _extract_chunked(strs: list[str], hints: list[str | None], n_threads: int | None) -> dict[str, pa.Table]:
    """``_core.extract`` chunk by chunk under a tqdm bar; the same tables as one call."""
    from tqdm.auto import tqdm  # type: ignore[import-untyped,unused-ignore]

    n = len(strs)
    step = _chunk_size(n)
    parts: dict[str, list[pa.Table]] = {t: [] for t in TABLES}
    with tqdm(total=n, desc="vnpov", unit="doc", unit_scale=n >= 100_000) as bar:
        for lo in range(0, n, step):
            hi = min(n, lo + step)
            part = _core.extract(strs[lo:hi], hints[lo:hi] if hints else [], n_threads, _CATEGORIES)
            for t, tbl in _tables(part, lo).items():
                parts[t].append(tbl)
            bar.update(hi - lo)
    return {t: pa.concat_tables(ps) for t, ps in parts.items()}


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


# streaming and Dask (after ``extract`` is defined: they call it)
from . import dask  # noqa: E402  (the dask package itself is imported only when used)
from .stream import extract_batches, extract_corpus  # noqa: E402
