"""vnpov.dask.extract on a real (local, multi-process) Dask cluster: the four tables equal the
in-process vnpov.extract result row for row, with the schema's dtypes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
import vnpov
import vnpov.dask
from conftest import EVAL
from vnpov._schema import SCHEMA, TABLES

dd = pytest.importorskip("dask.dataframe", reason='dask is not installed (pip install "vnpov[dask]")')
distributed = pytest.importorskip("dask.distributed", reason='distributed is not installed ("vnpov[dask]")')


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two worker processes, one thread each; started once for the module."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            silence_logs=40,  # logging.ERROR
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def assert_equal(res: vnpov.dask.DaskResult, want: vnpov.Result, client: Any) -> None:
    with distributed.get_task_stream(client) as stream:
        got = res.compute()
    # one task per partition gave the four tables, on the worker processes
    keys = [str(task["key"]) for task in stream.data if "_extract_partition" in str(task["key"])]
    assert len(set(keys)) == len(keys) == res.documents.npartitions, keys
    workers = {task["worker"] for task in stream.data}
    assert workers <= set(client.scheduler_info()["workers"])
    for t in TABLES:
        # the dask frames carry the schema as meta
        assert list(res.tables()[t].columns) == list(SCHEMA[t])
        assert res.tables()[t].dtypes.to_dict() == want.tables()[t].dtypes.to_dict()
        pd.testing.assert_frame_equal(got.tables()[t], want.tables()[t], obj=t)


def test_sample_corpus_on_a_cluster(client: Any) -> None:
    corpus = vnpov.sample_corpus()
    corpus["published"] = pd.array(["2024-05"] * len(corpus), dtype="string")
    ddf = dd.from_pandas(corpus, npartitions=3)
    res = vnpov.dask.extract(ddf, published="published")
    assert_equal(res, corpus.vnpov.extract(progress=False), client)


def test_dev_corpus_on_a_cluster(client: Any) -> None:
    if not (EVAL / "corpus").is_dir():
        pytest.skip("../shared/eval/corpus is not here (a user's clone)")
    corpus = vnpov.read_corpus(EVAL / "corpus")
    ddf = dd.from_pandas(corpus, npartitions=4)
    assert_equal(vnpov.dask.extract(ddf), corpus.vnpov.extract(progress=False), client)


def test_each_partition_is_extracted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = vnpov.dask._extract_partition

    def counting(df: pd.DataFrame, *args: Any) -> Any:
        calls.append(len(df))
        return real(df, *args)

    monkeypatch.setattr(vnpov.dask, "_extract_partition", counting)
    corpus = vnpov.sample_corpus()
    res = vnpov.dask.extract(dd.from_pandas(corpus, npartitions=3))
    got = res.compute(scheduler="sync")
    assert len(calls) == 3 and sum(calls) == len(corpus)
    assert len(got.documents) == len(corpus)


def test_ids_from_the_index_and_errors() -> None:
    corpus = vnpov.sample_corpus().set_index("doc_id")
    res = vnpov.dask.extract(dd.from_pandas(corpus, npartitions=2))  # no doc_id column: the index
    got = res.compute(scheduler="sync")
    pd.testing.assert_frame_equal(got.documents, vnpov.extract(corpus["text"], progress=False).documents)
    ddf = dd.from_pandas(vnpov.sample_corpus(), npartitions=1)
    with pytest.raises(KeyError, match="'body'"):
        vnpov.dask.extract(ddf, text="body")
    with pytest.raises(KeyError, match="'url'"):
        vnpov.dask.extract(ddf, id="url")
    with pytest.raises(KeyError, match="'date'"):
        vnpov.dask.extract(ddf, published="date")
    with pytest.raises(TypeError, match="dask DataFrame"):
        vnpov.dask.extract(vnpov.sample_corpus())
