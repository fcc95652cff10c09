"""The ``df.vnpov`` pandas accessor, registered when :mod:`vnpov` is imported.

>>> import vnpov
>>> corpus = vnpov.read_corpus("articles/")
>>> result = corpus.vnpov.extract()              # text, doc_id, published columns
>>> result = df.vnpov.extract(text="content", id="url", published=None)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .result import Result

__all__ = ["VnpovAccessor"]


@pd.api.extensions.register_dataframe_accessor("vnpov")
class VnpovAccessor:
    """``df.vnpov``: extraction from a DataFrame of articles."""

    def __init__(self, df: pd.DataFrame) -> None:
        self._df = df

    def extract(
        self,
        text: str = "text",
        id: str | None = "doc_id",
        published: str | None = "published",
        *,
        n_threads: int | None = None,
        progress: bool | None = None,
    ) -> Result:
        """Run :func:`vnpov.extract` on a column of the DataFrame.

        Parameters
        ----------
        text
            The column of article texts.
        id
            The column of document ids. When it is absent (or None) the DataFrame's
            index gives the ids.
        published
            The column of publication date hints (``"2024-06-21"``, ``"2023-04"``, dates,
            Timestamps). When it is absent (or None) no hints are passed.
        n_threads, progress
            As in :func:`vnpov.extract`.

        Returns
        -------
        Result
            The four tables; ``result.show(doc_id)`` reads the texts from this DataFrame.

        Raises
        ------
        KeyError
            When ``text`` (or an ``id``/``published`` column other than the defaults) is
            not a column.
        """
        from . import extract

        df = self._df
        cols = ", ".join(map(str, df.columns))
        if text not in df.columns:
            raise KeyError(f"no column {text!r} for the texts (columns: {cols})")
        ids: list[Any]
        if id is not None and id in df.columns:
            ids = df[id].tolist()
        elif id is not None and id != "doc_id":
            raise KeyError(f"no column {id!r} for the ids (columns: {cols})")
        else:
            ids = [str(i) for i in df.index]
        hints: list[Any] | None = None
        if published is not None and published in df.columns:
            hints = df[published].tolist()
        elif published is not None and published != "published":
            raise KeyError(f"no column {published!r} for the publication dates (columns: {cols})")
        return extract(df[text], ids=ids, published=hints, n_threads=n_threads, progress=progress)
