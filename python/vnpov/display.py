"""The evidence view: an article with its visits, people and figures highlighted.

>>> import vnpov
>>> vnpov.show(text)                        # extracts, then renders (Jupyter shows it)
>>> result.show("doc-17")                   # a document of a Result
>>> result.show("doc-17").save("doc-17.html")   # a standalone page (UTF-8, no external assets)

Every highlight is placed with the row's ``start``/``end`` (code-point offsets into the
original text); hovering shows the row's values (``title`` attribute).
"""

from __future__ import annotations

import html
import itertools
import math
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from .result import Result

__all__ = ["show", "render", "Evidence", "COLOURS"]

#: Background colour of each kind of highlight (also in the legend).
COLOURS: dict[str, str] = {"visit": "#ffe58a", "person": "#a9d4ff", "figure": "#a8ecb4"}
_LABELS = {"visit": "visit (sentence)", "person": "person", "figure": "figure"}
_ORDER = {"visit": 0, "person": 1, "figure": 2}
_TABLE_OF = {"visit": "visits", "person": "people", "figure": "figures"}
_ids = itertools.count()

_CSS = """
.vnpov-ev{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;
 color:#1d1d1f;background:#fff;max-width:62rem;padding:.8rem 1rem;border:1px solid #ddd;border-radius:6px;
 line-height:1.55;font-size:15px}
.vnpov-ev h2{font-size:1.05rem;margin:.1rem 0 .3rem 0}
.vnpov-ev .vp-meta{color:#555;font-size:.85rem;margin-bottom:.4rem}
.vnpov-ev .vp-legend{display:flex;flex-wrap:wrap;gap:.9rem;font-size:.85rem;margin:.3rem 0 .6rem 0}
.vnpov-ev .vp-sw{display:inline-block;width:1.6em;height:.95em;vertical-align:-.1em;margin-right:.3em;
 border:1px solid rgba(0,0,0,.25);border-radius:2px}
.vnpov-ev .vp-text{white-space:pre-wrap;overflow-wrap:anywhere;border-top:1px solid #eee;padding-top:.5rem}
.vnpov-ev mark.vp{color:inherit;border-radius:2px;padding:0;cursor:help}
.vnpov-ev mark.vp-visit{background:#ffe58a;box-shadow:inset 0 -2px 0 #d9a400}
.vnpov-ev mark.vp-person{background:#a9d4ff;box-shadow:inset 0 -2px 0 #2f7fd1}
.vnpov-ev mark.vp-figure{background:#a8ecb4;box-shadow:inset 0 -2px 0 #27994a}
.vnpov-ev mark.vp-target{box-shadow:inset 0 -2px 0 #27994a,0 0 0 1px #27994a}
.vnpov-ev table{border-collapse:collapse;font-size:.8rem;margin:.3rem 0 .8rem 0}
.vnpov-ev th,.vnpov-ev td{border-bottom:1px solid #eee;padding:.15rem .45rem;text-align:left;
 vertical-align:top}
.vnpov-ev th{background:#f6f6f6}
.vnpov-ev h3{font-size:.9rem;margin:.8rem 0 .1rem 0}
.vnpov-ev .vp-note{color:#8a4b00;font-size:.8rem}
.vnpov-ev a{color:#1a5fb4;text-decoration:none}
"""


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def _s(v: Any) -> str:
    """A cell as display text ('' when missing)."""
    if _missing(v):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if (v.hour, v.minute, v.second) == (0, 0, 0) else str(v)
    return str(v)


def format_value(value: Any, measure: Any) -> str:
    """A figure's value with its measure, for people: ``9.15%``, ``215,480,000,000 đồng``."""
    if _missing(value):
        return ""
    v = float(value)
    m = _s(measure)
    num = f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")
    if m == "percent":
        return f"{num}%"
    if m == "percentage_points":
        return f"{v:+g} pp"
    if m == "vnd":
        return f"{num} đồng"
    if m == "vnd_per_person_year":
        return f"{num} đồng/person/year"
    if m == "vnd_per_person_month":
        return f"{num} đồng/person/month"
    if m == "households":
        return f"{num} households"
    return num


def _unit(name: Any, level: Any, province: Any) -> str:
    out = _s(name)
    extra = [x for x in (_s(level), _s(province) if _s(province) != _s(name) else "") if x]
    return f"{out} ({', '.join(extra)})" if extra else out


def _tip_visit(r: dict[str, Any]) -> str:
    lines = [
        f"visit {_s(r['visit_id'])}: {_unit(r['visitor'], r['visitor_level'], r['visitor_province'])}"
        f" → {_unit(r['host'], r['host_level'], r['host_province'])}",
    ]
    dates = _s(r["start_date"])
    if _s(r["end_date"]) and _s(r["end_date"]) != dates:
        dates += f" to {_s(r['end_date'])}"
    if dates:
        lines.append("date: " + dates + (" (year inferred)" if r["year_inferred"] is True else ""))
    for k in ("purpose", "program"):
        if _s(r[k]):
            lines.append(f"{k}: {_s(r[k])}")
    if _s(r["leader"]):
        lines.append(
            "leader: " + _s(r["leader"]) + (f", {_s(r['leader_title'])}" if _s(r["leader_title"]) else "")
        )
    codes = [f"{k}: {_s(r[k])}" for k in ("visitor_code", "host_code") if _s(r[k])]
    if codes:
        lines.append(", ".join(codes))
    return "\n".join(lines)


def _tip_person(r: dict[str, Any]) -> str:
    lines = [f"person: {_s(r['name'])}"]
    for k in ("title", "unit", "side", "role"):
        if _s(r[k]):
            lines.append(f"{k}: {_s(r[k])}")
    return "\n".join(lines)


def _tip_figure(r: dict[str, Any]) -> str:
    lines = [f"{_s(r['indicator'])} = {format_value(r['value'], r['measure'])}"]
    if _s(r["unit"]):
        lines.append("unit: " + _unit(r["unit"], r["unit_level"], r["unit_province"]))
    when = _s(r["year"])
    if _s(r["period_start"]) or _s(r["period_end"]):
        when = (when + " " if when else "") + f"(period {_s(r['period_start'])}–{_s(r['period_end'])})"
    if when:
        lines.append("year: " + when)
    for k in ("status", "qualifier", "program", "population", "unit_code"):
        if _s(r[k]):
            lines.append(f"{k}: {_s(r[k])}")
    return "\n".join(lines)


_TIPS = {"visit": _tip_visit, "person": _tip_person, "figure": _tip_figure}


@dataclass
class _Span:
    start: int
    end: int
    kind: str
    n: int  # row number within the document's rows of that kind
    tip: str
    target: bool = False


def _rows(df: pd.DataFrame, doc_id: str | None) -> list[dict[str, Any]]:
    if doc_id is not None:
        df = df[(df["doc_id"] == doc_id).to_numpy(dtype=bool, na_value=False)]
    return [{str(k): v for k, v in r.items()} for r in df.to_dict("records")]


def _spans(text: str, tables: dict[str, list[dict[str, Any]]]) -> tuple[list[_Span], dict[str, list[int]]]:
    """Spans to draw, and per kind the row numbers that have no place in the text."""
    spans: list[_Span] = []
    unplaced: dict[str, list[int]] = {k: [] for k in _ORDER}
    for kind, rows in tables.items():
        for n, r in enumerate(rows):
            s, e = r.get("start"), r.get("end")
            if (
                s is None
                or e is None
                or _missing(s)
                or _missing(e)
                or not (0 <= int(s) < int(e) <= len(text))
            ):
                unplaced[kind].append(n)
                continue
            target = kind == "figure" and _s(r.get("status")) == "target"
            spans.append(_Span(int(s), int(e), kind, n, _TIPS[kind](r), target))
    spans.sort(key=lambda x: (x.start, -x.end, _ORDER[x.kind], x.n))
    return spans, unplaced


def _open(sp: _Span, prefix: str, cont: bool) -> str:
    cls = f"vp vp-{sp.kind}" + (" vp-target" if sp.target else "") + (" vp-cont" if cont else "")
    ident = "" if cont else f' id="{prefix}-{sp.kind[0]}{sp.n}"'
    return (
        f'<mark class="{cls}"{ident} data-row="{_TABLE_OF[sp.kind]}:{sp.n}" '
        f'title="{html.escape(sp.tip, quote=True)}">'
    )


def _highlight(text: str, spans: list[_Span], prefix: str) -> str:
    """The text as HTML with nested ``<mark>`` elements; crossing spans are split.

    The first piece of each span has an ``id``; pieces after a split carry ``vp-cont``.
    """
    starts: dict[int, list[_Span]] = {}
    points = {0, len(text)}
    for sp in spans:
        starts.setdefault(sp.start, []).append(sp)
        points.update((sp.start, sp.end))
    out: list[str] = []
    stack: list[_Span] = []
    pos = 0
    for p in sorted(points):
        out.append(html.escape(text[pos:p], quote=False))
        pos = p
        closing = [i for i, sp in enumerate(stack) if sp.end == p]
        if closing:
            i = closing[0]
            above = stack[i:]
            out.extend("</mark>" for _ in above)
            del stack[i:]
            for sp in above:
                if sp.end != p:  # crossing: reopen the part after p
                    out.append(_open(sp, prefix, cont=True))
                    stack.append(sp)
        for sp in starts.get(p, []):
            out.append(_open(sp, prefix, cont=False))
            stack.append(sp)
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _table_html(kind: str, rows: list[dict[str, Any]], prefix: str, unplaced: set[int]) -> str:
    esc = html.escape
    if kind == "visit":
        head = ["#", "visitor", "host", "date", "purpose", "program", "leader"]
        body = [
            [
                _unit(r["visitor"], r["visitor_level"], r["visitor_province"]),
                _unit(r["host"], r["host_level"], r["host_province"]),
                _s(r["start_date"])
                + (f" – {_s(r['end_date'])}" if _s(r["end_date"]) not in ("", _s(r["start_date"])) else ""),
                _s(r["purpose"]),
                _s(r["program"]),
                _s(r["leader"]),
            ]
            for r in rows
        ]
    elif kind == "person":
        head = ["#", "name", "title", "unit", "side", "role"]
        body = [[_s(r[k]) for k in ("name", "title", "unit", "side", "role")] for r in rows]
    else:
        head = ["#", "indicator", "value", "year", "unit", "status", "text"]
        body = [
            [
                _s(r["indicator"]),
                format_value(r["value"], r["measure"]),
                _s(r["year"]),
                _s(r["unit"]),
                _s(r["status"]),
                _s(r["text"]),
            ]
            for r in rows
        ]
    parts = ["<table><thead><tr>", *(f"<th>{esc(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for n, cells in enumerate(body):
        link = str(n) if n in unplaced else f'<a href="#{prefix}-{kind[0]}{n}">{n}</a>'
        parts.append(f"<tr><td>{link}</td>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


class Evidence:
    """An article rendered with its evidence highlighted.

    Shown as HTML by Jupyter (``_repr_html_``); :meth:`save` writes a standalone page
    and :attr:`html` is that page as text.

    Attributes
    ----------
    doc_id : str or None
        The document shown.
    counts : dict
        Rows per kind (``visit``, ``person``, ``figure``) in the document.
    placed : dict
        Rows per kind that are highlighted (those with a valid ``start``/``end``).
    """

    def __init__(
        self, fragment: str, title: str, doc_id: str | None, counts: dict[str, int], placed: dict[str, int]
    ) -> None:
        self.fragment = fragment
        self.title = title
        self.doc_id = doc_id
        self.counts = counts
        self.placed = placed

    @property
    def html(self) -> str:
        """A standalone HTML page (UTF-8, styles inline, no scripts or external assets)."""
        return (
            "<!DOCTYPE html>\n"
            '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(self.title)}</title>\n"
            "<style>body{margin:1rem;background:#fff}</style>\n"
            f"</head>\n<body>\n{self.fragment}\n</body>\n</html>\n"
        )

    def _repr_html_(self) -> str:
        return self.fragment

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the standalone page (UTF-8) and return its path.

        Parameters
        ----------
        path
            The ``.html`` file to write; its folder is created when missing.
        """
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(self.html, encoding="utf-8")
        return p

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}s={v}" if k != "person" else f"people={v}" for k, v in self.counts.items())
        return f"vnpov.Evidence(doc_id={self.doc_id!r}, {counts})"


def render(text: str, result: Result, doc_id: str | None = None) -> Evidence:
    """The evidence view of one document of ``result`` whose original text is ``text``.

    Parameters
    ----------
    text
        The original text the rows' offsets point into.
    result
        A :class:`vnpov.Result`.
    doc_id
        The document (None: ``result`` must hold exactly one document).

    Returns
    -------
    Evidence
    """
    if not isinstance(text, str):
        raise TypeError(f"text is {type(text).__name__}; expected str")
    if doc_id is None:
        ids = result.documents["doc_id"].tolist()
        if len(ids) != 1:
            raise ValueError(f"the Result has {len(ids)} documents: say which with doc_id=")
        doc_id = str(ids[0])
    docs = _rows(result.documents, doc_id)
    doc = docs[0] if docs else {}
    tables = {
        "visit": _rows(result.visits, doc_id),
        "person": _rows(result.people, doc_id),
        "figure": _rows(result.figures, doc_id),
    }
    prefix = f"vp{next(_ids)}"
    spans, unplaced = _spans(text, tables)
    esc = html.escape
    title = _s(doc.get("title")) or f"document {doc_id}"
    counts = {k: len(v) for k, v in tables.items()}
    placed = {k: counts[k] - len(unplaced[k]) for k in counts}
    meta = [f"doc_id <b>{esc(str(doc_id))}</b>"]
    if _s(doc.get("kind")):
        meta.append(f"kind <b>{esc(_s(doc.get('kind')))}</b>")
    if _s(doc.get("published")):
        meta.append(f"published {esc(_s(doc.get('published')))}")
    meta.append(f"{len(text):,} characters")
    if _s(doc.get("error")):
        meta.append(f'<span class="vp-note">error: {esc(_s(doc.get("error")))}</span>')
    legend = "".join(
        f'<span><span class="vp-sw" style="background:{COLOURS[k]}"></span>'
        f"{esc(_LABELS[k])}: {counts[k]}</span>"
        for k in _ORDER
    )
    legend += '<span style="color:#666">hover a highlight for its values</span>'
    parts = [
        f'<div class="vnpov-ev" id="{prefix}">',
        f"<style>{_CSS}</style>",
        f"<h2>{esc(title)}</h2>",
        f'<div class="vp-meta">{" · ".join(meta)}</div>',
        f'<div class="vp-legend">{legend}</div>',
    ]
    missing = {k: v for k, v in unplaced.items() if v}
    if missing:
        what = ", ".join(f"{len(v)} {_TABLE_OF[k]}" for k, v in missing.items())
        parts.append(
            f'<div class="vp-note">not highlighted (no valid start/end in this text): {esc(what)}</div>'
        )
    parts.append(f'<div class="vp-text">{_highlight(text, spans, prefix)}</div>')
    for kind in _ORDER:
        rows = tables[kind]
        if rows:
            parts.append(f"<h3>{esc(_TABLE_OF[kind])} ({len(rows)})</h3>")
            parts.append(_table_html(kind, rows, prefix, set(unplaced[kind])))
    parts.append("</div>")
    return Evidence("\n".join(parts), title, str(doc_id), counts, placed)


def show(
    text: str,
    result: Result | None = None,
    doc_id: str | None = None,
    *,
    published: Any = None,
) -> Evidence:
    """Render an article with its visits, people and figures highlighted.

    Parameters
    ----------
    text
        The article's original text.
    result
        The Result holding this article's rows; None (default) extracts ``text`` now.
    doc_id
        The article's ``doc_id`` in ``result`` (not needed when it holds one document).
    published
        A date hint for the extraction when ``result`` is None (see :func:`vnpov.extract`).

    Returns
    -------
    Evidence
        Jupyter shows it; ``.save("page.html")`` writes a standalone page, ``.html`` is
        the page's text.

    Examples
    --------
    >>> vnpov.show(text)
    >>> vnpov.show(text, result, "doc-17").save("doc-17.html")
    """
    if result is None:
        from . import extract

        result = extract([text], ids=[doc_id if doc_id is not None else "0"], published=published)
    return render(text, result, None if doc_id is None else str(doc_id))


# ---------------------------------------------------------------------- headless chromium
def find_chromium() -> str | None:
    """The path of a Chromium/Chrome executable on PATH, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


def screenshot(
    page: str | os.PathLike[str],
    png: str | os.PathLike[str],
    *,
    width: int = 1100,
    height: int = 2400,
    chromium: str | None = None,
    timeout: float = 60.0,
) -> Path:
    """Render an HTML file to PNG with headless Chromium (for checks and benchmarks).

    Parameters
    ----------
    page
        The HTML file.
    png
        The PNG to write.
    width, height
        The window size in CSS pixels (the PNG's size).
    chromium
        The browser executable (default: :func:`find_chromium`).
    timeout
        Seconds to wait for the browser.

    Raises
    ------
    FileNotFoundError
        When no Chromium is installed (Debian: ``apt-get install chromium``).
    RuntimeError
        When the browser fails or writes no PNG.
    """
    exe = chromium or find_chromium()
    if exe is None:
        raise FileNotFoundError("no chromium on PATH (Debian: apt-get install -y chromium)")
    out = Path(png).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    url = Path(page).resolve().as_uri()
    cmd = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--no-first-run",
        "--mute-audio",
        "--force-device-scale-factor=1",
        "--force-color-profile=srgb",
        f"--window-size={width},{height}",
        f"--screenshot={out}",
        url,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if not out.exists():
        raise RuntimeError(f"chromium wrote no PNG (exit {proc.returncode}): {proc.stderr.strip()[-800:]}")
    return out
