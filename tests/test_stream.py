"""Streaming: extract_batches (lazy batches of any iterable) and extract_corpus (a large corpus
file or folder -> four Parquet files in bounded memory). Fixture texts are our own (fictional)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import vnpov
from vnpov._schema import SCHEMA, TABLES
from vnpov.io import CorpusError
from vnpov.stream import arrow_schema, extract_batches, extract_corpus

pytest.importorskip("pyarrow", reason="pyarrow is not installed (it is in the test extra)")

# Our own text, in the style of a district portal (fictional people and numbers).
STUDY = (
    "Huyện Bắc Hà học tập kinh nghiệm giảm nghèo tại huyện Mộc Châu\n"
    "Ngày 5/4, Đoàn công tác huyện Bắc Hà, tỉnh Lào Cai do đồng chí Vàng Seo Tỉnh – Phó Chủ tịch "
    "UBND huyện làm trưởng đoàn đã đến học tập kinh nghiệm thực hiện Chương trình MTQG giảm nghèo "
    "bền vững tại huyện Mộc Châu. Năm 2023, tỷ lệ hộ nghèo của huyện Mộc Châu còn 6,8%, giảm 2,1% "
    "so với năm 2022.\n"
)
REPORT = (
    "Xã Tân Lập tổng kết công tác giảm nghèo năm 2023\n"
    "Năm 2023, toàn xã có 312 hộ nghèo, chiếm 14,5%; thu nhập bình quân đầu người đạt 38 triệu "
    "đồng/người/năm.\n"
)
NOTHING = "Thông báo lịch tiếp công dân tháng 5 của UBND huyện.\n"


def corpus_texts() -> list[str]:
    """The bundled sample (ours) and the texts above, each copy made distinct."""
    base = vnpov.sample_corpus()["text"].tolist() + [STUDY, REPORT, NOTHING]
    return [f"{t}\n[{k}]" for k in range(2) for t in base]


def concat(results: list[vnpov.Result]) -> dict[str, pd.DataFrame]:
    return {t: pd.concat([r.tables()[t] for r in results], ignore_index=True) for t in TABLES}


def assert_same(got: dict[str, pd.DataFrame], want: vnpov.Result) -> None:
    for t in TABLES:
        pd.testing.assert_frame_equal(got[t], want.tables()[t], obj=t)


def read_back(out: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(out / f"{t}.parquet") for t in TABLES}


def assert_schema_dtypes(df: pd.DataFrame, table: str) -> None:
    assert list(df.columns) == list(SCHEMA[table])
    for c, dtype in SCHEMA[table].items():
        assert df[c].dtype == dtype, (table, c, df[c].dtype, dtype)


# ---------------------------------------------------------------------- extract_batches
def test_batches_equal_one_extract_row_for_row() -> None:
    texts = corpus_texts()
    one = vnpov.extract(texts, progress=False)
    batches = list(extract_batches(texts, batch_size=4))
    assert [len(r) for r in batches] == [4] * (len(texts) // 4) + ([len(texts) % 4] if len(texts) % 4 else [])
    assert_same(concat(batches), one)
    assert batches[1].documents["doc_id"].tolist() == ["4", "5", "6", "7"]  # global positions


def test_generator_input_is_consumed_lazily() -> None:
    texts = corpus_texts()
    pulled: list[int] = []

    def gen() -> Iterator[str]:
        for i, t in enumerate(texts):
            pulled.append(i)
            yield t

    it = extract_batches(gen(), batch_size=5)
    first = next(it)
    assert len(first) == 5 and len(pulled) == 5  # only the first batch was read
    rest = list(it)
    assert_same(concat([first, *rest]), vnpov.extract(texts, progress=False))


def test_ids_and_published_stay_aligned() -> None:
    texts = [STUDY, REPORT, NOTHING, None, STUDY.replace("Ngày 5/4", "Ngày 6/4")]
    ids = [f"art-{i}" for i in range(len(texts))]
    pub = ["2024-04-10", None, dt.date(2023, 1, 2), None, pd.Timestamp("2022-04-30")]
    want = vnpov.extract(texts, ids=ids, published=pub, progress=False)  # type: ignore[arg-type]
    got = list(extract_batches(texts, ids=iter(ids), published=iter(pub), batch_size=2))
    assert_same(concat(got), want)
    assert want.documents.loc[3, "error"] == "missing text"
    # the year of "Ngày 5/4" comes from each document's own hint
    assert want.visits["start_date"].dt.year.dropna().tolist() == [2024, 2022]
    # one hint for all
    got = list(extract_batches(texts, ids=ids, published="2021-05", batch_size=3))
    assert_same(concat(got), vnpov.extract(texts, ids=ids, published="2021-05", progress=False))  # type: ignore[arg-type]


def test_series_index_gives_the_ids() -> None:
    s = pd.Series([STUDY, REPORT, NOTHING], index=["x", "y", "z"])
    got = list(extract_batches(s, batch_size=2))
    assert_same(concat(got), vnpov.extract(s, progress=False))
    assert got[1].documents["doc_id"].tolist() == ["z"]


def test_misaligned_ids_or_published_raise() -> None:
    with pytest.raises(ValueError, match="ids has 2 values"):
        list(extract_batches([STUDY, REPORT, NOTHING], ids=["a", "b"], batch_size=2))
    with pytest.raises(ValueError, match="ids has more values"):
        list(extract_batches([STUDY, REPORT], ids=["a", "b", "c"], batch_size=2))
    with pytest.raises(ValueError, match="published has more values"):
        list(extract_batches([STUDY], published=["2024", "2023"]))
    with pytest.raises(ValueError, match="batch_size"):
        list(extract_batches([STUDY], batch_size=0))
    with pytest.raises(TypeError, match="bytes"):
        list(extract_batches([STUDY.encode()]))


def test_empty_input_yields_nothing() -> None:
    assert list(extract_batches([])) == []
    assert list(extract_batches(iter([]), ids=iter([]))) == []


# ---------------------------------------------------------------------- extract_corpus
def write_jsonl(file: Path, texts: list[str | None]) -> None:
    with file.open("w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            rec: dict[str, object] = {"doc_id": f"d{i:03d}", "text": t, "title": "x"}
            if i % 3 == 0:
                rec["published"] = "15/04/2024" if i % 2 else "2023-04"
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if i == 2:
                f.write("\n")  # blank lines are skipped


def check_corpus(path: Path, out: Path, counts: dict[str, int]) -> None:
    """The written files equal read_corpus + extract, with the schema's dtypes."""
    want = vnpov.read_corpus(path).vnpov.extract(progress=False)
    got = read_back(out)
    assert counts == {t: len(df) for t, df in want.tables().items()}
    for t in TABLES:
        assert len(want.tables()[t]) > 0, t  # the fixtures give rows in every table
        assert_schema_dtypes(got[t], t)
    assert_same(got, want)
    assert_same(vnpov.read_result(out).tables(), want)


def test_corpus_jsonl(tmp_path: Path) -> None:
    texts: list[str | None] = list(corpus_texts())
    texts.insert(5, None)  # a missing text
    write_jsonl(tmp_path / "c.jsonl", texts)
    counts = extract_corpus(tmp_path / "c.jsonl", tmp_path / "out", batch_size=4, progress=False)
    check_corpus(tmp_path / "c.jsonl", tmp_path / "out", counts)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{t}.parquet" for t in TABLES)


def test_corpus_parquet_guesses_columns(tmp_path: Path) -> None:
    texts = corpus_texts()
    df = pd.DataFrame(
        {
            "id": range(100, 100 + len(texts)),
            "content": texts,
            "date": [pd.Timestamp("2024-03-01") if i % 2 else None for i in range(len(texts))],
            "other": "x",
        }
    )
    df.to_parquet(tmp_path / "c.parquet", row_group_size=5, index=False)
    counts = extract_corpus(tmp_path / "c.parquet", tmp_path / "out", batch_size=3, progress=False)
    check_corpus(tmp_path / "c.parquet", tmp_path / "out", counts)
    assert read_back(tmp_path / "out")["documents"]["doc_id"].iloc[0] == "100"


def test_corpus_folder(tmp_path: Path) -> None:
    src = tmp_path / "articles"
    (src / "sub").mkdir(parents=True)
    for i, t in enumerate(corpus_texts()):
        (src / ("sub" if i % 2 else "") / f"a{i:02d}.txt").write_text(t, encoding="utf-8")
    (src / "readme.md").write_text("not an article", encoding="utf-8")
    counts = extract_corpus(src, tmp_path / "out", batch_size=4, progress=False)
    check_corpus(src, tmp_path / "out", counts)
    assert "sub/a01" in set(read_back(tmp_path / "out")["documents"]["doc_id"])


def test_corpus_csv(tmp_path: Path) -> None:
    texts = corpus_texts()
    pd.DataFrame({"doc_id": [f"c{i}" for i in range(len(texts))], "body": texts}).to_csv(
        tmp_path / "c.csv", index=False
    )
    counts = extract_corpus(tmp_path / "c.csv", tmp_path / "out", batch_size=6, progress=False)
    check_corpus(tmp_path / "c.csv", tmp_path / "out", counts)


def test_empty_corpus_and_empty_batches(tmp_path: Path) -> None:
    # no documents at all: four files with the schema's columns, zero rows
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    counts = extract_corpus(tmp_path / "empty.jsonl", tmp_path / "out0", progress=False)
    assert counts == dict.fromkeys(TABLES, 0)
    for t, df in read_back(tmp_path / "out0").items():
        assert list(df.columns) == list(SCHEMA[t]) and len(df) == 0
    for t, df in vnpov.read_result(tmp_path / "out0").tables().items():
        assert_schema_dtypes(df, t)
    # batches of one document: most batches have no visits/people/figures, and in many a
    # column is all null; every row group has the same schema
    texts = [NOTHING, STUDY, NOTHING, REPORT, NOTHING]
    write_jsonl(tmp_path / "c.jsonl", list(texts))
    counts = extract_corpus(tmp_path / "c.jsonl", tmp_path / "out1", batch_size=1, progress=False)
    check_corpus(tmp_path / "c.jsonl", tmp_path / "out1", counts)
    import pyarrow.parquet as pq

    for t in TABLES:
        pf = pq.ParquetFile(tmp_path / "out1" / f"{t}.parquet")
        assert pf.schema_arrow.names == arrow_schema(t).names == list(SCHEMA[t])
    assert pq.ParquetFile(tmp_path / "out1" / "documents.parquet").metadata.num_row_groups == 5


def test_errors_name_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    lines = [json.dumps({"doc_id": f"d{i}", "text": t}) for i, t in enumerate([STUDY, REPORT, NOTHING])]
    bad.write_text("\n".join([*lines, '{"doc_id": "d3", "text": "Ngày', *lines]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(CorpusError, match=r"bad\.jsonl, line 4: not JSON"):
        extract_corpus(bad, out, batch_size=2, progress=False)
    assert list(out.iterdir()) == []  # no half-written tables are left behind
    bad.write_text("\n".join([*lines, json.dumps({"doc_id": "d3", "text": 42})]) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.jsonl, line 4: the text \('text'\) is int"):
        extract_corpus(bad, out, progress=False)
    bad.write_text("\n".join([*lines, json.dumps({"text": STUDY})]) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.jsonl, line 4: the id \('doc_id'\) is missing"):
        extract_corpus(bad, out, progress=False)
    bad.write_text(json.dumps({"doc_id": "d0", "body_html": STUDY}) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.jsonl, line 1: no text column found"):
        extract_corpus(bad, out, progress=False)
    with pytest.raises(FileNotFoundError, match="nowhere.jsonl"):
        extract_corpus(tmp_path / "nowhere.jsonl", out)
    (tmp_path / "broken.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(CorpusError, match=r"broken\.parquet"):
        extract_corpus(tmp_path / "broken.parquet", out, progress=False)
