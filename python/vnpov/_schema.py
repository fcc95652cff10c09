"""The output contract of ``shared/spec/schema.md``: columns, order and dtypes."""

from __future__ import annotations

import pandas as pd

LEVELS = ["country", "region", "province", "district", "commune", "agency", "foreign"]
KINDS = ["visit", "meeting", "report", "other"]
PURPOSES = ["study", "inspection", "working"]
PROGRAMS = [
    "sustainable_poverty_reduction",
    "new_rural",
    "ethnic_minority",
    "program_135",
    "program_30a",
    "other",
]
SIDES = ["visitor", "host", "other"]
ROLES = ["leader", "member", "speaker", "mentioned"]
INDICATORS = [
    "poor_household_rate",
    "near_poor_household_rate",
    "poor_households",
    "near_poor_households",
    "poor_household_rate_change",
    "poor_households_change",
    "near_poor_household_rate_change",
    "near_poor_households_change",
    "escaped_poverty_households",
    "multidimensional_poverty_rate",
    "multidimensional_poor_households",
    "funding_total",
    "funding_investment",
    "funding_recurrent",
    "funding_disbursed",
    "disbursement_rate",
    "income_per_capita",
    "ethnic_minority_share",
]
MEASURES = [
    "percent",
    "households",
    "vnd",
    "vnd_per_person_year",
    "count",
    "percentage_points",
    "vnd_per_person_month",
]
POPULATIONS = ["ethnic_minority", "other"]
STATUSES = ["actual", "estimate", "target"]
QUALIFIERS = ["over", "nearly", "about"]

S = "string"
DT = "datetime64[ns]"


def cat(values: list[str]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(values, ordered=False)


SCHEMA: dict[str, dict[str, object]] = {
    "documents": {
        "doc_id": S,
        "title": S,
        "published": DT,
        "kind": cat(KINDS),
        "n_chars": "Int64",
        "error": S,
    },
    "visits": {
        "doc_id": S,
        "visit_id": "Int64",
        "visitor": S,
        "visitor_level": cat(LEVELS),
        "visitor_province": S,
        "visitor_code": S,
        "host": S,
        "host_level": cat(LEVELS),
        "host_province": S,
        "host_code": S,
        "start_date": DT,
        "end_date": DT,
        "year_inferred": "boolean",
        "purpose": cat(PURPOSES),
        "program": cat(PROGRAMS),
        "leader": S,
        "leader_title": S,
        "start": "Int64",
        "end": "Int64",
    },
    "people": {
        "doc_id": S,
        "name": S,
        "title": S,
        "unit": S,
        "side": cat(SIDES),
        "role": cat(ROLES),
        "start": "Int64",
        "end": "Int64",
    },
    "figures": {
        "doc_id": S,
        "unit": S,
        "unit_level": cat(LEVELS),
        "unit_province": S,
        "unit_code": S,
        "indicator": cat(INDICATORS),
        "program": cat(PROGRAMS),
        "value": "Float64",
        "measure": cat(MEASURES),
        "year": "Int64",
        "period_start": "Int64",
        "period_end": "Int64",
        "population": cat(POPULATIONS),
        "status": cat(STATUSES),
        "qualifier": cat(QUALIFIERS),
        "text": S,
        "start": "Int64",
        "end": "Int64",
    },
}

TABLES = tuple(SCHEMA)
