"""Robustness (issue 9): every input accounted for, nothing crashes, linear time, determinism.

The texts here are written for these tests (fictional places, people and figures), never
copied from articles.
"""

from __future__ import annotations

import math
import random
import threading
import time
import unicodedata
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
import vnpov
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# ---------------------------------------------------------------------------------- helpers

VISIT = (
    "Đoàn công tác tỉnh Lai Châu thăm và làm việc tại huyện Mường Nhé\n"
    "Ngày 14/3/2024, đoàn công tác của UBND tỉnh Lai Châu do đồng chí Nguyễn Văn An, "
    "Phó Chủ tịch UBND tỉnh làm trưởng đoàn đã đến thăm, làm việc tại huyện Mường Nhé. "
    "Năm 2023, tỷ lệ hộ nghèo của huyện giảm từ 45,2% xuống còn 38,7%, còn 1.234 hộ nghèo.\n"
)
REPORT = (
    "Huyện Tam Đường giảm nghèo bền vững\n"
    "Đến cuối năm 2023, toàn huyện còn 2.145 hộ nghèo, chiếm 12,5%; tổng vốn thực hiện "
    "chương trình là 365.032 triệu đồng, thu nhập bình quân đạt 32,5 triệu đồng/người/năm.\n"
)


def unicode_sampler() -> str:
    """One character of (nearly) every general category, surrogates aside."""
    seen: dict[str, str] = {}
    for cp in range(0x30000):
        c = chr(cp)
        cat = unicodedata.category(c)
        if cat != "Cs" and cat not in seen:
            seen[cat] = c
    return " ".join(seen.values())


def check_invariants(r: vnpov.Result, texts: list[str], ids: list[str] | None = None) -> None:
    """One documents row per input in input order; every row's span inside its text."""
    docs = r.documents
    assert len(docs) == len(texts)
    assert docs["doc_id"].tolist() == (ids if ids is not None else [str(i) for i in range(len(texts))])
    assert docs["n_chars"].tolist() == [len(t) for t in texts]
    by_id = dict(zip(docs["doc_id"].tolist(), texts, strict=True))
    for name in ("visits", "people", "figures"):
        df = r.tables()[name]
        for doc_id, s, e in zip(df["doc_id"], df["start"], df["end"], strict=True):
            t = by_id[doc_id]
            assert 0 <= s < e <= len(t), (name, doc_id, s, e, len(t))
            assert t[s:e], (name, doc_id, s, e)
    values = r.figures["value"].dropna().to_numpy(dtype=float)
    assert np.isfinite(values).all()


def run(texts: list[Any], **kw: Any) -> vnpov.Result:
    return vnpov.extract(texts, progress=False, **kw)


# --------------------------------------------------------------------- the bad-input matrix

JUNK = bytes(random.Random(9).randrange(256) for _ in range(4000)).decode("latin-1")
MATRIX: dict[str, str] = {
    "empty": "",
    "whitespace": " \t\n\r\n\u00a0\u2003\u200b\ufeff  \n",
    "control characters": "\x00\x01\x02Ngày 1/1\x07\x1b[31m\x7f\x9f",
    "binary junk": JUNK,
    "mojibake": VISIT.encode("utf-8").decode("cp1252", errors="replace"),
    "html fragment": (
        "<div class='a'><p>Ngày <b>14/3/2024</b>,&nbsp;đoàn công tác</p><script>x=1</script></div>"
    ),
    "every unicode category": unicode_sampler(),
    "decomposed (NFD) text": unicodedata.normalize("NFD", VISIT),
    "a million-digit number": "Tổng vốn " + "9" * 1_000_000 + " tỷ đồng, đạt " + "1." * 2000 + "5%",
    "huge money": (
        "Huyện Tam Đường đã giải ngân 1.000.000.000.000.000 tỷ đồng, "
        "tỷ lệ hộ nghèo còn 12,5%, còn 99999999999999999999 hộ nghèo."
    ),
    "a 1 MB line without spaces": "a" * 1_000_000,
    "deeply repeated cue words": "đoàn công tác thăm làm việc tại huyện tỷ lệ hộ nghèo " * 5000,
    "only punctuation": ".,;:!?…()[]{}-–—/%" * 500,
    "a real-looking visit": VISIT,
}


@pytest.mark.parametrize("case", list(MATRIX))
def test_bad_text_gives_one_row_and_no_error(case: str) -> None:
    text = MATRIX[case]
    # alone, and between two ordinary articles: the neighbours are unaffected
    alone = run([text])
    check_invariants(alone, [text])
    assert alone.documents["error"].isna().all(), alone.documents["error"].tolist()
    batch = [REPORT, text, VISIT]
    r = run(batch)
    check_invariants(r, batch)
    assert r.documents["error"].isna().all()
    ref = run([REPORT, VISIT])
    for k, pos in ((0, 0), (1, 2)):
        assert (
            r.documents.drop(columns="doc_id").iloc[pos].equals(ref.documents.drop(columns="doc_id").iloc[k])
        )
    assert r.documents.loc[2, "kind"] == "visit"


def test_huge_numbers_stay_finite() -> None:
    r = run([MATRIX["huge money"], MATRIX["a million-digit number"]])
    assert r.documents["error"].isna().all()
    v = r.figures["value"].to_numpy(dtype=float, na_value=np.nan)
    assert not np.isinf(v).any()
    # the rate and the count next to the huge money are still read
    assert len(r.figures) > 0


@pytest.mark.parametrize(
    "missing", [None, float("nan"), np.nan, pd.NA, pd.NaT], ids=["None", "nan", "np.nan", "NA", "NaT"]
)
def test_missing_texts_in_a_list_become_empty_rows(missing: Any) -> None:
    r = run([VISIT, missing, REPORT])
    assert r.documents["doc_id"].tolist() == ["0", "1", "2"]
    assert r.documents["error"].tolist()[1] == "missing text"
    assert r.documents["n_chars"].tolist()[1] == 0
    assert r.documents["kind"].tolist()[1] == "other"
    assert pd.isna(r.documents["error"][0]) and pd.isna(r.documents["error"][2])
    assert set(r.visits["doc_id"]) == {"0"}


def test_missing_texts_in_a_series_keep_the_index_as_ids() -> None:
    s = pd.Series([VISIT, None, np.nan, REPORT], index=["a", "b", "c", "d"], dtype=object)
    r = vnpov.extract(s, progress=False)
    assert r.documents["doc_id"].tolist() == ["a", "b", "c", "d"]
    assert r.documents["error"].tolist()[1:3] == ["missing text", "missing text"]
    s2 = pd.Series([VISIT, pd.NA], dtype="string")
    assert vnpov.extract(s2).documents["error"].tolist()[1] == "missing text"


def test_missing_texts_through_the_progress_bar_path() -> None:
    texts: list[Any] = [REPORT if i % 7 else None for i in range(250)]
    r = vnpov.extract(texts, progress=True)
    errs = r.documents["error"].fillna("").tolist()
    assert [i for i, e in enumerate(errs) if e == "missing text"] == [i for i in range(250) if i % 7 == 0]
    assert r.documents["doc_id"].tolist() == [str(i) for i in range(250)]


def test_bytes_need_a_policy_and_name_their_position() -> None:
    with pytest.raises(TypeError, match=r"texts\[1\] is bytes; decode it .*errors="):
        run([VISIT, VISIT.encode("utf-8")])
    with pytest.raises(TypeError, match=r"texts is bytes"):
        vnpov.extract(VISIT.encode("utf-8"))


def test_valid_bytes_decode_without_error() -> None:
    r = run([VISIT.encode("utf-8"), bytearray(REPORT.encode("utf-8"))], errors="strict")
    ref = run([VISIT, REPORT])
    pd.testing.assert_frame_equal(r.documents, ref.documents)
    pd.testing.assert_frame_equal(r.visits, ref.visits)
    assert r.text("0") == VISIT  # the Result keeps the decoded text for show()
    r1 = vnpov.extract(REPORT.encode("utf-8"), encoding="utf-8")
    assert len(r1.documents) == 1 and pd.isna(r1.documents["error"][0])


def test_other_encodings() -> None:
    raw = "Huyện Tam Đường còn 2.145 hộ nghèo, chiếm 12,5%.".encode("utf-16")
    r = run([raw], encoding="utf-16")
    assert pd.isna(r.documents["error"][0])
    assert r.text("0").startswith("Huyện")


def test_invalid_utf8_is_replaced_and_flagged() -> None:
    bad = VISIT.encode("utf-8")[:50] + b"\xff\xfe\xc3" + VISIT.encode("utf-8")[50:]
    r = run([bad, REPORT], errors="replace")
    assert r.documents["error"].tolist()[0] == "invalid utf-8 bytes replaced"
    assert pd.isna(r.documents["error"][1])
    text = r.text("0")
    assert "\ufffd" in text and r.documents["n_chars"][0] == len(text)
    check_invariants(r, [text, REPORT])
    assert (r.visits["doc_id"] == "0").any()  # still extracted
    r2 = run([bad], errors="ignore")
    assert r2.documents["error"][0] == "invalid utf-8 bytes dropped"


def test_invalid_utf8_under_strict_names_the_text() -> None:
    with pytest.raises(ValueError, match=r"texts\[2\] is not valid utf-8 \(byte 3"):
        run([VISIT, REPORT, b"abc\xffdef"], encoding="utf-8")


def test_unknown_codec_or_handler() -> None:
    with pytest.raises(ValueError, match="encoding 'klingon'"):
        run([b"x"], encoding="klingon")
    with pytest.raises(ValueError, match="errors 'maybe'"):
        run([b"x"], errors="maybe")


def test_lone_surrogates_are_replaced_one_for_one_and_flagged() -> None:
    raw = VISIT.encode("utf-8")[:40] + b"\xff" + VISIT.encode("utf-8")[40:]
    text = raw.decode("utf-8", errors="surrogateescape")  # as os.listdir / open(errors=...) give
    r = run([REPORT, text, "\ud800"])
    assert r.documents["error"].tolist()[1:] == ["lone surrogates replaced"] * 2
    assert pd.isna(r.documents["error"][0])
    assert r.documents["n_chars"].tolist()[1] == len(text)
    check_invariants(r, [REPORT, text, "\ud800"])
    assert (r.visits["doc_id"] == "1").any()


@pytest.mark.parametrize(
    ("texts", "kw", "exc", "message"),
    [
        ([VISIT, VISIT, 3], {}, TypeError, r"texts\[2\] is int; expected str"),
        ([VISIT, 1.5], {}, TypeError, r"texts\[1\] is float"),
        ([VISIT, ["nested"]], {}, TypeError, r"texts\[1\] is list"),
        (42, {}, TypeError, r"texts must be str, an iterable of str or a pandas Series, not int"),
        (pd.DataFrame({"text": [VISIT]}), {}, TypeError, r"texts is a DataFrame; pass its text column"),
        ([VISIT, REPORT], {"ids": ["a"]}, ValueError, r"ids has 1 values for 2 texts"),
        ([VISIT], {"ids": "a"}, TypeError, r"ids is str"),
        ([VISIT], {"ids": 5}, TypeError, r"ids is int"),
        (
            [VISIT, REPORT],
            {"published": ["2024-01-01"] * 3},
            ValueError,
            r"published has 3 values for 2 texts",
        ),
        ([VISIT, REPORT], {"published": ["2024-01-01", 2024]}, TypeError, r"published\[1\] is int"),
        ([VISIT], {"published": 2024}, TypeError, r"published is int"),
        ([VISIT], {"n_threads": 0}, ValueError, r"n_threads must be a positive int or None, not 0"),
        ([VISIT], {"n_threads": -2}, ValueError, r"n_threads"),
        ([VISIT], {"n_threads": 1.5}, ValueError, r"n_threads"),
        ([VISIT], {"n_threads": True}, ValueError, r"n_threads"),
    ],
)
def test_bad_arguments_are_named(texts: Any, kw: dict[str, Any], exc: type[Exception], message: str) -> None:
    with pytest.raises(exc, match=message):
        vnpov.extract(texts, progress=False, **kw)


def test_published_hints_with_junk_and_missing_values() -> None:
    texts = [VISIT, REPORT, VISIT, REPORT]
    r = run(texts, published=["not a date", pd.NaT, "2024-13-45", "2024\udc80"])
    check_invariants(r, texts)
    assert r.documents["error"].isna().all()


def test_empty_batches() -> None:
    for empty in ([], (), pd.Series([], dtype=object), iter([])):
        r = vnpov.extract(empty)
        assert len(r.documents) == 0 and list(r.documents.columns) == list(vnpov.SCHEMA["documents"])


def test_a_generator_and_numpy_strings() -> None:
    texts = [VISIT, REPORT]
    r = vnpov.extract(t for t in texts)
    check_invariants(r, texts)
    r2 = vnpov.extract(np.array(texts))
    check_invariants(r2, texts)


# ------------------------------------------------------------------------------ linear time


def best_time(f: Callable[[], object], repeat: int = 2) -> float:
    best = math.inf
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "repeated ngày 1/1": lambda n: "ngày 1/1 " * n,
    "dated lines": lambda n: "Ngày 1/1/2024\n" * n,
    "space-grouped thousands": lambda n: "1" + " 234" * n + " xã",
    "a run of spaces": lambda n: " " * (20 * n) + "1 hộ",
    "spaces and zero-width": lambda n: " \u200b" * (10 * n) + "1 hộ",
    "run-on visit cues": lambda n: "đoàn công tác tỉnh Lai Châu thăm huyện Mường Nhé " * (n // 10),
    "run-on rates": lambda n: "tỷ lệ hộ nghèo giảm 5% " * (n // 5),
    "decomposed glides": lambda n: unicodedata.normalize("NFD", "hoà thuỷ ") * n,
    "a line without spaces": lambda n: "x" * (50 * n),
}


@pytest.mark.parametrize("case", list(PATHOLOGICAL))
def test_pathological_input_takes_linear_time(case: str) -> None:
    make = PATHOLOGICAL[case]
    n = 10_000
    small, big = make(n), make(4 * n)
    t1 = best_time(lambda: run([small], n_threads=1))
    t4 = best_time(lambda: run([big], n_threads=1))
    # linear: about 4x; quadratic would be 16x. Generous for a loaded machine.
    assert t4 < 9 * t1 + 0.05, f"{case}: {t1:.3f}s for n, {t4:.3f}s for 4n"


def test_a_hundred_thousand_dates_complete() -> None:
    text = "ngày 1/1 " * 100_000
    t = time.perf_counter()
    r = run([text])
    assert time.perf_counter() - t < 60
    check_invariants(r, [text])


def test_a_large_batch_completes_in_order() -> None:
    texts = [VISIT, REPORT, "", "ngày 1/1 " * 50] * 500
    r = vnpov.extract(texts, progress=False)
    check_invariants(r, texts)
    assert (r.documents["kind"].iloc[0::4] == "visit").all()


# ------------------------------------------------------------------------------ determinism


def corpus() -> list[str]:
    texts = vnpov.sample_corpus()["text"].tolist()
    return [*texts, VISIT, REPORT, MATRIX["binary junk"], MATRIX["every unicode category"], ""]


def same(a: vnpov.Result, b: vnpov.Result) -> None:
    for name in ("documents", "visits", "people", "figures"):
        pd.testing.assert_frame_equal(a.tables()[name], b.tables()[name])


def test_one_or_two_threads_and_repeated_runs_agree() -> None:
    texts = corpus()
    one = run(texts, n_threads=1)
    same(one, run(texts, n_threads=2))
    same(one, run(texts))
    same(one, run(texts, n_threads=1))
    assert len(one.visits) > 0 and len(one.figures) > 0


def test_batch_composition_does_not_matter() -> None:
    texts = corpus()
    ids = [f"d{i}" for i in range(len(texts))]
    whole = run(texts, ids=ids)
    order = list(reversed(range(len(texts))))[::2] + [VISIT, REPORT]  # a subset, reversed, with others
    sub_texts = [texts[i] if isinstance(i, int) else i for i in order]
    sub_ids = [ids[i] if isinstance(i, int) else f"x{k}" for k, i in enumerate(order)]
    part = run(sub_texts, ids=sub_ids)
    for name in ("documents", "visits", "people", "figures"):
        a = whole.tables()[name]
        b = part.tables()[name]
        for doc_id in (x for x in sub_ids if x.startswith("d")):
            pd.testing.assert_frame_equal(
                a[a["doc_id"] == doc_id].reset_index(drop=True),
                b[b["doc_id"] == doc_id].reset_index(drop=True),
            )


def test_concurrent_calls_from_python_threads() -> None:
    texts = corpus()
    ref = run(texts, n_threads=1)
    results: list[vnpov.Result | BaseException] = [None] * 6  # type: ignore[list-item]

    def work(k: int) -> None:
        try:
            results[k] = run(texts, n_threads=1 + k % 2)
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            results[k] = e

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(results))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    for res in results:
        assert isinstance(res, vnpov.Result), res
        same(ref, res)


# ------------------------------------------------------------------------------- hypothesis

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CUES = [
    "đoàn công tác",
    "thăm và làm việc tại",
    "làm việc với",
    "chúc Tết",
    "tặng quà",
    "do đồng chí",
    "Phó Chủ tịch UBND tỉnh",
    "Bí thư Huyện ủy",
    "làm trưởng đoàn",
    "tỷ lệ hộ nghèo",
    "hộ cận nghèo",
    "giảm còn",
    "xuống còn",
    "thu nhập bình quân",
    "triệu đồng/người/năm",
    "tỷ đồng",
    "hộ",
    "%",
    "ngày",
    "tháng",
    "năm",
    "giai đoạn",
    "đến",
    "từ",
    "trên",
    "gần",
    "khoảng",
    "Chương trình 135",
    "nông thôn mới",
    "Hội nghị",
    "họp",
    "ông",
    "bà",
    "Chủ tịch",
    "(",
    ")",
    ",",
    ".",
    ";",
    "\n",
    "-",
    "/",
]
PLACES = [
    "tỉnh Lai Châu",
    "huyện Mường Nhé",
    "xã Sín Thầu",
    "tỉnh Điện Biên",
    "huyện Tam Đường",
    "TP. Hồ Chí Minh",
    "thị xã Mường Lay",
    "Hà Giang",
    "xã Pa Tần",
    "tỉnh Sơn La",
    "huyện Sìn Hồ",
    "phường Tân Phong",
]
NUMBERS = st.one_of(
    st.integers(0, 10**12).map(str),
    st.integers(0, 10**9).map(lambda n: f"{n:,}".replace(",", ".")),
    st.tuples(st.integers(0, 999), st.integers(0, 99)).map(lambda t: f"{t[0]},{t[1]}"),
    st.tuples(st.integers(0, 40), st.integers(0, 14), st.integers(1890, 2110)).map(
        lambda t: f"{t[0]}/{t[1]}/{t[2]}"
    ),
    st.integers(0, 60).map(lambda n: "9" * n),
)
WORD = st.one_of(st.sampled_from(CUES), st.sampled_from(PLACES), NUMBERS, st.text(max_size=3))
VIETNAMESE_LIKE = st.lists(WORD, max_size=80).map(" ".join)
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)


@SETTINGS
@given(st.lists(VIETNAMESE_LIKE, min_size=1, max_size=4))
def test_hypothesis_vietnamese_like(texts: list[str]) -> None:
    r = run(texts)
    check_invariants(r, texts)
    assert r.documents["error"].isna().all()


@SETTINGS
@given(st.lists(ANY_TEXT, min_size=1, max_size=4))
def test_hypothesis_any_unicode(texts: list[str]) -> None:
    r = run(texts)
    check_invariants(r, texts)
    errs = r.documents["error"].tolist()
    for t, e in zip(texts, errs, strict=True):
        has_surrogate = any("\ud800" <= c <= "\udfff" for c in t)
        assert (e == "lone surrogates replaced") if has_surrogate else pd.isna(e), (t, e)


@SETTINGS
@given(st.lists(st.binary(max_size=200), min_size=1, max_size=4))
def test_hypothesis_bytes_replaced(raws: list[bytes]) -> None:
    r = run(raws, errors="replace")
    texts = [b.decode("utf-8", errors="replace") for b in raws]
    check_invariants(r, texts)
    for b, e in zip(raws, r.documents["error"].tolist(), strict=True):
        try:
            b.decode("utf-8")
            assert pd.isna(e)
        except UnicodeDecodeError:
            assert e == "invalid utf-8 bytes replaced"
