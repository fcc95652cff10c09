"""The Python face: the schema's columns, order and dtypes, ids, bad input."""

from __future__ import annotations

import pandas as pd
import pytest
import vnpov
from vnpov._schema import SCHEMA

# Our own text, in the style of a district portal.
VISIT = (
    "Đoàn công tác huyện Mường Nhé học tập kinh nghiệm giảm nghèo tại huyện Con Cuông\n"
    "09:12 15/03/2024\n"
    "Ngày 14/3/2024, Đoàn công tác huyện Mường Nhé, tỉnh Điện Biên do đồng chí Lò Văn Phong – "
    "Phó Chủ tịch UBND huyện làm trưởng đoàn đã đến tham quan, học tập kinh nghiệm thực hiện Chương "
    "trình MTQG giảm nghèo bền vững tại huyện Con Cuông. Năm 2023, tỷ lệ hộ nghèo của huyện Con Cuông "
    "còn 9,15%, giảm 4,2% so với năm 2022.\n"
)


def check_schema(result: vnpov.Result) -> None:
    for table, cols in SCHEMA.items():
        df = getattr(result, table)
        assert list(df.columns) == list(cols), table
        for name, dtype in cols.items():
            assert df[name].dtype == (
                pd.api.types.pandas_dtype(dtype) if isinstance(dtype, str) else dtype
            ), f"{table}.{name}: {df[name].dtype} != {dtype}"


def test_empty_input_has_the_schema() -> None:
    r = vnpov.extract([])
    check_schema(r)
    assert all(len(df) == 0 for df in r.tables().values())


def test_a_document_without_findings_has_the_schema() -> None:
    r = vnpov.extract("Thời tiết hôm nay đẹp.")
    check_schema(r)
    assert len(r.documents) == 1 and r.documents.loc[0, "kind"] == "other"
    assert len(r.visits) == len(r.figures) == 0


def test_non_empty_result_has_the_schema_and_rows() -> None:
    r = vnpov.extract([VISIT])
    check_schema(r)
    v = r.visits.iloc[0]
    assert (v["visitor"], v["host"]) == ("Mường Nhé", "Con Cuông")
    assert v["start_date"] == pd.Timestamp("2024-03-14")
    assert v["leader"] == "Lò Văn Phong" and v["purpose"] == "study"
    assert r.documents.loc[0, "published"] == pd.Timestamp("2024-03-15 09:12")
    rate = r.figures[r.figures["indicator"] == "poor_household_rate"].iloc[0]
    assert (rate["value"], rate["year"]) == (9.15, 2023)


def test_series_index_becomes_ids() -> None:
    s = pd.Series([VISIT, "Không có gì."], index=["a17", "b42"])
    r = vnpov.extract(s)
    assert r.documents["doc_id"].tolist() == ["a17", "b42"]
    assert set(r.visits["doc_id"]) == {"a17"}


def test_missing_text_is_a_document_with_an_error() -> None:
    r = vnpov.extract(pd.Series([VISIT, None, float("nan")]))
    assert len(r.documents) == 3
    assert r.documents["error"].tolist()[1:] == ["missing text", "missing text"]
    assert pd.isna(r.documents.loc[0, "error"])


def test_bad_arguments_name_the_position() -> None:
    with pytest.raises(TypeError, match=r"texts\[1\] is bytes"):
        vnpov.extract(["a", b"b"])
    with pytest.raises(TypeError, match=r"texts\[0\] is int"):
        vnpov.extract([3])
    with pytest.raises(ValueError, match="ids has 1 values for 2 texts"):
        vnpov.extract(["a", "b"], ids=["x"])


def test_offsets_point_into_the_original_even_when_decomposed() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", VISIT).replace("–", "\u2014")
    r = vnpov.extract(nfd)
    assert len(r.figures) and len(r.people)
    for _, row in r.figures.iterrows():
        got = unicodedata.normalize("NFC", nfd[row["start"] : row["end"]])
        assert got == row["text"] or row["text"] in got
    for _, row in r.people.iterrows():
        assert row["name"] in unicodedata.normalize("NFC", nfd[row["start"] : row["end"]])


def test_published_hint_places_a_date_without_year() -> None:
    text = VISIT.replace("Ngày 14/3/2024", "Chiều ngày 14/3").replace("09:12 15/03/2024\n", "")
    text = text.replace("Năm 2023, ", "").replace(" so với năm 2022", "")
    r = vnpov.extract([text], published=["2025-03"])
    v = r.visits.iloc[0]
    assert v["start_date"] == pd.Timestamp("2025-03-14") and bool(v["year_inferred"])
