"""The Excel functions' Danish words, in one place: what a user may write, what comes back.

Input words are matched after :func:`som_xl.functions.cells.norm` (lower case, æ/ø/å as
ae/oe/aa, a parenthesis such as "(år)" dropped, other signs as ``_``), so each alias is
listed in that form only: "Horisont (år)" and "horisont" are the same header.

These tables are the functions' share of the project's field names and labels; they go
when the field table (issue 7, item 1) gives every input its Danish label and aliases.
"""

from __future__ import annotations

from som_xl.conventions import MAX_DISCOUNT_RATE, MIN_DISCOUNT_RATE
from som_xl.present import da

__all__ = [
    "AREA_LABELS",
    "CONSEQUENCE_INFO",
    "COST_COLUMNS",
    "COST_KINDS",
    "DIRECTIONS",
    "ERROR_PREFIX",
    "FIELD_LABELS",
    "GROUP_HEADERS",
    "KIND_LABELS",
    "RATE_RANGE",
    "ROW_HEADERS",
    "SERVICE_COLUMNS",
    "SERVICE_HEADERS",
    "SETTINGS",
    "SETTING_LABELS",
    "SPLIT_HEADERS",
    "TOO_LARGE",
    "TOTAL",
    "YEAR_HEADERS",
    "da_number",
]

# --- texts of answers and errors ------------------------------------------------------------

#: Every error text starts with this, so a sheet can test for it (``=VENSTRE(A1;8)``).
ERROR_PREFIX = "SØM-fejl"
TOO_LARGE = (
    "beløbene er for store til at regne med (resultatet er ikke et endeligt tal); "
    "kontrollér beløb, priser og antal"
)


def da_number(x: float) -> str:
    """A number as Danish text, with a decimal comma.

    Parameters
    ----------
    x : float
        The number.

    Returns
    -------
    str
        The shortest text (format ``g``) with ``,`` for ``.``.

    Examples
    --------
    >>> da_number(0.035)
    '0,035'
    >>> da_number(2.0)
    '2'
    """
    return da.number(x)


RATE_RANGE = (
    f"diskonteringsrenten skal være en andel mellem {da_number(MIN_DISCOUNT_RATE)} og "
    f"{da_number(MAX_DISCOUNT_RATE)} (fx 0,035 for 3,5 %)"
)

# --- headers of the tables the functions return ------------------------------------------------

#: The headers come from the one Danish vocabulary (:mod:`som_xl.present.da`), in the
#: functions' words (lower case).
YEAR_HEADERS = [
    da.header(k, "function")
    for k in (
        "year",
        "costs",
        "gains",
        "net",
        "discount_factor",
        "discounted_net",
        "cumulative_discounted_net",
    )
]
SPLIT_HEADERS = [
    da.header(k, "function")
    for k in ("costs", "gains", "net", "discounted_costs", "discounted_gains", "discounted_net")
]
ROW_HEADERS = [
    da.header(k, "function")
    for k in ("year", "purse", "budget_item", "kind", "value", "discounted_value")
]
SERVICE_HEADERS = [
    da.KB_FIELDS["service"],
    *(da.KB_FIELDS[k] for k in ("label", "unit", "direction", "budget_item", "price_year")),
    *(p.lower() for p in da.PURSE_LABELS.values()),
    da.KB_FIELDS["status"],
]
GROUP_HEADERS = [
    da.KB_FIELDS["target_group"],
    *(da.KB_FIELDS[k] for k in ("label", "area", "age_min", "age_max", "success_measure")),
    da.KB_FIELDS["status"],
]
TOTAL = da.TOTAL
AREA_LABELS = da.AREA_LABELS
KIND_LABELS = da.KIND_LABELS

# --- what a user may write in the ranges -------------------------------------------------------

#: Settings names (normalised) -> scenario keys (som-method.md §4).
SETTINGS = {
    "navn": "name",
    "name": "name",
    "scenarie": "name",
    "maalgruppe": "target_group",
    "target_group": "target_group",
    "startaar": "start_year",
    "start_aar": "start_year",
    "start_year": "start_year",
    "horisont": "horizon_years",
    "horisont_aar": "horizon_years",
    "antal_aar": "horizon_years",
    "horizon_years": "horizon_years",
    "prisaar": "price_year",
    "prisniveau": "price_year",
    "price_year": "price_year",
    "diskonteringsrente": "discount_rate",
    "kalkulationsrente": "discount_rate",
    "rente": "discount_rate",
    "discount_rate": "discount_rate",
    "forloebsaar": "course_years",
    "forloeb": "course_years",
    "forloebslaengde": "course_years",
    "course_years": "course_years",
    "succesrate": "success_rate",
    "success_rate": "success_rate",
}
#: Scenario keys of the settings -> the name a user reads in messages.
SETTING_LABELS = {
    "name": "navn",
    "target_group": "målgruppe",
    "start_year": "startår",
    "horizon_years": "horisont",
    "price_year": "prisår",
    "discount_rate": "diskonteringsrente",
    "course_years": "forløbsår",
    "success_rate": "succesrate",
}

#: Column headers of the costs range (one line per cost) -> cost fields.
COST_COLUMNS = {
    "betegnelse": "label",
    "label": "label",
    "tekst": "label",
    "navn": "label",
    "omkostning": "label",
    "omkostninger": "label",
    "post": "label",
    "beskrivelse": "label",
    "type": "kind",
    "kind": "kind",
    "art": "kind",
    "beloeb": "amount",
    "beloeb_kr": "amount",
    "amount": "amount",
    "aar": "years",
    "year": "years",
    "years": "years",
    "kasse": "purse",
    "purse": "purse",
    "udgiftspost": "budget_item",
    "budget_item": "budget_item",
    "prisaar": "price_year",
    "price_year": "price_year",
}
#: Cost types -> the scenario's kinds.
COST_KINDS = {
    "engang": "once",
    "engangs": "once",
    "engangsbeloeb": "once",
    "engangsudgift": "once",
    "once": "once",
    "aarlig": "annual",
    "aarligt": "annual",
    "aarlige": "annual",
    "loebende": "annual",
    "annual": "annual",
    "pr_deltager": "per_participant",
    "per_deltager": "per_participant",
    "pr_deltagere": "per_participant",
    "per_participant": "per_participant",
}
#: Column headers of the services range -> service fields (None: read and ignored).
SERVICE_COLUMNS = {
    "ydelse": "id",
    "id": "id",
    "service": "id",
    "navn": "label",
    "label": "label",
    "betegnelse": "label",
    "enhed": "unit",
    "unit": "unit",
    "retning": "direction",
    "direction": "direction",
    "udgiftspost": "budget_item",
    "budget_item": "budget_item",
    "prisaar": "price_year",
    "price_year": "price_year",
    "kommune": "kommune",
    "region": "region",
    "stat": "stat",
    "status": None,
    "kilde": None,
    "beskrivelse": None,
}
#: Directions of a service -> the scenario's directions.
DIRECTIONS = {
    "udgift": "expenditure",
    "expenditure": "expenditure",
    "indtaegt": "revenue",
    "revenue": "revenue",
}
#: Columns of SOM_KONSEKVENSER's output that are ignored when it is used as input.
CONSEQUENCE_INFO = {"navn", "enhed", "retning", "udgiftspost", "status", "label", "unit"}

#: Scenario keys in engine messages -> what the user calls them in a cell.
FIELD_LABELS = {
    "amount": "beløb",
    "year": "år",
    "years": "år",
    "kind": "type",
    "purse": "kasse",
    "budget_item": "udgiftspost",
    "price_year": "prisår",
    "label": "betegnelse",
    "service": "ydelse",
    "profile": "profil",
    "id": "ydelse",
    "unit": "enhed",
    "direction": "retning",
    "prices": "priser",
    **SETTING_LABELS,
}
