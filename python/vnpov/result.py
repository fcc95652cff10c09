"""``Result``: the four tables of an extraction, and how to save, filter, show and plot them."""

from __future__ import annotations

import functools
import html
import json
import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

from ._schema import KINDS, SCHEMA, TABLES

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped,import-not-found,unused-ignore]

    from .display import Evidence
    from .plot import PlotAccessor

#: Rows shown per table by ``Result._repr_html_``.
REPR_ROWS = 5


def _empty_column(dtype: object) -> pd.Series:
    return pd.Series(pd.array([], dtype=dtype))  # type: ignore[call-overload]


def empty_table(table: str) -> pd.DataFrame:
    """An empty DataFrame with the schema of ``table``."""
    schema = SCHEMA[table]
    return pd.DataFrame({name: _empty_column(dtype) for name, dtype in schema.items()}, columns=list(schema))


def categories() -> dict[str, dict[str, list[str]]]:
    """The categories of every ``category`` column: ``{table: {column: [category, ...]}}``."""
    return {
        table: {
            name: [str(c) for c in dtype.categories]
            for name, dtype in cols.items()
            if isinstance(dtype, pd.CategoricalDtype)
        }
        for table, cols in SCHEMA.items()
    }


@functools.cache
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a vnpov table: what :meth:`Result.to_arrow` gives and Parquet holds.

    Derived from the pandas dtypes of the schema, with pandas' metadata, so that
    ``Table.to_pandas()`` gives those dtypes back (``string`` columns are
    ``large_string``, ``category`` columns dictionaries over all the categories, dates
    ``timestamp[ns]``).

    Parameters
    ----------
    table
        ``"documents"``, ``"visits"``, ``"people"`` or ``"figures"``.
    """
    if table not in TABLES:
        raise ValueError(f"no vnpov table {table!r} (tables: {', '.join(TABLES)})")
    return pa.Schema.from_pandas(empty_table(table), preserve_index=False)


def conform(data: pa.Table, schema: pa.Schema) -> pa.Table:
    """``data`` with the columns, types and metadata of ``schema`` (columns selected by name)."""
    return data.select(schema.names).cast(schema)


def _types_mapper() -> Callable[[pa.DataType], Any]:
    """pandas' nullable dtypes for the Arrow types of the tables (made at each call: the
    storage of ``string`` follows ``pd.options.mode.string_storage``)."""
    mapping = {
        pa.large_string(): pd.StringDtype(),
        pa.string(): pd.StringDtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.float64(): pd.Float64Dtype(),
    }
    return mapping.get


def build_table(table: str, data: pa.Table | pa.RecordBatch) -> pd.DataFrame:
    """A DataFrame of ``table`` with exactly the schema's columns, order and dtypes.

    ``data``: the table's columns as Arrow (``doc_id`` included; other columns ignored),
    typed as :func:`arrow_schema` says.
    """
    schema = SCHEMA[table]
    df = data.select(list(schema)).to_pandas(types_mapper=_types_mapper())
    for name, dtype in schema.items():
        # a dictionary over exactly the schema's categories converts as it is; anything
        # else (another Arrow type, other categories) is cast
        if df[name].dtype != dtype:
            df[name] = df[name].astype(dtype)  # type: ignore[call-overload]
    return df


def _json_value(v: Any) -> Any:
    """A cell as a JSON value: NA -> None, timestamps -> ISO text, numpy scalars -> Python."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp):
        return v.isoformat() if (v.hour, v.minute, v.second) != (0, 0, 0) else v.date().isoformat()
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(v) else float(v)
    return v


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    cols = list(df.columns)
    return [
        {c: _json_value(x) for c, x in zip(cols, row, strict=True)}
        for row in df.itertuples(index=False, name=None)
    ]


@dataclass
class Result:
    """What :func:`vnpov.extract` returns: four pandas DataFrames joined on ``doc_id``.

    Attributes
    ----------
    documents : pandas.DataFrame
        One row per input document, always (``error`` says why a document failed).
    visits : pandas.DataFrame
        One row per (visiting unit -> host unit) visit; tours share ``visit_id``.
    people : pandas.DataFrame
        One row per official named (name, title, unit, side, role).
    figures : pandas.DataFrame
        One number per row (long format): poverty, funding, income.

    Notes
    -----
    The columns and dtypes are those of ``shared/spec/schema.md``. A Result made by
    :func:`vnpov.extract` also keeps a reference to the input texts (not a copy), so
    that :meth:`show` can draw the evidence; it is not part of the saved tables.
    A Result pickles (texts included).
    """

    documents: pd.DataFrame
    visits: pd.DataFrame
    people: pd.DataFrame
    figures: pd.DataFrame
    _texts: Sequence[Any] | pd.Series | None = field(default=None, repr=False, compare=False)

    # ------------------------------------------------------------------ basics
    @classmethod
    def _of(cls, tables: dict[str, pd.DataFrame], texts: Sequence[Any] | pd.Series | None = None) -> Result:
        return cls(tables["documents"], tables["visits"], tables["people"], tables["figures"], _texts=texts)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The four tables by name."""
        return {t: getattr(self, t) for t in TABLES}

    def __repr__(self) -> str:
        counts = ", ".join(f"{t}={len(df)}" for t, df in self.tables().items())
        return f"vnpov.Result({counts})"

    def __len__(self) -> int:
        """The number of documents."""
        return len(self.documents)

    @property
    def has_texts(self) -> bool:
        """Whether the Result holds the input texts (for :meth:`show` without ``text``)."""
        return self._texts is not None and len(self._texts) == len(self.documents)

    def text(self, doc_id: str) -> str:
        """The input text of a document, when the Result holds the texts.

        Parameters
        ----------
        doc_id
            A value of ``documents.doc_id``.

        Raises
        ------
        KeyError
            When no document has this id.
        ValueError
            When the Result holds no texts (e.g. one read back from files).
        """
        pos = self._position(doc_id)
        if not self.has_texts:
            raise ValueError(
                "this Result holds no texts (it was read from files or built by hand): "
                "pass the article's text, e.g. result.show(doc_id, text)"
            )
        assert self._texts is not None
        t = self._texts.iloc[pos] if isinstance(self._texts, pd.Series) else self._texts[pos]
        if not isinstance(t, str):
            raise ValueError(f"document {doc_id!r} has no text ({t!r})")
        return t

    def _position(self, doc_id: str) -> int:
        hits = np.flatnonzero((self.documents["doc_id"] == str(doc_id)).to_numpy(dtype=bool, na_value=False))
        if len(hits) == 0:
            some = ", ".join(repr(x) for x in self.documents["doc_id"].head(5).tolist())
            raise KeyError(
                f"no document with doc_id {doc_id!r} (ids: {some}{', …' if len(self) > 5 else ''})"
            )
        return int(hits[0])

    # ------------------------------------------------------------------ subsets
    def filter(self, doc_ids: str | Iterable[Any]) -> Result:
        """The Result restricted to some documents, in their original order.

        Parameters
        ----------
        doc_ids
            One id or any iterable of ids (a list, a set, a Series such as
            ``r.documents.query("kind == 'visit'").doc_id``). Ids are compared as strings.

        Returns
        -------
        Result
            A new Result (fresh ``RangeIndex`` on every table); the texts of the kept
            documents come along when this Result has them.
        """
        keep = {doc_ids} if isinstance(doc_ids, str) else {str(d) for d in doc_ids}
        ids = list(keep)
        tables: dict[str, pd.DataFrame] = {}
        for name, df in self.tables().items():
            mask = df["doc_id"].isin(ids).to_numpy(dtype=bool, na_value=False)
            tables[name] = df[mask].reset_index(drop=True)
        texts: list[Any] | None = None
        if self.has_texts:
            assert self._texts is not None
            pos = np.flatnonzero(self.documents["doc_id"].isin(ids).to_numpy(dtype=bool, na_value=False))
            src = self._texts
            texts = [src.iloc[int(i)] if isinstance(src, pd.Series) else src[int(i)] for i in pos]
        return Result._of(tables, texts)

    # ------------------------------------------------------------------ saving
    def to_parquet(self, path: str | os.PathLike[str]) -> Path:
        """Write the four tables as ``documents.parquet``, ``visits.parquet``… in a folder.

        Read them back with ``pandas.read_parquet`` (same columns, dtypes and values) or
        all four at once with :func:`vnpov.read_result`.

        Parameters
        ----------
        path
            The folder (created when missing).

        Returns
        -------
        pathlib.Path
            The folder.

        Notes
        -----
        A table with no rows loses the list of categories of its ``category`` columns
        through Parquet (Parquet stores the categories with the values); read it back
        with :func:`vnpov.read_result` to get the schema's dtypes exactly.
        """
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name, df in self.tables().items():
            df.to_parquet(folder / f"{name}.parquet", index=False)
        return folder

    @overload
    def to_arrow(self, table: None = None) -> dict[str, pa.Table]: ...
    @overload
    def to_arrow(self, table: str) -> pa.Table: ...

    def to_arrow(self, table: str | None = None) -> dict[str, pa.Table] | pa.Table:
        """The tables as pyarrow Tables, e.g. for polars (``polars.from_arrow``) or DuckDB.

        Parameters
        ----------
        table
            ``"documents"``, ``"visits"``, ``"people"`` or ``"figures"``: that table; None
            (default): all four in a dict by name.

        Returns
        -------
        pyarrow.Table or dict of str to pyarrow.Table
            Each with the schema :func:`vnpov.stream.arrow_schema` gives (``large_string``
            text, dictionaries for ``category`` columns, ``timestamp[ns]`` dates, ``int64``,
            pandas' metadata), so ``Table.to_pandas()`` gives this Result's DataFrames
            back. Built from the DataFrames as they are now.

        Examples
        --------
        >>> import polars as pl
        >>> figures = pl.from_arrow(r.to_arrow("figures"))
        """
        if table is not None:
            if table not in TABLES:
                raise ValueError(f"no vnpov table {table!r} (tables: {', '.join(TABLES)})")
            return pa.Table.from_pandas(
                getattr(self, table), schema=arrow_schema(table), preserve_index=False
            )
        return {t: self.to_arrow(t) for t in TABLES}

    def to_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write the four tables as ``documents.csv``, ``visits.csv``… (UTF-8) in a folder.

        Dates are ISO (``2024-03-14``), missing values empty cells. :func:`vnpov.read_result`
        reads the folder back with the schema's dtypes.

        Parameters
        ----------
        path
            The folder (created when missing).

        Returns
        -------
        pathlib.Path
            The folder.
        """
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name, df in self.tables().items():
            df.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8")
        return folder

    def to_jsonl(self, path: str | os.PathLike[str]) -> Path:
        """Write one JSON object per document (UTF-8, one per line).

        Each line holds the document's columns and its rows of the other tables as lists::

            {"doc_id": "a1", "title": ..., "kind": "visit", ...,
             "visits": [{...}], "people": [{...}], "figures": [{...}]}

        (the rows without their ``doc_id``). Missing values are ``null``, dates ISO text.
        :func:`vnpov.read_result` reads the file back.

        Parameters
        ----------
        path
            The file to write (its folder is created when missing).

        Returns
        -------
        pathlib.Path
            The file.

        Raises
        ------
        ValueError
            When two documents share a ``doc_id`` (their rows could not be told apart).
        """
        docs = self.documents
        dup = docs["doc_id"][docs["doc_id"].duplicated()]
        if len(dup):
            raise ValueError(f"to_jsonl needs unique doc_ids; repeated: {sorted(set(dup))[:5]}")
        grouped: dict[str, dict[str, list[dict[str, Any]]]] = {t: {} for t in TABLES[1:]}
        for name in TABLES[1:]:
            for rec in _records(getattr(self, name)):
                doc = rec.pop("doc_id")
                grouped[name].setdefault(doc, []).append(rec)
        file = Path(path)
        file.parent.mkdir(parents=True, exist_ok=True)
        with file.open("w", encoding="utf-8", newline="\n") as out:
            for rec in _records(docs):
                doc = rec["doc_id"]
                for name in TABLES[1:]:
                    rec[name] = grouped[name].get(doc, [])
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return file

    # ------------------------------------------------------------------ views
    def show(self, doc_id: str, text: str | None = None) -> Evidence:
        """The article of ``doc_id`` with its visits, people and figures highlighted.

        Parameters
        ----------
        doc_id
            A value of ``documents.doc_id``.
        text
            The article's original text; default: the text this Result was extracted
            from (kept by :func:`vnpov.extract`).

        Returns
        -------
        Evidence
            Shown as HTML in Jupyter; ``.save("page.html")`` writes a standalone page.
        """
        from .display import render

        self._position(doc_id)  # KeyError for an unknown id
        if text is None:
            text = self.text(doc_id)
        return render(text, self, str(doc_id))

    @property
    def plot(self) -> PlotAccessor:
        """Plots of this Result (needs ``pip install "vnpov[plot]"``).

        ``result.plot.poverty(units=...)``: poverty-rate trajectories per unit and year;
        ``result.plot.visits()``: the visit network on longitude/latitude.
        """
        from .plot import PlotAccessor

        return PlotAccessor(self)

    def visit_graph(self) -> nx.DiGraph:
        """The visits as a directed graph: visitor unit -> host unit.

        Needs ``networkx`` (``pip install "vnpov[plot]"``).

        Returns
        -------
        networkx.DiGraph
            Nodes are units, keyed by a readable label (``"Con Cuông (Nghệ An)"``, a
            province by its name), with attributes ``name``, ``level``, ``province``,
            ``code``, ``lat``, ``lon`` (from :mod:`vnpov.gazetteer`; None when unknown).
            Edges carry ``weight`` (the number of visits), ``visits`` (a list of
            ``(doc_id, visit_id)``), ``purposes`` and ``programs`` (sets), ``first`` and
            ``last`` (the visits' first and last ``start_date``, NaT when unknown).
        """
        from .plot import visit_graph

        return visit_graph(self)

    def _repr_html_(self) -> str:
        """Counts per table and per document kind, and the first rows of each table."""
        esc = html.escape
        docs = self.documents
        kinds = docs["kind"].value_counts().reindex(KINDS, fill_value=0)
        errors = int(docs["error"].notna().sum())
        parts = [
            '<div class="vnpov-result">',
            f"<p><b>vnpov.Result</b> — {len(docs)} documents"
            + (f", {errors} with an error" if errors else "")
            + "</p>",
            '<div style="display:flex;gap:2.5em;align-items:flex-start">',
            '<table><thead><tr><th style="text-align:left">table</th><th>rows</th></tr></thead><tbody>',
        ]
        for name, df in self.tables().items():
            parts.append(f'<tr><td style="text-align:left">{esc(name)}</td><td>{len(df)}</td></tr>')
        parts.append("</tbody></table>")
        parts.append(
            '<table><thead><tr><th style="text-align:left">document kind</th><th>documents</th></tr>'
            "</thead><tbody>"
        )
        for kind, n in kinds.items():
            parts.append(f'<tr><td style="text-align:left">{esc(str(kind))}</td><td>{int(n)}</td></tr>')
        parts.append("</tbody></table></div>")
        for name, df in self.tables().items():
            more = f" (first {REPR_ROWS} of {len(df)})" if len(df) > REPR_ROWS else ""
            parts.append(f"<details open><summary><b>{esc(name)}</b>{esc(more)}</summary>")
            parts.append(df.head(REPR_ROWS).to_html(index=False, na_rep="", max_cols=20, escape=True))
            parts.append("</details>")
        parts.append("</div>")
        return "\n".join(parts)
