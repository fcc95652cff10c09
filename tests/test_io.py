"""read_corpus, the df.vnpov accessor, Result's files (Parquet, CSV, JSONL), pickling, filter,
progress. Fixtures are written here (our own text), never copied from published articles."""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

import pandas as pd
import pytest
import vnpov
from conftest import EVAL
from vnpov._schema import SCHEMA

# Our own text, in the style of a district portal (fictional people and numbers).
VISIT = (
    "Đoàn công tác huyện Mường Nhé học tập kinh nghiệm giảm nghèo tại huyện Con Cuông\n"
    "09:12 15/03/2024\n"
    "Ngày 14/3/2024, Đoàn công tác huyện Mường Nhé, tỉnh Điện Biên do đồng chí Lò Văn Phong – "
    "Phó Chủ tịch UBND huyện làm trưởng đoàn đã đến tham quan, học tập kinh nghiệm thực hiện Chương "
    "trình MTQG giảm nghèo bền vững tại huyện Con Cuông. Năm 2023, tỷ lệ hộ nghèo của huyện Con Cuông "
    "còn 9,15%, giảm 4,2% so với năm 2022.\n"
)
YEARLESS = (
    "Huyện Tủa Chùa tiếp đoàn công tác huyện Si Ma Cai\n"
    "Chiều ngày 12/9, đoàn công tác huyện Si Ma Cai do đồng chí Giàng Seo Hoa – Chủ tịch UBND huyện "
    "dẫn đầu đã đến học tập kinh nghiệm xây dựng nông thôn mới tại huyện Tủa Chùa.\n"
)
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Huyện Mường Nhé học tập kinh nghiệm giảm nghèo</title>
<meta property="article:published_time" content="2024-03-16T08:15:00+07:00"></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></nav>
<article><h1>Huyện Mường Nhé học tập kinh nghiệm giảm nghèo tại huyện Con Cuông</h1>
<p>Ngày 14/3/2024, Đoàn công tác huyện Mường Nhé, tỉnh Điện Biên do đồng chí Lò Văn Phong – Phó Chủ tịch
UBND huyện làm trưởng đoàn đã đến tham quan, học tập kinh nghiệm thực hiện Chương trình MTQG giảm nghèo
bền vững tại huyện Con Cuông.</p>
<p>Năm 2023, tỷ lệ hộ nghèo của huyện Con Cuông còn 9,15%, giảm 4,2% so với năm 2022. Huyện đã hỗ trợ
nhiều hộ phát triển sản xuất, chăn nuôi và trồng rừng, góp phần nâng cao thu nhập của người dân.</p>
</article><footer>Bản quyền thuộc Cổng thông tin điện tử huyện</footer></body></html>
"""


def frames_equal(a: vnpov.Result, b: vnpov.Result) -> None:
    for name in a.tables():
        pd.testing.assert_frame_equal(a.tables()[name], b.tables()[name], obj=name)


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, vnpov.Result]:
    corpus = vnpov.sample_corpus()
    return corpus, vnpov.extract(corpus["text"], ids=corpus["doc_id"].tolist())


# ---------------------------------------------------------------------- read_corpus
def test_folder_of_text_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(VISIT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("\ufeff" + YEARLESS, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("skip me", encoding="utf-8")
    c = vnpov.read_corpus(tmp_path)
    assert list(c.columns) == ["doc_id", "text", "published", "source"]
    assert all(str(t) == "string" for t in c.dtypes)
    assert c["doc_id"].tolist() == ["b", "sub/a"]
    assert c["text"].tolist() == [VISIT, YEARLESS]  # the BOM is dropped
    assert c["published"].isna().all()
    assert c["source"].tolist() == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]


def test_bundled_sample_reads_like_sample_corpus() -> None:
    folder = Path(vnpov.__file__).parent / "data" / "sample"
    c = vnpov.read_corpus(folder)
    s = vnpov.sample_corpus()
    assert c["doc_id"].tolist() == s["doc_id"].tolist()
    assert c["text"].tolist() == s["text"].tolist()


def test_jsonl_guesses_columns_and_reads_dates(tmp_path: Path) -> None:
    f = tmp_path / "crawl.jsonl"
    rows = [
        {"id": 7, "content": VISIT, "date": "2024-03-15T09:12:00"},
        {"id": "008", "content": YEARLESS, "date": "12/09/2024"},
        {"id": 9, "content": None, "date": None},
    ]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    c = vnpov.read_corpus(f)
    assert c["doc_id"].tolist() == ["7", "008", "9"]
    assert c["published"].tolist()[:2] == ["2024-03-15", "2024-09-12"]
    assert c["published"].isna().tolist() == [False, False, True]
    assert c["text"].isna().tolist() == [False, False, True]
    assert c["source"].tolist() == [f"{f}:line 1", f"{f}:line 2", f"{f}:line 3"]
    r = c.vnpov.extract()
    assert r.documents["error"].tolist()[2] == "missing text"
    # the hint places the yearless date in 2024
    assert r.visits.query("doc_id == '008'")["start_date"].dt.year.tolist() == [2024]


def test_csv_keeps_ids_as_written_and_named_columns(tmp_path: Path) -> None:
    f = tmp_path / "a.csv"
    pd.DataFrame({"ma": ["001", "002"], "noi": [VISIT, YEARLESS], "ngay": ["2024-03", ""]}).to_csv(
        f, index=False
    )
    c = vnpov.read_corpus(f, text="noi", id="ma", published="ngay")
    assert c["doc_id"].tolist() == ["001", "002"]
    assert c["text"].tolist() == [VISIT, YEARLESS]
    assert c["published"].tolist()[0] == "2024-03" and pd.isna(c["published"].iloc[1])
    # without an id column: row positions
    g = tmp_path / "b.csv"
    pd.DataFrame({"Body": [VISIT, YEARLESS]}).to_csv(g, index=False)
    assert vnpov.read_corpus(g)["doc_id"].tolist() == ["0", "1"]


def test_parquet_and_json_and_several_paths(tmp_path: Path) -> None:
    pq = tmp_path / "a.parquet"
    pd.DataFrame(
        {"doc_id": ["p1"], "text": [VISIT], "published": [pd.Timestamp("2024-03-15 09:12")]}
    ).to_parquet(pq)
    js = tmp_path / "b.json"
    js.write_text(json.dumps([{"doc_id": "j1", "body": YEARLESS}], ensure_ascii=False), encoding="utf-8")
    c = vnpov.read_corpus([pq, js])
    assert c["doc_id"].tolist() == ["p1", "j1"]
    assert c["published"].tolist()[0] == "2024-03-15"


def test_html_pages_become_main_text_with_the_page_date(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura", reason='trafilatura is the "html" extra')
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(YEARLESS, encoding="utf-8")
    c = vnpov.read_corpus(tmp_path)
    page = c.set_index("doc_id").loc["page"]
    assert page["text"].startswith("Huyện Mường Nhé học tập kinh nghiệm giảm nghèo tại huyện Con Cuông")
    assert "tỷ lệ hộ nghèo của huyện Con Cuông còn 9,15%" in page["text"]
    assert "Trang chủ" not in page["text"] and "Bản quyền" not in page["text"]
    assert page["published"] == "2024-03-16"
    # the same page read twice gives the same text (no cross-call deduplication)
    again = vnpov.read_corpus(tmp_path / "page.html")
    assert again["text"].iloc[0] == page["text"]
    r = c.vnpov.extract()
    assert r.visits.query("doc_id == 'page'")["host"].tolist() == ["Con Cuông"]


def test_html_without_trafilatura_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(ImportError, match=r'pip install "vnpov\[html\]"'):
        vnpov.read_corpus(tmp_path / "page.html")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.jsonl", '{"text": "x"}\n{broken\n', r"a\.jsonl, line 2: not JSON"),
        ("b.csv", "title,author\nx,y\n", r"b\.csv: no text column found"),
        ("c.xml", "<x/>", r"c\.xml: unknown kind of file"),
        (
            "d.jsonl",
            '{"doc_id": "1", "text": "a"}\n{"doc_id": "1", "text": "b"}\n',
            r"share a doc_id.*d\.jsonl",
        ),
        ("e.jsonl", '{"doc_id": null, "text": "a"}\n', r"e\.jsonl, row 1: the id"),
    ],
)
def test_errors_name_the_file(tmp_path: Path, name: str, content: str, message: str) -> None:
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        vnpov.read_corpus(f)


def test_missing_path_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nope"):
        vnpov.read_corpus(tmp_path / "nope")
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Huyện".encode("utf-16"))
    with pytest.raises(ValueError, match=r"latin\.txt: not valid utf-8"):
        vnpov.read_corpus(bad)
    with pytest.raises(ValueError, match="no .txt or .html"):
        vnpov.read_corpus(_empty(tmp_path))
    f = tmp_path / "x.csv"
    f.write_text("text\nabc\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.csv: no column 'body'"):
        vnpov.read_corpus(f, text="body")


def _empty(tmp_path: Path) -> Path:
    d = tmp_path / "empty"
    d.mkdir()
    return d


def test_unreadable_dates_warn_and_stay_empty(tmp_path: Path) -> None:
    f = tmp_path / "d.csv"
    pd.DataFrame({"text": ["a", "b"], "published": ["hôm qua", "2024-13-01"]}).to_csv(f, index=False)
    with pytest.warns(UserWarning, match=r"d\.csv: 2 value"):
        c = vnpov.read_corpus(f)
    assert c["published"].isna().all()


# ---------------------------------------------------------------------- accessor
def test_accessor_equals_extract(sample: tuple[pd.DataFrame, vnpov.Result]) -> None:
    corpus, r = sample
    frames_equal(corpus.vnpov.extract(), r)
    # without an id column the index gives the ids
    alt = corpus.rename(columns={"text": "body"}).set_index("doc_id")
    frames_equal(alt.vnpov.extract(text="body"), r)
    with pytest.raises(KeyError, match="no column 'content'"):
        corpus.vnpov.extract(text="content")
    with pytest.raises(KeyError, match="no column 'url'"):
        corpus.vnpov.extract(id="url")


def test_accessor_passes_published_hints() -> None:
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": [YEARLESS, YEARLESS], "published": ["2023-10", None]})
    r = df.vnpov.extract()
    v = r.visits.set_index("doc_id")
    assert v.loc["a", "start_date"] == pd.Timestamp("2023-09-12")
    assert bool(v.loc["a", "year_inferred"]) is True


# ---------------------------------------------------------------------- Result files
def test_parquet_round_trip_with_plain_pandas(
    tmp_path: Path, sample: tuple[pd.DataFrame, vnpov.Result]
) -> None:
    _, r = sample
    out = r.to_parquet(tmp_path / "pq")
    for name, df in r.tables().items():
        assert len(df), name
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), df, obj=name)
    frames_equal(vnpov.read_result(out), r)


def test_empty_tables_round_trip_through_read_result(tmp_path: Path) -> None:
    r = vnpov.extract(["Thời tiết hôm nay đẹp."])
    for fmt in ("parquet", "csv"):
        out = getattr(r, f"to_{fmt}")(tmp_path / fmt)
        frames_equal(vnpov.read_result(out), r)
    frames_equal(vnpov.read_result(r.to_jsonl(tmp_path / "r.jsonl")), r)
    empty = vnpov.extract([])
    frames_equal(vnpov.read_result(empty.to_parquet(tmp_path / "e")), empty)


def test_csv_and_jsonl_round_trip(tmp_path: Path, sample: tuple[pd.DataFrame, vnpov.Result]) -> None:
    _, r = sample
    frames_equal(vnpov.read_result(r.to_csv(tmp_path / "csv")), r)
    f = r.to_jsonl(tmp_path / "out" / "r.jsonl")
    lines = f.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(r.documents)
    first = json.loads(lines[0])
    assert first["doc_id"] == r.documents["doc_id"].iloc[0]
    assert {"visits", "people", "figures"} <= set(first)
    assert len(first["people"]) == int((r.people["doc_id"] == first["doc_id"]).sum())
    assert "Bắc Trà My" in lines[0]  # UTF-8, not \\u escapes
    frames_equal(vnpov.read_result(f), r)


def test_read_result_rejects_other_tables(tmp_path: Path) -> None:
    for t in SCHEMA:
        pd.DataFrame({"x": [1]}).to_csv(tmp_path / f"{t}.csv", index=False)
    with pytest.raises(ValueError, match=r"documents\.csv: not a vnpov documents table"):
        vnpov.read_result(tmp_path)


def test_to_jsonl_needs_unique_ids(tmp_path: Path) -> None:
    r = vnpov.extract([VISIT, VISIT], ids=["a", "a"])
    with pytest.raises(ValueError, match="unique doc_ids"):
        r.to_jsonl(tmp_path / "x.jsonl")


def test_result_and_tables_pickle(sample: tuple[pd.DataFrame, vnpov.Result]) -> None:
    _, r = sample
    back = pickle.loads(pickle.dumps(r))
    frames_equal(back, r)
    assert back.has_texts and back.text("02_cu_mgar_tua_chua") == r.text("02_cu_mgar_tua_chua")
    for name, df in r.tables().items():
        pd.testing.assert_frame_equal(pickle.loads(pickle.dumps(df)), df, obj=name)


def test_filter_keeps_rows_order_and_texts(sample: tuple[pd.DataFrame, vnpov.Result]) -> None:
    corpus, r = sample
    ids = ["05_kon_tum_bao_cao", "01_bac_tra_my_con_cuong"]
    f = r.filter(ids)
    assert f.documents["doc_id"].tolist() == ["01_bac_tra_my_con_cuong", "05_kon_tum_bao_cao"]
    for name, df in f.tables().items():
        expect = r.tables()[name]
        expect = expect[expect["doc_id"].isin(ids)].reset_index(drop=True)
        pd.testing.assert_frame_equal(df, expect, obj=name)
    assert f.text("05_kon_tum_bao_cao") == corpus.set_index("doc_id").loc["05_kon_tum_bao_cao", "text"]
    assert len(r.filter("02_cu_mgar_tua_chua").documents) == 1
    assert len(r.filter(r.documents.query("kind == 'visit'")["doc_id"])) == int(
        (r.documents.kind == "visit").sum()
    )
    assert len(r.filter([])) == 0


def test_result_keeps_a_reference_to_the_texts() -> None:
    texts = [VISIT, YEARLESS]
    r = vnpov.extract(texts)
    assert r._texts is texts
    s = pd.Series(texts, index=["x", "y"])
    assert vnpov.extract(s)._texts is s
    assert vnpov.extract(s).text("y") == YEARLESS
    with pytest.raises(KeyError, match="no document with doc_id 'zz'"):
        r.text("zz")


def test_repr_html_counts_tables_and_kinds(sample: tuple[pd.DataFrame, vnpov.Result]) -> None:
    _, r = sample
    h = r._repr_html_()
    for name, df in r.tables().items():
        assert f'<td style="text-align:left">{name}</td><td>{len(df)}</td>' in h
    for kind, n in r.documents["kind"].value_counts().items():
        assert f'<td style="text-align:left">{kind}</td><td>{n}</td>' in h
    assert "<table" in h and "Bắc Trà My" in h
    assert "<script" not in vnpov.extract(["<script>alert(1)</script>"])._repr_html_()


# ---------------------------------------------------------------------- progress
def test_progress_chunks_give_the_same_tables(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    sample: tuple[pd.DataFrame, vnpov.Result],
) -> None:
    corpus, r = sample
    monkeypatch.setattr(vnpov, "_chunk_size", lambda n: 2)  # 7 documents in 4 chunks
    chunked = vnpov.extract(corpus["text"], ids=corpus["doc_id"].tolist(), progress=True)
    frames_equal(chunked, r)
    assert "7/7" in capsys.readouterr().err
    vnpov.extract(corpus["text"], ids=corpus["doc_id"].tolist(), progress=False)
    assert capsys.readouterr().err == ""


def test_progress_shows_from_the_threshold(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(vnpov, "PROGRESS_THRESHOLD", 3)
    vnpov.extract([VISIT] * 2)
    assert capsys.readouterr().err == ""
    hinted = vnpov.extract([YEARLESS] * 3, published="2023-10")
    assert "3/3" in capsys.readouterr().err
    assert hinted.visits["start_date"].dt.year.tolist() == [2023] * 3
    vnpov.extract([VISIT] * 3, progress=False)
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(not (EVAL / "corpus").is_dir(), reason="../shared/eval/corpus is not here")
def test_progress_on_the_dev_corpus_is_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    c = vnpov.read_corpus(EVAL / "corpus")
    one = c.vnpov.extract(progress=False)
    monkeypatch.setattr(vnpov, "_chunk_size", lambda n: 9)
    frames_equal(c.vnpov.extract(progress=True), one)
