"""Streaming extraction: corpora larger than memory, batch by batch.

>>> from vnpov import extract_batches, extract_corpus
>>> for r in extract_batches(texts_generator, batch_size=10_000):   # any iterable, lazily
...     r.figures.to_parquet(...)
>>> extract_corpus("crawl.jsonl", "out/")     # JSONL / Parquet / CSV / folder -> four Parquet files
{'documents': 1200000, 'visits': 5310, 'people': 20455, 'figures': 70211}

Memory is bounded by the batch size: the input is read ``batch_size`` documents at a
time and every batch's tables are written out before the next batch is read.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import math
import os
from collections.abc import Iterable, Iterator, Sequence, Sized
from pathlib import Path
from typing import Any

import pandas as pd

from ._schema import TABLES
from .io import (
    HTML_SUFFIXES,
    ID_COLUMNS,
    PUBLISHED_COLUMNS,
    TEXT_COLUMNS,
    TEXT_SUFFIXES,
    CorpusError,
    _dates,
    _find_column,
    _id_text,
    _json_line,
    _one_file,
    read_corpus,
)
from .result import Result, arrow_schema, conform

__all__ = ["extract_batches", "extract_corpus", "arrow_schema"]

PathLike = str | os.PathLike[str]

#: Documents per batch when ``batch_size`` is not given.
BATCH_SIZE = 10_000

# (ids, texts, published hints) of one batch, as read from a corpus file
_Chunk = tuple[list[str], list[str | None], list[str | None]]

_END = object()


def _check_batch_size(batch_size: int) -> int:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, not {batch_size!r}")
    return batch_size


def _is_missing(x: Any) -> bool:
    return x is None or x is pd.NA or x is pd.NaT or (isinstance(x, float) and math.isnan(x))


def _bar(total: int | None, progress: bool | None, unsized: bool = False) -> Any:
    """A tqdm bar over documents, or None.

    ``progress=None``: a bar for inputs known to be large, and for inputs of unknown size
    when ``unsized``.
    """
    from . import PROGRESS_THRESHOLD

    if progress is None:
        show = unsized if total is None else total >= PROGRESS_THRESHOLD
    else:
        show = bool(progress)
    if not show:
        return None
    from tqdm.auto import tqdm  # type: ignore[import-untyped,unused-ignore]

    return tqdm(total=total, desc="vnpov", unit="doc", unit_scale=total is None or total >= 100_000)


# ---------------------------------------------------------------------- extract_batches
def extract_batches(
    texts: Iterable[Any] | pd.Series,
    ids: Iterable[Any] | None = None,
    published: Any = None,
    *,
    batch_size: int = BATCH_SIZE,
    n_threads: int | None = None,
    progress: bool | None = None,
) -> Iterator[Result]:
    """Extract an iterable of articles lazily, one :class:`~vnpov.Result` per batch.

    The input is consumed ``batch_size`` documents at a time (a generator is never
    turned into a list), so a corpus of any size goes through in bounded memory.
    Concatenating the batches' tables gives the tables of one :func:`vnpov.extract`
    call on the whole input, row for row.

    Parameters
    ----------
    texts
        Any iterable of articles (``str``; ``None``/``NaN`` give a document row with
        ``error="missing text"``): a list, a generator, a file's lines, a pandas Series
        (its index gives the ids when ``ids`` is None). A single ``str`` is one article.
    ids
        Document ids, an iterable aligned with ``texts`` (consumed lazily too). Default:
        the position in the whole input as a string (``"0"``, ``"1"``… continuing across
        batches), or the Series' index.
    published
        Date hints as in :func:`vnpov.extract`: one value for all documents (``str``,
        ``date``, ``Timestamp``) or an iterable aligned with ``texts``.
    batch_size
        Documents per batch (the last batch may be smaller).
    n_threads
        Worker threads for each batch (default: ``VNPOV_NUM_THREADS``, else all cores).
    progress
        Show one tqdm bar for the whole stream, in documents. None (default): only when
        the input has a length (a list, a Series) of at least :data:`vnpov.PROGRESS_THRESHOLD`.

    Yields
    ------
    Result
        The tables of each batch in input order, with the schema's columns and dtypes.
        An empty input yields nothing.

    Raises
    ------
    ValueError
        When ``ids`` or ``published`` has more or fewer values than ``texts``, or
        ``batch_size`` is not a positive int.
    TypeError
        For a text that is not ``str`` (e.g. ``bytes``), as :func:`vnpov.extract`.

    Examples
    --------
    >>> lines = (json.loads(x)["text"] for x in open("crawl.jsonl", encoding="utf-8"))
    >>> for r in extract_batches(lines, batch_size=5000):
    ...     print(len(r.visits))
    """
    from . import _core, _extract_arrow, _result

    size = _check_batch_size(batch_size)
    if isinstance(texts, (bytes, bytearray)):
        raise TypeError("texts is bytes; decode it first (e.g. data.decode('utf-8'))")
    total: int | None = None
    items: Iterator[Any]
    if isinstance(texts, str):
        items, total = iter([texts]), 1
    elif isinstance(texts, pd.Series):
        if ids is None:
            ids = (str(i) for i in texts.index)
        items, total = iter(texts.tolist()), len(texts)
    else:
        try:
            items = iter(texts)
        except TypeError:
            raise TypeError(
                f"texts must be str, an iterable of str or a pandas Series, not {type(texts).__name__}"
            ) from None
        total = len(texts) if isinstance(texts, Sized) else None
    id_iter: Iterator[Any] = itertools.count() if ids is None else iter(ids)
    one_hint = published is None or isinstance(published, (str, _dt.date, pd.Timestamp))
    pub_iter: Iterator[Any] | None = None if one_hint else iter(published)

    bar = _bar(total, progress)
    pos = 0
    try:
        while True:
            batch = list(itertools.islice(items, size))
            n = len(batch)
            if n == 0:
                if ids is not None and next(id_iter, _END) is not _END:
                    raise ValueError(f"ids has more values than the {pos} texts")
                if pub_iter is not None and next(pub_iter, _END) is not _END:
                    raise ValueError(f"published has more values than the {pos} texts")
                return
            batch_ids = [str(i) for i in itertools.islice(id_iter, n)]
            if len(batch_ids) != n:
                raise ValueError(f"ids has {pos + len(batch_ids)} values for at least {pos + n} texts")
            hints: Any = published
            if pub_iter is not None:
                hints = list(itertools.islice(pub_iter, n))
                if len(hints) != n:
                    raise ValueError(f"published has {pos + len(hints)} values for at least {pos + n} texts")
            # (no name in this frame holds a batch's tables, or its Result, after it is yielded;
            # the engine keeps its working memory from batch to batch, handed back at the end)
            yield _result(
                *_extract_arrow(batch, ids=batch_ids, published=hints, n_threads=n_threads, progress=False)
            )
            pos += n
            if bar is not None:
                bar.update(n)
    finally:
        if bar is not None:
            bar.close()
        _core.release_memory()


# ---------------------------------------------------------------------- corpus readers
def _chunk(
    file: Path,
    where: str,
    rows: Sequence[int],
    tvals: Sequence[Any],
    ivals: Sequence[Any] | None,
    pvals: Sequence[Any] | None,
    cols: tuple[str, str | None, str | None],
    pos0: int,
) -> _Chunk:
    """One batch of a table file as (ids, texts, hints), checked as ``read_corpus`` does."""
    tcol, icol, pcol = cols
    texts: list[str | None] = []
    for v, row in zip(tvals, rows, strict=True):
        if _is_missing(v):
            texts.append(None)
        elif isinstance(v, str):
            texts.append(v)
        else:
            raise CorpusError(f"{file}, {where} {row}: the text ({tcol!r}) is {type(v).__name__}, not text")
    if ivals is None:
        ids = [str(pos0 + k) for k in range(len(texts))]
    else:
        ids = []
        for v, row in zip(ivals, rows, strict=True):
            s = _id_text(v)
            if s is None:
                raise CorpusError(f"{file}, {where} {row}: the id ({icol!r}) is missing")
            ids.append(s)
    dates: list[str | None] = [None] * len(texts)
    if pvals is not None and pcol is not None:
        dates = _dates(pvals, file, pcol)
    return ids, texts, dates


def _columns(
    file: Path,
    names: Sequence[str],
    text: str | None,
    id: str | None,
    published: str | None,
    where: str = "",
) -> tuple[str, str | None, str | None]:
    tcol = _find_column(names, text, TEXT_COLUMNS, "text", file)
    if tcol is None:
        raise CorpusError(
            f"{file}{where}: no text column found (tried {', '.join(TEXT_COLUMNS)}; "
            f"columns: {', '.join(names)}); name it with text=..."
        )
    icol = _find_column(names, id, ID_COLUMNS, "ids", file)
    pcol = _find_column(names, published, PUBLISHED_COLUMNS, "publication dates", file)
    return tcol, icol, pcol


def _jsonl_chunks(
    file: Path, size: int, text: str | None, id: str | None, published: str | None, encoding: str
) -> Iterator[_Chunk]:
    """JSON Lines, line by line. The columns are guessed from the first object's keys."""
    cols: tuple[str, str | None, str | None] | None = None
    recs: list[dict[str, Any]] = []
    lines: list[int] = []
    pos = 0
    n = 0
    try:
        with file.open(encoding=encoding) as f:
            for n, raw in enumerate(f, 1):
                obj = _json_line(file, n, raw)
                if obj is None:
                    continue
                if cols is None:
                    cols = _columns(file, [str(k) for k in obj], text, id, published, f", line {n}")
                recs.append(obj)
                lines.append(n)
                if len(recs) == size:
                    yield _records_chunk(file, recs, lines, cols, pos)
                    pos += len(recs)
                    recs, lines = [], []
    except UnicodeDecodeError as e:
        raise CorpusError(
            f"{file}, after line {n}: not valid {encoding} text ({e.reason} at byte {e.start})"
        ) from None
    if recs and cols is not None:
        yield _records_chunk(file, recs, lines, cols, pos)


def _records_chunk(
    file: Path,
    recs: list[dict[str, Any]],
    lines: list[int],
    cols: tuple[str, str | None, str | None],
    pos0: int,
) -> _Chunk:
    tcol, icol, pcol = cols
    return _chunk(
        file,
        "line",
        lines,
        [r.get(tcol) for r in recs],
        None if icol is None else [r.get(icol) for r in recs],
        None if pcol is None else [r.get(pcol) for r in recs],
        cols,
        pos0,
    )


def _parquet_chunks(
    file: Path, size: int, text: str | None, id: str | None, published: str | None
) -> Iterator[_Chunk]:
    """Parquet by record batches, reading only the text, id and published columns."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

    try:
        pf = pq.ParquetFile(file)
    except (OSError, pa.ArrowException) as e:
        raise CorpusError(f"{file}: cannot read it as PARQUET ({type(e).__name__}: {e})") from None
    names = [str(c) for c in pf.schema_arrow.names]
    cols = _columns(file, names, text, id, published)
    wanted = list(dict.fromkeys(c for c in cols if c is not None))
    pos = 0
    try:
        for rb in pf.iter_batches(batch_size=size, columns=wanted):
            if rb.num_rows == 0:
                continue
            data = {c: rb.column(c).to_pylist() for c in wanted}
            rows = range(pos + 1, pos + rb.num_rows + 1)
            tcol, icol, pcol = cols
            yield _chunk(
                file,
                "row",
                rows,
                data[tcol],
                None if icol is None else data[icol],
                None if pcol is None else data[pcol],
                cols,
                pos,
            )
            pos += rb.num_rows
    except (OSError, pa.ArrowException) as e:
        raise CorpusError(
            f"{file}: cannot read it as PARQUET after row {pos} ({type(e).__name__}: {e})"
        ) from None


def _csv_chunks(
    file: Path, size: int, text: str | None, id: str | None, published: str | None, encoding: str
) -> Iterator[_Chunk]:
    """CSV/TSV by chunks of rows (all cells read as text, as ``read_corpus`` does)."""
    sep = "\t" if file.suffix.lower() == ".tsv" else ","
    pos = 0
    try:
        reader = pd.read_csv(
            file,
            sep=sep,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            encoding=encoding,
            chunksize=size,
        )
        with reader:
            cols: tuple[str, str | None, str | None] | None = None
            for df in reader:
                if cols is None:
                    cols = _columns(file, [str(c) for c in df.columns], text, id, published)
                df.columns = pd.Index([str(c) for c in df.columns])
                tcol, icol, pcol = cols
                rows = range(pos + 1, pos + len(df) + 1)
                yield _chunk(
                    file,
                    "row",
                    rows,
                    df[tcol].tolist(),
                    None if icol is None else df[icol].tolist(),
                    None if pcol is None else df[pcol].tolist(),
                    cols,
                    pos,
                )
                pos += len(df)
    except pd.errors.EmptyDataError:
        return
    except (UnicodeDecodeError, pd.errors.ParserError, OSError) as e:
        raise CorpusError(
            f"{file}: cannot read it as {file.suffix[1:].upper()} after row {pos} ({type(e).__name__}: {e})"
        ) from None


def _folder_files(folder: Path) -> list[Path]:
    """The .txt/.html files of a folder and its subfolders, hidden ones skipped (as ``read_corpus``)."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _folder_chunks(folder: Path, files: list[Path], size: int, encoding: str) -> Iterator[_Chunk]:
    """A folder, file by file; ``doc_id`` = the path inside the folder without suffix."""
    for lo in range(0, len(files), size):
        ids: list[str] = []
        texts: list[str | None] = []
        dates: list[str | None] = []
        for f in files[lo : lo + size]:
            t, d = _one_file(f, encoding)
            ids.append(f.relative_to(folder).with_suffix("").as_posix())
            texts.append(t)
            dates.append(d)
        yield ids, texts, dates


def _frame_chunks(df: pd.DataFrame, size: int) -> Iterator[_Chunk]:
    """A corpus already in memory (what ``read_corpus`` returns), in batches."""
    for lo in range(0, len(df), size):
        part = df.iloc[lo : lo + size]
        yield (
            [str(x) for x in part["doc_id"].tolist()],
            [None if _is_missing(x) else str(x) for x in part["text"].tolist()],
            [None if _is_missing(x) else str(x) for x in part["published"].tolist()],
        )


def _corpus_chunks(
    path: PathLike,
    size: int,
    text: str | None,
    id: str | None,
    published: str | None,
    encoding: str,
) -> tuple[Iterator[_Chunk], int | None]:
    """The batches of a corpus and its number of documents when known without reading it."""
    p = Path(path).expanduser()
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such file or folder")
    if p.is_dir():
        files = _folder_files(p)
        if not files:
            raise CorpusError(f"{p}: no .txt or .html files in this folder")
        return _folder_chunks(p, files, size, encoding), len(files)
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl_chunks(p, size, text, id, published, encoding), None
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

        try:
            n: int | None = pq.ParquetFile(p).metadata.num_rows
        except Exception:  # the reader reports it, naming the file
            n = None
        return _parquet_chunks(p, size, text, id, published), n
    if suffix in (".csv", ".tsv"):
        return _csv_chunks(p, size, text, id, published, encoding), None
    # one article (.txt/.html) or a JSON list: read whole, as read_corpus does (and checks)
    df = read_corpus(p, text=text, id=id, published=published, encoding=encoding)
    return _frame_chunks(df, size), len(df)


# ---------------------------------------------------------------------- extract_corpus
def extract_corpus(
    path: PathLike,
    out_dir: PathLike,
    *,
    text: str | None = None,
    id: str | None = None,
    published: str | None = None,
    batch_size: int = BATCH_SIZE,
    n_threads: int | None = None,
    progress: bool | None = None,
    encoding: str = "utf-8",
) -> dict[str, int]:
    """Extract a large corpus file or folder into four Parquet files, in bounded memory.

    The corpus is read incrementally (JSON Lines line by line, Parquet by record
    batches, CSV by chunks of rows, a folder file by file), extracted ``batch_size``
    documents at a time, and each batch's tables are appended to ``documents.parquet``,
    ``visits.parquet``, ``people.parquet`` and ``figures.parquet`` (one row group per
    batch). The files hold the same rows as ``vnpov.read_corpus(path).vnpov.extract()``
    would give, and read back with ``pandas.read_parquet`` or :func:`vnpov.read_result`
    with the schema's columns and dtypes.

    Parameters
    ----------
    path
        A folder of ``.txt``/``.html`` files, a JSON Lines (``.jsonl``/``.ndjson``),
        Parquet (``.parquet``/``.pq``), CSV or TSV file; the conventions of
        :func:`vnpov.read_corpus` (ids, column guessing, published dates). A single
        ``.txt``/``.html`` article or a ``.json`` list is read whole.
    out_dir
        The output folder (created when missing; existing vnpov files in it are replaced).
    text, id, published
        Column names in a table file, as in :func:`vnpov.read_corpus`. None: guessed from
        :data:`vnpov.io.TEXT_COLUMNS`, :data:`~vnpov.io.ID_COLUMNS` and
        :data:`~vnpov.io.PUBLISHED_COLUMNS` (for JSON Lines, among the first object's keys).
        Without an id column the ids are the row positions (``"0"``, ``"1"``…).
    batch_size
        Documents per batch: peak memory grows with it (about the batch's texts and
        tables, a few times its size in bytes).
    n_threads
        Worker threads (default: ``VNPOV_NUM_THREADS``, else all cores).
    progress
        A tqdm bar in documents. None (default): shown unless the corpus is known to hold
        fewer than :data:`vnpov.PROGRESS_THRESHOLD` documents.
    encoding
        Encoding of text, JSON Lines and CSV files.

    Returns
    -------
    dict of str to int
        Rows written per table: ``{"documents": …, "visits": …, "people": …, "figures": …}``.

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist.
    ValueError
        For a file that cannot be read, a row without text column or id, or a text that
        is not text; the message names the file (and the line of a JSON Lines file or the
        row of a table). Nothing is left in ``out_dir`` then: the files are written under
        temporary names and renamed at the end.
    ImportError
        Without trafilatura for HTML pages (``pip install "vnpov[html]"``).

    Notes
    -----
    Ids are not checked for uniqueness across the corpus (that would take memory growing
    with the corpus); :func:`vnpov.read_corpus` does check them. As with
    :meth:`Result.to_parquet`, a table with no rows at all loses the list of categories of
    its ``category`` columns through Parquet; :func:`vnpov.read_result` restores them.

    Examples
    --------
    >>> extract_corpus("crawl.jsonl", "out/", text="content", id="url", batch_size=20_000)
    >>> r = vnpov.read_result("out/")
    """
    import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

    from . import _core, _extract_arrow

    size = _check_batch_size(batch_size)
    chunks, total = _corpus_chunks(path, size, text, id, published, encoding)
    out = Path(out_dir).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    schemas = {t: arrow_schema(t) for t in TABLES}
    partial = {t: out / f".{t}.parquet.partial" for t in TABLES}
    counts = dict.fromkeys(TABLES, 0)
    writers: dict[str, pq.ParquetWriter] = {}
    bar = None
    done = False
    try:
        for t in TABLES:
            writers[t] = pq.ParquetWriter(partial[t], schemas[t])
        bar = _bar(total, progress, unsized=True)
        for ids, texts, dates in chunks:
            hints = dates if any(d is not None for d in dates) else None
            # a None text is a missing one (a document row with error="missing text"); the
            # tables go to Parquet as they come from Rust, without pandas
            tables, _ = _extract_arrow(texts, ids=ids, published=hints, n_threads=n_threads, progress=False)
            for t, tbl in tables.items():
                writers[t].write_table(conform(tbl, schemas[t]))
                counts[t] += tbl.num_rows
            if bar is not None:
                bar.update(len(ids))
            del tables
        for w in writers.values():
            w.close()
        for t in TABLES:
            os.replace(partial[t], out / f"{t}.parquet")
        done = True
    finally:
        if bar is not None:
            bar.close()
        _core.release_memory()
        if not done:
            for w in writers.values():
                try:
                    w.close()
                except Exception:
                    pass
            for f in partial.values():
                f.unlink(missing_ok=True)
    return counts
