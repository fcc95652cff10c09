"""vnpov.gazetteer: the Python face of the administrative-unit tables of both eras."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
import vnpov
from vnpov import gazetteer as gz

CHAU_THANH = {
    "Tây Ninh": "708",
    "Long An": "808",
    "Tiền Giang": "821",
    "Bến Tre": "831",
    "Trà Vinh": "847",
    "Đồng Tháp": "877",
    "An Giang": "892",
    "Kiên Giang": "905",
    "Hậu Giang": "933",
    "Sóc Trăng": "942",
}


def codes(df: pd.DataFrame) -> list[str]:
    return df["code"].tolist()


def check_frame(df: pd.DataFrame) -> None:
    assert list(df.columns) == list(gz.COLUMNS)
    assert {c: str(t) for c, t in df.dtypes.items()} == gz.COLUMNS
    assert df.index.equals(pd.RangeIndex(len(df)))


# ---- provinces: spellings --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code", "match"),
    [
        ("Thanh Hoá", "38", "name"),
        ("Thanh Hóa", "38", "name"),
        ("tỉnh Thanh Hoá", "38", "name"),
        ("THANH HOA", "38", "folded"),
        ("thanh hoa", "38", "folded"),
        ("Dak Lak", "66", "folded"),
        ("Daklak", "66", "folded"),
        ("Đăk Lăk", "66", "folded"),
        ("Đắk Lắk", "66", "name"),
        ("tinh Dak Lak", "66", "folded"),
        ("Khánh Hoà", "56", "name"),
        ("Khanh Hoa", "56", "folded"),
        ("Hoà Bình", "17", "name"),
        ("TP. Hồ Chí Minh", "79", "name"),
        ("TPHCM", "79", "alias"),
        ("Thừa Thiên Huế", "46", "alias"),
    ],
)
def test_province_spellings(written: str, code: str, match: str) -> None:
    df = gz.lookup(written)
    check_frame(df)
    first = df.iloc[0]
    assert (first["code"], first["level"], first["era"], first["match"]) == (
        code,
        "province",
        "pre2025",
        match,
    )
    assert gz.lookup(written, level="province")["code"].tolist() == [code]
    assert gz.resolve(written)["code"] == code


def test_province_row_contents() -> None:
    row = gz.lookup("Khánh Hoà", level="province").iloc[0]
    assert row["name"] == "Khánh Hòa"
    assert row["kind_word"] == "tỉnh"
    assert row["province"] == "Khánh Hòa" and row["province_code"] == "56"
    assert row["district_code"] is pd.NA
    assert 11 < row["lat"] < 13 and 108 < row["lon"] < 110


def test_exact_before_folded_and_levels_ordered() -> None:
    # the commune of Kon Tum spelled exactly `Đăk Nông` comes after the province
    df = gz.lookup("Đăk Nông")
    assert df.iloc[0][["code", "level", "match"]].tolist() == ["67", "province", "folded"]
    assert (df["level"].iloc[1:] == "commune").all() and (df["match"].iloc[1:] == "name").all()
    # province → district → commune
    df = gz.lookup("Thanh Hoá")
    ranks = df["level"].map({"province": 0, "district": 1, "commune": 2}).tolist()
    assert ranks == sorted(ranks) and codes(df)[:2] == ["38", "380"]


# ---- districts -------------------------------------------------------------------------------


def test_chau_thanh_ten_districts() -> None:
    df = gz.lookup("Châu Thành")
    districts = df[df["level"] == "district"]
    assert sorted(codes(districts)) == sorted(CHAU_THANH.values())
    assert dict(zip(districts["province"], districts["code"], strict=True)) == CHAU_THANH
    df = gz.lookup("huyện Châu Thành")
    assert sorted(codes(df)) == sorted(CHAU_THANH.values())
    assert gz.resolve("Châu Thành") is None
    assert gz.resolve("huyện Châu Thành") is None


@pytest.mark.parametrize(("province", "code"), sorted(CHAU_THANH.items()))
def test_chau_thanh_with_province(province: str, code: str) -> None:
    assert codes(gz.lookup("huyện Châu Thành", province=province)) == [code]
    assert codes(gz.lookup("Châu Thành", level="district", province=f"tỉnh {province}")) == [code]
    assert gz.resolve("Châu Thành", "huyện", province=province)["code"] == code


def test_province_by_code_and_wrong_province() -> None:
    assert codes(gz.lookup("huyện Châu Thành", province="83")) == ["831"]
    assert gz.lookup("huyện Châu Thành", province="Hà Nội").empty
    with pytest.raises(ValueError, match="Atlantis"):
        gz.lookup("Châu Thành", province="Atlantis")
    with pytest.raises(ValueError, match="Atlantis"):
        gz.resolve("Châu Thành", province="Atlantis")


def test_ky_anh_district_vs_town() -> None:
    both = gz.lookup("Kỳ Anh")
    assert codes(both) == ["447", "449"]
    assert set(both["province"]) == {"Hà Tĩnh"}
    d = gz.lookup("huyện Kỳ Anh")
    assert codes(d) == ["447"] and d.iloc[0]["kind_word"] == "huyện"
    t = gz.lookup("thị xã Kỳ Anh")
    assert codes(t) == ["449"] and t.iloc[0]["kind_word"] == "thị xã"
    assert codes(gz.lookup("TX Kỳ Anh")) == ["449"]
    assert gz.resolve("Kỳ Anh") is None
    assert gz.resolve("Kỳ Anh", "huyện")["code"] == "447"
    assert gz.resolve("Kỳ Anh", "thị xã")["code"] == "449"
    assert gz.resolve("Kỳ Anh", "thôn") is None  # a hamlet, not the district


@pytest.mark.parametrize(
    ("written", "province"),
    [
        ("huyện Kỳ Anh", "Hà Tĩnh"),
        ("huyện Thọ Xuân", "Thanh Hóa"),
        ("huyện Ea Súp", "Đắk Lắk"),
        ("huyện Đăk Glong", "Đắk Nông"),
        ("huyện Đầm Hà", "Quảng Ninh"),
    ],
)
def test_districts_of_real_articles(written: str, province: str) -> None:
    df = gz.lookup(written)
    assert len(df) == 1
    row = df.iloc[0]
    assert (row["level"], row["kind_word"], row["province"], row["era"]) == (
        "district",
        "huyện",
        province,
        "pre2025",
    )
    u = gz.resolve(written)
    assert u is not None and u["code"] == row["code"] and u["province"] == province
    assert "match" not in u


def test_dak_glong_canonical_name() -> None:
    row = gz.lookup("huyện Đăk Glong").iloc[0]
    assert (row["name"], row["match"], row["province_2025"]) == ("Đắk Glong", "folded", "Lâm Đồng")


# ---- eras ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "on", ["2025-12-01", "2025-12", dt.date(2025, 12, 1), pd.Timestamp("2025-12-01 08:30")]
)
def test_tuyen_quang_after_the_reform(on: object) -> None:
    df = gz.lookup("tỉnh Tuyên Quang", on=on)
    assert len(df) == 1
    new = df.iloc[0]
    assert (new["code"], new["level"], new["era"]) == ("08", "province", "2025")
    old = gz.lookup("tỉnh Tuyên Quang").iloc[0]
    assert (old["code"], old["era"]) == ("08", "pre2025")
    # the merged unit: Hà Giang went into it, and is no 2025 province
    assert gz.to_2025("02")["province_2025_code"] == "08"
    assert gz.lookup("tỉnh Hà Giang", on=on).empty
    assert gz.resolve("tỉnh Tuyên Quang", on=on)["era"] == "2025"


def test_era_boundary() -> None:
    assert gz.lookup("tỉnh Gia Lai", on="2025-06-30").iloc[0]["code"] == "64"
    assert gz.lookup("tỉnh Gia Lai", on="2025-07-01").iloc[0]["code"] == "52"
    assert gz.lookup("tỉnh Gia Lai", on=None).iloc[0]["code"] == "64"
    assert gz.lookup("tỉnh Gia Lai", on=pd.NaT).iloc[0]["code"] == "64"


def test_former_district_after_the_reform() -> None:
    df = gz.lookup("huyện Ea Súp", on="2025-12-01")
    row = df.iloc[0]
    assert (len(df), row["code"], row["era"], row["province_2025"]) == (1, "646", "pre2025", "Đắk Lắk")
    c = gz.lookup("xã Ea Súp", on="2025-12-01").iloc[0]
    assert (c["level"], c["era"], c["province"]) == ("commune", "2025", "Đắk Lắk")
    assert gz.lookup("Ea Súp", level="district", on="2025-12-01").iloc[0]["code"] == "646"
    # a former province, when marked as former
    dn = gz.lookup("tỉnh Đắk Nông (cũ)", on="2025-12-01").iloc[0]
    assert (dn["code"], dn["era"], dn["province_2025"]) == ("67", "pre2025", "Lâm Đồng")


def test_2025_communes_only() -> None:
    df = gz.lookup("Kỳ Anh", on="2025-07-01", province="Hà Tĩnh")
    assert (df["level"] == "commune").all() and (df["era"] == "2025").all() and len(df) >= 1
    assert df["district_code"].isna().all()


# ---- to_2025 ---------------------------------------------------------------------------------


def test_to_2025_commune() -> None:
    r = gz.to_2025("24217")  # xã Ea Rốk, huyện Ea Súp, Đắk Lắk
    assert (r["code"], r["name"], r["level"], r["era"], r["district_code"]) == (
        "24217",
        "Ea Rốk",
        "commune",
        "pre2025",
        "646",
    )
    assert (r["province_2025_code"], r["province_2025"]) == ("66", "Đắk Lắk")
    assert r["communes_2025"] == [{"code": "24217", "name": "Ea Rốk", "kind_word": "xã"}]
    # each successor is a 2025 commune of the 2025 province
    for c in r["communes_2025"]:
        row = gz.lookup(c["name"], on="2025-07-01", province="66")
        assert c["code"] in codes(row)


def test_to_2025_province_and_district() -> None:
    r = gz.to_2025("67")
    assert (r["name"], r["province_2025"], r["communes_2025"]) == ("Đắk Nông", "Lâm Đồng", [])
    assert gz.to_2025(" 447 ")["communes_2025"] == []


@pytest.mark.parametrize("code", ["99999", "", "abc", "🙂", "0"])
def test_to_2025_unknown_code(code: str) -> None:
    with pytest.raises(KeyError, match="not a pre-2025 GSO code"):
        gz.to_2025(code)


def test_to_2025_refuses_integers() -> None:
    with pytest.raises(TypeError, match="leading zeros"):
        gz.to_2025(1)  # type: ignore[arg-type]


# ---- odd input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        "🙂",
        "huyện 🙂",
        "huyện",
        "TP.",
        "(cũ)",
        "\u0301",
        "\x00\ufeff",
        "北京",
        "x" * 10_000,
        "Đ" * 3000,
    ],
)
def test_odd_input_gives_empty_frame(name: str) -> None:
    df = gz.lookup(name)
    check_frame(df)
    assert df.empty
    assert gz.resolve(name) is None
    gz.lookup(name, level="commune", on="2025-08-01")
    gz.keys(name)


@pytest.mark.parametrize("missing", [None, math.nan, pd.NA])
def test_missing_name(missing: object) -> None:
    check_frame(gz.lookup(missing))  # type: ignore[arg-type]
    assert gz.lookup(missing).empty  # type: ignore[arg-type]
    assert gz.resolve(missing) is None  # type: ignore[arg-type]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="level must be"):
        gz.lookup("Kỳ Anh", level="ward")
    with pytest.raises(ValueError, match="a year"):
        gz.lookup("Kỳ Anh", on="2025")
    with pytest.raises(ValueError, match="not a valid date"):
        gz.lookup("Kỳ Anh", on="2025-13-01")
    with pytest.raises(ValueError, match="ISO date"):
        gz.lookup("Kỳ Anh", on="01/07/2025")
    with pytest.raises(TypeError, match="on is int"):
        gz.lookup("Kỳ Anh", on=2025)
    with pytest.raises(TypeError, match="name is int"):
        gz.lookup(447)  # type: ignore[arg-type]


# ---- the rest --------------------------------------------------------------------------------


def test_stats() -> None:
    s = gz.stats()
    assert s["units"] == {
        "pre2025": {"province": 63, "district": 696, "commune": 10035},
        "2025": {"province": 34, "commune": 3321},
    }
    assert s["aliases"] > 1000 and s["csv_bytes"] > 100_000
    assert 0 < s["load_seconds"] < 10


def test_keys() -> None:
    assert gz.keys("Thanh Hoá") == gz.keys("THANH HÓA")
    assert gz.keys("Đắk Lắk")[1] == gz.keys("Dak Lak")[1] == "daklak"
    assert gz.keys("Ba Tơ")[0] != gz.keys("Ba Tô")[0]


def test_exported() -> None:
    assert vnpov.gazetteer is gz
    assert "gazetteer" in vnpov.__all__
    for f in (gz.lookup, gz.resolve, gz.to_2025, gz.stats, gz.keys):
        assert f.__doc__ and "Returns" in f.__doc__


# ---- no guessed codes on real articles ---------------------------------------------------------


def _fold(s: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return "".join(c for c in s if c.isalnum() and not unicodedata.combining(c))


def _units_named(text: str) -> set[str]:
    """Codes of the units written with a level word, with their district and province codes."""
    import re

    out: set[str] = set()
    pat = r"\b(xã|phường|thị trấn|huyện|thị xã|quận|tỉnh|thành phố) ((?:[A-ZĐ][\w'’]*)(?: [A-ZĐ][\w'’]*)*)"
    for m in re.finditer(pat, text):
        u = gz.resolve(m.group(2), level_word=m.group(1))
        if u:
            out |= {u["code"], u["province_code"], u["district_code"]}
    return out


def test_no_code_is_a_guess_on_the_dev_articles() -> None:
    """Every code given on the dev articles is either the only unit of that name and level, or
    the text holds what decides it: the unit's province named, or its level word written next
    to it (`thị xã Kỳ Anh`). A name the text leaves ambiguous must come without a code."""
    from conftest import need_shared

    ev = need_shared()
    corpus = vnpov.read_corpus(ev / "corpus")
    res = vnpov.extract(corpus["text"], ids=corpus["doc_id"].tolist(), published=corpus["published"].tolist())
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    checked = ambiguous = 0
    for side in ("visitor", "host"):
        rows = res.visits[res.visits[f"{side}_code"].notna()]
        for r in rows.itertuples():
            name, level, code = getattr(r, side), getattr(r, f"{side}_level"), getattr(r, f"{side}_code")
            found = gz.lookup(name, level=str(level))
            # (a former name, `Thừa Thiên Huế` before 2025, is found under the unit's later name)
            same = found[found["name"] == name]
            cands = same if len(same) else found
            assert code in set(cands["code"]), (r.doc_id, name, code)
            checked += 1
            if len(cands) <= 1:
                continue
            ambiguous += 1
            unit = cands[cands["code"] == code].iloc[0]
            text = texts[r.doc_id]
            if cands["province"].nunique() > 1:
                named = _fold(unit["province"]) in _fold(text)
                # or another unit of the article lies in it or holds it (`Hội Nông dân huyện Lạng
                # Giang`, `xã Quang Húc` of the Tam Nông in Phú Thọ)
                around = _units_named(text)
                inside = unit["province_code"] in around or unit["district_code"] in around
                assert named or inside, (r.doc_id, name, code, "nothing in the text decides it")
            if cands["kind_word"].nunique() > 1:
                written = f"{unit['kind_word']} {name}".lower()
                assert written in text.lower(), (r.doc_id, name, code, "level word not written")
    print(f"codes checked: {checked}, names ambiguous without context: {ambiguous}")
    assert checked >= 40 and ambiguous >= 1, (checked, ambiguous)
