"""The costs range -> the scenario's cost lines, in either of its two layouts.

* *years as columns*, like a budget: ``Omkostning | Kasse | Udgiftspost | 2025 | 2026 | …``;
  each amount is a one-off cost in its year (empty and 0 are skipped);
* *one line per cost*: ``Betegnelse | Type | Beløb | År | Kasse | Udgiftspost | Prisår``
  with type ``engang``, ``årlig`` or ``pr. deltager`` and years as ``2025``, ``2025-2027``
  or ``2025; 2027``.

A header with an amount column ("Beløb") means the second layout; year headers the first.
Headers, cost types and every value's rules are the field table's (``costs[]`` fields).
"""

from __future__ import annotations

from typing import Any

from som_xl.errors import InputError, Problem, suggest
from som_xl.inputs import fields as F

from .cells import Cell, Grid, blank, fail, norm, optional_grid, text, whole
from .fieldcells import as_year, below, read, year_like, years_cell
from .headers import column, column_names, header_row, repeated_column
from .places import Places

__all__ = ["costs"]

_OPTIONAL = ("purse", "budget_item", "price_year")
_KIND = F.field("costs[].kind")
#: "engang, årlig eller pr. deltager": the table's Danish words for the cost types.
_KIND_WORDS = ", ".join(_KIND.display(c) for c in _KIND.choices[:-1]) + (
    f" eller {_KIND.display(_KIND.choices[-1])}"
)


def _column(head: Cell) -> str | None:
    """The cost field a header names; a year column ("År") holds the year or years."""
    found = column(head, "costs[]")
    return "years" if found == "year" else found


def costs(rng: Cell, arg: str) -> tuple[list[dict[str, Any]], Places]:
    """The cost lines of a costs range, with each line's place in the sheet.

    Parameters
    ----------
    rng : Cell
        The range, with a header row; empty or missing gives no costs.
    arg : str
        The argument's name, for places.

    Returns
    -------
    tuple of list and Places
        Cost dicts as in a scenario file, and each line's row, ``("costs", k)`` -> place.

    Raises
    ------
    InputError
        Every problem of the range: unknown or repeated headers, missing amounts or types,
        too large amounts; or no header that names a layout.

    Examples
    --------
    >>> lines, places = costs([["Omkostning", "Kasse", 2025, 2026], ["Drift", "Region", 5, 0]],
    ...                       "omkostninger")
    >>> lines
    [{'label': 'Drift', 'kind': 'once', 'year': 2025, 'amount': 5, 'purse': 'region'}]
    >>> from som_xl.functions.places import origins
    >>> origins("SOM_X", places).place(("costs", 0, "amount"))
    'omkostninger, række 2, år 2025 (beløb)'
    >>> costs([["Betegnelse", "Type", "Beløb"], ["Materialer", "pr. deltager", 500]], "omk")[0]
    [{'label': 'Materialer', 'amount': 500, 'kind': 'per_participant'}]
    """
    cells = optional_grid(rng, arg)
    if cells is None:
        return [], {}
    head, h = header_row(cells)
    names = [norm(c) if c is not None else "" for c in head]
    places: Places = {("costs",): arg}
    if any(_column(c) == "amount" for c in head):
        return _lines(cells, h, head, names, arg, places), places
    year_cols = {j: as_year(c) for j, c in enumerate(head) if year_like(c)}
    if year_cols:
        return _by_year(cells, h, head, names, year_cols, arg, places), places
    raise fail(
        arg,
        "skal have en overskriftsrække: enten årstal som kolonner (2025, 2026, "
        "…) eller kolonnerne betegnelse, type, beløb, år, aktør, udgiftspost",
    )


def _add(out: list[dict[str, Any]], item: dict[str, Any], where: str, places: Places) -> None:
    places[("costs", len(out))] = where
    out.append(item)


def _optional(item: dict[str, Any], field: str, v: Cell, where: str) -> None:
    """Kasse, udgiftspost or prisår of a line, read by its field."""
    if v is not None:
        item[field] = (
            text(v) if field == "budget_item" else whole(read(f"costs[].{field}", v, where, field))
        )


# --- one line per cost ------------------------------------------------------------------------


def _line_columns(head: list[Cell], names: list[str], arg: str) -> dict[str, int]:
    """Cost field -> column of a one-line-per-cost header; every header must be known."""
    cols: dict[str, int] = {}
    problems = []
    for j, n in enumerate(names):
        if not n:
            continue
        field = _column(head[j])
        if field is None:
            problems.append(
                Problem(
                    f"{arg}, overskrift i kolonne {j + 1}",
                    "",
                    f"ukendt kolonne; {suggest(n, column_names('costs[]'))}",
                    head[j],
                    True,
                )
            )
        elif field in cols:
            problems.append(repeated_column(arg, j, cols[field], head[j]))
        else:
            cols[field] = j
    if problems:
        raise InputError(problems)
    return cols


def _kind(kind_cell: Cell, years: list[Any], where: str) -> str:
    """A line's kind: its type cell, or from its years (one year: once; more: annual)."""
    if kind_cell is None:
        if len(years) == 1:
            return "once"
        if years:
            return "annual"
        raise fail(where, f"angiv type: {_KIND_WORDS} (eller år for beløbet)")
    kind = _KIND.parse(kind_cell, cells=True)
    if kind not in _KIND.choices:
        raise fail(where, f"ukendt type; brug {_KIND_WORDS}", kind_cell, True)
    return str(kind)


def _line(row: list[Cell], cols: dict[str, int], i: int, where: str) -> dict[str, Any]:
    """One cost line of the one-line-per-cost layout (row ``i``, 0-based)."""

    def cell(field: str) -> Cell:
        return row[cols[field]] if field in cols else None

    label = cell("label")
    item: dict[str, Any] = {
        "label": text(label) if label is not None else f"Omkostning (række {i + 1})"
    }
    if cell("amount") is None:
        raise fail(where, "beløbet mangler")
    item["amount"] = whole(read("costs[].amount", cell("amount"), where, "amount"))
    years = [whole(read("costs[].years[]", y, where, "years")) for y in years_cell(cell("years"))]
    kind = item["kind"] = _kind(cell("kind"), years, below(where, "kind"))
    if kind == "once":
        if len(years) == 1:
            item["year"] = years[0]
        elif years:
            raise fail(
                where,
                "en engangsomkostning har ét år; brug typen årlig for flere år",
                cell("years"),
                True,
            )
    elif years:
        item["years"] = years
    for field in _OPTIONAL:
        _optional(item, field, cell(field), where)
    return item


def _lines(
    cells: Grid, h: int, head: list[Cell], names: list[str], arg: str, places: Places
) -> list[dict[str, Any]]:
    cols = _line_columns(head, names, arg)
    out: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for i in range(h + 1, len(cells)):
        if blank(cells[i]):
            continue
        where = f"{arg}, række {i + 1}"
        try:
            item = _line(cells[i], cols, i, where)
        except InputError as exc:
            problems += exc.problems
            continue
        _add(out, item, where, places)
    if problems:
        raise InputError(problems)
    return out


# --- years as columns -------------------------------------------------------------------------


def _year_columns(
    cells: Grid, h: int, head: list[Cell], names: list[str], year_cols: dict[int, int], arg: str
) -> dict[str, int]:
    """Field -> column of the columns beside the years (label, purse, budget item, price year).

    The first unnamed column before the years holds the lines' labels.
    """
    extra: dict[str, int] = {}
    unnamed: list[int] = []
    year_at: dict[int, int] = {}
    problems = []
    for j, year in year_cols.items():
        if year in year_at:
            problems.append(repeated_column(arg, j, year_at[year], head[j]))
        else:
            year_at[year] = j
    for j, n in enumerate(names):
        if j in year_cols:
            continue
        field = _column(head[j]) if n else None
        if field in extra:
            problems.append(repeated_column(arg, j, extra[str(field)], head[j]))
        elif field in ("label", *_OPTIONAL):
            extra[str(field)] = j
        else:
            unnamed.append(j)
    if "label" not in extra and unnamed and unnamed[0] < min(year_cols):
        extra["label"] = unnamed.pop(0)  # the first column names the lines
    for j in unnamed:
        if not names[j] and blank(row[j] for row in cells[h + 1 :]):
            continue
        problems.append(
            Problem(
                f"{arg}, overskrift i kolonne {j + 1}",
                "",
                "ukendt kolonne; ud over årstal kan tabellen have "
                "betegnelse, aktør, udgiftspost og prisår",
                head[j],
                head[j] is not None,
            )
        )
    if problems:
        raise InputError(problems)
    return extra


def _by_year(
    cells: Grid,
    h: int,
    head: list[Cell],
    names: list[str],
    year_cols: dict[int, int],
    arg: str,
    places: Places,
) -> list[dict[str, Any]]:
    extra = _year_columns(cells, h, head, names, year_cols, arg)
    label_col = extra.get("label")
    out: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for i in range(h + 1, len(cells)):
        row = cells[i]
        if blank(row):
            continue
        label = row[label_col] if label_col is not None else None
        for j, year in year_cols.items():
            where = f"{arg}, række {i + 1}, år {year}"
            try:
                amount = read("costs[].amount", row[j], where, "amount")
                if amount is None or amount == 0:
                    continue
                item = {
                    "label": text(label) if label is not None else f"Omkostning (række {i + 1})",
                    "kind": "once",
                    "year": year,
                    "amount": whole(amount),
                }
                for field in _OPTIONAL:
                    if field in extra:
                        _optional(item, field, row[extra[field]], where)
            except InputError as exc:
                problems += exc.problems
                continue
            _add(out, item, where, places)
    if problems:
        raise InputError(problems)
    return out
