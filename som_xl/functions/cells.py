"""Reading what Excel sends: cell values, ranges and Excel error values.

Excel (through xlwings) sends a cell as a number (always a float), a text, a bool or
``None``; a range as a list of rows. An Excel error in a cell arrives as its text
("#DIV/0!") because the functions declare ``err_to_str=True``; it is reported, never read
as empty. A value's rules (Danish text numbers, bounds, choices) are its field's in the
field table (:mod:`som_xl.inputs.fields`), read with :func:`read`. Every failure is an
:class:`~som_xl.errors.InputError` whose problems name the argument (and row and column)
in Danish.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from typing import Any, Final

from som_xl.errors import InputError, Problem
from som_xl.inputs import fields as F
from som_xl.inputs.origins import MappedOrigins
from som_xl.inputs.rules import norm

__all__ = [
    "EXCEL_ERRORS",
    "Cell",
    "Grid",
    "as_year",
    "below",
    "blank",
    "check_errors",
    "fail",
    "fold",
    "grid",
    "has_digit",
    "is_error",
    "is_number",
    "norm",
    "optional_grid",
    "read",
    "scalar",
    "text",
    "value",
    "whole",
    "year",
    "year_like",
    "years_cell",
]

#: One cell's value as xlwings sends it (number, text, bool, None; numpy scalars too).
Cell = Any
#: A range as a rectangular list of rows.
Grid = list[list[Cell]]

#: The texts of Excel's error values (classic add-in and Office.js).
EXCEL_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#PYTHON!",
    }
)

#: Every year (a participant year, a year column, a price year) has the table's bounds.
_YEAR: Final = F.field("<year>")
#: What a year cell that is no whole number reads (the table's own text asks for "et tal").
_NOT_A_YEAR: Final = "året skal være et årstal, fx 2025"


def fail(where: str, message: str, value: object = None, has_value: bool = False) -> InputError:
    """One problem as an error to raise.

    Parameters
    ----------
    where : str
        The place: an argument, perhaps with row and column ("deltagere, række 2").
    message : str
        What is wrong and what is allowed, in Danish.
    value : object, optional
        The value found, shown as ``(værdi: …)`` when ``has_value``.
    has_value : bool, default False
        Whether to show the value.

    Returns
    -------
    InputError
        With that one problem.

    Examples
    --------
    >>> str(fail("kasse", "ukendt kasse", "kommunen", True))
    "kasse: ukendt kasse (værdi: 'kommunen')"
    """
    return InputError(Problem(where, "", message, value, has_value))


def fold(text: str) -> str:
    """Lower case with æ, ø, å folded, for searching.

    Examples
    --------
    >>> fold("Døgn")
    'doegn'
    """
    s = text.lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        s = s.replace(a, b)
    return s


def value(v: Cell) -> Cell:
    """A cell's value: empty (None, '' or blanks) becomes None; text is stripped.

    Examples
    --------
    >>> value("  ") is None
    True
    >>> value(" kommune ")
    'kommune'
    """
    if v is None:
        return None
    if isinstance(v, str):
        s = v.strip()
        return s or None
    if hasattr(v, "item") and not isinstance(v, list):
        return v.item()
    return v


def is_error(v: Cell) -> bool:
    """Whether a cell holds an Excel error value such as ``#N/A``.

    Examples
    --------
    >>> is_error("#DIV/0!"), is_error("DIV")
    (True, False)
    """
    return isinstance(v, str) and v.strip().upper() in EXCEL_ERRORS


def is_number(v: Cell) -> bool:
    """Whether a cell holds a number (a bool is not one).

    Examples
    --------
    >>> is_number(2025.0), is_number(True), is_number("1")
    (True, False, False)
    """
    return isinstance(v, int | float) and not isinstance(v, bool)


def whole(v: Cell) -> Cell:
    """A whole float as an int (Excel sends numbers as floats); anything else unchanged.

    Examples
    --------
    >>> whole(2025.0), whole(0.5), whole("x")
    (2025, 0.5, 'x')
    """
    if isinstance(v, float) and math.isfinite(v) and v.is_integer():
        return int(v)
    return v


def year_like(v: Cell) -> bool:
    """Whether a cell reads as a year: a whole number within the field table's bounds.

    Examples
    --------
    >>> year_like(2025.0), year_like("2026"), year_like(20), year_like(2025.5)
    (True, True, False, False)
    >>> year_like(1999), year_like(2100), year_like(2101)
    (False, True, False)
    """
    try:
        found = _YEAR.parse(value(v), cells=True)
    except ValueError:
        return False
    return isinstance(found, int) and _YEAR.check(found) is None


def as_year(v: Cell) -> int:
    """A year-like cell (see :func:`year_like`) as an int.

    Examples
    --------
    >>> as_year("2026"), as_year(2025.0)
    (2026, 2025)
    """
    return int(_YEAR.parse(value(v), cells=True))


def year(v: Cell, where: str) -> int:
    """A cell that must be a year: the year, or an error with the field table's bounds.

    Parameters
    ----------
    v : Cell
        The cell's value.
    where : str
        The place named in an error.

    Returns
    -------
    int
        The year.

    Raises
    ------
    InputError
        A number outside the table's years, or not a year at all.

    Examples
    --------
    >>> year(2025.0, "prisaar")
    2025
    >>> year(1999, "prisaar")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: prisaar: skal ligge mellem 2000 og 2100 (værdi: 1999)
    >>> year("x", "startaar")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: startaar: året skal være et årstal, fx 2025 (værdi: 'x')
    """
    found = value(v)
    if found is None:
        raise fail(where, _NOT_A_YEAR)
    return int(read("<year>", found, where))


@functools.lru_cache(maxsize=4096)  # the same rows and fields in every recalculation
def below(where: str, *rest: str | int) -> str:
    """The place of a value below a row or an argument, named as the resolver's origins name it.

    Parameters
    ----------
    where : str
        The row or argument, e.g. ``"omkostninger, række 2"``.
    *rest : str or int
        The spec path below it, e.g. ``"amount"`` or ``"profile", 0``.

    Returns
    -------
    str
        ``where`` and the rest in Danish, as :class:`~som_xl.inputs.origins.MappedOrigins`
        names it, so a problem found here reads like one found by the resolver.

    Examples
    --------
    >>> below("omkostninger, række 2", "amount")
    'omkostninger, række 2 (beløb)'
    >>> below("konsekvenser, række 2", "profile", 0), below("ydelser, række 2", "prices", "stat")
    ('konsekvenser, række 2 (år 1)', 'ydelser, række 2 (priser, stat)')
    """
    return MappedOrigins(where, {(): where}).place(rest)


def read(key: str, v: Cell, where: str, *rest: str | int) -> Any:
    """A cell read and checked by its field in the field table (Danish text numbers too).

    Parameters
    ----------
    key : str
        The field's key, e.g. ``"costs[].amount"`` (:mod:`som_xl.inputs.fields`).
    v : Cell
        The cell's value.
    where : str
        The place named in an error: an argument or a row.
    *rest : str or int
        The spec path below ``where`` (the field), named after it as :func:`below` does.

    Returns
    -------
    Any
        The field's value (``fields.parse(key, v, cells=True)``); None for an empty cell.

    Raises
    ------
    InputError
        The table's message: not a number, out of bounds, not one of the choices.

    Examples
    --------
    >>> read("costs[].amount", "1.000,50", "omkostninger, række 2", "amount")
    1000.5
    >>> read("costs[].kind", "Årlig", "omkostninger, række 2", "kind")
    'annual'
    >>> read("costs[].amount", "mange", "omkostninger, række 2", "amount")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: omkostninger, række 2 (beløb): beløbet skal være et tal, fx 1000,50 (værdi: 'mange')
    >>> read("discount_rate", 3.5, "rente")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: rente: diskonteringsrenten skal være en andel, fx 0,035 for 3,5 %, ikke 3,5 (værdi: 3.5)
    """  # noqa: E501
    if isinstance(v, str | int | float):
        found, message = _read_cached(key, v)
    else:
        found, message = _read(key, v)
    if message is not None:
        raise fail(below(where, *rest) if rest else where, message, v, True)
    return found


def _read(key: str, v: Cell) -> tuple[Any, str | None]:
    f = F.field(key)
    try:
        found = f.parse(v, cells=True)
    except ValueError as exc:
        return None, _NOT_A_YEAR if f.type == "year" else str(exc)
    return found, f.check(found, cells=True)


@functools.lru_cache(maxsize=4096, typed=True)  # the same cells in every recalculation
def _read_cached(key: str, v: str | int | float) -> tuple[Any, str | None]:
    return _read(key, v)


def has_digit(v: Cell) -> bool:
    """Whether a text has a digit (a number written as text, not a name such as "fm").

    Examples
    --------
    >>> has_digit("3,5 %"), has_digit("fm"), has_digit(0.035)
    (True, False, False)
    """
    return isinstance(v, str) and any(c.isdigit() for c in v)


def text(v: Cell) -> str:
    """A cell as text: a whole number without its ".0" (Excel sends 2025 as 2025.0).

    Examples
    --------
    >>> text(2025.0), text(" Drift ")
    ('2025', 'Drift')
    """
    return str(whole(v)).strip()


def scalar(v: Cell, where: str) -> Cell:
    """One cell's value; a range of more than one cell or an Excel error is an error.

    Examples
    --------
    >>> scalar([["kommune"]], "kasse")
    'kommune'
    >>> scalar([[1, 2]], "kasse")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: kasse: skal være én celle eller én værdi, ikke et område
    """
    while isinstance(v, list | tuple):
        cells = [c for row in v for c in (row if isinstance(row, list | tuple) else [row])]
        if len(cells) != 1:
            raise fail(where, "skal være én celle eller én værdi, ikke et område")
        v = cells[0]
    v = value(v)
    if is_error(v):
        raise fail(where, f"cellen indeholder Excel-fejlen {v}")
    return v


def grid(rng: Cell) -> Grid:
    """A rectangular 2-D list of cell values (None for empty), whatever shape came in.

    Examples
    --------
    >>> grid([[1, ""], [2]])
    [[1, None], [2, None]]
    >>> grid(5)
    [[5]]
    """
    if rng is None:
        return []
    if not isinstance(rng, list | tuple):
        return [[value(rng)]]
    rows = [list(r) if isinstance(r, list | tuple) else [r] for r in rng]
    width = max((len(r) for r in rows), default=0)
    return [[value(c) for c in r] + [None] * (width - len(r)) for r in rows]


def blank(cells: Iterable[Cell]) -> bool:
    """Whether all cells are empty (None after :func:`value`).

    Examples
    --------
    >>> blank([None, None]), blank([None, 0])
    (True, False)
    """
    return all(c is None for c in cells)


def check_errors(cells: Grid, arg: str) -> None:
    """Raise every Excel error value in a range, naming its row and column.

    Examples
    --------
    >>> check_errors([[1, "#N/A"]], "deltagere")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: deltagere, række 1, kolonne 2: cellen indeholder Excel-fejlen #N/A
    """
    problems = [
        Problem(f"{arg}, række {i + 1}, kolonne {j + 1}", "", f"cellen indeholder Excel-fejlen {c}")
        for i, row in enumerate(cells)
        for j, c in enumerate(row)
        if is_error(c)
    ]
    if problems:
        raise InputError(problems)


def optional_grid(rng: Cell, arg: str) -> Grid | None:
    """A range argument that may be left out: None when it is missing or all empty.

    Examples
    --------
    >>> optional_grid([[None, ""]], "omkostninger") is None
    True
    >>> optional_grid([["Betegnelse", 2025]], "omkostninger")
    [['Betegnelse', 2025]]
    """
    cells = grid(rng)
    if not cells or blank(c for row in cells for c in row):
        return None
    check_errors(cells, arg)
    return cells


def years_cell(v: Cell) -> list[Any]:
    """The years of a cost line: '2025-2027', '2025; 2026' or 2025 as a list of years.

    Anything else is kept as it is, for the scenario's validation to name.

    Examples
    --------
    >>> years_cell("2025-2027"), years_cell("2025; 2027"), years_cell(2026.0)
    ([2025, 2026, 2027], [2025, 2027], [2026])
    """
    if v is None:
        return []
    if is_number(v):
        return [whole(v)]
    text = str(v).strip()
    m = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        return list(range(a, b + 1)) if a <= b else [text]
    parts = [p for p in re.split(r"[;,\s]+", text) if p]
    return [int(p) if re.fullmatch(r"\d{4}", p) else p for p in parts]
