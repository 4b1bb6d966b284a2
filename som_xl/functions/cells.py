"""Reading what Excel sends: cell values, ranges and Excel error values.

Excel (through xlwings) sends a cell as a number (always a float), a text, a bool or
``None``; a range as a list of rows. An Excel error in a cell arrives as its text
("#DIV/0!") because the functions declare ``err_to_str=True``; it is reported, never read
as empty. A value's rules (Danish text numbers, bounds, choices, years) are its field's in
the field table (:mod:`som_xl.inputs.fields`), read with :mod:`.fieldcells`. Every failure
is an :class:`~som_xl.errors.InputError` whose problems name the argument (and row and
column) in Danish.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from som_xl.errors import InputError, Problem
from som_xl.inputs.rules import norm

__all__ = [
    "EXCEL_ERRORS",
    "Cell",
    "Grid",
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
    "scalar",
    "text",
    "value",
    "whole",
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
    >>> str(fail("aktoer", "ukendt aktør", "kommunen", True))
    "aktoer: ukendt aktør (værdi: 'kommunen')"
    """
    return InputError(Problem(where, "", message, value, has_value))


def fold(text: str) -> str:
    """Lower case with æ, ø, å folded, for searching.

    Parameters
    ----------
    text : str
        A name or a search word.

    Returns
    -------
    str
        ``text`` in lower case, with æ, ø, å written ae, oe, aa.

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

    Parameters
    ----------
    v : Cell
        A cell's value as xlwings sends it.

    Returns
    -------
    Cell
        None for an empty cell; a text stripped; a numpy scalar as its Python value;
        anything else as it came.

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

    Parameters
    ----------
    v : Cell
        A cell's value as xlwings sends it.

    Returns
    -------
    bool
        True for one of :data:`EXCEL_ERRORS` (blanks and case aside).

    Examples
    --------
    >>> is_error("#DIV/0!"), is_error("DIV")
    (True, False)
    """
    return isinstance(v, str) and v.strip().upper() in EXCEL_ERRORS


def is_number(v: Cell) -> bool:
    """Whether a cell holds a number (a bool is not one).

    Parameters
    ----------
    v : Cell
        A cell's value as xlwings sends it.

    Returns
    -------
    bool
        True for an int or a float, False for a bool, a text or anything else.

    Examples
    --------
    >>> is_number(2025.0), is_number(True), is_number("1")
    (True, False, False)
    """
    return isinstance(v, int | float) and not isinstance(v, bool)


def whole(v: Cell) -> Cell:
    """A whole float as an int (Excel sends numbers as floats); anything else unchanged.

    Parameters
    ----------
    v : Cell
        A cell's value as xlwings sends it.

    Returns
    -------
    Cell
        An int for a finite whole float, else ``v``.

    Examples
    --------
    >>> whole(2025.0), whole(0.5), whole("x")
    (2025, 0.5, 'x')
    """
    if isinstance(v, float) and math.isfinite(v) and v.is_integer():
        return int(v)
    return v


def has_digit(v: Cell) -> bool:
    """Whether a text has a digit (a number written as text, not a name such as "fm").

    Parameters
    ----------
    v : Cell
        A cell's value as xlwings sends it.

    Returns
    -------
    bool
        True for a text with at least one digit; False for anything else, numbers too.

    Examples
    --------
    >>> has_digit("3,5 %"), has_digit("fm"), has_digit(0.035)
    (True, False, False)
    """
    return isinstance(v, str) and any(c.isdigit() for c in v)


def text(v: Cell) -> str:
    """A cell as text: a whole number without its ".0" (Excel sends 2025 as 2025.0).

    Parameters
    ----------
    v : Cell
        A cell's value (not None: that reads ``'None'``).

    Returns
    -------
    str
        The value as text, stripped; a whole float without its ``.0``.

    Examples
    --------
    >>> text(2025.0), text(" Drift ")
    ('2025', 'Drift')
    """
    return str(whole(v)).strip()


def scalar(v: Cell, where: str) -> Cell:
    """One cell's value; a range of more than one cell or an Excel error is an error.

    Parameters
    ----------
    v : Cell
        A cell, or a range that should hold one cell.
    where : str
        The argument named in an error.

    Returns
    -------
    Cell
        The one cell's value, as :func:`value` reads it.

    Raises
    ------
    InputError
        A range of more than one cell, or an Excel error value.

    Examples
    --------
    >>> scalar([["kommune"]], "aktoer")
    'kommune'
    >>> scalar([[1, 2]], "aktoer")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: aktoer: skal være én celle eller én værdi, ikke et område
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

    Parameters
    ----------
    rng : Cell
        A range (a list of rows, or one row), a single value, or None.

    Returns
    -------
    Grid
        Rows of equal width, empty cells None; ``[]`` for None.

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

    Parameters
    ----------
    cells : iterable of Cell
        Values already read by :func:`value`.

    Returns
    -------
    bool
        True when every cell is None (also when there are none); 0 and False are values.

    Examples
    --------
    >>> blank([None, None]), blank([None, 0])
    (True, False)
    """
    return all(c is None for c in cells)


def check_errors(cells: Grid, arg: str) -> None:
    """Raise every Excel error value in a range, naming its row and column.

    Parameters
    ----------
    cells : Grid
        The range, as :func:`grid` reads it.
    arg : str
        The argument named in the errors.

    Raises
    ------
    InputError
        With one problem per Excel error value in ``cells``.

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

    Parameters
    ----------
    rng : Cell
        The range argument as xlwings sends it (None when left out).
    arg : str
        The argument named in an error.

    Returns
    -------
    Grid or None
        The range as :func:`grid` reads it, or None when it is missing or all empty.

    Raises
    ------
    InputError
        If a cell holds an Excel error value.

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
