"""The tables cross from Rust as Arrow: conversion to pandas, ``Result.to_arrow``, polars,
thread counts (``n_threads``, ``VNPOV_NUM_THREADS``) and safety after ``fork``."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
import vnpov
from conftest import EVAL
from vnpov import _core
from vnpov._schema import DT, SCHEMA, TABLES
from vnpov.result import arrow_schema, categories


def articles() -> tuple[list[str], list[str]]:
    """(ids, texts): the bundled sample, and the dev corpus of ../shared when it is here."""
    sample = vnpov.sample_corpus()
    ids, texts = sample["doc_id"].tolist(), sample["text"].tolist()
    corpus = EVAL / "corpus"
    if corpus.is_dir():
        for p in sorted(corpus.glob("*.txt")):
            ids.append(p.stem)
            texts.append(p.read_text(encoding="utf-8"))
    return ids, texts


def reference_table(table: str, arrow: pa.Table, ids: list[str]) -> pd.DataFrame:
    """``table`` built the way vnpov built it before Arrow: a Python list per column, each
    turned into its schema dtype by ``pd.array`` (dates from integers)."""
    cols: dict[str, pd.Series] = {}
    for name, dtype in SCHEMA[table].items():
        if name == "doc_id":
            values: list[Any] = [ids[i] for i in arrow.column("_doc").to_pylist()]
        elif dtype == DT:
            ns = arrow.column(name).cast(pa.int64()).to_pylist()
            cols[name] = pd.Series(pd.to_datetime(pd.array(ns, dtype="Int64"), unit="ns"), dtype=DT)
            continue
        elif isinstance(dtype, pd.CategoricalDtype):
            values = arrow.column(name).cast(pa.large_string()).to_pylist()
        else:
            values = arrow.column(name).to_pylist()
        cols[name] = pd.Series(pd.array(values, dtype=dtype))  # type: ignore[call-overload]
    return pd.DataFrame(cols, columns=list(SCHEMA[table]))


def test_dataframes_from_arrow_equal_the_list_built_ones() -> None:
    ids, texts = articles()
    raw = _core.extract(texts, [], 2, categories())
    r = vnpov.extract(texts, ids=ids, n_threads=2, progress=False)
    for t in TABLES:
        ref = reference_table(t, pa.table(raw[t]), ids)
        got = r.tables()[t]
        assert len(got) == len(ref) and (t == "documents" or len(got) > 0), t
        assert got.dtypes.to_dict() == ref.dtypes.to_dict(), t
        pd.testing.assert_frame_equal(got, ref, check_exact=True)


def test_rust_builds_categories_as_dictionaries_over_the_schema_categories() -> None:
    raw = _core.extract(["Tỷ lệ hộ nghèo còn 9,15% năm 2023."], [], 1, categories())
    for t in TABLES:
        schema = pa.table(raw[t]).schema
        for name, dtype in SCHEMA[t].items():
            if isinstance(dtype, pd.CategoricalDtype):
                field = schema.field(name)
                assert pa.types.is_dictionary(field.type), f"{t}.{name}"
        # the types the Parquet files and to_arrow() have
        assert schema.remove(0).equals(arrow_schema(t).remove(0), check_metadata=False), t


def test_without_categories_the_columns_are_strings_and_still_convert() -> None:
    raw = _core.extract(["Tỷ lệ hộ nghèo còn 9,15% năm 2023."], [], 1)
    fig = pa.table(raw["figures"])
    assert fig.schema.field("indicator").type == pa.large_string()
    fig = fig.set_column(0, "doc_id", pa.array(["a"] * fig.num_rows, pa.large_string()))
    df = vnpov.result.build_table("figures", fig)
    assert df["indicator"].dtype == SCHEMA["figures"]["indicator"]
    assert df["indicator"].tolist() == ["poor_household_rate"]


def test_to_arrow_round_trips_to_the_same_dataframes() -> None:
    ids, texts = articles()
    r = vnpov.extract(texts[:20], ids=ids[:20], progress=False)
    tables = r.to_arrow()
    assert list(tables) == list(TABLES)
    for t, tbl in tables.items():
        assert tbl.schema.equals(arrow_schema(t), check_metadata=True), t
        pd.testing.assert_frame_equal(tbl.to_pandas(), r.tables()[t], check_exact=True)
    assert r.to_arrow("figures").equals(tables["figures"])
    empty = vnpov.extract([]).to_arrow("visits")
    assert empty.num_rows == 0 and empty.schema.equals(arrow_schema("visits"))
    with pytest.raises(ValueError, match="no vnpov table 'visit'"):
        r.to_arrow("visit")


def test_polars_reads_the_tables() -> None:
    pl = pytest.importorskip("polars", reason="polars is not installed (it is in the test extra)")
    r = vnpov.extract(vnpov.sample_corpus()["text"], progress=False)
    fig = pl.from_arrow(r.to_arrow("figures"))
    assert isinstance(fig, pl.DataFrame)
    assert fig.columns == list(SCHEMA["figures"])
    assert fig.height == len(r.figures) > 0
    assert fig["indicator"].dtype == pl.Categorical
    assert fig["indicator"].cast(pl.String).to_list() == r.figures["indicator"].astype(str).tolist()
    assert fig["value"].to_list() == r.figures["value"].tolist()
    visits = pl.DataFrame(r.to_arrow()["visits"])
    assert visits["start_date"].dtype == pl.Datetime("ns")
    assert visits["start_date"].to_list() == [x.to_pydatetime() for x in r.visits["start_date"]]


# ------------------------------------------------------------------------------ threads
def test_num_threads_comes_from_the_argument_the_variable_or_the_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VNPOV_NUM_THREADS", raising=False)
    assert _core.num_threads() == len(os.sched_getaffinity(0))
    monkeypatch.setenv("VNPOV_NUM_THREADS", " 3 ")
    assert _core.num_threads() == 3
    assert _core.num_threads(1) == 1
    monkeypatch.setenv("VNPOV_NUM_THREADS", "")
    assert _core.num_threads() == len(os.sched_getaffinity(0))


@pytest.mark.parametrize("bad", ["0", "-2", "two", "1.5"])
def test_a_bad_thread_variable_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("VNPOV_NUM_THREADS", bad)
    for texts in (["Ngày 14/3/2024"], []):
        with pytest.raises(
            ValueError, match=rf'VNPOV_NUM_THREADS must be a positive integer.* not "{re.escape(bad)}"'
        ):
            vnpov.extract(texts)
    # an explicit n_threads does not read the variable
    assert len(vnpov.extract(["x"], n_threads=1).documents) == 1


def test_one_two_and_variable_threads_give_the_same_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    ids, texts = articles()
    one = vnpov.extract(texts, ids=ids, n_threads=1, progress=False)
    monkeypatch.setenv("VNPOV_NUM_THREADS", "2")
    for r in (
        vnpov.extract(texts, ids=ids, n_threads=2, progress=False),
        vnpov.extract(texts, ids=ids, progress=False),
    ):
        for t in TABLES:
            pd.testing.assert_frame_equal(r.tables()[t], one.tables()[t], check_exact=True)
    assert len(one.figures) > 0


def run_script(script: Path, env: dict[str, str]) -> tuple[int | None, str]:
    """Run ``script`` in a fresh interpreter and session: (exit code, end of stderr), or
    (None, "deadlock") when it has not ended after 300 s (its processes are then killed,
    forked children included)."""
    p = subprocess.Popen(
        [sys.executable, "-W", "ignore::DeprecationWarning", str(script)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    try:
        _, err = p.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return None, "deadlock: the script did not end within 300 s"
    return p.returncode, err.decode(errors="replace")[-2000:]


FORK_SCRIPT = textwrap.dedent(
    """
    import os, sys
    import pandas as pd
    import vnpov

    texts = vnpov.sample_corpus()["text"].tolist() * 3

    def tables(**kw):
        r = vnpov.extract(texts, progress=False, **kw)
        return [len(df) for df in r.tables().values()], r

    before, ref = tables()           # the default pool, then one of 2 threads
    tables(n_threads=2)
    pid = os.fork()
    if pid == 0:
        ok = True
        for kw in ({}, {"n_threads": 2}, {"n_threads": 1}):
            n, r = tables(**kw)
            ok = ok and n == before and r.figures.equals(ref.figures)
        os._exit(0 if ok else 3)
    _, status = os.waitpid(pid, 0)
    # the parent's pools still work after the fork
    after, _ = tables()
    sys.exit(os.waitstatus_to_exitcode(status) or (0 if after == before else 4))
    """
)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_a_forked_child_can_extract_after_its_parent_did(tmp_path: Path) -> None:
    # in a fresh interpreter: forking the test process itself (with its threads) is not
    # what is tested; a deadlock shows as the timeout
    script = tmp_path / "fork.py"
    script.write_text(FORK_SCRIPT, encoding="utf-8")
    code, err = run_script(script, {**os.environ, "VNPOV_NUM_THREADS": "2"})
    assert code == 0, err


MP_SCRIPT = textwrap.dedent(
    """
    import multiprocessing as mp
    import vnpov

    def count(texts):
        return len(vnpov.extract(texts, progress=False).figures)

    if __name__ == "__main__":
        texts = vnpov.sample_corpus()["text"].tolist()
        n = count(texts)
        with mp.get_context("fork").Pool(2) as pool:
            got = pool.map(count, [texts] * 4)
        assert got == [n] * 4, (got, n)
    """
)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_a_fork_pool_of_workers_extracts_after_the_parent_did(tmp_path: Path) -> None:
    script = tmp_path / "mp.py"
    script.write_text(MP_SCRIPT, encoding="utf-8")
    code, err = run_script(script, dict(os.environ))
    assert code == 0, err
