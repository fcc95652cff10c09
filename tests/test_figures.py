"""Figures: pins on the real dev articles, evidence of every row, and phrasings.

The phrasing sentences below are written for these tests in the style of
local-government news; they are not taken from any article. The dev checks read
../shared and skip when it is absent.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata

import pytest
import vnpov
from conftest import need_shared

# ---------------------------------------------------------------- helpers


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def norm_ws(s: str) -> str:
    return " ".join(nfc(s).split())


def figures(text: str, published: str | None = None) -> list[dict]:
    if published:
        r = vnpov.extract([text], published=[published])
    else:
        r = vnpov.extract([text])
    return r.figures.to_dict("records")


def one(rows: list[dict], indicator: str, value: float) -> dict:
    got = [
        r for r in rows if r["indicator"] == indicator and abs(r["value"] - value) < 1e-6 * max(1, abs(value))
    ]
    assert len(got) == 1, (indicator, value, [(r["indicator"], r["value"], r["text"]) for r in rows])
    return got[0]


def none_of(rows: list[dict], value: float) -> None:
    bad = [r for r in rows if abs(abs(r["value"]) - value) < 1e-6 * max(1, value)]
    assert not bad, [(r["indicator"], r["value"], r["text"]) for r in bad]


def val(x):
    return None if x is None or (isinstance(x, float) and x != x) or str(x) in ("<NA>", "nan") else x


# ---------------------------------------------------------------- the dev articles


@pytest.fixture(scope="module")
def dev_score(tmp_path_factory) -> dict:
    ev = need_shared()
    out = tmp_path_factory.mktemp("score") / "dev.json"
    cmd = [
        sys.executable,
        str(ev / "score.py"),
        str(ev / "gold" / "dev.jsonl"),
        str(ev / "corpus"),
        "--json",
        str(out),
    ]
    subprocess.run(cmd, check=True, capture_output=True)
    return json.loads(out.read_text(encoding="utf-8"))


def ratio(attr: dict, name: str) -> float:
    right, asked = attr[name]
    return right / asked if asked else 1.0


def test_figures_on_dev(dev_score) -> None:
    f = dev_score["figures"]
    assert f["f1"] >= 0.95, f
    assert f["p"] >= 0.97, f
    assert f["r"] >= 0.93, f
    attr = dev_score["figures_attr"]
    assert ratio(attr, "year") >= 0.89, attr["year"]
    assert ratio(attr, "unit") >= 0.84, attr["unit"]
    assert ratio(attr, "status") >= 0.97, attr["status"]
    assert ratio(attr, "program") >= 0.95, attr["program"]
    assert ratio(attr, "population") >= 0.78, attr["population"]


def spellings(value: float) -> list[str]:
    """Ways the number behind `value` may be written, digits and `,` only."""
    out = []
    v = abs(value)
    for div in (1, 12, 1e3, 1e6, 1e9, 1e12, 12e6, 12e3):
        x = v / div
        if x < 0.005:
            continue
        for digits in (0, 1, 2, 3):
            if abs(round(x, digits) - x) < 1e-9 * max(1.0, x):
                s = f"{x:.{digits}f}".replace(".", ",")
                out.append(s)
                if "," in s:
                    out.append(s.rstrip("0").rstrip(","))
                break
    return out


def test_every_dev_row_shows_its_phrase() -> None:
    ev = need_shared()
    gold = [
        json.loads(x)
        for x in (ev / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
        if x.strip()
    ]
    ids = [g["doc_id"] for g in gold]
    texts = {i: (ev / "corpus" / f"{i}.txt").read_text(encoding="utf-8") for i in ids}
    r = vnpov.extract([texts[i] for i in ids], ids=ids)
    assert len(r.figures) > 100
    for row in r.figures.to_dict("records"):
        original = texts[row["doc_id"]]
        span = original[row["start"] : row["end"]]
        assert span.strip(), row
        # the text is what is there
        assert norm_ws(span) == row["text"], (span, row["text"])
        # the phrase holds the number: written with `.` thousands and `,` decimals
        flat = row["text"].replace(".", "").replace(" ", "")
        assert any(s in flat for s in spellings(row["value"])), (row["value"], row["text"])
        # and ends with it (its unit), not with the rest of the sentence
        assert re.search(r"[\w%/)]$", row["text"]), row["text"]
        assert len(row["text"]) <= 400, row["text"]


# ---------------------------------------------------------------- phrasings

HEAD = "Kết quả giảm nghèo của huyện\n\n"


def test_trajectory_two_years() -> None:
    rows = figures(
        HEAD + "Tỷ lệ hộ nghèo của huyện Mường Lát giảm từ 41,2% năm 2021 xuống còn 30,6% cuối năm 2023."
    )
    a = one(rows, "poor_household_rate", 41.2)
    b = one(rows, "poor_household_rate", 30.6)
    assert (a["year"], b["year"]) == (2021, 2023)
    assert a["unit"] == b["unit"] == "Mường Lát"


def test_trajectory_three_points_without_noun() -> None:
    text = (
        HEAD + "Nhờ thực hiện tốt công tác giảm nghèo, huyện Bảo Lâm từ 35,10% năm 2021 giảm xuống còn "
        "27,44% năm 2022 và còn 19,02% năm 2023."
    )
    rows = figures(text)
    assert [one(rows, "poor_household_rate", v)["year"] for v in (35.10, 27.44, 19.02)] == [2021, 2022, 2023]


def test_second_value_takes_no_year_from_the_first() -> None:
    rows = figures(HEAD + "Năm 2024, tỷ lệ hộ nghèo giảm từ 18,4% năm 2023, xuống còn 15,2%.")
    assert one(rows, "poor_household_rate", 18.4)["year"] == 2023
    assert one(rows, "poor_household_rate", 15.2)["year"] == 2024


def test_year_given_once_for_a_list() -> None:
    rows = figures(
        HEAD + "Đến cuối năm 2022, toàn huyện Si Ma Cai có 1.210 hộ nghèo, chiếm 9,8%; "
        "860 hộ cận nghèo, chiếm 7,0%."
    )
    for ind, v in [
        ("poor_households", 1210),
        ("poor_household_rate", 9.8),
        ("near_poor_households", 860),
        ("near_poor_household_rate", 7.0),
    ]:
        r = one(rows, ind, v)
        assert r["year"] == 2022
        assert r["unit"] == "Si Ma Cai"


def test_counts_with_rates() -> None:
    rows = figures(
        HEAD
        + "Năm 2023, huyện Gia Bình số hộ nghèo còn 22 hộ bằng 0,09%; hộ cận nghèo còn 187 hộ bằng 0,81%."
    )
    one(rows, "poor_households", 22)
    one(rows, "poor_household_rate", 0.09)
    one(rows, "near_poor_households", 187)
    one(rows, "near_poor_household_rate", 0.81)


def test_counts_then_rates_respectively() -> None:
    rows = figures(
        HEAD
        + "Năm 2020, huyện Hương Khê có 1.520 hộ nghèo và 2.100 hộ cận nghèo, tương ứng tỷ lệ 4,5% và 6,2%."
    )
    one(rows, "poor_household_rate", 4.5)
    one(rows, "near_poor_household_rate", 6.2)


def test_national_and_regional_table() -> None:
    text = (
        "Kết quả rà soát hộ nghèo năm 2024\n\n"
        "Tỷ lệ hộ nghèo chung cả nước năm 2024 là 1,93% với 536.000 hộ, phân theo vùng như sau: "
        "Tây Nguyên 4,21% với 66.000 hộ; Đồng bằng sông Cửu Long 1,20% với 55.000 hộ."
    )
    rows = figures(text)
    vn = one(rows, "poor_household_rate", 1.93)
    assert vn["unit"] == "Việt Nam" and vn["unit_level"] == "country"
    assert one(rows, "poor_households", 536000)["unit"] == "Việt Nam"
    tn = one(rows, "poor_household_rate", 4.21)
    assert tn["unit"] == "Tây Nguyên" and tn["unit_level"] == "region"
    assert one(rows, "poor_households", 55000)["unit"] == "Đồng bằng sông Cửu Long"
    assert all(r["year"] == 2024 for r in rows)


def test_multidimensional_total() -> None:
    rows = figures(
        HEAD
        + "Năm 2023, tỷ lệ nghèo đa chiều (gồm tỷ lệ hộ nghèo và hộ cận nghèo) của tỉnh Lai Châu là 30,12% "
        "với 42.000 hộ."
    )
    one(rows, "multidimensional_poverty_rate", 30.12)
    one(rows, "multidimensional_poor_households", 42000)


def test_poverty_standard_is_not_the_indicator() -> None:
    rows = figures(HEAD + "Theo chuẩn nghèo đa chiều, tỷ lệ hộ nghèo của tỉnh Hà Nam năm 2022 còn 1,5%.")
    one(rows, "poor_household_rate", 1.5)


def test_changes() -> None:
    text = (
        HEAD + "Giai đoạn 2021-2024, tỷ lệ hộ nghèo của huyện Quan Sơn giảm bình quân 4,35%/năm. "
        "Năm 2024, số hộ nghèo giảm 310 hộ; tỷ lệ hộ cận nghèo tăng 0,5%. "
        "Số hộ nghèo phát sinh mới là 45 hộ, tái nghèo 6 hộ."
    )
    rows = figures(text)
    assert one(rows, "poor_household_rate_change", -4.35)["measure"] == "percentage_points"
    one(rows, "poor_households_change", -310)
    one(rows, "near_poor_household_rate_change", 0.5)
    none_of(rows, 45)
    none_of(rows, 6)


def test_change_then_its_rate() -> None:
    rows = figures(HEAD + "Năm 2022, toàn huyện Tam Đường giảm 95 hộ nghèo, đạt 0,8%.")
    one(rows, "poor_households_change", -95)
    one(rows, "poor_household_rate_change", -0.8)


def test_targets_and_estimates() -> None:
    text = (
        HEAD + "Ước đến cuối năm 2024, tỷ lệ hộ nghèo của tỉnh Yên Bái còn 5,1%. "
        "Tỉnh phấn đấu giảm tỷ lệ hộ nghèo 2,5%/năm. "
        "Mục tiêu đến cuối năm 2025, tỷ lệ hộ nghèo còn dưới 3%. "
        "Dự kiến năm 2025 tỷ lệ hộ cận nghèo còn 4,2%."
    )
    rows = figures(text)
    assert one(rows, "poor_household_rate", 5.1)["status"] == "estimate"
    assert one(rows, "poor_household_rate_change", -2.5)["status"] == "target"
    t = one(rows, "poor_household_rate", 3.0)
    assert t["status"] == "target" and t["year"] == 2025
    assert one(rows, "near_poor_household_rate", 4.2)["status"] == "estimate"


def test_target_range_per_year() -> None:
    rows = figures(HEAD + "Tỉnh Cao Bằng đặt mục tiêu mỗi năm tỷ lệ hộ nghèo giảm từ 3-4%.")
    for v in (-3.0, -4.0):
        r = one(rows, "poor_household_rate_change", v)
        assert r["status"] == "target"


def test_subgroups() -> None:
    text = (
        HEAD + "Năm 2023, huyện Krông Pa còn 2.300 hộ nghèo DTTS. "
        "Năm 2023, tỷ lệ hộ nghèo tại các huyện nghèo còn 21,5%. "
        "Năm 2023, tỷ lệ hộ nghèo trong vùng đồng bào dân tộc thiểu số của tỉnh Gia Lai còn 9,8%."
    )
    rows = figures(text)
    assert one(rows, "poor_households", 2300)["population"] == "ethnic_minority"
    assert one(rows, "poor_household_rate", 21.5)["population"] == "other"
    assert one(rows, "poor_household_rate", 9.8)["population"] == "ethnic_minority"


def test_money_totals_parts_and_program() -> None:
    text = (
        HEAD + "Năm 2023, huyện Mường Nhé được giao tổng nguồn vốn thực hiện "
        "Chương trình mục tiêu quốc gia giảm nghèo bền vững "
        "trên 250 tỷ đồng, trong đó gần 150 tỷ vốn đầu tư phát triển và 100 tỷ vốn sự nghiệp. "
        "Đến nay huyện đã giải ngân 20.500/41.000 triệu đồng, đạt 50%."
    )
    rows = figures(text)
    t = one(rows, "funding_total", 250e9)
    assert t["qualifier"] == "over" and t["program"] == "sustainable_poverty_reduction"
    assert one(rows, "funding_investment", 150e9)["qualifier"] == "nearly"
    one(rows, "funding_recurrent", 100e9)
    one(rows, "funding_disbursed", 20.5e9)
    one(rows, "funding_total", 41e9)
    one(rows, "disbursement_rate", 50.0)


def test_a_fraction_with_its_unit_after_both_numbers() -> None:
    # `X tỷ đồng/Y tỷ đồng` as `X/Y tỷ đồng`: disbursed of the total; each number its own multiplier
    for money, disbursed, total in (
        ("75,6 tỷ đồng/120 tỷ đồng", 75.6e9, 120e9),
        ("750 triệu đồng/1,2 tỷ đồng", 750e6, 1.2e9),
    ):
        text = (
            HEAD + f"Năm 2024, huyện Mường Nhé đã giải ngân {money} vốn Chương trình mục tiêu quốc gia "
            "giảm nghèo bền vững, đạt 63%."
        )
        rows = figures(text)
        assert one(rows, "funding_disbursed", disbursed)["year"] == 2024
        one(rows, "funding_total", total)
        one(rows, "disbursement_rate", 63.0)
        # the second number is read once, as the whole, not as a figure of its own
        assert len(rows) == 3, [(r["indicator"], r["value"]) for r in rows]


def test_a_date_that_says_as_of_when_gives_the_year() -> None:
    # `tính đến ngày 30/6/2024`: the numbers after it are of 2024, not of the year of writing
    for opening, indicator, value in (
        ("Đến ngày 30/11/2024, huyện Tây Giang đã giải ngân 45,2 tỷ đồng", "funding_disbursed", 45.2e9),
        ("Tính đến 30/6/2024, huyện Tây Giang đã giải ngân 23,6 tỷ đồng", "funding_disbursed", 23.6e9),
        ("Đến 31/12/2023, toàn huyện Tây Giang có 1.234 hộ nghèo", "poor_households", 1234),
    ):
        rows = figures(HEAD + opening + ".", published="2025-03-15")
        assert one(rows, indicator, value)["year"] == int(opening.split("/")[2][:4]), opening
    # a year the sentence names comes first: the money of 2024, disbursed by January 2025
    rows = figures(
        HEAD + "Năm 2024, huyện Tây Giang được giao 60 tỷ đồng; "
        "tính đến ngày 31/01/2025 đã giải ngân 45,2 tỷ đồng.",
        published="2025-03-15",
    )
    assert one(rows, "funding_disbursed", 45.2e9)["year"] == 2024


def test_a_share_of_the_poor_that_received_something_is_not_a_rate() -> None:
    for sentence in (
        "Năm 2024, 100% hộ nghèo, hộ cận nghèo được hỗ trợ mua thẻ bảo hiểm y tế.",
        "Đến nay, 95% hộ nghèo trên địa bàn huyện Mường Ảng đã được tiếp cận nước sạch.",
        "Năm 2024, 100% hộ nghèo có nhu cầu trên địa bàn huyện đều được vay vốn ưu đãi.",
    ):
        assert figures(HEAD + sentence) == [], sentence
    # the rate written the same way, and a change, with `được` in another clause
    rows = figures(HEAD + "Cuối năm 2024, huyện Mường Ảng còn 25,3% hộ nghèo, được tỉnh ghi nhận.")
    one(rows, "poor_household_rate", 25.3)
    rows = figures(HEAD + "Năm 2024, huyện Mường Ảng giảm 3,2% hộ nghèo, được tỉnh khen thưởng.")
    one(rows, "poor_household_rate_change", -3.2)


def test_the_year_after_the_noun_of_a_count() -> None:
    # `1.234 hộ nghèo vào cuối năm 2023`: the count's own year, past the rest of its noun
    rows = figures(HEAD + "Huyện Mường Khương có 1.234 hộ nghèo vào cuối năm 2023.", published="2025-03-01")
    assert one(rows, "poor_households", 1234)["year"] == 2023
    rows = figures(HEAD + "Huyện Mường Khương có 512 hộ thoát nghèo trong năm 2023.", published="2025-03-01")
    assert one(rows, "escaped_poverty_households", 512)["year"] == 2023
    # a year in the next clause is not the count's
    rows = figures(
        HEAD + "Huyện Mường Khương có 1.234 hộ nghèo, năm 2024 giảm còn 1.100 hộ.", published="2025-03-01"
    )
    assert one(rows, "poor_households", 1234)["year"] == 2025


def test_three_programs_in_one_meeting() -> None:
    text = (
        HEAD + "Năm 2024, Chương trình mục tiêu quốc gia xây dựng nông thôn mới được giao 120 tỷ đồng. "
        "Chương trình mục tiêu quốc gia giảm nghèo bền vững được giao 80 tỷ đồng. "
        "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số "
        "và miền núi được giao 60 tỷ đồng."
    )
    rows = figures(text)
    assert one(rows, "funding_total", 120e9)["program"] == "new_rural"
    assert one(rows, "funding_total", 80e9)["program"] == "sustainable_poverty_reduction"
    assert one(rows, "funding_total", 60e9)["program"] == "ethnic_minority"


def test_income_per_year_and_per_month() -> None:
    text = (
        HEAD + "Năm 2023, thu nhập bình quân đầu người của huyện Đầm Hà đạt 62,5 triệu đồng/người/năm. "
        "Năm 2024, thu nhập bình quân đầu người của xã Quảng Lâm đạt 4 triệu đồng/người/tháng."
    )
    rows = figures(text)
    assert one(rows, "income_per_capita", 62.5e6)["measure"] == "vnd_per_person_year"
    one(rows, "income_per_capita", 48e6)


def test_ethnic_minority_share() -> None:
    rows = figures(HEAD + "Huyện Mù Cang Chải có 8 xã, đồng bào dân tộc thiểu số chiếm 98,5% dân số.")
    r = one(rows, "ethnic_minority_share", 98.5)
    assert r["unit"] == "Mù Căng Chải"


def test_unit_of_the_paragraph_and_of_the_province() -> None:
    text = (
        "Hội nghị tổng kết công tác giảm nghèo tỉnh Đắk Lắk\n\n"
        "Năm 2023, toàn tỉnh còn 35.000 hộ nghèo. "
        "Đối với huyện Ea Súp, tỷ lệ hộ nghèo năm 2023 còn 25,3%. "
        "Cả nước năm 2023 có tỷ lệ hộ nghèo 2,93%."
    )
    rows = figures(text)
    assert one(rows, "poor_households", 35000)["unit"] == "Đắk Lắk"
    assert one(rows, "poor_household_rate", 25.3)["unit"] == "Ea Súp"
    assert one(rows, "poor_household_rate", 2.93)["unit"] == "Việt Nam"


def test_list_of_units_without_level_words() -> None:
    text = (
        "Giảm nghèo ở Đắk Lắk\n\n"
        "Năm 2022, tỉnh Đắk Lắk còn một số huyện tỷ lệ hộ nghèo cao như: "
        "Ea Súp 30,1%; M'Đrắk 28,4%; Krông Bông 22,7%."
    )
    rows = figures(text)
    assert one(rows, "poor_household_rate", 30.1)["unit"] == "Ea Súp"
    assert one(rows, "poor_household_rate", 28.4)["unit"] == "M'Đrắk"
    assert one(rows, "poor_household_rate", 22.7)["unit"] == "Krông Bông"


def test_after_the_2025_reform() -> None:
    text = "Xã Nam Phước giảm nghèo\n\nĐến cuối năm 2025, tỷ lệ hộ nghèo của xã Nam Phước còn 0,8% với 52 hộ."
    rows = figures(text, published="2025-12-10")
    r = one(rows, "poor_household_rate", 0.8)
    assert r["unit"] == "Nam Phước" and r["year"] == 2025
    assert one(rows, "poor_households", 52)["unit"] == "Nam Phước"


def test_noise_is_not_a_figure() -> None:
    text = (
        HEAD + "Năm 2023, huyện Bắc Yên giải quyết việc làm đạt 42,86% kế hoạch năm. "
        "Huyện hỗ trợ làm nhà cho 120 hộ nghèo. Tốc độ tăng trưởng GRDP đạt 7,5%. "
        "Số hộ nghèo là người dân tộc thiểu số chiếm 95,2% tổng số hộ nghèo. "
        "Liên hệ: 0912.345.678. Lượt xem: 1520."
    )
    rows = figures(text)
    for v in (42.86, 120, 7.5, 95.2):
        none_of(rows, v)


def test_a_story_printed_twice_counts_once() -> None:
    s = "Năm 2023, tỷ lệ hộ nghèo của huyện Tủa Chùa còn 28,6%."
    rows = figures(HEAD + s + "\n\n" + s)
    one(rows, "poor_household_rate", 28.6)


def test_headline_rounding_is_not_a_second_figure() -> None:
    rows = figures("Toàn tỉnh còn gần 20 nghìn hộ nghèo\n\nNăm 2023, toàn tỉnh Sơn La còn 19.640 hộ nghèo.")
    one(rows, "poor_households", 19640)
    none_of(rows, 20000)


def test_years_respectively() -> None:
    rows = figures(
        HEAD
        + "Tỷ lệ hộ nghèo của huyện Mèo Vạc các năm 2021, 2022 và 2023 lần lượt là 30,5%, 25,1% và 20,4%."
    )
    assert [one(rows, "poor_household_rate", v)["year"] for v in (30.5, 25.1, 20.4)] == [2021, 2022, 2023]


def test_points_plans_and_quotas() -> None:
    text = (
        HEAD
        + "Năm 2024, tỷ lệ hộ nghèo của huyện Tân Sơn còn 3,2%, giảm 1,1 điểm phần trăm so với năm 2023. "
        "Theo kế hoạch, năm 2025 tỷ lệ hộ nghèo còn 2%. "
        "Chỉ tiêu giảm tỷ lệ hộ cận nghèo năm 2025 là 1,5%."
    )
    rows = figures(text)
    assert one(rows, "poor_household_rate", 3.2)["year"] == 2024
    assert one(rows, "poor_household_rate_change", -1.1)["year"] == 2024
    assert one(rows, "poor_household_rate", 2.0)["status"] == "target"
    r = one(rows, "near_poor_household_rate_change", -1.5)
    assert r["status"] == "target" and r["year"] == 2025


def test_escaped_and_reviewed_early_in_the_year() -> None:
    text = (
        "Kết quả rà soát hộ nghèo\n\n"
        "Theo kết quả rà soát hộ nghèo, toàn tỉnh Điện Biên hiện có 25.300 hộ nghèo; "
        "trong năm có 4.100 hộ thoát nghèo."
    )
    rows = figures(text, published="2024-01-15")
    assert one(rows, "poor_households", 25300)["year"] == 2023
    one(rows, "escaped_poverty_households", 4100)


def test_one_endless_sentence_is_read_in_time() -> None:
    import time

    item = "xã Nậm Ty có 120 hộ nghèo, chiếm 12,5%, "
    text = HEAD + "Năm 2023, tỷ lệ hộ nghèo của huyện Hoàng Su Phì như sau: " + item * 3000 + "còn lại."
    t0 = time.perf_counter()
    vnpov.extract([text])
    small = time.perf_counter() - t0
    t0 = time.perf_counter()
    vnpov.extract([HEAD + "Năm 2023, tỷ lệ hộ nghèo như sau: " + item * 12000 + "còn lại."])
    big = time.perf_counter() - t0
    # four times the text may not cost sixteen times the time
    assert big < 8 * small + 0.5, (small, big)


def test_flows_over_a_period_and_new_poor() -> None:
    text = (
        HEAD + "Trong giai đoạn 2021-2025, tỉnh Bắc Kạn đã có 9.800 hộ thoát nghèo. "
        "Năm 2023, huyện Na Rì có 450 hộ tái nghèo và 320 hộ nghèo phát sinh."
    )
    rows = figures(text)
    r = one(rows, "escaped_poverty_households", 9800)
    assert val(r["year"]) is None and (r["period_start"], r["period_end"]) == (2021, 2025)
    none_of(rows, 450)
    none_of(rows, 320)


def test_rates_in_brackets_and_changes_against_last_year() -> None:
    text = (
        HEAD
        + "Năm 2023, toàn tỉnh Bắc Kạn còn 12.345 hộ nghèo (chiếm 9,5%) và 8.900 hộ cận nghèo (chiếm 6,2%). "
        "Tỷ lệ hộ nghèo của huyện Ba Bể giảm còn 14,5% (giảm 2,1% so với cuối năm 2022)."
    )
    rows = figures(text)
    one(rows, "poor_household_rate", 9.5)
    one(rows, "near_poor_household_rate", 6.2)
    r = one(rows, "poor_household_rate_change", -2.1)
    assert r["year"] == 2023 and r["unit"] == "Ba Bể"


def test_parts_of_a_total_by_source_and_support_given() -> None:
    text = (
        HEAD + "Năm 2024, tổng vốn ngân sách trung ương giao cho huyện Mường Tè là 300 tỷ đồng, "
        "trong đó ngân sách địa phương 15 tỷ đồng. Huyện hỗ trợ 500 hộ nghèo làm nhà ở."
    )
    rows = figures(text)
    assert one(rows, "funding_total", 300e9)["unit"] == "Mường Tè"
    none_of(rows, 15e9)
    none_of(rows, 500)


def test_yearly_decrease_without_its_noun() -> None:
    rows = figures("Giảm nghèo bền vững\n\nGiai đoạn 2021-2025, huyện Mường Khương phấn đấu giảm 3%/năm.")
    r = one(rows, "poor_household_rate_change", -3.0)
    assert r["status"] == "target" and (r["period_start"], r["period_end"]) == (2021, 2025)
    other = figures("Tăng trưởng kinh tế\n\nGiai đoạn 2021-2025, GRDP của tỉnh phấn đấu tăng 7%/năm.")
    assert not other


def test_a_place_named_in_passing_is_not_the_unit() -> None:
    text = (
        "Huyện Đầm Hà đổi mới\n\n"
        "Năm 2023, huyện Đầm Hà khánh thành cầu Khe Mai, xã Quảng Lâm, đường trục xã Quảng An, "
        "các lĩnh vực y tế, giáo dục được quan tâm, "
        "thu nhập bình quân đầu người đạt 70 triệu đồng/người/năm. "
        "Đơn cử, tại xã Quảng Tân, năm 2023, địa phương này được phân bổ 12 tỷ đồng."
    )
    rows = figures(text)
    assert one(rows, "income_per_capita", 70e6)["unit"] == "Đầm Hà"
    assert one(rows, "funding_total", 12e9)["unit"] == "Quảng Tân"


def test_nouns_zipped_with_the_values_after_respectively() -> None:
    rows = figures(
        "Năm 2025, tỷ lệ hộ nghèo, hộ cận nghèo của xã Mường Tùng lần lượt là 31,4% và 11,8%.",
        "2025-12-20",
    )
    assert one(rows, "poor_household_rate", 31.4)["year"] == 2025
    one(rows, "near_poor_household_rate", 11.8)
    rows = figures(
        "Năm 2023, tỷ lệ hộ nghèo và hộ cận nghèo của huyện Quản Bạ giảm lần lượt 4,26% và 1,17% "
        "so với năm 2022.",
        "2024-01-15",
    )
    assert one(rows, "poor_household_rate_change", -4.26)["year"] == 2023
    one(rows, "near_poor_household_rate_change", -1.17)
    # counts, then their rates after `tỷ lệ tương ứng`
    rows = figures(
        "Cuối năm 2023, huyện Quản Bạ có 2.145 hộ nghèo và 1.302 hộ cận nghèo, tỷ lệ tương ứng là "
        "17,3% và 10,5%.",
        "2024-01-15",
    )
    one(rows, "poor_households", 2145)
    one(rows, "near_poor_households", 1302)
    one(rows, "poor_household_rate", 17.3)
    one(rows, "near_poor_household_rate", 10.5)


def test_a_rate_of_something_else_continues_no_poverty_clause() -> None:
    rows = figures(
        "Năm 2023, tỷ lệ hộ nghèo của huyện Quản Bạ còn 15,2%; tỷ lệ lao động qua đào tạo đạt 58%; "
        "tỷ lệ che phủ rừng đạt 61,7%. Tỷ lệ hộ nghèo được vay vốn ưu đãi đạt 92%.",
        "2024-01-15",
    )
    assert [(r["indicator"], r["value"]) for r in rows] == [("poor_household_rate", 15.2)]


def test_households_that_escaped_poverty_in_other_words() -> None:
    for text in (
        "Năm 2024, nguồn vốn tín dụng chính sách đã giúp 412 hộ tại huyện Mường Khương thoát nghèo.",
        "Năm 2024, huyện Mường Khương có 412 hộ vươn lên thoát nghèo.",
        "Năm 2024, huyện Mường Khương có 412 hộ đã thoát nghèo.",
        "Năm 2024, các chương trình hỗ trợ sinh kế đã thoát nghèo cho 412 hộ của huyện Mường Khương.",
    ):
        rows = figures(text, "2025-01-10")
        assert one(rows, "escaped_poverty_households", 412)["year"] == 2024, text
    # households helped in another way are still no figure
    none_of(figures("Năm 2024, huyện Mường Khương hỗ trợ làm nhà cho 412 hộ nghèo.", "2025-01-10"), 412)


def test_a_change_written_before_its_rate_and_at_least() -> None:
    rows = figures("Năm 2026, tỉnh Điện Biên phấn đấu giảm 3% tỷ lệ hộ nghèo trở lên.", "2025-12-09")
    r = one(rows, "poor_household_rate_change", -3)
    assert (r["year"], r["status"]) == (2026, "target")
    rows = figures("Năm 2026, xã Mường Tùng phấn đấu giảm tỷ lệ hộ nghèo 4% trở lên.", "2025-12-09")
    assert one(rows, "poor_household_rate_change", -4)["status"] == "target"
    # a threshold heading a list is still no figure
    none_of(figures("Năm 2025, các xã có tỷ lệ hộ nghèo 30% trở lên được ưu tiên vốn.", "2025-12-09"), 30)


def test_the_year_of_a_base_of_comparison() -> None:
    rows = figures(
        "Năm 2024, tỷ lệ hộ nghèo của huyện Phù Yên còn 8,6%, giảm 3,1% so với năm 2023 (11,7%).",
        "2024-12-19",
    )
    assert one(rows, "poor_household_rate", 8.6)["year"] == 2024
    assert one(rows, "poor_household_rate", 11.7)["year"] == 2023
    rows = figures(
        "Năm 2023, tỷ lệ hộ nghèo của huyện Đam Rông còn 9,8%, giảm so với mức 12,3% của năm 2022.",
        "2024-01-16",
    )
    assert one(rows, "poor_household_rate", 9.8)["year"] == 2023
    assert one(rows, "poor_household_rate", 12.3)["year"] == 2022


def test_a_figure_of_a_year_after_the_writing_is_a_goal() -> None:
    rows = figures(
        "Năm 2025, thu nhập bình quân đầu người của tỉnh Quảng Trị đạt 68 triệu đồng; đến năm 2030, "
        "thu nhập bình quân đầu người đạt 120 triệu đồng.",
        "2025-10-20",
    )
    assert one(rows, "income_per_capita", 68e6)["status"] == "actual"
    r = one(rows, "income_per_capita", 120e6)
    assert (r["year"], r["status"]) == (2030, "target")


def test_the_year_of_a_data_tag_after_the_numbers() -> None:
    rows = figures(
        "Trước sắp xếp, xã Hồng Thái có 212 hộ nghèo, xã Na Hang có 87 hộ nghèo (số liệu cuối năm 2024).",
        "2025-08-08",
    )
    assert one(rows, "poor_households", 212)["year"] == 2024
    assert one(rows, "poor_households", 87)["year"] == 2024


@pytest.mark.parametrize(
    "headline",
    [
        "Mường Ảng: Tỷ lệ hộ nghèo còn dưới 20%",
        "Thu nhập bình quân đầu người đạt 38 triệu đồng",
        "Huyện Mường Ảng giải ngân đạt 92% vốn giảm nghèo",
    ],
)
def test_a_headlines_number_does_not_take_the_year_that_opens_the_body(headline: str) -> None:
    # the headline goes straight on to the body: `Năm 2023` is the body's year, not the headline's
    text = (
        f"{headline}\nNăm 2023, tỷ lệ hộ nghèo huyện Mường Ảng còn 19,4%, tỷ lệ hộ cận nghèo 7,2%; "
        "615 hộ thoát nghèo."
    )
    f = vnpov.extract([text], published=["2024-01-15"]).figures
    body = f[
        f["indicator"].isin(["poor_household_rate", "near_poor_household_rate", "escaped_poverty_households"])
    ]
    assert sorted(body["value"].tolist()) == [7.2, 19.4, 615.0]
    assert body["year"].tolist() == [2023, 2023, 2023]


@pytest.mark.parametrize(
    "sentence,year",
    [
        ("giảm từ 38,2% cuối năm 2019 xuống còn 33,6% cuối năm 2020, giảm 4,6%", 2020),
        ("giảm từ 38,2% năm 2019 xuống 33,6% năm 2020, giảm 4,6 điểm phần trăm", 2020),
        # the value before the change has no year of its own: the from-value's is not the change's
        ("giảm từ 38,2% năm 2019 xuống 33,6%, giảm 4,6%", 2021),
    ],
)
def test_a_change_after_its_end_value_takes_that_values_year(sentence: str, year: int) -> None:
    f = vnpov.extract([f"Tỷ lệ hộ nghèo của huyện Mường Lát {sentence}."], published=["2021-03-22"]).figures
    change = f[f["indicator"] == "poor_household_rate_change"]
    assert change[["value", "year"]].values.tolist() == [[-4.6, year]]


@pytest.mark.parametrize(
    "others",
    [
        "96 hộ tái nghèo",
        "180 hộ thoát cận nghèo",
        "phát sinh 12 hộ nghèo mới",
        "450 hộ có mức sống trung bình",
        "số hộ nghèo phát sinh mới là 37 hộ",
    ],
)
def test_households_of_other_kinds_continue_no_list(others: str) -> None:
    text = f"Năm 2023, huyện Mường Ảng có 812 hộ thoát nghèo, {others}."
    f = vnpov.extract([text], published=["2024-01-20"]).figures
    assert f[["indicator", "value"]].values.tolist() == [["escaped_poverty_households", 812.0]]


def test_the_cost_of_one_activity_is_no_programs_funding() -> None:
    text = (
        "Năm 2023, từ nguồn vốn Chương trình MTQG giảm nghèo bền vững, huyện Quỳ Châu hỗ trợ 85 con bò "
        "giống cho hộ nghèo với kinh phí 1,7 tỷ đồng. Tổng kinh phí thực hiện Chương trình năm 2023 "
        "là 48,5 tỷ đồng."
    )
    f = vnpov.extract([text], published=["2023-12-20"]).figures
    assert f[["indicator", "value"]].values.tolist() == [["funding_total", 48.5e9]]


def test_the_year_the_headline_names_is_the_bodys_when_it_names_none() -> None:
    text = (
        "Infographic: Kết quả giảm nghèo tỉnh Điện Biên năm 2025\n"
        "• Tỷ lệ hộ nghèo: 17,62%\n"
        "• Số hộ thoát nghèo: 4.120 hộ"
    )
    f = vnpov.extract([text], published=["2026-01-28"]).figures
    assert f[["indicator", "year"]].values.tolist() == [
        ["poor_household_rate", 2025],
        ["escaped_poverty_households", 2025],
    ]


@pytest.mark.parametrize(
    "shares",
    [
        "100% hộ nghèo có nhà ở kiên cố, 97,5% hộ dùng điện lưới quốc gia",
        "85% hộ nghèo trên địa bàn huyện đã có nhà ở an toàn",
    ],
)
def test_the_share_of_the_poor_that_have_something_is_no_rate(shares: str) -> None:
    text = f"Năm 2023, huyện Mường Ảng còn 11,4% hộ nghèo. Đến nay, {shares}."
    f = vnpov.extract([text], published=["2024-01-20"]).figures
    assert f[["indicator", "value"]].values.tolist() == [["poor_household_rate", 11.4]]


def test_a_sentence_opening_with_trong_do_goes_on_with_the_clause_before() -> None:
    text = (
        "Cuối năm 2023, toàn huyện Sốp Cộp còn 4.876 hộ nghèo. Trong đó, xã Mường Lạn 621 hộ, xã Chiềng Sơ "
        "498 hộ."
    )
    f = vnpov.extract([text], published=["2024-01-10"]).figures
    assert f[["indicator", "value", "unit"]].values.tolist() == [
        ["poor_households", 4876.0, "Sốp Cộp"],
        ["poor_households", 621.0, "Mường Lạn"],
        ["poor_households", 498.0, "Chiềng Sơ"],
    ]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1.165 tỷ 500 triệu đồng", 1_165_500_000_000.0),
        ("2 tỷ 350 triệu", 2_350_000_000.0),
        ("1 nghìn tỷ 200 tỷ đồng", 1_200_000_000_000.0),
    ],
)
def test_a_sum_written_in_two_parts_is_one_sum(written: str, value: float) -> None:
    text = (
        f"Năm 2024, tổng vốn thực hiện Chương trình MTQG giảm nghèo bền vững của tỉnh Lai Châu là {written}."
    )
    f = vnpov.extract([text], published=["2024-12-20"]).figures
    assert f[["indicator", "value"]].values.tolist() == [["funding_total", value]]


def test_two_sums_apart_stay_two() -> None:
    text = (
        "Năm 2024, huyện Mường Tè được giao 45 tỷ đồng vốn Chương trình MTQG giảm nghèo bền vững, "
        "đã giải ngân 30 tỷ, 500 triệu đồng còn lại chuyển sang năm 2025."
    )
    f = vnpov.extract([text], published=["2024-12-20"]).figures
    assert [r[:2] for r in f[["indicator", "value"]].values.tolist()][:2] == [
        ["funding_total", 45e9],
        ["funding_disbursed", 30e9],
    ]


def test_a_count_of_households_written_without_ho_is_read() -> None:
    text = (
        "Theo kết quả rà soát cuối năm 2022, số hộ nghèo toàn huyện Tuần Giáo là 3.105, số hộ cận nghèo "
        "là 1.987; số hộ được hỗ trợ làm nhà là 140."
    )
    f = vnpov.extract([text], published=["2023-01-12"]).figures
    assert f[["indicator", "value", "year"]].values.tolist() == [
        ["poor_households", 3105.0, 2022],
        ["near_poor_households", 1987.0, 2022],
    ]


@pytest.mark.parametrize(
    "other",
    [
        "số hộ nghèo giảm 12 tháng liên tục",
        "số hộ nghèo là 3.105 người",
        "tổng số hộ dân là 15.420",
    ],
)
def test_a_number_without_ho_counts_households_only_after_so_ho(other: str) -> None:
    text = f"Năm 2022, huyện Tuần Giáo có tỷ lệ hộ nghèo 25,4%; {other}."
    f = vnpov.extract([text], published=["2023-01-12"]).figures
    assert f[["indicator", "value"]].values.tolist() == [["poor_household_rate", 25.4]]


@pytest.mark.parametrize(
    "commune",
    ["xã Nậm Chày (huyện Văn Bàn)", "xã Nậm Chày, huyện Văn Bàn"],
)
def test_a_commune_placed_in_its_district_is_the_unit_of_its_counts(commune: str) -> None:
    text = (
        f"Năm 2023, {commune} giảm 64 hộ nghèo, tỷ lệ hộ nghèo còn 28,15%. "
        "Xã được giao 1.250.000.000 đồng vốn Chương trình MTQG giảm nghèo bền vững."
    )
    f = vnpov.extract([text], published=["2024-01-15"]).figures
    assert f[["indicator", "unit"]].values.tolist() == [
        ["poor_households_change", "Nậm Chày"],
        ["poor_household_rate", "Nậm Chày"],
        ["funding_total", "Nậm Chày"],
    ]


@pytest.mark.parametrize("standard", ["2026-2030", "2022 - 2025"])
def test_the_period_of_a_poverty_standard_is_no_period_of_the_figure(standard: str) -> None:
    text = (
        "Nghị quyết đề ra các chỉ tiêu chủ yếu năm 2026, trong đó: thu nhập bình quân đầu người tỉnh Sơn La "
        f"đạt 68 triệu đồng; tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn {standard} giảm 2,5%."
    )
    f = vnpov.extract([text], published=["2025-12-18"]).figures
    assert f[["indicator", "year", "status"]].values.tolist() == [
        ["income_per_capita", 2026, "target"],
        ["poor_household_rate_change", 2026, "target"],
    ]
    assert f["period_start"].isna().all()


@pytest.mark.parametrize(
    "units",
    ["các huyện Bắc Hà, Si Ma Cai, Mường Khương", "huyện Bắc Hà, huyện Si Ma Cai và huyện Mường Khương"],
)
def test_lan_luot_gives_each_unit_of_a_list_its_value(units: str) -> None:
    text = f"Cuối năm 2023, tỷ lệ hộ nghèo của {units} lần lượt là 21,4%, 30,15% và 18,9%."
    f = vnpov.extract([text], published=["2024-01-20"]).figures
    assert f[["value", "unit"]].values.tolist() == [
        [21.4, "Bắc Hà"],
        [30.15, "Si Ma Cai"],
        [18.9, "Mường Khương"],
    ]


def test_lan_luot_values_apart_by_semicolons_take_each_its_year() -> None:
    text = "Tỷ lệ hộ nghèo của huyện Bắc Hà các năm 2021, 2022, 2023 lần lượt là 31,2%; 26,05% và 21,4%."
    f = vnpov.extract([text], published=["2024-01-20"]).figures
    assert f[["value", "year"]].values.tolist() == [[31.2, 2021], [26.05, 2022], [21.4, 2023]]


def test_a_goal_opening_a_list_after_a_colon_governs_each_clause() -> None:
    text = (
        "Đại hội đề ra các chỉ tiêu chủ yếu: thu nhập bình quân đầu người đến năm 2025 đạt 42 triệu đồng; "
        "tỷ lệ hộ nghèo giảm bình quân 3,5%/năm; tỷ lệ che phủ rừng đạt 52%."
    )
    f = vnpov.extract([text], published=["2020-08-25"]).figures
    assert f[["indicator", "status"]].values.tolist() == [
        ["income_per_capita", "target"],
        ["poor_household_rate_change", "target"],
    ]


def test_a_colon_after_an_actual_figure_sets_no_goal() -> None:
    text = "Kết quả năm 2023: tỷ lệ hộ nghèo của huyện Mù Cang Chải còn 31,2%; hộ cận nghèo 9,8%."
    f = vnpov.extract([text], published=["2024-01-20"]).figures
    assert set(f["status"]) == {"actual"}


@pytest.mark.parametrize(
    ("cue", "want"),
    [
        (
            "tỷ lệ hộ nghèo và cận nghèo của huyện Văn Bàn còn 14,6%",
            [["multidimensional_poverty_rate", 14.6]],
        ),
        (
            "tổng số hộ nghèo và hộ cận nghèo của huyện Văn Bàn là 3.420 hộ, chiếm 14,6%",
            [["multidimensional_poor_households", 3420.0], ["multidimensional_poverty_rate", 14.6]],
        ),
        (
            "tỷ lệ hộ nghèo và cận nghèo của huyện Văn Bàn lần lượt là 9,2% và 5,4%",
            [["poor_household_rate", 9.2], ["near_poor_household_rate", 5.4]],
        ),
        (
            "số hộ nghèo và hộ cận nghèo của huyện Văn Bàn lần lượt là 2.150 hộ và 1.270 hộ",
            [["poor_households", 2150.0], ["near_poor_households", 1270.0]],
        ),
    ],
)
def test_the_poor_and_near_poor_together_are_multidimensional_unless_listed_one_by_one(
    cue: str, want: list
) -> None:
    f = vnpov.extract([f"Cuối năm 2023, {cue}."], published=["2024-01-20"]).figures
    assert f[["indicator", "value"]].values.tolist() == want


@pytest.mark.parametrize(
    "sentence",
    [
        "Theo chuẩn nghèo giai đoạn 2026-2030, hộ nghèo ở khu vực nông thôn là hộ có thu nhập bình quân đầu "
        "người một tháng từ 2,2 triệu đồng trở xuống; khu vực thành thị là 2,8 triệu đồng.",
        "Thu nhập bình quân của người lao động trong các khu công nghiệp của tỉnh đạt 8,1 triệu đồng/tháng.",
    ],
)
def test_the_poverty_line_and_wages_are_no_income_per_head(sentence: str) -> None:
    text = f"Năm 2025, thu nhập bình quân đầu người của tỉnh Hà Tĩnh đạt 72,5 triệu đồng. {sentence}"
    f = vnpov.extract([text], published=["2025-12-20"]).figures
    assert f[["indicator", "value"]].values.tolist() == [["income_per_capita", 72.5e6]]


def test_the_bodys_telling_of_a_headline_number_is_the_row_kept() -> None:
    text = (
        "Huyện Trạm Tấu: Tỷ lệ giải ngân vốn sự nghiệp mới đạt 38,5%\n"
        "Tính đến hết tháng 9/2024, vốn sự nghiệp Chương trình MTQG giảm nghèo bền vững của huyện Trạm Tấu "
        "mới giải ngân đạt 38,5%; trong đó vốn hỗ trợ phát triển sản xuất đạt 41,2%."
    )
    f = vnpov.extract([text], published=["2024-10-05"]).figures
    row = f[f["value"] == 38.5]
    assert len(row) == 1
    assert row["program"].tolist() == ["sustainable_poverty_reduction"]
    assert row["text"].iloc[0] == "giải ngân đạt 38,5%"


def test_new_poor_households_named_before_their_number_are_no_stock() -> None:
    text = (
        "Năm 2023, huyện Kỳ Sơn có 812 hộ thoát nghèo; phát sinh mới 57 hộ nghèo. Cuối năm, toàn huyện còn "
        "6.204 hộ nghèo."
    )
    f = vnpov.extract([text], published=["2024-01-10"]).figures
    assert f[["indicator", "value"]].values.tolist() == [
        ["escaped_poverty_households", 812.0],
        ["poor_households", 6204.0],
    ]


def test_riêng_năm_tells_a_part_of_the_figure_before() -> None:
    text = (
        "Giai đoạn 2022-2024, tỉnh Yên Bái được giao tổng số 1.204 tỷ đồng vốn thực hiện Chương trình MTQG "
        "giảm nghèo bền vững. Riêng năm 2024 là 386,5 tỷ đồng."
    )
    f = vnpov.extract([text], published=["2024-12-20"]).figures
    assert f[["indicator", "value", "year"]].astype(object).values.tolist()[1] == [
        "funding_total",
        386.5e9,
        2024,
    ]


def test_a_unit_named_alone_as_the_subject_of_what_it_is_is_the_unit() -> None:
    text = (
        "Bát Xát là huyện biên giới của tỉnh Lào Cai, đồng bào dân tộc thiểu số chiếm 81,5% dân số. "
        "Cuối năm 2023, tỷ lệ hộ nghèo của huyện còn 17,3%."
    )
    f = vnpov.extract([text], published=["2024-03-10"]).figures
    assert f[["indicator", "unit", "unit_level"]].values.tolist() == [
        ["ethnic_minority_share", "Bát Xát", "district"],
        ["poor_household_rate", "Bát Xát", "district"],
    ]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "Nghị quyết xác định đến năm 2025, tỷ lệ hộ nghèo của tỉnh Hà Giang giảm bình quân trên 3%/năm.",
            "target",
        ),
        ("Giai đoạn 2016-2020, tỷ lệ hộ nghèo của tỉnh Hà Giang giảm bình quân 4,2%/năm.", "actual"),
    ],
)
def test_a_yearly_change_toward_a_year_to_come_is_a_goal(text: str, status: str) -> None:
    f = vnpov.extract([text], published=["2021-01-25"]).figures
    assert f["status"].tolist() == [status]


def test_cả_giai_đoạn_takes_the_period_named_before() -> None:
    text = (
        "Giai đoạn 2021-2025, tổng nguồn vốn thực hiện Chương trình MTQG giảm nghèo bền vững của tỉnh "
        "Hà Giang là 3.120,4 tỷ đồng. Tỷ lệ giải ngân cả giai đoạn đạt 91,2%."
    )
    f = vnpov.extract([text], published=["2025-11-20"]).figures
    row = f[f["indicator"] == "disbursement_rate"]
    assert row[["period_start", "period_end"]].values.tolist() == [[2021, 2025]]
    assert row["year"].isna().all()


def test_a_sentence_opening_with_now_is_of_the_year_of_writing() -> None:
    # the goal's year named in the sentence before is not the year of today's numbers
    text = (
        "Huyện Mù Cang Chải phấn đấu đến năm 2025 tỷ lệ hộ nghèo còn dưới 20%. Hiện nay, toàn huyện có "
        "4.120 hộ nghèo, chiếm 31,5%."
    )
    f = vnpov.extract([text], published=["2023-05-09"]).figures
    assert f[["indicator", "value", "year", "status"]].astype(str).values.tolist() == [
        ["poor_household_rate", "20.0", "2025", "target"],
        ["poor_households", "4120.0", "2023", "actual"],
        ["poor_household_rate", "31.5", "2023", "actual"],
    ]


@pytest.mark.parametrize(
    "change",
    ["mỗi năm giảm từ 250 hộ nghèo trở lên", "giảm 2,1% hộ nghèo, tương ứng 250 hộ"],
)
def test_households_that_a_change_stands_for_are_a_change(change: str) -> None:
    f = vnpov.extract([f"Năm 2024, huyện Mù Cang Chải {change}."], published=["2024-12-20"]).figures
    row = f[f["indicator"].astype(str).str.startswith("poor_households")]
    assert row[["indicator", "value"]].values.tolist() == [["poor_households_change", -250.0]]


def test_a_stock_in_a_sentence_of_a_period_past_is_of_its_last_year() -> None:
    text = "Từ năm 2022 đến hết năm 2024, tỷ lệ hộ nghèo của huyện Bảo Lâm giảm còn 18,9%."
    f = vnpov.extract([text], published=["2025-01-08"]).figures
    assert f[["indicator", "value", "year"]].values.tolist() == [["poor_household_rate", 18.9, 2024]]


def test_a_year_that_names_the_next_number_is_its_own() -> None:
    text = "Cuối năm 2023, tỷ lệ hộ nghèo của huyện Bảo Lâm còn 27,4% (năm 2021 là 41,2%)."
    f = vnpov.extract([text], published=["2024-01-15"]).figures
    assert f[["value", "year"]].values.tolist() == [[27.4, 2023], [41.2, 2021]]


def test_a_plan_in_brackets_after_a_number_is_an_aside() -> None:
    text = "Năm 2023, tỷ lệ hộ nghèo huyện Sìn Hồ giảm 4,52% (kế hoạch giao giảm 4%), còn 22,73%."
    f = vnpov.extract([text], published=["2024-01-10"]).figures
    assert f[["indicator", "value", "status"]].values.tolist() == [
        ["poor_household_rate_change", -4.52, "actual"],
        ["poor_household_rate_change", -4.0, "target"],
        ["poor_household_rate", 22.73, "actual"],
    ]


def test_money_disbursed_from_a_named_fund_is_disbursed() -> None:
    text = (
        "Đến ngày 30/9/2024, huyện Sìn Hồ đã giải ngân được 18.450 triệu đồng vốn sự nghiệp Chương trình "
        "MTQG giảm nghèo bền vững."
    )
    f = vnpov.extract([text], published=["2024-10-05"]).figures
    assert f[["indicator", "value"]].values.tolist() == [["funding_disbursed", 18_450_000_000.0]]


def test_a_rate_of_the_poor_and_near_poor_together_when_the_text_says_so() -> None:
    text = (
        "Hà Giang: Tỷ lệ hộ nghèo đa chiều còn 41,2%\n\n"
        "Theo kết quả rà soát năm 2022, tỷ lệ hộ nghèo đa chiều (bao gồm hộ nghèo và hộ cận nghèo) của tỉnh "
        "Hà Giang là 41,2%, trong đó tỷ lệ hộ nghèo 33,04%, tỷ lệ hộ cận nghèo 8,16%."
    )
    f = vnpov.extract([text], published=["2023-01-20"]).figures
    assert f[["indicator", "value"]].values.tolist() == [
        ["multidimensional_poverty_rate", 41.2],
        ["poor_household_rate", 33.04],
        ["near_poor_household_rate", 8.16],
    ]


def test_the_poverty_line_stated_as_an_income_is_no_figure() -> None:
    line = (
        "Theo Nghị định 07/2021/NĐ-CP, chuẩn nghèo giai đoạn 2022-2025 ở khu vực nông thôn là thu nhập "
        "bình quân đầu người/tháng từ 1,5 triệu đồng trở xuống; ở khu vực thành thị là từ 2 triệu đồng "
        "trở xuống."
    )
    rate = "Năm 2023, tỷ lệ hộ nghèo theo chuẩn nghèo giai đoạn 2022-2025 của huyện Bảo Lâm là 15,2%."
    f = vnpov.extract([line, rate], published=["2023-12-20"] * 2).figures
    assert f[["doc_id", "indicator", "value"]].values.tolist() == [["1", "poor_household_rate", 15.2]]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Năm 2024, huyện Kon Plông không còn xã có tỷ lệ hộ nghèo trên 30%.", []),
        ("Năm 2024, xã Hiếu có tỷ lệ hộ nghèo 30,5%.", [30.5]),
    ],
)
def test_a_class_of_units_by_their_rate_is_a_threshold(text: str, values: list[float]) -> None:
    f = vnpov.extract([text], published=["2024-12-20"]).figures
    assert f["value"].tolist() == values


def test_toàn_huyện_is_the_district_named_before_when_the_focus_is_a_province() -> None:
    text = (
        "Si Ma Cai giảm nghèo nhanh\n\n"
        "Năm 2023, tỷ lệ hộ nghèo của huyện Si Ma Cai giảm 3,8%, vượt chỉ tiêu tỉnh giao.\n\n"
        "(Lào Cai) - Năm 2023, tỷ lệ hộ nghèo của huyện Si Ma Cai giảm 3,8%, vượt chỉ tiêu tỉnh giao. Hiện "
        "toàn huyện còn 2.145 hộ nghèo, chiếm 24,6%."
    )
    f = vnpov.extract([text], published=["2024-01-05"]).figures
    assert f[["value", "unit", "unit_level"]].values.tolist() == [
        [-3.8, "Si Ma Cai", "district"],
        [2145.0, "Si Ma Cai", "district"],
        [24.6, "Si Ma Cai", "district"],
    ]


@pytest.mark.parametrize("years", ["năm 2022 và năm 2023", "năm 2022 và 2023", "các năm 2022, 2023"])
def test_years_given_respectively(years: str) -> None:
    text = f"Số hộ nghèo của huyện Hương Khê {years} lần lượt là 1.245 hộ và 986 hộ."
    f = vnpov.extract([text], published=["2024-01-04"]).figures
    assert f[["value", "year"]].values.tolist() == [[1245.0, 2022], [986.0, 2023]]
