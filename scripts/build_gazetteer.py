#!/usr/bin/env python3
"""Build the vnpov gazetteer tables from the installed `vietnamadminunits` package.

Reads the package's bundled SQLite dataset (`data/dataset.db`) and its old->new
converter table (`data/converter_2025.json`); writes compact UTF-8 CSV tables to
`data/gazetteer/` (next to this script's parent by default):

    units_pre2025.csv   63 provinces, districts, communes in force until 30 June 2025
    units_2025.csv      34 provinces and their communes from 1 July 2025
    aliases.csv         extra names (source aliases + a short hand list)

Usage:  python3 scripts/build_gazetteer.py [OUT_DIR]

Deterministic: the same package version always yields byte-identical files.
See data/gazetteer/SOURCE.md for the column layout.
"""

import csv
import io
import json
import re
import sqlite3
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import vietnamadminunits

EXPECTED_VERSION = "1.0.4"
PKG_DIR = Path(vietnamadminunits.__file__).parent
DB = PKG_DIR / "data" / "dataset.db"
CONVERTER = PKG_DIR / "data" / "converter_2025.json"

OUT = (
    Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "data" / "gazetteer"
)

# ---------------------------------------------------------------------------
# Hand corrections and aliases: only real spelling drifts seen in news text.
# Tone placement (Hoá/Hóa), case, apostrophes, diacritic-less spellings,
# Đăk/Đắk/Đắc, final c/k and spacing (Daklak) are handled generically by the
# lookup keys in src/gazetteer.rs, so they are NOT listed here.
# ---------------------------------------------------------------------------

# (era, code) -> canonical name overriding the source's spelling
NAME_FIXES = {
    ("pre", "661"): "Đắk Glong",  # source: "Đăk Glong"; official GSO spelling is Đắk Glong
}

# (era, code, alias). Written with diacritics; matched on both lookup keys.
HAND_ALIASES = [
    ("pre", "661", "Đăk Glong"),  # source spelling kept as alias
    ("pre", "24217", "Ea Rốc"),  # xã Ea Rốk (Ea Súp, Đắk Lắk)
    ("pre", "46", "Thừa Thiên Huế"),  # province name until 2025-01-01
    ("pre", "46", "Thừa Thiên - Huế"),
    ("pre", "46", "TT-Huế"),
    ("2025", "46", "Thừa Thiên Huế"),
    ("2025", "46", "TT-Huế"),
    ("pre", "79", "Sài Gòn"),
    ("pre", "79", "TPHCM"),
    ("pre", "79", "HCMC"),
    ("2025", "79", "Sài Gòn"),
    ("2025", "79", "TPHCM"),
    ("2025", "79", "HCMC"),
    ("2025", "79", "HCM"),
    ("2025", "01", "HN"),
    ("pre", "77", "BR-VT"),
    ("pre", "77", "BRVT"),
    ("pre", "06", "Bắc Cạn"),  # older spelling of Bắc Kạn
    ("pre", "643", "Buôn Mê Thuột"),  # colloquial for Buôn Ma Thuột
]

LEVEL_CODE = {"province": "p", "district": "d", "commune": "c"}

# Level-word prefixes found in the source's (diacritic-free) alias keys.
ALIAS_PREFIXES = [
    "thanhpho",
    "thitran",
    "phuong",
    "district",
    "thixa",
    "huyen",
    "quan",
    "tinh",
    "xa",
    "tx",
    "tp",
    "tt",
]
SAFE_PREFIXES = {
    "thanhpho",
    "thitran",
    "thixa",
    "huyen",
    "tinh",
    "tx",
    "tp",
    "tt",
}  # never start a real name key


def nfc(s):
    return unicodedata.normalize("NFC", s) if s is not None else None


def clean_name(short, kind):
    """Source short name -> canonical name without level word."""
    s = nfc(short).strip()
    s = re.sub(r"\s*\((Huyện|Thị xã|Thành phố|Thị trấn|Xã|Phường|Quận)\)$", "", s)
    m = re.fullmatch(r"(Quận|Phường)\s+(\d+)", s)
    if m:  # "Quận 1" -> "1", "Phường 12" -> "12"
        s = m.group(2)
    return s


def kind_word(full):
    full = nfc(full).lower()
    for k in ["thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "phường", "xã"]:
        if full == k or full.startswith(k + " "):
            return k
    raise ValueError(f"no level word in {full!r}")


def fmt(x):
    if x is None:
        return ""
    s = f"{x:.4f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def bare_aliases(raw):
    """The source stores aliases as diacritic-free keys, often with a level-word
    prefix ("xaanbinh", "huyenphuchoa", "phuchoa", "q9").  Return bare keys."""
    if not raw:
        return []
    lst = json.loads(raw)
    paired = any(any(x.startswith(p) and x[len(p) :] in lst for p in ALIAS_PREFIXES) for x in lst)
    out = []
    for x in lst:
        x = nfc(x)
        m = re.fullmatch(r"(q|p|quan|phuong|district)0*(\d+)", x)
        if m:
            out.append(str(int(m.group(2))))
            continue
        if re.fullmatch(r"(ward|f)\d+", x):
            continue
        if paired:
            if any(x.startswith(p) and x[len(p) :] in lst for p in ALIAS_PREFIXES):
                continue  # prefixed twin of a bare alias in the list
            for p in ALIAS_PREFIXES:
                if p in SAFE_PREFIXES and x.startswith(p) and len(x) > len(p) + 2:
                    x = x[len(p) :]
                    break
        else:
            for p in ALIAS_PREFIXES:
                if x.startswith(p) and len(x) > len(p) + 2:
                    x = x[len(p) :]
                    break
        out.append(x)
    return list(dict.fromkeys(out))


def fold(s):
    s = unicodedata.normalize("NFD", s.lower()).replace("đ", "d")
    return "".join(ch for ch in s if ch.isalnum() and not unicodedata.combining(ch))


def main():
    import importlib.metadata as md

    version = md.version("vietnamadminunits")
    if version != EXPECTED_VERSION:
        print(
            f"warning: vietnamadminunits {version} installed, tables were designed for {EXPECTED_VERSION}",
            file=sys.stderr,
        )

    con = sqlite3.connect(f"file:{DB}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    legacy = [dict(r) for r in con.execute("SELECT * FROM admin_units_legacy")]
    new = [dict(r) for r in con.execute("SELECT * FROM admin_units")]
    conv = json.loads(CONVERTER.read_text(encoding="utf-8"))

    # ---------------- 2025 ----------------
    new_prov_by_key = {}
    new_ward_by_key = {}  # (provinceKey, wardKey) -> code
    rows25 = []
    seen = set()
    for r in new:
        pc = r["provinceCode"]
        if pc not in seen:
            seen.add(pc)
            new_prov_by_key[r["provinceKey"]] = pc
            rows25.append(
                (
                    pc,
                    "p",
                    kind_word(r["province"]),
                    nfc(r["provinceShort"]),
                    "",
                    fmt(r["provinceLat"]),
                    fmt(r["provinceLon"]),
                )
            )
        key = (r["provinceKey"], r["wardKey"])
        assert key not in new_ward_by_key, key
        new_ward_by_key[key] = r["wardCode"]
        rows25.append(
            (
                r["wardCode"],
                "c",
                kind_word(r["ward"]),
                clean_name(r["wardShort"], r["wardType"]),
                pc,
                fmt(r["wardLat"]),
                fmt(r["wardLon"]),
            )
        )

    # old province key -> new province code
    old_prov_to_new = {}
    for newkey, olds in conv["DICT_PROVINCE"].items():
        for o in olds:
            old_prov_to_new[o] = new_prov_by_key[newkey]

    # old "prov_dist_ward" key -> [new ward codes], default first
    old_to_new = defaultdict(list)
    for pkey, d in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for nkey, olds in d.items():
            for o in olds:
                old_to_new[o].append((0, new_ward_by_key[(pkey, nkey)]))
    for pkey, d in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for o, lst in d.items():
            for w in lst:
                old_to_new[o].append(
                    (0 if w["isDefaultNewWard"] else 1, new_ward_by_key[(pkey, w["newWardKey"])])
                )

    # ---------------- pre-2025 ----------------
    provs, dists, comms = {}, {}, []
    aliases = []  # (era, code, alias, kind)  kind: k = source key (loose only), n = name
    for r in legacy:
        pc, dc, wc = r["provinceCode"], r["districtCode"], r["wardCode"]
        newp = old_prov_to_new[r["provinceKey"]]
        if pc not in provs:
            provs[pc] = (
                pc,
                "p",
                kind_word(r["province"]),
                nfc(r["provinceShort"]),
                "",
                "",
                fmt(r["provinceLat"]),
                fmt(r["provinceLon"]),
                newp,
                "",
            )
            for a in bare_aliases(r["provinceAlias"]):
                aliases.append(("pre", pc, a, "k"))
        if dc not in dists:
            okey = f"{r['provinceKey']}_{r['districtKey']}_"
            island = " ".join(c for _, c in sorted(old_to_new.get(okey, []))) if wc is None else ""
            dists[dc] = (
                dc,
                "d",
                kind_word(r["district"]),
                clean_name(r["districtShort"], r["districtType"]),
                pc,
                "",
                fmt(r["districtLat"]),
                fmt(r["districtLon"]),
                newp,
                island,
            )
            for a in bare_aliases(r["districtAlias"]):
                aliases.append(("pre", dc, a, "k"))
        if wc is not None:
            okey = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"
            targets = []
            for _, c in sorted(old_to_new[okey]):
                if c not in targets:
                    targets.append(c)
            assert targets, okey
            comms.append(
                (
                    wc,
                    "c",
                    kind_word(r["ward"]),
                    clean_name(r["wardShort"], r["wardType"]),
                    pc,
                    dc,
                    fmt(r["wardLat"]),
                    fmt(r["wardLon"]),
                    newp,
                    " ".join(targets),
                )
            )
            for a in bare_aliases(r["wardAlias"]):
                aliases.append(("pre", wc, a, "k"))

    # Districts abolished before the snapshot and split between several successors (the
    # source's DICT_PROVINCE_DISTRICT_DIVIDED, e.g. huyện Lộc Hà, huyện Trà Lĩnh, the former
    # thành phố Huế): the old name becomes a key alias of every successor.
    parser_legacy = json.loads((PKG_DIR / "data" / "parser_legacy.json").read_text(encoding="utf-8"))
    dist_by_key = {(r["provinceKey"], r["districtKey"]): r["districtCode"] for r in legacy}
    for pkey, d in parser_legacy["DICT_PROVINCE_DISTRICT_DIVIDED"].items():
        for okey, v in d.items():
            if (pkey, okey) in dist_by_key:
                continue  # still exists (entries like "kyanh" only list homonyms: no-op aliases)
            bare = bare_aliases(json.dumps(v["dividedDistrictKeywords"]))
            for succ in v["districts"]:
                for a in bare:
                    aliases.append(("pre", dist_by_key[(pkey, succ)], a, "k"))

    pre_rows = sorted(provs.values()) + sorted(dists.values()) + sorted(comms)
    pre_rows = [list(r) for r in pre_rows]
    rows25 = [list(r) for r in sorted(rows25, key=lambda r: (r[1] != "p", r[0]))]
    for rows, era in ((pre_rows, "pre"), (rows25, "2025")):
        for r in rows:
            fix = NAME_FIXES.get((era, r[0]))
            if fix:
                r[3] = fix

    # generic alias: 2025 names "Lâm Viên - Đà Lạt" are written "phường Lâm Viên" too
    pre_district_names = {(r[4], fold(r[3])) for r in pre_rows if r[1] == "d"}
    old_codes_of_new = defaultdict(set)
    for r in pre_rows:
        if r[1] == "p":
            old_codes_of_new[r[8]].add(r[0])
    for r in rows25:
        if r[1] == "c" and " - " in r[3]:
            head, tail = r[3].split(" - ", 1)
            if any((op, fold(tail)) in pre_district_names for op in old_codes_of_new[r[4]]):
                aliases.append(("2025", r[0], head, "n"))

    codes = {("pre", r[0]) for r in pre_rows} | {("2025", r[0]) for r in rows25}
    for era, code, alias in HAND_ALIASES:
        assert (era, code) in codes, (era, code)
        aliases.append((era, code, nfc(alias), "n"))
    # drop source keys equal to the unit's own name key, and province keys that are the name
    # of another unit (the source lists "vungtau", "baria" for Bà Rịa - Vũng Tàu)
    names = {(("pre", r[0])): fold(r[3]) for r in pre_rows}
    names.update({("2025", r[0]): fold(r[3]) for r in rows25})
    other_names = {("pre", fold(r[3])) for r in pre_rows if r[1] != "p"} | {
        ("2025", fold(r[3])) for r in rows25 if r[1] != "p"
    }
    out_aliases, seen = [], set()
    for era, code, a, k in aliases:
        if k == "k" and fold(a) == names[(era, code)]:
            continue
        if k == "k" and len(code) == 2 and (era, fold(a)) in other_names:
            continue
        if (era, code, a) in seen or not a:
            continue
        seen.add((era, code, a))
        out_aliases.append((era, code, a, k))
    out_aliases.sort(key=lambda x: (x[0] != "pre", x[1], x[2]))

    OUT.mkdir(parents=True, exist_ok=True)

    def write(name, header, rows):
        for r in rows:  # the Rust reader splits on ',' without quoting
            assert all("," not in str(f) and '"' not in str(f) and "\n" not in str(f) for f in r), r
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        (OUT / name).write_text(buf.getvalue(), encoding="utf-8", newline="\n")
        print(f"{name}: {len(rows)} rows, {len(buf.getvalue().encode())} bytes")

    write(
        "units_pre2025.csv",
        [
            "code",
            "level",
            "kind",
            "name",
            "province",
            "district",
            "lat",
            "lon",
            "new_province",
            "new_communes",
        ],
        pre_rows,
    )
    write("units_2025.csv", ["code", "level", "kind", "name", "province", "lat", "lon"], rows25)
    write("aliases.csv", ["era", "code", "alias", "type"], out_aliases)

    def lv(rows: list, level: str) -> int:
        return sum(1 for r in rows if r[1] == level)

    p, d, c = lv(pre_rows, "p"), lv(pre_rows, "d"), lv(pre_rows, "c")
    print(f"pre-2025: {p} provinces, {d} districts, {c} communes")
    print(f"2025: {lv(rows25, 'p')} provinces, {lv(rows25, 'c')} communes")


if __name__ == "__main__":
    main()
