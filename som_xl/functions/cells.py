"""Reading what Excel sends: cell values, ranges, Excel error values and limits.

Excel (through xlwings) sends a cell as a number (always a float), a text, a bool or
``None``; a range as a list of rows. An Excel error in a cell arrives as its text
("#DIV/0!") because the functions declare ``err_to_str=True``; it is reported, never read
as empty. Every failure is an :class:`~som_xl.errors.InputError` whose problems name the
argument (and row and column) in Danish.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from som_xl.conventions import MAX_DISCOUNT_RATE, MIN_DISCOUNT_RATE
from som_xl.errors import InputError, Problem

from .vocabulary import RATE_RANGE, da_number

__all__ = [
    "EXCEL_ERRORS",
    "Cell",
    "Grid",
    "as_field",
    "as_year",
    "blank",
    "check_errors",
    "fail",
    "fold",
    "grid",
    "is_error",
    "is_number",
    "limited",
    "norm",
    "optional_grid",
    "rate_number",
    "scalar",
    "too_large",
    "value",
    "whole",
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

NUMBER_TEXT = re.compile(r"[-+]?\d+([.,]\d+)?")


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


def norm(text: object) -> str:
    """A header or choice as a plain key: ASCII, lower case, a parenthesis dropped.

    Parameters
    ----------
    text : object
        The cell's value.

    Returns
    -------
    str
        Lower case a-z, 0-9 and ``_``, with æ, ø, å as ae, oe, aa.

    Examples
    --------
    >>> norm("Horisont (år):")
    'horisont'
    >>> norm("Pr. deltager")
    'pr_deltager'
    """
    s = str(text).strip().lower()
    s = re.sub(r"\(.*?\)", " ", s)
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "u")):
        s = s.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


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
    """Whether a cell reads as a year: a whole number (or four digits) from 1900 to 2200.

    Examples
    --------
    >>> year_like(2025.0), year_like("2026"), year_like(20), year_like(2025.5)
    (True, True, False, False)
    """
    v = value(v)
    if isinstance(v, str) and re.fullmatch(r"\d{4}", v):
        v = int(v)
    return is_number(v) and float(v).is_integer() and 1900 <= v <= 2200


def as_year(v: Cell) -> int:
    """A year-like cell (see :func:`year_like`) as an int.

    Examples
    --------
    >>> as_year("2026"), as_year(2025.0)
    (2026, 2025)
    """
    v = value(v)
    return int(v) if isinstance(v, str) else int(float(v))


def rate_number(v: Cell, where: str) -> float:
    """A discount rate as a share within the shared limits; '0,035' as text is read too.

    A number of 1 or more is a percentage written as a number (3,5 for 3,5 %): an error,
    never 350 %.

    Parameters
    ----------
    v : Cell
        A number or a number as text (decimal comma or point).
    where : str
        The place named in an error.

    Returns
    -------
    float
        The rate, between ``MIN_DISCOUNT_RATE`` and ``MAX_DISCOUNT_RATE``.

    Raises
    ------
    InputError
        Not a number, a percentage, or outside the limits.

    Examples
    --------
    >>> rate_number("0,035", "rente")
    0.035
    >>> rate_number(3.5, "rente")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: rente: diskonteringsrenten skal være en andel, ikke procent: skriv 0,035 for 3,5 % (værdi: 3.5)
    """  # noqa: E501
    if isinstance(v, str) and NUMBER_TEXT.fullmatch(v.strip()):
        number = float(v.strip().replace(",", "."))
    elif is_number(v):
        number = float(v)
    else:
        raise fail(where, "diskonteringsrenten skal være et tal, fx 0,035", v, True)
    if not math.isfinite(number):
        raise fail(where, RATE_RANGE, v, True)
    if number >= 1:
        share = number / 100
        example = (
            f"{da_number(share)} for {da_number(number)} %"
            if MIN_DISCOUNT_RATE <= share <= MAX_DISCOUNT_RATE
            else "0,035 for 3,5 %"
        )
        raise fail(
            where,
            f"diskonteringsrenten skal være en andel, ikke procent: skriv {example}",
            v,
            True,
        )
    if not MIN_DISCOUNT_RATE <= number <= MAX_DISCOUNT_RATE:
        raise fail(where, RATE_RANGE, v, True)
    return number


def too_large(v: Cell, limit: float, where: str, what: str) -> Problem | None:
    """The problem with a number beyond a magnitude limit, if it is (limits keep sums finite).

    Parameters
    ----------
    v : Cell
        The cell's value; only numbers are checked.
    limit : float
        The largest absolute value allowed.
    where, what : str
        The place, and what the number is ("beløb"), for the message.

    Returns
    -------
    Problem or None
        None when the value is within the limit or not a number.

    Examples
    --------
    >>> too_large(1e13, 1e12, "omkostninger, række 2", "beløb").message
    'tallet er for stort til at regne med (beløb højst 1e+12 i absolut værdi)'
    >>> too_large(5.0, 1e12, "x", "beløb") is None
    True
    """
    if is_number(v) and not (math.isfinite(v) and abs(v) <= limit):
        message = f"tallet er for stort til at regne med ({what} højst {limit:.0e} i absolut værdi)"
        return Problem(where, "", message, v, True)
    return None


def limited(v: Cell, limit: float, where: str, what: str) -> Cell:
    """A number within a magnitude limit; other values unchanged (the engine checks them).

    Raises
    ------
    InputError
        The number is beyond the limit (see :func:`too_large`).

    Examples
    --------
    >>> limited(20.0, 1e7, "deltagere", "antal")
    20.0
    """
    problem = too_large(v, limit, where, what)
    if problem is not None:
        raise InputError(problem)
    return v


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


def as_field(field: str, v: Cell) -> Cell:
    """A cell as the scenario wants it: purse ids in lower case, texts as text.

    Examples
    --------
    >>> as_field("purse", " Kommune"), as_field("label", 2025.0), as_field("price_year", 2024.0)
    ('kommune', '2025', 2024)
    """
    if field == "purse":
        return norm(v)
    if field in ("label", "unit", "budget_item"):
        return str(whole(v))
    return whole(v)
