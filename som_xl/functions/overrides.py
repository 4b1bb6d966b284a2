"""Ranges that replace the knowledge base's content: own consequences and own services.

* ``konsekvenser`` replaces the target group's consequence profiles:
  ``Ydelse | År 1 | År 2 | …`` (SOM_KONSEKVENSER's output can be pasted back as it is);
* ``ydelser`` adds own services or local prices:
  ``Ydelse | Navn | Enhed | Retning | Udgiftspost | Prisår | Kommune | Region | Stat``
  (SOM_YDELSER's output can be pasted back as it is).
"""

from __future__ import annotations

import re
from typing import Any

from som_xl.conventions import MAX_AMOUNT, MAX_UNITS, PURSES
from som_xl.errors import InputError, Problem, suggest

from .cells import Cell, Grid, as_field, blank, norm, optional_grid, too_large, whole
from .headers import header_row, repeated_column
from .places import Places, filled, record
from .vocabulary import CONSEQUENCE_INFO, DIRECTIONS, SERVICE_COLUMNS

__all__ = ["consequences", "services"]

_ID_HEADERS = ("ydelse", "service", "id")


def _profile_col(name: str) -> int | None:
    """The profile year of a normalised header: 'aar_3' or '3' -> 3."""
    m = re.fullmatch(r"(?:aar_?)?(\d{1,2})", name)
    return int(m.group(1)) if m else None


def _consequence_columns(head: list[Cell], arg: str) -> tuple[int, dict[int, int]]:
    """The service column and column -> profile year (1-based) of a consequences header."""
    id_col, id_found = 0, False
    profile_cols: dict[int, int] = {}
    year_at: dict[int, int] = {}
    problems = []
    for j, c in enumerate(head):
        n = norm(c) if c is not None else ""
        k = _profile_col(n) if n else None
        if n in _ID_HEADERS:
            if id_found:
                problems.append(repeated_column(arg, j, id_col, c))
            else:
                id_col, id_found = j, True
        elif k is not None and k >= 1:
            if k in year_at:
                problems.append(repeated_column(arg, j, year_at[k], c))
            else:
                year_at[k] = j
                profile_cols[j] = k
        elif n and n not in CONSEQUENCE_INFO:
            problems.append(
                Problem(
                    f"{arg}, overskrift i kolonne {j + 1}",
                    "",
                    "ukendt kolonne; brug ydelse og år 1, år 2, …",
                    c,
                    True,
                )
            )
    if not profile_cols:
        problems.append(Problem(arg, "", "overskriften mangler kolonnerne år 1, år 2, …"))
    if problems:
        raise InputError(problems)
    return id_col, profile_cols


def _profile_row(
    row: list[Cell], id_col: int, profile_cols: dict[int, int], where: str
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """One consequence (None when the row has problems) and the row's problems."""
    width = max(profile_cols.values(), default=0)
    problems = []
    profile: list[Any] = [0] * width
    for j, k in profile_cols.items():
        if row[j] is not None:
            large = too_large(row[j], MAX_UNITS, f"{where}, år {k}", "ændring pr. år")
            if large is not None:
                problems.append(large)
            profile[k - 1] = whole(row[j])
    years = [k for j, k in profile_cols.items() if row[j] is not None]
    sid = row[id_col]
    if sid is None:
        return None, [*problems, Problem(where, "", "ydelsen mangler")]
    if not years:
        return None, [*problems, Problem(where, "", "profilen mangler værdier (år 1, år 2, …)")]
    return {"service": str(whole(sid)).strip(), "profile": profile[: max(years)]}, problems


def consequences(rng: Cell, arg: str) -> tuple[list[dict[str, Any]] | None, Places]:
    """Own consequence profiles from a range: a service and its change per year.

    Parameters
    ----------
    rng : Cell
        ``Ydelse | År 1 | År 2 | …`` with a header row (columns such as navn, enhed and
        status are ignored), or rows of a service and its values without a header.
    arg : str
        The argument's name, for places.

    Returns
    -------
    tuple
        The consequences (None when the range is empty: the target group's are used) and
        ``("consequences", k, "profile", t)`` -> "konsekvenser, række 2 (år 1)".

    Raises
    ------
    InputError
        Unknown or repeated headers, rows without a service or without values.

    Examples
    --------
    >>> found, places = consequences([["Ydelse", "År 1", "År 2"], ["x", -1.0, None]], "konsekvenser")
    >>> found, places[("consequences", 0, "profile", 0)]
    ([{'service': 'x', 'profile': [-1]}], 'konsekvenser, række 2 (år 1)')
    """  # noqa: E501
    cells = optional_grid(rng, arg)
    if cells is None:
        return None, {}
    head, h = header_row(cells)
    has_header = any(isinstance(c, str) for c in head[1:]) or (
        isinstance(head[0], str) and norm(head[0]) in _ID_HEADERS
    )
    if has_header:
        id_col, profile_cols = _consequence_columns(head, arg)
        start = h + 1
    else:
        id_col, profile_cols, start = 0, {j: j for j in range(1, len(head))}, h
    return _profiles(cells, start, id_col, profile_cols, arg)


def _profiles(
    cells: Grid, start: int, id_col: int, profile_cols: dict[int, int], arg: str
) -> tuple[list[dict[str, Any]], Places]:
    out: list[dict[str, Any]] = []
    places: Places = {("consequences",): arg}
    problems: list[Problem] = []
    for i in range(start, len(cells)):
        if blank(cells[i]):
            continue
        where = f"{arg}, række {i + 1}"
        item, found = _profile_row(cells[i], id_col, profile_cols, where)
        problems += found
        if item is not None:
            record(places, ("consequences", len(out)), where, filled(item))
            out.append(item)
    if problems:
        raise InputError(problems)
    return out, places


def _service_columns(head: list[Cell], arg: str) -> dict[str, int]:
    """Service field -> column of a services header; every header must be known."""
    cols: dict[str, int] = {}
    problems = []
    for j, c in enumerate(head):
        if c is None:
            continue
        n = norm(c)
        if n not in SERVICE_COLUMNS:
            problems.append(
                Problem(
                    f"{arg}, overskrift i kolonne {j + 1}",
                    "",
                    f"ukendt kolonne; {suggest(n, SERVICE_COLUMNS)}",
                    c,
                    True,
                )
            )
            continue
        field = SERVICE_COLUMNS[n]
        if field is not None and field in cols:
            problems.append(repeated_column(arg, j, cols[field], c))
        elif field is not None:
            cols[field] = j
    if "id" not in cols and not problems:
        problems.append(Problem(arg, "", "overskriften mangler kolonnen ydelse (ydelsens id)"))
    if problems:
        raise InputError(problems)
    return cols


def _service_row(
    row: list[Cell], cols: dict[str, int], where: str
) -> tuple[dict[str, Any], list[Problem]]:
    """One own service (or local prices) and the row's problems."""
    item: dict[str, Any] = {"id": str(whole(row[cols["id"]])).strip()}
    problems = []
    prices = {p: whole(row[cols[p]]) for p in PURSES if p in cols and row[cols[p]] is not None}
    for p in prices:
        large = too_large(row[cols[p]], MAX_AMOUNT, f"{where} ({p})", "pris")
        if large is not None:
            problems.append(large)
    if prices:
        item["prices"] = prices
    for field in ("label", "unit", "budget_item", "price_year"):
        if field in cols and row[cols[field]] is not None:
            item[field] = as_field(field, row[cols[field]])
    if "direction" in cols and row[cols["direction"]] is not None:
        raw = row[cols["direction"]]
        item["direction"] = DIRECTIONS.get(norm(raw), raw)
    return item, problems


def services(rng: Cell, arg: str) -> tuple[list[dict[str, Any]], Places]:
    """Own services or local prices from a range with a header row.

    Parameters
    ----------
    rng : Cell
        ``Ydelse | Navn | Enhed | Retning | Udgiftspost | Prisår | Kommune | Region | Stat``;
        for a knowledge-base service the id and the local prices are enough.
    arg : str
        The argument's name, for places.

    Returns
    -------
    tuple of list and Places
        Service dicts as in a scenario file, and ``("services", k, field)`` -> place.

    Raises
    ------
    InputError
        Unknown or repeated headers, no id column, rows without an id, too large prices.

    Examples
    --------
    >>> found, places = services([["Ydelse", "Kommune", "Retning"], ["x", 999.0, "Udgift"]],
    ...                          "ydelser")
    >>> found
    [{'id': 'x', 'prices': {'kommune': 999}, 'direction': 'expenditure'}]
    >>> places[("services", 0, "prices", "kommune")]
    'ydelser, række 2 (priser, kommune)'
    """
    cells = optional_grid(rng, arg)
    if cells is None:
        return [], {}
    head, h = header_row(cells)
    cols = _service_columns(head, arg)
    out: list[dict[str, Any]] = []
    places: Places = {("services",): arg}
    problems: list[Problem] = []
    for i in range(h + 1, len(cells)):
        if blank(cells[i]):
            continue
        where = f"{arg}, række {i + 1}"
        if cells[i][cols["id"]] is None:
            problems.append(Problem(where, "", "ydelsen (id) mangler"))
            continue
        item, found = _service_row(cells[i], cols, where)
        problems += found
        record(places, ("services", len(out)), where, filled(item))
        out.append(item)
    if problems:
        raise InputError(problems)
    return out, places
