"""Plots of a :class:`vnpov.Result` (matplotlib) and its visit network (networkx).

Needs the ``plot`` extra: ``pip install "vnpov[plot]"``.

>>> result.plot.poverty(units=["Kon Tum", "Con Cuông"])   # poverty-rate trajectories
>>> result.plot.visits()                                   # visitor -> host on lon/lat
>>> g = result.visit_graph()                               # a networkx.DiGraph
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import gazetteer

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped,import-not-found,unused-ignore]
    from matplotlib.axes import Axes

    from .result import Result

__all__ = ["PlotAccessor", "visit_graph", "unit_coordinates", "province_centres"]

_GAZ_LEVELS = ("province", "district", "commune")
_REFORM = pd.Timestamp("2025-07-01")


def _import_pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError(f'vnpov plots need matplotlib: pip install "vnpov[plot]" ({e})') from None
    return plt


def _import_networkx() -> Any:
    try:
        import networkx
    except ImportError as e:
        raise ImportError(f'the visit graph needs networkx: pip install "vnpov[plot]" ({e})') from None
    return networkx


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def _str(v: Any) -> str | None:
    return None if _missing(v) else str(v)


# ---------------------------------------------------------------------- coordinates
def unit_coordinates(
    name: str | None,
    level: str | None = None,
    province: str | None = None,
    code: str | None = None,
    on: Any = None,
) -> tuple[float, float] | None:
    """(latitude, longitude) of an administrative unit as the extractor reports it.

    Looks the unit up in :mod:`vnpov.gazetteer` by name (with its level and province) at
    the date ``on`` (the era of its code), keeping the candidate whose GSO ``code``
    matches; without a match by code, the only candidate (never a guess among several);
    for a pre-2025 code, :func:`vnpov.gazetteer.to_2025` as a last resort.

    Parameters
    ----------
    name
        The unit's canonical name (``visitor``, ``host`` or ``unit`` of a table).
    level
        ``province``, ``district`` or ``commune``; other levels (country, region,
        agency, foreign) have no coordinates.
    province
        Its province, to tell apart units of the same name.
    code
        Its GSO code.
    on
        The date the code belongs to (a visit's ``start_date``): from 2025-07-01 codes
        are of the 2025 era.

    Returns
    -------
    (float, float) or None
        None when the unit is not in the gazetteer or has no coordinates.
    """
    if _missing(name) or (level is not None and not _missing(level) and str(level) not in _GAZ_LEVELS):
        return None
    when = None
    if not _missing(on):
        ts = pd.Timestamp(on)
        when = ts.date().isoformat()
    return _coords(str(name), _str(level), _str(province), _str(code), when)


@functools.lru_cache(maxsize=4096)
def _coords(
    name: str, level: str | None, province: str | None, code: str | None, on: str | None
) -> tuple[float, float] | None:
    def pick(rows: pd.DataFrame) -> tuple[float, float] | None:
        rows = rows[rows["lat"].notna() & rows["lon"].notna()]
        if code is not None:
            hit = rows[rows["code"] == code]
            if len(hit):
                return float(hit["lat"].iloc[0]), float(hit["lon"].iloc[0])
        if len(rows) == 1:
            return float(rows["lat"].iloc[0]), float(rows["lon"].iloc[0])
        return None

    tries: list[dict[str, Any]] = [
        {"level": level, "province": province, "on": on},
        {"level": level, "province": None, "on": on},
        {"level": level, "province": province, "on": None if on else "2025-07-01"},
    ]
    for kw in tries:
        try:
            rows = gazetteer.lookup(name, **kw)
        except ValueError:
            continue
        got = pick(rows)
        if got is not None:
            return got
    if code is not None:
        try:
            u = gazetteer.to_2025(code)
        except (KeyError, TypeError, ValueError):
            return None
        if u.get("lat") is not None and u.get("lon") is not None and u.get("name") == name:
            return float(u["lat"]), float(u["lon"])
    return None


# ---------------------------------------------------------------------- graph
def _label(name: str, level: str | None, province: str | None) -> str:
    if level in ("province", "country", "region") or not province or province == name:
        return name
    return f"{name} ({province})"


def visit_graph(result: Result) -> nx.DiGraph:
    """The visits of ``result`` as a directed graph: visitor unit -> host unit.

    See :meth:`vnpov.Result.visit_graph`.
    """
    nx = _import_networkx()
    g = nx.DiGraph()
    seen: dict[str, tuple[str | None, str | None]] = {}

    def node(name: Any, level: Any, province: Any, code: Any, on: Any) -> str | None:
        n, lv, pr, cd = _str(name), _str(level), _str(province), _str(code)
        if n is None:
            return None
        key = _label(n, lv, pr)
        if key in seen and seen[key] != (lv, cd) and lv is not None:
            key = f"{key} [{lv}]"
        seen.setdefault(key, (lv, cd))
        if key not in g:
            ll = unit_coordinates(n, lv, pr, cd, on)
            g.add_node(
                key,
                name=n,
                level=lv,
                province=pr,
                code=cd,
                lat=None if ll is None else ll[0],
                lon=None if ll is None else ll[1],
            )
        return key

    v = result.visits
    for r in v.to_dict("records"):
        on = r["start_date"] if not _missing(r["start_date"]) else None
        if on is None:
            pub = result.documents.loc[result.documents["doc_id"] == r["doc_id"], "published"]
            on = pub.iloc[0] if len(pub) and not _missing(pub.iloc[0]) else None
        a = node(r["visitor"], r["visitor_level"], r["visitor_province"], r["visitor_code"], on)
        b = node(r["host"], r["host_level"], r["host_province"], r["host_code"], on)
        if a is None or b is None:
            continue
        if g.has_edge(a, b):
            e = g.edges[a, b]
        else:
            g.add_edge(a, b, weight=0, visits=[], purposes=set(), programs=set(), first=pd.NaT, last=pd.NaT)
            e = g.edges[a, b]
        e["weight"] += 1
        e["visits"].append((str(r["doc_id"]), None if _missing(r["visit_id"]) else int(r["visit_id"])))
        for k, col in (("purposes", "purpose"), ("programs", "program")):
            if not _missing(r[col]):
                e[k].add(str(r[col]))
        d = r["start_date"]
        if not _missing(d):
            e["first"] = d if _missing(e["first"]) else min(e["first"], d)
            e["last"] = d if _missing(e["last"]) else max(e["last"], d)
    return g


# ---------------------------------------------------------------------- plots
class PlotAccessor:
    """``result.plot``: matplotlib plots of a Result."""

    def __init__(self, result: Result) -> None:
        self._result = result

    def poverty(
        self,
        units: str | Sequence[str] | None = None,
        *,
        indicator: str = "poor_household_rate",
        population: str | None = None,
        max_units: int = 8,
        ax: Axes | None = None,
    ) -> Axes:
        """Poverty-rate trajectories: one line per unit across years; targets dashed.

        Parameters
        ----------
        units
            Unit names (``unit`` column) or GSO codes (``unit_code``) to draw; default:
            the ``max_units`` units with the most years.
        indicator
            The figure indicator (default ``poor_household_rate``; any indicator works).
        population
            None (all households, the default), ``"ethnic_minority"`` or ``"other"``.
        max_units
            How many units to draw when ``units`` is None.
        ax
            The matplotlib Axes to draw on (default: a new figure).

        Returns
        -------
        matplotlib.axes.Axes

        Notes
        -----
        Achieved (``actual``) and ``estimate`` values are joined by a solid line
        (estimates hollow); ``target`` values are joined to the unit's last achieved
        value by a dashed line. Several documents giving a value for the same unit,
        year and status are averaged. Figures without a year are left out.
        """
        plt = _import_pyplot()
        f = self._result.figures
        f = f[(f["indicator"] == indicator).to_numpy(dtype=bool, na_value=False)]
        f = f[f["year"].notna().to_numpy(dtype=bool) & f["value"].notna().to_numpy(dtype=bool)]
        f = f[f["unit"].notna().to_numpy(dtype=bool)]
        pop = f["population"].astype("object")
        f = f[
            pop.isna().to_numpy(dtype=bool)
            if population is None
            else (pop == population).to_numpy(dtype=bool)
        ]
        local = f["unit_level"].isin(["district", "commune"]).to_numpy(dtype=bool) & f[
            "unit_province"
        ].notna().to_numpy(dtype=bool)
        key = f["unit"].astype("string") + " (" + f["unit_province"].astype("string") + ")"
        f = f.assign(_key=key.where(local, f["unit"].astype("string")))
        if units is not None:
            wanted = [units] if isinstance(units, str) else [str(u) for u in units]
            sel = f["unit"].isin(wanted) | f["unit_code"].isin(wanted) | f["_key"].isin(wanted)
            f = f[sel.to_numpy(dtype=bool, na_value=False)]
            if f.empty:
                raise ValueError(f"no {indicator} figures with a year for units {wanted}")
            order = list(dict.fromkeys(f["_key"]))
        else:
            years = (
                f.groupby("_key", observed=True)["year"].nunique().sort_values(ascending=False, kind="stable")
            )
            order = list(years.index[:max_units])
        if ax is None:
            _, ax = plt.subplots(figsize=(9, 4.8), layout="constrained")
        assert ax is not None
        cmap = plt.get_cmap("tab10")
        for i, k in enumerate(order):
            colour = cmap(i % 10)
            rows = f[f["_key"] == k]
            mean = (
                rows.assign(year=rows["year"].astype("int64"), value=rows["value"].astype("float64"))
                .groupby(["status", "year"], observed=True)["value"]
                .mean()
            )
            got = {
                s: mean.xs(s, level="status")
                for s in ("actual", "estimate", "target")
                if s in mean.index.get_level_values(0)
            }
            solid = pd.concat([got[s] for s in ("actual", "estimate") if s in got])
            solid = solid.groupby(level=0).mean().sort_index() if len(solid) else solid
            label = str(k)
            if len(solid):
                ax.plot(solid.index, solid.values, "-", color=colour, lw=2, label=label)
                label = "_nolegend_"
                if "actual" in got:
                    ax.plot(got["actual"].index, got["actual"].values, "o", color=colour, ms=6)
                if "estimate" in got:
                    ax.plot(
                        got["estimate"].index, got["estimate"].values, "o", mfc="white", color=colour, ms=6
                    )
            if "target" in got:
                t = got["target"].sort_index()
                if len(solid):
                    start = solid[solid.index <= t.index.min()]
                    anchor = start.iloc[-1:] if len(start) else solid.iloc[-1:]
                    t = pd.concat([anchor, t])
                ax.plot(t.index, t.values, "--", color=colour, lw=1.6, label=label)
                ax.plot(got["target"].index, got["target"].values, "D", mfc="white", color=colour, ms=6)
        ax.set_xlabel("year")
        is_rate = indicator.endswith("_rate") or indicator.endswith("_share")
        ax.set_ylabel(indicator.replace("_", " ") + (" (%)" if is_rate else ""))
        ax.set_title(
            indicator.replace("_", " ") + " by unit" + ("" if population is None else f" ({population})")
        )
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(True, alpha=0.3)
        from matplotlib.lines import Line2D

        handles, labels = ax.get_legend_handles_labels()
        handles += [
            Line2D([], [], color="grey", marker="o", lw=2, label="actual"),
            Line2D([], [], color="grey", marker="o", mfc="white", lw=2, label="estimate"),
            Line2D([], [], color="grey", marker="D", mfc="white", ls="--", label="target"),
        ]
        if order:
            ax.legend(
                handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False
            )
        else:
            ax.text(
                0.5,
                0.5,
                f"no {indicator} figures with a year",
                ha="center",
                va="center",
                transform=ax.transAxes,
            )
        return ax

    def visits(
        self,
        *,
        ax: Axes | None = None,
        labels: bool = True,
        annotate_counts: bool = True,
        provinces: bool = True,
    ) -> Axes:
        """The visit network on longitude/latitude: an arrow from each visitor to its host.

        Units are placed with :func:`unit_coordinates` (the gazetteer's coordinates);
        units without coordinates (regions, agencies, foreign units, unknown names) are
        left out and counted in the title. Faint grey dots mark the provinces' centres
        (before 2025) for orientation, so no basemap is needed. Reciprocal visits curve
        apart; an arrow's width grows with the number of visits; a unit's dot with the
        number of visits it made or received. Labels that would overlap are moved or,
        for units with a single visit in a crowded plot, left out.

        Parameters
        ----------
        ax
            The matplotlib Axes to draw on (default: a new figure).
        labels
            Write the units' names.
        annotate_counts
            Write the number of visits on arrows with more than one.
        provinces
            Draw the provinces' centres as faint grey dots.

        Returns
        -------
        matplotlib.axes.Axes
        """
        plt = _import_pyplot()
        from matplotlib.lines import Line2D
        from matplotlib.patches import FancyArrowPatch
        from matplotlib.patheffects import withStroke

        g = visit_graph(self._result)
        pos = {n: (d["lon"], d["lat"]) for n, d in g.nodes(data=True) if d["lat"] is not None}
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 10), layout="constrained")
        assert ax is not None
        ref = province_centres() if provinces else {}
        if ref:
            ax.scatter(
                [p[1] for p in ref.values()],
                [p[0] for p in ref.values()],
                s=10,
                color="#c8c8c8",
                zorder=1,
                linewidths=0,
            )
        drawn = 0
        skipped = 0
        for a, b, e in g.edges(data=True):
            if a not in pos or b not in pos or a == b:
                skipped += e["weight"]
                continue
            w = e["weight"]
            ax.add_patch(
                FancyArrowPatch(
                    pos[a],
                    pos[b],
                    arrowstyle="-|>",
                    mutation_scale=12,
                    lw=0.9 + 0.7 * min(w - 1, 4),
                    color="#c0392b",
                    alpha=0.6,
                    connectionstyle="arc3,rad=0.15",
                    shrinkA=4,
                    shrinkB=4,
                    zorder=2,
                )
            )
            drawn += w
            if annotate_counts and w > 1:
                mx, my = (pos[a][0] + pos[b][0]) / 2, (pos[a][1] + pos[b][1]) / 2
                ax.text(mx, my, str(w), fontsize=7, color="#c0392b", ha="center", va="center", zorder=4)
        visitors = {a for a, _ in g.edges()}
        hosts = {b for _, b in g.edges()}
        degree = dict(g.degree(weight="weight"))
        colours = {"visitor": "#1f77b4", "host": "#2ca02c", "both": "#9467bd"}
        for n, (x, y) in pos.items():
            role = "both" if n in visitors and n in hosts else "visitor" if n in visitors else "host"
            size = 22 + 10 * min(degree.get(n, 1), 8)
            ax.scatter([x], [y], s=size, color=colours[role], edgecolor="white", linewidth=0.8, zorder=3)
        if pos:
            xs = [p[0] for p in pos.values()] + [p[1] for p in ref.values()]
            ys = [p[1] for p in pos.values()] + [p[0] for p in ref.values()]
            ax.set_xlim(min(xs) - 0.6, max(xs) + (2.2 if labels else 0.6))
            ax.set_ylim(min(ys) - 0.5, max(ys) + 0.5)
            mid = (min(ys) + max(ys)) / 2
            ax.set_aspect(1 / math.cos(math.radians(mid)))
            if labels:
                names = {n: str(g.nodes[n]["name"]) for n in pos}
                order = sorted(pos, key=lambda n: -degree.get(n, 0))
                _place_labels(ax, [(names[n], pos[n], degree.get(n, 0)) for n in order], withStroke)
        else:
            ax.text(0.5, 0.5, "no visits with coordinates", ha="center", va="center", transform=ax.transAxes)
        ax.legend(
            handles=[
                Line2D([], [], marker="o", ls="", color=colours["visitor"], label="visitor"),
                Line2D([], [], marker="o", ls="", color=colours["host"], label="host"),
                Line2D([], [], marker="o", ls="", color=colours["both"], label="visitor and host"),
                Line2D([], [], color="#c0392b", label="visit (visitor → host)"),
            ]
            + ([Line2D([], [], marker="o", ls="", color="#c8c8c8", label="province centre")] if ref else []),
            fontsize=8,
            loc="lower left",
            frameon=True,
        )
        ax.set_xlabel("longitude (°E)")
        ax.set_ylabel("latitude (°N)")
        title = f"visits: {drawn} drawn"
        if skipped:
            title += f", {skipped} without coordinates (regions, agencies, unknown units)"
        ax.set_title(title, fontsize=10)
        ax.grid(True, alpha=0.25)
        return ax


_OFFSETS = (
    (5, 3, "left", "bottom"),
    (-5, 3, "right", "bottom"),
    (5, -3, "left", "top"),
    (-5, -3, "right", "top"),
    (0, 7, "center", "bottom"),
    (0, -7, "center", "top"),
)


def _place_labels(ax: Axes, items: list[tuple[str, tuple[float, float], int]], stroke: Any) -> None:
    """Write labels beside their points, trying a few positions to avoid overlaps.

    Units seen once are left unlabelled when no position is free and the plot is crowded.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    placed: list[Any] = []
    crowded = len(items) > 25
    for name, (x, y), deg in items:
        best = None
        for dx, dy, ha, va in _OFFSETS:
            t = ax.annotate(
                name,
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=7.5,
                color="#222",
                zorder=5,
                path_effects=[stroke(linewidth=2.5, foreground="white")],
            )
            box = t.get_window_extent(renderer).expanded(1.02, 1.05)
            if not any(box.overlaps(b) for b in placed):
                best = (t, box)
                break
            t.remove()
        if best is None:
            if crowded and deg <= 1:
                continue
            dx, dy, ha, va = _OFFSETS[0]
            t = ax.annotate(
                name,
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=7,
                color="#444",
                zorder=5,
                path_effects=[stroke(linewidth=2.5, foreground="white")],
            )
            best = (t, t.get_window_extent(renderer))
        placed.append(best[1])


@functools.lru_cache(maxsize=1)
def _province_centres() -> tuple[tuple[str, float, float], ...]:
    out: list[tuple[str, float, float]] = []
    for i in range(1, 100):
        try:
            u = gazetteer.to_2025(f"{i:02d}")
        except (KeyError, ValueError, RuntimeError):
            continue
        if u.get("level") == "province" and u.get("lat") is not None and u.get("lon") is not None:
            out.append((str(u["name"]), float(u["lat"]), float(u["lon"])))
    return tuple(out)


def province_centres() -> dict[str, tuple[float, float]]:
    """(latitude, longitude) of the 63 pre-2025 provinces, by name (from the gazetteer)."""
    return {name: (lat, lon) for name, lat, lon in _province_centres()}
