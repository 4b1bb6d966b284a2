"""The Excel functions' Danish words: the texts and headers that come back.

What a user may write (settings names, column headers, cost types, directions) and every
bound are the field table's (:mod:`som_xl.inputs.fields`); here are only the words of the
answers, from the one Danish vocabulary (:mod:`som_xl.present.da`), and the columns of the
functions' own tables that are ignored when a table is pasted back as input.
"""

from __future__ import annotations

from som_xl.present import da
from som_xl.results.result import YEAR_FIELDS

__all__ = [
    "AREA_LABELS",
    "CONSEQUENCE_INFO",
    "ERROR_PREFIX",
    "GROUP_HEADERS",
    "KIND_LABELS",
    "ROW_HEADERS",
    "SERVICE_HEADERS",
    "SERVICE_INFO",
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


# --- headers of the tables the functions return ------------------------------------------------

#: The headers come from the one Danish vocabulary (:mod:`som_xl.present.da`), in the
#: functions' words (lower case).
YEAR_HEADERS = [da.header(k, "function") for k in YEAR_FIELDS]
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

# --- columns of the functions' own tables, ignored when pasted back as input -------------------

#: Columns of SOM_KONSEKVENSER's output (normalised) that are not the service or a year.
CONSEQUENCE_INFO = {"navn", "enhed", "retning", "udgiftspost", "status", "label", "unit"}
#: Columns of SOM_YDELSER's output (normalised) that are not scenario fields.
SERVICE_INFO = {"status", "kilde", "beskrivelse"}
