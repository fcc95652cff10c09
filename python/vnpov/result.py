"""``Result``: the four tables of an extraction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._schema import DT, SCHEMA, TABLES


def _column(name: str, values: list[Any], dtype: object) -> pd.Series:
    if dtype == DT:
        if name == "published":
            arr = pd.to_datetime(pd.array(values, dtype="Int64"), unit="s")
        else:
            arr = pd.to_datetime(pd.array(values, dtype="Int64"), unit="D")
        return pd.Series(arr, dtype=DT)
    return pd.Series(pd.array(values, dtype=dtype))  # type: ignore[call-overload]


def build_table(table: str, columns: dict[str, list[Any]], doc_ids: Sequence[str]) -> pd.DataFrame:
    """A DataFrame of ``table`` with exactly the schema's columns, order and dtypes."""
    schema = SCHEMA[table]
    positions = columns.get("_doc", [])
    ids = np.asarray(doc_ids, dtype=object)
    data: dict[str, pd.Series] = {}
    for name, dtype in schema.items():
        if name == "doc_id":
            values = list(ids[np.asarray(positions, dtype=np.int64)]) if len(positions) else []
        else:
            values = columns.get(name, [])
        data[name] = _column(name, values, dtype)
    return pd.DataFrame(data, columns=list(schema))


def empty_table(table: str) -> pd.DataFrame:
    """An empty DataFrame with the schema of ``table``."""
    return build_table(table, {}, [])


@dataclass
class Result:
    """What :func:`vnpov.extract` returns: four pandas DataFrames joined on ``doc_id``.

    Attributes
    ----------
    documents : one row per input document, always (``error`` says why a document failed)
    visits : one row per (visiting unit -> host unit) visit; tours share ``visit_id``
    people : one row per official named (name, title, unit, side, role)
    figures : one number per row (long format): poverty, funding, income
    """

    documents: pd.DataFrame
    visits: pd.DataFrame
    people: pd.DataFrame
    figures: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The four tables by name."""
        return {t: getattr(self, t) for t in TABLES}

    def __repr__(self) -> str:
        counts = ", ".join(f"{t}={len(df)}" for t, df in self.tables().items())
        return f"vnpov.Result({counts})"
