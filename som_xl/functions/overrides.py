"""Ranges that replace the knowledge base's content: own consequences and own services.

* ``konsekvenser`` replaces the target group's consequence profiles:
  ``Ydelse | År 1 | År 2 | …`` (SOM_KONSEKVENSER's output can be pasted back as it is),
  optionally with ``Under forløb år 1 | …`` (units per participant in each course year,
  som-method §3.10), ``Hale`` (stop, hold or aftagende, §3.11) and ``Halens fald``;
* ``ydelser`` adds own services or local prices:
  ``Ydelse | Navn | Enhed | Retning | Udgiftspost | Prisår | Kommune | Region | Stat``
  (SOM_YDELSER's output can be pasted back as it is).

Headers and every value's rules are the field table's (``consequences[]`` and
``services[]`` fields); a purse column is named by the purse.
"""

from __future__ import annotations

import re
from typing import Any

from som_xl.conventions import PURSES
from som_xl.errors import InputError, Problem, suggest
from som_xl.inputs import fields as F

from .cells import Cell, Grid, blank, norm, optional_grid, text, whole
from .fieldcells import below, read
from .headers import column, column_names, header_row, repeated_column
from .places import Places
from .vocabulary import CONSEQUENCE_INFO, SERVICE_INFO

__all__ = ["consequences", "services", "split_baseline"]

_PURSE = F.field("<purse>")


def _is_id(head: Cell) -> bool:
    """Whether a header names the service of a consequence ("Ydelse", "Id")."""
    return column(head, "consequences[]") == "service"


def _profile_col(name: str) -> int | None:
    """The profile year of a normalised header: 'aar_3' or '3' -> 3."""
    m = re.fullmatch(r"(?:aar_?)?(\d{1,2})", name)
    return int(m.group(1)) if m else None


#: Year columns beside the profile's: during the course (§3.10) and relative to the
#: baseline use (§3.17), e.g. 'under_forloeb_aar_1' or 'relativ_aar_2'.
_YEAR_GROUPS = {
    "during": re.compile(r"under_forloeb(?:et)?_(?:aar_?)?(\d{1,2})"),
    "relative": re.compile(r"relativ_(?:aar_?)?(\d{1,2})"),
}


def _group_col(name: str) -> tuple[str, int] | None:
    """The group and year of a normalised header: 'relativ_aar_2' -> ('relative', 2)."""
    for group, pattern in _YEAR_GROUPS.items():
        m = pattern.fullmatch(name)
        if m and int(m.group(1)) >= 1:
            return group, int(m.group(1))
    return None


#: Consequence columns beside the profile: (scenario key, column) by field key.
_OTHER = {
    "consequences[].tail": "tail",
    "consequences[].tail.rate": "tail.rate",
    "baseline.<service>": "baseline",
}


def _other_col(head: Cell) -> str | None:
    """'tail', 'tail.rate' or 'baseline' for a header that names one, else None."""
    key = F.key_for(str(head), "consequences[]") or F.key_for(str(head))
    return _OTHER.get(key or "")


def _consequence_columns(head: list[Cell], arg: str) -> tuple[int, dict[int, int], dict[str, Any]]:
    """The service column, column -> profile year (1-based) and the other columns of a
    consequences header: ``"during"`` (column -> course year), ``"tail"``, ``"tail.rate"``."""
    id_col, id_found = 0, False
    profile_cols: dict[int, int] = {}
    year_at: dict[int, int] = {}
    other: dict[str, Any] = {"during": {}, "relative": {}}
    problems = []
    for j, c in enumerate(head):
        n = norm(c) if c is not None else ""
        k = _profile_col(n) if n else None
        grouped = _group_col(n) if n else None
        named = _other_col(c) if n else None
        if grouped is not None:
            group, year = grouped
            if year in other[group].values():
                first = next(i for i, d in other[group].items() if d == year)
                problems.append(repeated_column(arg, j, first, c))
            else:
                other[group][j] = year
        elif named is not None:
            if named in other:
                problems.append(repeated_column(arg, j, other[named], c))
            else:
                other[named] = j
        elif n and _is_id(c):
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
                    "ukendt kolonne; brug ydelse og år 1, år 2, … (evt. under forløb år 1, "
                    "…, relativ år 1, …, udgangsforbrug, hale og halens fald)",
                    c,
                    True,
                )
            )
    if not profile_cols and not other["during"] and not other["relative"]:
        problems.append(Problem(arg, "", "overskriften mangler kolonnerne år 1, år 2, …"))
    if problems:
        raise InputError(problems)
    return id_col, profile_cols, other


def _values(
    row: list[Cell], cols: dict[int, int], key: str, where: str, name: str
) -> tuple[list[Any], list[Problem]]:
    """The values of a row's year columns (empty = 0), up to the last one given."""
    width = max(cols.values(), default=0)
    problems: list[Problem] = []
    values: list[Any] = [0] * width
    for j, k in cols.items():
        if row[j] is not None:
            try:
                values[k - 1] = whole(read(key, row[j], where, name, k - 1))
            except InputError as exc:
                problems += exc.problems
    last = max((k for j, k in cols.items() if row[j] is not None), default=0)
    return values[:last], problems


def _tail(row: list[Cell], other: dict[str, Any], where: str) -> tuple[Any, list[Problem]]:
    """A row's tail: None, "stop"/"hold", or {kind: decay, rate}; and its problems."""
    cells = {k: row[other[k]] for k in ("tail", "tail.rate") if k in other}
    found: dict[str, Any] = {}
    try:
        for k, v in cells.items():
            if v is not None:
                found[k] = whole(read(f"consequences[].{k}", v, where, *k.split(".")))
    except InputError as exc:
        return None, list(exc.problems)
    kind, rate = found.get("tail"), found.get("tail.rate")
    if rate is not None and kind in (None, "decay"):
        return {"kind": "decay", "rate": rate}, []
    if rate is not None or kind == "decay":
        message = "halens fald hører kun til en aftagende hale, og en aftagende hale kræver det"
        return None, [Problem(below(where, "tail"), "", message)]
    return kind, []


def _profile_row(
    row: list[Cell], id_col: int, profile_cols: dict[int, int], where: str,
    other: dict[str, Any] | None = None,
) -> tuple[dict[str, Any] | None, list[Problem]]:  # fmt: skip
    """One consequence (None when the row has problems) and the row's problems."""
    other = other or {"during": {}, "relative": {}}
    profile, problems = _values(row, profile_cols, "consequences[].profile[]", where, "profile")
    during, found = _values(
        row, other["during"], "consequences[].during_course[]", where, "during_course"
    )
    relative, more = _values(row, other["relative"], "consequences[].relative[]", where, "relative")
    tail, bad = _tail(row, other, where)
    base, worse = _baseline(row, other, where)
    problems += found + more + bad + worse
    sid = row[id_col]
    if sid is None:
        return None, [*problems, Problem(where, "", "ydelsen mangler")]
    if profile and relative:
        message = "skriv enten år 1, år 2, … (enheder) eller relativ år 1, … (andele), ikke begge"
        return None, [*problems, Problem(where, "", message)]
    if not profile and not during and not relative:
        return None, [*problems, Problem(where, "", "profilen mangler værdier (år 1, år 2, …)")]
    item: dict[str, Any] = {"service": text(sid)}
    if relative:
        item["relative"] = relative
    elif profile or not during:
        item["profile"] = profile
    if during:
        item["during_course"] = during
    if tail is not None:
        item["tail"] = tail
    if base is not None:
        item[BASELINE] = base
    return item, problems


#: The key under which a consequence row carries its service's baseline use until
#: :func:`split_baseline` moves it to the scenario's ``baseline``.
BASELINE = "_baseline"


def _baseline(row: list[Cell], other: dict[str, Any], where: str) -> tuple[Any, list[Problem]]:
    if "baseline" not in other or row[other["baseline"]] is None:
        return None, []
    try:
        return whole(read("baseline.<service>", row[other["baseline"]], where, "baseline")), []
    except InputError as exc:
        return None, list(exc.problems)


def split_baseline(items: list[dict[str, Any]], places: Places) -> dict[str, Any]:
    """The baseline use the consequence rows carry, as the scenario's ``baseline`` (§3.17).

    Parameters
    ----------
    items : list of dict
        The consequences from :func:`consequences`; their baseline is taken out of them.
    places : Places
        Their places; ``("baseline", service)`` is added for each baseline.

    Returns
    -------
    dict
        Service id -> baseline use (units per citizen per year).

    Examples
    --------
    >>> rows = [{"service": "x", "relative": [-0.5], "_baseline": 10}]
    >>> split_baseline(rows, {("consequences", 0): "k, række 2"}), rows
    ({'x': 10}, [{'service': 'x', 'relative': [-0.5]}])
    """
    out: dict[str, Any] = {}
    for i, item in enumerate(items):
        if BASELINE in item:
            out[item["service"]] = item.pop(BASELINE)
            row = places.get(("consequences", i))
            if row is not None:
                places[("baseline", item["service"])] = below(row, "baseline")
    return out


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
        each one's row, ``("consequences", k)`` -> "konsekvenser, række 2".

    Raises
    ------
    InputError
        Unknown or repeated headers, rows without a service or without values.

    Examples
    --------
    >>> found, places = consequences([["Ydelse", "År 1", "År 2"], ["x", -1.0, None]], "konsekvenser")
    >>> from som_xl.functions.places import origins
    >>> found, origins("SOM_X", places).place(("consequences", 0, "profile", 0))
    ([{'service': 'x', 'profile': [-1]}], 'konsekvenser, række 2 (år 1)')
    """  # noqa: E501
    cells = optional_grid(rng, arg)
    if cells is None:
        return None, {}
    head, h = header_row(cells)
    has_header = any(isinstance(c, str) for c in head[1:]) or (
        isinstance(head[0], str) and _is_id(head[0])
    )
    other: dict[str, Any] = {"during": {}, "relative": {}}
    if has_header:
        id_col, profile_cols, other = _consequence_columns(head, arg)
        start = h + 1
    else:
        id_col, profile_cols, start = 0, {j: j for j in range(1, len(head))}, h
    return _profiles(cells, start, id_col, profile_cols, arg, other)


def _profiles(
    cells: Grid, start: int, id_col: int, profile_cols: dict[int, int], arg: str,
    other: dict[str, Any],
) -> tuple[list[dict[str, Any]], Places]:  # fmt: skip
    out: list[dict[str, Any]] = []
    places: Places = {("consequences",): arg}
    problems: list[Problem] = []
    for i in range(start, len(cells)):
        if blank(cells[i]):
            continue
        where = f"{arg}, række {i + 1}"
        item, found = _profile_row(cells[i], id_col, profile_cols, where, other)
        problems += found
        if item is not None:
            places[("consequences", len(out))] = where
            out.append(item)
    if problems:
        raise InputError(problems)
    return out, places


def _service_column(head: Cell) -> str | None:
    """The service field a header names, or a purse for a price column ("Kommune")."""
    purse = _PURSE.parse(head, cells=True) if isinstance(head, str) else None
    if purse in PURSES:
        return str(purse)
    found = column(head, "services[]")
    return found if found != "prices" else None  # prices come in one column per purse


#: The service headers the table knows, for suggestions (prices have one column per purse).
_SERVICE_NAMES = [n for n in column_names("services[]") if column(n, "services[]") != "prices"]


def _service_columns(head: list[Cell], arg: str) -> dict[str, int]:
    """Service field -> column of a services header; every header must be known."""
    cols: dict[str, int] = {}
    problems = []
    for j, c in enumerate(head):
        if c is None:
            continue
        field = _service_column(c)
        if field is None and norm(c) not in SERVICE_INFO:
            known = [*_SERVICE_NAMES, *PURSES, *SERVICE_INFO]
            problems.append(
                Problem(
                    f"{arg}, overskrift i kolonne {j + 1}",
                    "",
                    f"ukendt kolonne; {suggest(norm(c), known)}",
                    c,
                    True,
                )
            )
            continue
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
    item: dict[str, Any] = {"id": text(row[cols["id"]])}
    problems: list[Problem] = []
    prices = {}
    for p in PURSES:
        if p in cols and row[cols[p]] is not None:
            try:
                prices[p] = whole(
                    read("services[].prices.<purse>", row[cols[p]], where, "prices", p)
                )
            except InputError as exc:
                problems += exc.problems
    if prices:
        item["prices"] = prices
    for field in ("label", "unit", "budget_item", "price_year", "direction"):
        if field in cols and row[cols[field]] is not None:
            v = row[cols[field]]
            if field in ("label", "unit", "budget_item"):
                item[field] = text(v)
                continue
            try:
                item[field] = whole(read(f"services[].{field}", v, where, field))
            except InputError as exc:
                problems += exc.problems
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
        Service dicts as in a scenario file, and each one's row, ``("services", k)`` ->
        "ydelser, række 2".

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
    >>> from som_xl.functions.places import origins
    >>> origins("SOM_X", places).place(("services", 0, "prices", "kommune"))
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
        places[("services", len(out))] = where
        out.append(item)
    if problems:
        raise InputError(problems)
    return out, places
