"""Reading corpora (folders of articles, JSONL, CSV, Parquet) and saved results."""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ._schema import DT, SCHEMA, TABLES
from .result import Result

__all__ = ["read_corpus", "read_result", "html_to_text", "TEXT_COLUMNS", "ID_COLUMNS", "PUBLISHED_COLUMNS"]

PathLike = str | os.PathLike[str]

#: Column names tried, in order (case-insensitive), when ``text=None``.
TEXT_COLUMNS = ("text", "content", "body", "article", "noi_dung")
#: Column names tried, in order (case-insensitive), when ``id=None``.
ID_COLUMNS = ("doc_id", "id", "docid", "document_id")
#: Column names tried, in order (case-insensitive), when ``published=None``.
PUBLISHED_COLUMNS = ("published", "date", "date_hint", "published_at", "publish_date", "pub_date")

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet", ".pq")

CORPUS_COLUMNS = {"doc_id": "string", "text": "string", "published": "string", "source": "string"}

_ISO = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T ].*)?$")
_DMY = re.compile(r"^(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})(?:[T ,].*)?$")


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message names the file."""


# ---------------------------------------------------------------------- dates
def _iso_date(value: Any) -> str | None:
    """A published value as an ISO date text (``2024-06-21``, ``2024-06``, ``2024``), or None.

    Accepts ISO texts (with or without a time), Vietnamese day-first texts
    (``21/06/2024``, ``06/2024``), dates, datetimes and Timestamps. Raises ValueError
    for anything else.
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date)):
        return value.isoformat()[:10]
    if isinstance(value, str):
        s = value.strip()
        if not s:
            return None
        m = _ISO.match(s)
        if m:
            y, mo, d = m.group(1), m.group(2), m.group(3)
            parts = [y] + [f"{int(x):02d}" for x in (mo, d) if x]
            out = "-".join(parts)
        else:
            m = _DMY.match(s)
            if not m:
                raise ValueError(f"cannot read {value!r} as a date (use 2024-06-21, 2024-06 or 21/06/2024)")
            d, mo, y = m.group(1), m.group(2), m.group(3)
            out = f"{y}-{int(mo):02d}" + (f"-{int(d):02d}" if d else "")
        # validate what was read
        bits = [int(x) for x in out.split("-")]
        try:
            _dt.date(bits[0], bits[1] if len(bits) > 1 else 1, bits[2] if len(bits) > 2 else 1)
        except ValueError:
            raise ValueError(f"{value!r} is not a valid date") from None
        return out
    raise ValueError(f"cannot read a {type(value).__name__} ({value!r}) as a date")


def _dates(values: Sequence[Any], file: Path, column: str) -> list[str | None]:
    out: list[str | None] = []
    bad: list[str] = []
    for v in values:
        try:
            out.append(_iso_date(v))
        except ValueError:
            out.append(None)
            bad.append(repr(v))
    if bad:
        warnings.warn(
            f"{file}: {len(bad)} value(s) of column {column!r} are not dates and were left empty "
            f"(first: {bad[0]}); use ISO dates (2024-06-21, 2024-06) or 21/06/2024",
            UserWarning,
            stacklevel=3,
        )
    return out


# ---------------------------------------------------------------------- single files
def _read_text_file(file: Path, encoding: str) -> str:
    try:
        return file.read_text(encoding=encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        raise CorpusError(f"{file}: not valid {encoding} text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise CorpusError(f"{file}: cannot read it ({e.strerror or e})") from None


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError as e:
        raise ImportError(
            "reading HTML pages needs trafilatura (main-text extraction), which is not installed: "
            f'pip install "vnpov[html]"   ({e})'
        ) from None
    return trafilatura


def html_to_text(page: str | bytes, *, source: str = "<html>") -> tuple[str | None, str | None]:
    """The main text and the date of an HTML page, with trafilatura.

    Parameters
    ----------
    page
        The page (bytes are decoded by trafilatura from the page's own charset).
    source
        A name for error messages.

    Returns
    -------
    (str or None, str or None)
        The article text (its title as the first line when trafilatura found one and the
        text does not already start with it; None when the page has no main text) and the
        page's date as ISO text (``2024-03-16``; None when the page has none).

    Raises
    ------
    ImportError
        When trafilatura is not installed (``pip install "vnpov[html]"``).
    """
    traf = _trafilatura()
    try:
        doc = traf.bare_extraction(
            page,
            deduplicate=False,  # no state shared across calls: the same page gives the same text
            with_metadata=True,
            include_comments=False,
            include_tables=True,
        )
    except Exception as e:  # trafilatura raises many kinds on broken markup
        raise CorpusError(f"{source}: cannot read the HTML page ({type(e).__name__}: {e})") from None
    if doc is None:
        return None, None
    fields: dict[str, Any] = (
        dict(doc) if isinstance(doc, dict) else {k: getattr(doc, k, None) for k in ("text", "title", "date")}
    )
    text, title, date = fields.get("text"), fields.get("title"), fields.get("date")
    if isinstance(text, str):
        text = text.strip()
    if not text:
        return None, _safe_date(date)
    if isinstance(title, str) and title.strip() and not text.startswith(title.strip()):
        text = f"{title.strip()}\n{text}"
    return text, _safe_date(date)


def _safe_date(date: Any) -> str | None:
    try:
        return _iso_date(date)
    except ValueError:
        return None


def _read_html_file(file: Path) -> tuple[str | None, str | None]:
    try:
        page = file.read_bytes()
    except OSError as e:
        raise CorpusError(f"{file}: cannot read it ({e.strerror or e})") from None
    text, date = html_to_text(page, source=str(file))
    if text is None:
        warnings.warn(f"{file}: no main text found in the HTML page; its text is left empty", stacklevel=4)
    return text, date


def _find_column(
    columns: Sequence[str], wanted: str | None, guesses: Sequence[str], what: str, file: Path
) -> str | None:
    if wanted is not None:
        if wanted in columns:
            return wanted
        raise CorpusError(
            f"{file}: no column {wanted!r} for the {what} (columns: {', '.join(map(str, columns))})"
        )
    lower = {str(c).lower(): c for c in columns}
    for g in guesses:
        if g in lower:
            return str(lower[g])
    return None


def _json_line(file: Path, n: int, raw: str) -> dict[str, Any] | None:
    """Line ``n`` of a JSONL file as an object; None for a blank line."""
    line = raw.strip().removeprefix("\ufeff")
    if not line:
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise CorpusError(f"{file}, line {n}: not JSON ({e.msg})") from None
    if not isinstance(obj, dict):
        raise CorpusError(f"{file}, line {n}: expected a JSON object, got {type(obj).__name__}")
    return obj


def _read_jsonl(file: Path, encoding: str) -> tuple[pd.DataFrame, list[int]]:
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    try:
        with file.open(encoding=encoding) as f:
            for n, raw in enumerate(f, 1):
                obj = _json_line(file, n, raw)
                if obj is None:
                    continue
                rows.append(obj)
                lines.append(n)
    except UnicodeDecodeError as e:
        raise CorpusError(f"{file}: not valid {encoding} text ({e.reason} at byte {e.start})") from None
    return pd.DataFrame.from_records(rows) if rows else pd.DataFrame(), lines


def _read_json(file: Path, encoding: str) -> tuple[pd.DataFrame, list[int]]:
    try:
        data = json.loads(_read_text_file(file, encoding))
    except json.JSONDecodeError as e:
        raise CorpusError(f"{file}: not JSON ({e.msg}, line {e.lineno})") from None
    if isinstance(data, dict):
        # {"doc_id": [...], "text": [...]} or {"records": [...]}
        if all(isinstance(v, list) for v in data.values()):
            df = pd.DataFrame(data)
            return df, list(range(1, len(df) + 1))
        raise CorpusError(f"{file}: expected a list of objects (one per document) or JSON Lines")
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise CorpusError(f"{file}: expected a list of objects (one per document) or JSON Lines")
    return pd.DataFrame.from_records(data), list(range(1, len(data) + 1))


def _read_table(file: Path, encoding: str) -> tuple[pd.DataFrame, list[int]]:
    suffix = file.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _read_jsonl(file, encoding)
    if suffix == ".json":
        return _read_json(file, encoding)
    try:
        if suffix in (".csv", ".tsv"):
            df = pd.read_csv(
                file,
                sep="\t" if suffix == ".tsv" else ",",
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                encoding=encoding,
            )
        else:
            try:
                df = pd.read_parquet(file)
            except ImportError as e:
                raise ImportError(
                    f'{file}: reading Parquet needs pyarrow: pip install "vnpov[parquet]" ({e})'
                ) from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, OSError, ValueError) as e:
        if isinstance(e, pd.errors.EmptyDataError):
            return pd.DataFrame(), []
        raise CorpusError(
            f"{file}: cannot read it as {suffix[1:].upper()} ({type(e).__name__}: {e})"
        ) from None
    return df, list(range(1, len(df) + 1))


def _id_text(v: Any) -> str | None:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    s = str(v).strip()
    return s or None


def _table_corpus(
    file: Path, encoding: str, text: str | None, id: str | None, published: str | None
) -> pd.DataFrame:
    df, rows = _read_table(file, encoding)
    if df.empty and not len(df.columns):
        return _frame([], [], [], [])
    cols = [str(c) for c in df.columns]
    df.columns = pd.Index(cols)
    tcol = _find_column(cols, text, TEXT_COLUMNS, "text", file)
    if tcol is None:
        raise CorpusError(
            f"{file}: no text column found (tried {', '.join(TEXT_COLUMNS)}; columns: {', '.join(cols)}); "
            "name it with text=..."
        )
    icol = _find_column(cols, id, ID_COLUMNS, "ids", file)
    pcol = _find_column(cols, published, PUBLISHED_COLUMNS, "publication dates", file)
    texts: list[str | None] = []
    for v, row in zip(df[tcol].tolist(), rows, strict=True):
        if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            texts.append(None)
        elif isinstance(v, str):
            texts.append(v)
        else:
            raise CorpusError(f"{file}, row {row}: the text ({tcol!r}) is {type(v).__name__}, not text")
    if icol is None:
        ids: list[str] = [str(i) for i in range(len(df))]
    else:
        ids = []
        for v, row in zip(df[icol].tolist(), rows, strict=True):
            s = _id_text(v)
            if s is None:
                raise CorpusError(f"{file}, row {row}: the id ({icol!r}) is missing")
            ids.append(s)
    dates: list[str | None] = _dates(df[pcol].tolist(), file, pcol) if pcol is not None else [None] * len(df)
    where = "line" if file.suffix.lower() in (".jsonl", ".ndjson") else "row"
    sources = [f"{file}:{where} {r}" for r in rows]
    return _frame(ids, texts, dates, sources)


def _folder_corpus(folder: Path, encoding: str) -> pd.DataFrame:
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    if not files:
        raise CorpusError(f"{folder}: no .txt or .html files in this folder")
    ids: list[str] = []
    texts: list[str | None] = []
    dates: list[str | None] = []
    for f in files:
        t, d = _one_file(f, encoding)
        ids.append(f.relative_to(folder).with_suffix("").as_posix())
        texts.append(t)
        dates.append(d)
    return _frame(ids, texts, dates, [str(f) for f in files])


def _one_file(file: Path, encoding: str) -> tuple[str | None, str | None]:
    if file.suffix.lower() in HTML_SUFFIXES:
        return _read_html_file(file)
    return _read_text_file(file, encoding), None


def _frame(
    ids: list[str], texts: list[str | None], dates: list[str | None], sources: list[str]
) -> pd.DataFrame:
    data: dict[str, list[Any]] = {"doc_id": ids, "text": texts, "published": dates, "source": sources}
    return pd.DataFrame({c: pd.Series(data[c], dtype="string") for c in CORPUS_COLUMNS})


def _read_one(
    path: PathLike, text: str | None, id: str | None, published: str | None, encoding: str
) -> pd.DataFrame:
    p = Path(path).expanduser()
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such file or folder")
    if p.is_dir():
        return _folder_corpus(p, encoding)
    suffix = p.suffix.lower()
    if suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
        t, d = _one_file(p, encoding)
        return _frame([p.stem], [t], [d], [str(p)])
    if suffix in TABLE_SUFFIXES:
        return _table_corpus(p, encoding, text, id, published)
    raise CorpusError(
        f"{p}: unknown kind of file {suffix or '(no suffix)'}; expected a folder, "
        f"{', '.join(TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES)}"
    )


def read_corpus(
    path: PathLike | Sequence[PathLike],
    text: str | None = None,
    id: str | None = None,
    published: str | None = None,
    *,
    encoding: str = "utf-8",
) -> pd.DataFrame:
    """Read articles into a DataFrame ready for :func:`vnpov.extract` (or ``df.vnpov.extract()``).

    Parameters
    ----------
    path
        One of, or a list of:

        * a folder: every ``.txt`` and ``.html``/``.htm`` file in it and its subfolders
          (hidden ones skipped), ``doc_id`` = the path inside the folder without suffix;
        * a ``.txt`` or ``.html`` file: one article, ``doc_id`` = the file name without suffix;
        * a table of articles: JSON Lines (``.jsonl``/``.ndjson``), a JSON list of objects
          (``.json``), ``.csv``, ``.tsv`` or ``.parquet``, one article per row.

        HTML pages are reduced to their main text with trafilatura (``pip install
        "vnpov[html]"``); the page's date, when it has one, becomes ``published``.
    text, id, published
        Column names in a table file. None: the first present (case-insensitive) of
        :data:`TEXT_COLUMNS` (``text``, ``content``, ``body``…), :data:`ID_COLUMNS`
        (``doc_id``, ``id``…) and :data:`PUBLISHED_COLUMNS` (``published``, ``date``…).
        Without an id column the ids are the row positions (``"0"``, ``"1"``…); without a
        published column ``published`` is empty.
    encoding
        Encoding of text, CSV and JSON files (HTML pages carry their own).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``text``, ``published`` (ISO date text: ``2024-06-21``,
        ``2024-06``; read from ISO or day-first ``21/06/2024`` values; missing when
        unknown) and ``source`` (the file, and for table files ``:row N`` / ``:line N``),
        all of pandas ``string`` dtype. Missing texts stay missing (the extraction gives
        such a document ``error="missing text"``).

    Raises
    ------
    FileNotFoundError
        When a path does not exist.
    ValueError
        For a file that cannot be read, a table without a text column, a missing id,
        or ids repeated across the corpus; the message names the file.
    ImportError
        For HTML without trafilatura or Parquet without pyarrow, saying what to install.

    Examples
    --------
    >>> corpus = vnpov.read_corpus("articles/")                 # .txt / .html files
    >>> corpus = vnpov.read_corpus("crawl.jsonl", text="content", id="url")
    >>> result = corpus.vnpov.extract()
    """
    paths: list[PathLike] = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    if not paths:
        raise ValueError("read_corpus needs at least one path")
    frames = [_read_one(p, text, id, published, encoding) for p in paths]
    out = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    dup = out["doc_id"].duplicated(keep=False)
    if dup.any():
        first = out["doc_id"][dup].iloc[0]
        srcs = out.loc[out["doc_id"] == first, "source"].tolist()
        raise CorpusError(
            f"{int(dup.sum())} documents share a doc_id, e.g. {first!r} in {', '.join(srcs[:3])}; "
            "ids must be unique (name another column with id=..., or read the files separately)"
        )
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------- results
def _coerce(table: str, df: pd.DataFrame, file: Path) -> pd.DataFrame:
    """Columns read from CSV/JSON as the schema's dtypes."""
    schema = SCHEMA[table]
    missing = [c for c in schema if c not in df.columns]
    if missing:
        raise CorpusError(f"{file}: not a vnpov {table} table (missing columns: {', '.join(missing)})")
    data: dict[str, Any] = {}
    for name, dtype in schema.items():
        col = df[name]
        try:
            if dtype == DT:
                data[name] = pd.to_datetime(col.astype("string"), format="ISO8601").astype("datetime64[ns]")
            elif dtype in ("Int64", "Float64"):
                data[name] = pd.to_numeric(col.astype("string")).astype(str(dtype))  # type: ignore[call-overload,unused-ignore]
            elif dtype == "boolean":
                data[name] = col.map(
                    lambda v: None if _id_text(v) is None else str(v).strip().lower() in ("true", "1")
                ).astype("boolean")
            elif dtype == "string":
                data[name] = pd.Series([_str_cell(v) for v in col.tolist()], dtype="string")
            else:
                data[name] = pd.Series([_str_cell(v) for v in col.tolist()], dtype="object").astype(dtype)  # type: ignore[call-overload,unused-ignore]
        except (ValueError, TypeError) as e:
            raise CorpusError(f"{file}: column {name!r} does not read as {dtype} ({e})") from None
    return pd.DataFrame(data, columns=list(schema))


def _str_cell(v: Any) -> str | None:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    return str(v)


def read_result(path: PathLike) -> Result:
    """Read back what :meth:`Result.to_parquet`, :meth:`Result.to_csv` or :meth:`Result.to_jsonl` wrote.

    Parameters
    ----------
    path
        A folder with ``documents.parquet``… or ``documents.csv``… (Parquet is preferred
        when both are there), or a ``.jsonl`` file.

    Returns
    -------
    Result
        The four tables with the schema's columns and dtypes (no texts).

    Raises
    ------
    FileNotFoundError
        When the folder has none of the files.
    ValueError
        When a file is not a vnpov table; the message names it.
    """
    p = Path(path)
    if p.is_file():
        return _read_result_jsonl(p)
    if not p.is_dir():
        raise FileNotFoundError(f"{p}: no such file or folder")
    for ext in ("parquet", "csv"):
        files = {t: p / f"{t}.{ext}" for t in TABLES}
        if not any(f.exists() for f in files.values()):
            continue
        tables: dict[str, pd.DataFrame] = {}
        for t, f in files.items():
            if not f.exists():
                raise FileNotFoundError(f"{f}: missing (the folder has other vnpov tables)")
            if ext == "parquet":
                raw = pd.read_parquet(f)
                tables[t] = _coerce(t, raw, f) if len(raw) == 0 else _exact(t, raw, f)
            else:
                raw = pd.read_csv(f, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
                tables[t] = _coerce(t, raw, f)
        return Result._of(tables)
    raise FileNotFoundError(f"{p}: no documents.parquet or documents.csv here")


def _exact(table: str, df: pd.DataFrame, file: Path) -> pd.DataFrame:
    """A Parquet table as written by vnpov: check the columns, set the schema's dtypes."""
    if list(df.columns) != list(SCHEMA[table]):
        return _coerce(table, df, file)
    return df.astype(SCHEMA[table])  # type: ignore[arg-type]


def _read_result_jsonl(file: Path) -> Result:
    docs: list[dict[str, Any]] = []
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES[1:]}
    with file.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise CorpusError(f"{file}, line {n}: not JSON ({e.msg})") from None
            doc_id = rec.get("doc_id")
            for t in TABLES[1:]:
                for r in rec.pop(t, []) or []:
                    rows[t].append({"doc_id": doc_id, **r})
            docs.append(rec)
    tables = {"documents": _coerce("documents", _records_frame(docs, "documents"), file)}
    for t in TABLES[1:]:
        tables[t] = _coerce(t, _records_frame(rows[t], t), file)
    return Result._of(tables)


def _records_frame(records: list[dict[str, Any]], table: str) -> pd.DataFrame:
    cols = list(SCHEMA[table])
    return pd.DataFrame({c: pd.Series([r.get(c) for r in records], dtype=object) for c in cols})
