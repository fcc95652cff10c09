"""Vietnam's administrative units of both eras, for cleaning place names in your own data.

The tables are those the extractor uses (``data/gazetteer/``, from the MIT-licensed
``vietnamadminunits`` package), embedded in the native core and parsed once per process.

Two eras:

* ``pre2025``: the structure in force until 30 June 2025 (63 provinces, districts, communes);
* ``2025``: the structure from 1 July 2025 (34 provinces, communes, no districts).

GSO codes are reused across eras (``08`` is Tuyên Quang in both, but not the same area), so
always read a code together with its ``era``.

>>> from vnpov import gazetteer
>>> gazetteer.lookup("huyện Châu Thành", province="Long An")        # one row: code 808
>>> gazetteer.lookup("Dak Lak")                                      # the province, folded match
>>> gazetteer.lookup("tỉnh Tuyên Quang", on="2025-12-01")            # the merged 2025 province
>>> gazetteer.resolve("huyện Kỳ Anh")["province"]                    # 'Hà Tĩnh'
>>> gazetteer.to_2025("24217")["communes_2025"]                      # xã Ea Rốk → 2025 commune(s)
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any

import pandas as pd

from . import _core

__all__ = ["lookup", "resolve", "to_2025", "stats", "keys", "COLUMNS"]

#: Columns of :func:`lookup`, in order, with their pandas dtypes.
COLUMNS: dict[str, str] = {
    "code": "string",
    "name": "string",
    "level": "string",
    "kind_word": "string",
    "province": "string",
    "province_code": "string",
    "district_code": "string",
    "era": "string",
    "lat": "Float64",
    "lon": "Float64",
    "match": "string",
    "province_2025_code": "string",
    "province_2025": "string",
}

_LEVELS = ("province", "district", "commune")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*$")


def _missing(x: Any) -> bool:
    return x is None or x is pd.NA or x is pd.NaT or (isinstance(x, float) and math.isnan(x))


def _on(on: Any) -> tuple[int, int, int] | None:
    """``on`` as (year, month, day), or None (before the reform)."""
    if _missing(on):
        return None
    if isinstance(on, (pd.Timestamp, _dt.datetime, _dt.date)):
        return (on.year, on.month, on.day)
    if isinstance(on, str):
        m = _ISO.match(on)
        if m:
            y, mo, d = int(m[1]), int(m[2]), int(m[3] or 1)
            try:
                _dt.date(y, mo, d)
            except ValueError as e:
                raise ValueError(f"on={on!r} is not a valid date: {e}") from None
            return (y, mo, d)
        if on.strip().isdigit():
            raise ValueError(
                f"on={on!r} is a year; the reform took effect on 2025-07-01, "
                "so pass a month or a date ('2025-07', '2025-12-01')"
            )
        raise ValueError(f"on={on!r}: pass an ISO date ('2024-06-21' or '2024-06'), a date or a Timestamp")
    raise TypeError(f"on is {type(on).__name__}; pass str ('2024-06-21'), date, Timestamp or None")


def _text(x: Any, what: str) -> str | None:
    """A name argument as str; None when missing (None/NaN/NA)."""
    if _missing(x):
        return None
    if isinstance(x, str):
        return x
    raise TypeError(f"{what} is {type(x).__name__}; expected str")


def _opt_text(x: Any, what: str) -> str | None:
    s = _text(x, what)
    return s if s is None or s.strip() else None


def _frame(cols: dict[str, list[Any]]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.array(cols.get(c, []), dtype=t) for c, t in COLUMNS.items()})


def lookup(
    name: str,
    level: str | None = None,
    province: str | None = None,
    on: Any = None,
) -> pd.DataFrame:
    """Every administrative unit a name can designate, best first.

    Parameters
    ----------
    name
        The name as written: any tone placement (``Thanh Hoá`` = ``Thanh Hóa``), any case,
        with or without diacritics (``Dak Lak``), with or without a level word (``huyện``,
        ``thị xã``, ``TP.``, ``tỉnh``, ``UBND huyện``…). A level word keeps the units of its
        kind (``huyện Kỳ Anh`` is the district, ``thị xã Kỳ Anh`` the town), or, when there
        are none, of a level it can name (``thành phố Sầm Sơn`` finds the former ``thị xã``).
        A trailing ``(cũ)`` ("former") searches the pre-2025 era. None or NaN gives an
        empty frame.
    level
        None, ``"province"``, ``"district"`` or ``"commune"``: keep only that level.
    province
        A province name (either era, e.g. ``"Long An"``, ``"tỉnh Hà Giang"``) or a province
        code of the era, to keep only units inside it. A province of the other era is compared
        through the 2025 province both became part of.
    on
        The date the name is used at: ``str`` (``"2024-06-21"``, ``"2025-07"``), ``date``,
        ``datetime``, ``Timestamp``, or None (default: before the 1 July 2025 reform). It picks
        the era: before 2025-07-01, 63 provinces with districts and communes; from then, 34
        provinces and communes only. After the reform, a name that finds no 2025 unit and
        reads as a district (``huyện Ea Súp``) is looked up among the pre-2025 districts
        (``era`` is then ``pre2025``; ``province_2025`` gives the 2025 province).

    Returns
    -------
    pandas.DataFrame
        One row per candidate, columns (nullable pandas dtypes): ``code``, ``name`` (without
        level word), ``level`` (``province``/``district``/``commune``), ``kind_word``
        (``tỉnh``, ``huyện``, ``xã``…), ``province``, ``province_code``, ``district_code``
        (parent district of a pre-2025 commune), ``era`` (``pre2025``/``2025``), ``lat``,
        ``lon`` (``Float64``, may be missing), ``match`` (``name``: the canonical name up to
        case, punctuation and tone placement; ``alias``: another name of the unit, e.g. a
        former unit merged into it; ``folded``: the canonical name without diacritics),
        ``province_2025_code``, ``province_2025`` (the 2025 province the unit belongs or
        went to). Empty, with these columns, when nothing matches.

        Matches on the name key come first; diacritic-free matches are used only when the
        name key finds nothing that passes the filters, except provinces, which are always
        looked up diacritic-free too (``Đăk Nông`` is the province before the commune of
        Kon Tum spelled exactly so). Rows are ordered province → district → commune, then
        ``name`` → ``alias`` → ``folded``, then code.

    Raises
    ------
    ValueError
        For a ``level`` outside the three, an unknown ``province``, or an ``on`` that is not a
        date.

    Examples
    --------
    >>> lookup("Châu Thành", level="district")                 # the ten districts
    >>> lookup("huyện Châu Thành", province="Tiền Giang")      # one: 821
    >>> lookup("Khánh Hoà").iloc[0]["code"]                      # '56'
    """
    text = _text(name, "name")
    lvl = _opt_text(level, "level")
    if lvl is not None and lvl.strip() not in _LEVELS:
        raise ValueError(f"level must be None, 'province', 'district' or 'commune', not {level!r}")
    prov = _opt_text(province, "province")
    when = _on(on)
    if text is None or not text.strip():
        return _frame({})
    return _frame(_core.gazetteer_lookup(text, lvl, prov, when))


def resolve(
    name: str,
    level_word: str | None = None,
    province: str | None = None,
    on: Any = None,
) -> dict[str, Any] | None:
    """The one unit a name designates, or None when it is ambiguous or unknown (never a guess).

    This is the resolution the extractor applies to names found in text. Without a level word
    the highest level that matches wins (``Quảng Ngãi`` is the province, ``thành phố Quảng
    Ngãi`` the city).

    Parameters
    ----------
    name
        The name as written, with or without a level word (see :func:`lookup`).
    level_word
        The level word written before the name when it is kept apart (``"huyện"``,
        ``"thị xã"``, ``"TP"``, ``"Huyện ủy"``); None to use one inside ``name``. A hamlet
        word (``thôn``, ``ấp``, ``bản``…) gives None: such places are below the commune.
    province
        A province name or a province code of the era, as in :func:`lookup`.
    on
        The date the name is used at, as in :func:`lookup`.

    Returns
    -------
    dict or None
        Keys as the columns of :func:`lookup` except ``match``, values plain Python
        (``str``, ``float`` or None). None when no unit or several units fit
        (``Châu Thành`` alone names ten districts; ``Kỳ Anh`` alone both the district and
        the town).

    Raises
    ------
    ValueError
        For an unknown ``province`` or an ``on`` that is not a date.

    Examples
    --------
    >>> resolve("huyện Đăk Glong")["province"]                  # 'Đắk Nông'
    >>> resolve("Châu Thành", "huyện", province="Bến Tre")["code"]    # '831'
    >>> resolve("Châu Thành") is None                            # True: ten candidates
    """
    text = _text(name, "name")
    lw = _opt_text(level_word, "level_word")
    prov = _opt_text(province, "province")
    when = _on(on)
    if text is None or not text.strip():
        return None
    return _core.gazetteer_resolve(text, lw, prov, when)


def to_2025(code: str) -> dict[str, Any]:
    """Where a pre-2025 unit went in the 1 July 2025 reform.

    Parameters
    ----------
    code
        A pre-2025 GSO code as a string: province 2 digits (``"67"``), district 3
        (``"447"``), commune 5 (``"24217"``). Integers are refused: they lose the leading
        zeros that tell the levels apart (``1`` could be ``"01"``, ``"001"`` or ``"00001"``).

    Returns
    -------
    dict
        The pre-2025 unit (``code``, ``name``, ``level``, ``kind_word``, ``province``,
        ``province_code``, ``district_code``, ``era``, ``lat``, ``lon``), its 2025 province
        (``province_2025_code``, ``province_2025``) and ``communes_2025``: a list of dicts
        (``code``, ``name``, ``kind_word``) of the 2025 commune(s) it became part of, the
        default successor first (a commune split between several lists them all). Empty for
        a province or a district, except the five island districts without communes
        (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo).

        For a column of codes: ``pd.DataFrame([to_2025(c) for c in codes])``.

    Raises
    ------
    KeyError
        When ``code`` is not a pre-2025 unit.
    TypeError
        When ``code`` is not a string.

    Examples
    --------
    >>> to_2025("67")["province_2025"]                           # 'Lâm Đồng'
    >>> [c["name"] for c in to_2025("24217")["communes_2025"]]
    """
    if not isinstance(code, str):
        raise TypeError(
            f"code is {type(code).__name__}; pass the GSO code as a string ('01', '447', '24217'): "
            "integers lose the leading zeros"
        )
    return _core.gazetteer_to_2025(code)


def stats() -> dict[str, Any]:
    """Sizes of the embedded tables and their one-off load time.

    Returns
    -------
    dict
        ``units``: ``{"pre2025": {"province", "district", "commune"}, "2025": {"province",
        "commune"}}`` counts; ``aliases``: alias rows; ``csv_bytes``: bytes of embedded CSV;
        ``load_seconds``: wall time of the parse and indexing, measured in Rust when the
        tables were first used in this process (by this call, a lookup or an extraction).
    """
    return _core.gazetteer_stats()


def keys(name: str) -> tuple[str, str]:
    """The two lookup keys of a name, for joining your own tables on names.

    Parameters
    ----------
    name
        Any name.

    Returns
    -------
    (str, str)
        The name key (lowercase, punctuation and spacing reduced to single spaces, apostrophes
        dropped, the tone mark of each word moved to its end, in decomposed form: ``Thanh Hoá``
        and ``THANH HÓA`` give the same key, ``Ba Tơ`` and ``Ba Tô`` do not) and the folded key
        (no diacritics, no spaces, ``đ``→``d``, ``c`` read as ``k`` except in ``ch``:
        ``Đắk Lắk``, ``Dak Lak``, ``Daklak`` all give ``daklak``).
    """
    if not isinstance(name, str):
        raise TypeError(f"name is {type(name).__name__}; expected str")
    return _core.gazetteer_keys(name)
