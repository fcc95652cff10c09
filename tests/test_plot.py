"""result.plot.poverty / .visits (matplotlib, Agg) and result.visit_graph (networkx)."""

from __future__ import annotations

import sys

import pandas as pd
import pytest
import vnpov
from vnpov._schema import TABLES
from vnpov.plot import province_centres, unit_coordinates
from vnpov.result import empty_table

matplotlib = pytest.importorskip("matplotlib", reason='matplotlib is the "plot" extra')
matplotlib.use("Agg")
nx = pytest.importorskip("networkx", reason='networkx is the "plot" extra')
import matplotlib.pyplot as plt  # noqa: E402

# Our own text: a rate for two years and a target.
REPORT = (
    "Báo cáo giảm nghèo tỉnh Kon Tum\n"
    "Năm 2022, tỷ lệ hộ nghèo của tỉnh Kon Tum là 13,5%. Đến cuối năm 2023, tỷ lệ hộ nghèo của tỉnh Kon Tum "
    "còn 11,42%. Năm 2025, tỉnh Kon Tum phấn đấu tỷ lệ hộ nghèo còn 6%.\n"
)


@pytest.fixture(scope="module")
def sample() -> vnpov.Result:
    return vnpov.sample_corpus().vnpov.extract()


@pytest.fixture(autouse=True)
def _close() -> None:
    yield
    plt.close("all")


def figures_result(rows: list[dict[str, object]]) -> vnpov.Result:
    tables = {t: empty_table(t) for t in TABLES}
    f = pd.concat([tables["figures"], pd.DataFrame(rows)], ignore_index=True)
    tables["figures"] = f.astype(empty_table("figures").dtypes.to_dict())
    return vnpov.Result(**tables)


def test_poverty_draws_solid_actuals_and_dashed_targets() -> None:
    base = {"indicator": "poor_household_rate", "measure": "percent", "unit_level": "province", "doc_id": "a"}
    r = figures_result(
        [
            {
                **base,
                "unit": "Kon Tum",
                "unit_province": "Kon Tum",
                "year": 2022,
                "value": 13.5,
                "status": "actual",
            },
            {
                **base,
                "unit": "Kon Tum",
                "unit_province": "Kon Tum",
                "year": 2023,
                "value": 11.4,
                "status": "actual",
            },
            {
                **base,
                "unit": "Kon Tum",
                "unit_province": "Kon Tum",
                "year": 2023,
                "value": 11.6,
                "status": "actual",
            },
            {
                **base,
                "unit": "Kon Tum",
                "unit_province": "Kon Tum",
                "year": 2025,
                "value": 6.0,
                "status": "target",
            },
            {
                **base,
                "unit": "Ba Tơ",
                "unit_level": "district",
                "unit_province": "Quảng Ngãi",
                "year": 2023,
                "value": 30.0,
                "status": "actual",
            },
            {
                **base,
                "unit": "Ba Tơ",
                "unit_level": "district",
                "unit_province": "Quảng Ngãi",
                "year": 2024,
                "value": 25.0,
                "status": "estimate",
            },
            {
                **base,
                "unit": "Ba Tơ",
                "unit_level": "district",
                "unit_province": "Quảng Ngãi",
                "year": None,
                "value": 99.0,
                "status": "actual",
            },
            {**base, "indicator": "poor_households", "unit": "Kon Tum", "year": 2023, "value": 17960.0},
        ]
    )
    ax = r.plot.poverty()
    solid = {ln.get_label(): ln for ln in ax.get_lines() if ln.get_linestyle() == "-"}
    dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert set(solid) >= {"Kon Tum", "Ba Tơ (Quảng Ngãi)"}
    assert list(solid["Kon Tum"].get_xdata()) == [2022, 2023]
    assert list(solid["Kon Tum"].get_ydata()) == pytest.approx([13.5, 11.5])  # two documents, averaged
    assert list(solid["Ba Tơ (Quảng Ngãi)"].get_ydata()) == [30.0, 25.0]  # no yearless point
    assert len(dashed) == 1
    assert list(dashed[0].get_xdata()) == [2023, 2025] and list(dashed[0].get_ydata()) == pytest.approx(
        [11.5, 6.0]
    )
    assert solid["Kon Tum"].get_color() == dashed[0].get_color()
    # units by name, code or label
    ax = r.plot.poverty(units=["Ba Tơ"])
    assert {ln.get_label() for ln in ax.get_lines() if ln.get_linestyle() == "-"} == {"Ba Tơ (Quảng Ngãi)"}
    with pytest.raises(ValueError, match="no poor_household_rate figures"):
        r.plot.poverty(units="Hà Nội")


def test_poverty_from_extracted_text() -> None:
    r = vnpov.extract([REPORT])
    rates = r.figures.query("indicator == 'poor_household_rate'")
    assert len(rates) >= 2
    ax = r.plot.poverty()
    assert ax.get_lines()
    if (rates["status"] == "target").any():
        assert any(ln.get_linestyle() == "--" for ln in ax.get_lines())


def test_visit_graph(sample: vnpov.Result) -> None:
    g = sample.visit_graph()
    assert isinstance(g, nx.DiGraph)
    assert g.has_edge("Bắc Trà My (Quảng Nam)", "Con Cuông (Nghệ An)")
    e = g.edges["Bắc Trà My (Quảng Nam)", "Con Cuông (Nghệ An)"]
    assert e["weight"] == 1 and e["visits"] == [("01_bac_tra_my_con_cuong", 0)]
    assert e["purposes"] == {"study"} and e["first"] == pd.Timestamp("2024-03-14")
    n = g.nodes["Con Cuông (Nghệ An)"]
    assert n["code"] == "422" and n["level"] == "district"
    assert 18.5 < n["lat"] < 19.5 and 104 < n["lon"] < 105.5
    assert sum(d["weight"] for _, _, d in g.edges(data=True)) == len(sample.visits)
    # a 2025 commune is placed by its 2025 code
    assert g.nodes["Bắc Hà (Lào Cai)"]["code"] == "02839" and g.nodes["Bắc Hà (Lào Cai)"]["lat"] is not None
    assert nx.DiGraph().number_of_nodes() == vnpov.extract([]).visit_graph().number_of_nodes()


def test_visits_plot_draws_an_arrow_per_pair(sample: vnpov.Result) -> None:
    from matplotlib.patches import FancyArrowPatch

    ax = sample.plot.visits()
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    g = sample.visit_graph()
    placed = [1 for a, b in g.edges() if g.nodes[a]["lat"] is not None and g.nodes[b]["lat"] is not None]
    assert len(arrows) == len(placed) > 0
    assert ax.get_xlabel().startswith("longitude") and ax.get_ylabel().startswith("latitude")
    labels = {t.get_text() for t in ax.texts}
    assert "Con Cuông" in labels
    empty = vnpov.extract([]).plot.visits()
    assert "no visits" in " ".join(t.get_text() for t in empty.texts)


def test_unit_coordinates() -> None:
    assert unit_coordinates("Con Cuông", "district", "Nghệ An", "422") == pytest.approx((19.0131, 104.7988))
    assert unit_coordinates("Miền Trung", "region") is None
    assert unit_coordinates(None) is None
    assert len(province_centres()) == 63


def test_missing_matplotlib_says_what_to_install(
    sample: vnpov.Result, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r'pip install "vnpov\[plot\]"'):
        sample.plot.poverty()
    monkeypatch.setitem(sys.modules, "networkx", None)
    with pytest.raises(ImportError, match=r'pip install "vnpov\[plot\]"'):
        sample.visit_graph()
