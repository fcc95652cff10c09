"""Extraction on Dask: each partition of a dask DataFrame of articles extracted on a worker.

>>> import dask.dataframe as dd
>>> from dask.distributed import Client
>>> client = Client()                                   # or Client("tcp://scheduler:8786")
>>> ddf = dd.read_parquet("articles/*.parquet")         # doc_id, text (and published) columns
>>> res = vnpov.dask.extract(ddf, published="published")
>>> r = res.compute()                                   # a vnpov.Result (all four tables at once)
>>> res.figures.to_parquet("out/figures/")              # or keep them lazy

Needs the ``vnpov[dask]`` extra (``dask[dataframe]``, ``distributed``); on a cluster,
vnpov must be installed on every worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from ._schema import TABLES
from .result import Result, empty_table

if TYPE_CHECKING:
    import dask.dataframe as dd  # type: ignore[import-untyped,unused-ignore]

__all__ = ["extract", "DaskResult"]


def _dask() -> Any:
    try:
        import dask
        import dask.dataframe  # noqa: F401
    except ImportError as e:
        raise ImportError(
            f'vnpov.dask needs dask, which is not installed: pip install "vnpov[dask]" ({e})'
        ) from None
    return dask


class DaskResult(NamedTuple):
    """The four tables of :func:`extract` as lazy dask DataFrames.

    Each has the exact columns and dtypes of the schema as its ``meta``. The index of
    every partition starts at 0 (use :meth:`compute`, which gives a fresh index).
    Compute the tables together (:meth:`compute`, ``dask.compute(*res)`` or
    ``res.persist()``): computed one at a time, each would extract the articles again.
    """

    documents: dd.DataFrame
    visits: dd.DataFrame
    people: dd.DataFrame
    figures: dd.DataFrame

    def tables(self) -> dict[str, dd.DataFrame]:
        """The four dask DataFrames by name."""
        return {t: getattr(self, t) for t in TABLES}

    def compute(self, **kwargs: Any) -> Result:
        """All four tables computed in one pass, as a :class:`vnpov.Result` (no texts).

        Parameters
        ----------
        **kwargs
            Passed to ``dask.compute`` (e.g. ``scheduler="processes"``).

        Returns
        -------
        Result
            The tables in the order of the partitions, each with a fresh ``RangeIndex``;
            the same rows as :func:`vnpov.extract` on the whole DataFrame.
        """
        dask = _dask()
        frames = dask.compute(*self, **kwargs)
        return Result._of({t: df.reset_index(drop=True) for t, df in zip(TABLES, frames, strict=True)})

    def persist(self, **kwargs: Any) -> DaskResult:
        """The four tables persisted (extracted once, kept in the workers' memory)."""
        dask = _dask()
        return DaskResult(*dask.persist(*self, **kwargs))


def _extract_partition(
    df: pd.DataFrame,
    text: str,
    id: str | None,
    published: str | None,
    n_threads: int | None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The four tables of one partition (runs on a worker)."""
    from . import extract

    ids = df[id].tolist() if id is not None else [str(i) for i in df.index]
    hints = df[published].tolist() if published is not None else None
    r = extract(df[text], ids=ids, published=hints, n_threads=n_threads, progress=False)
    return r.documents, r.visits, r.people, r.figures


def extract(
    ddf: dd.DataFrame,
    text: str = "text",
    id: str | None = "doc_id",
    published: str | None = None,
    *,
    n_threads: int | None = None,
) -> DaskResult:
    """Extract a dask DataFrame of articles, partition by partition, on the Dask workers.

    Parameters
    ----------
    ddf
        A ``dask.dataframe.DataFrame`` with one article per row (e.g. from
        ``dd.read_parquet``, ``dd.read_json(..., lines=True)`` or ``dd.from_pandas``).
    text
        The column of article texts (``None``/``NaN``: a document with
        ``error="missing text"``).
    id
        The column of document ids. None, or the default ``"doc_id"`` when the DataFrame
        has no such column: the index gives the ids (which should then be unique across
        partitions).
    published
        The column of publication date hints (as in :func:`vnpov.extract`), or None.
    n_threads
        Threads per partition's extraction on a worker (default: ``VNPOV_NUM_THREADS`` on
        the worker, else all cores of the worker machine). Set it to the cores per worker
        process when a machine runs several.

    Returns
    -------
    DaskResult
        ``documents``, ``visits``, ``people``, ``figures``: lazy dask DataFrames with the
        schema's exact ``meta``. Each partition is extracted once by a single task that
        gives its four tables; compute them together (``res.compute()`` gives a
        :class:`vnpov.Result`).

    Raises
    ------
    ImportError
        Without dask (``pip install "vnpov[dask]"``).
    KeyError
        When ``text`` (or an ``id``/``published`` column other than the default) is not a
        column of ``ddf``.
    TypeError
        When ``ddf`` is not a dask DataFrame.

    Examples
    --------
    >>> ddf = dd.from_pandas(vnpov.sample_corpus(), npartitions=2)
    >>> res = vnpov.dask.extract(ddf)
    >>> res.figures.groupby("indicator", observed=True).value.mean().compute()
    """
    dask = _dask()
    import dask.dataframe as dd

    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(
            f"ddf must be a dask DataFrame, not {type(ddf).__name__} "
            "(for pandas use vnpov.extract or df.vnpov.extract())"
        )
    columns = [str(c) for c in ddf.columns]
    cols = ", ".join(columns)
    if text not in columns:
        raise KeyError(f"no column {text!r} for the texts (columns: {cols})")
    if id is not None and id not in columns:
        if id != "doc_id":
            raise KeyError(f"no column {id!r} for the ids (columns: {cols})")
        id = None
    if published is not None and published not in columns:
        raise KeyError(f"no column {published!r} for the publication dates (columns: {cols})")

    keep = list(dict.fromkeys(c for c in (text, id, published) if c is not None))
    task = dask.delayed(_extract_partition, nout=len(TABLES), pure=True)
    parts = [task(p, text, id, published, n_threads) for p in ddf[keep].to_delayed()]
    frames = [
        dd.from_delayed([p[k] for p in parts], meta=empty_table(t), verify_meta=True)
        for k, t in enumerate(TABLES)
    ]
    return DaskResult(*frames)
