"""Reading cells by the field table: a checked value, a year, and the place a problem names.

A value's rules (Danish text numbers, bounds, choices) are its field's in the field table
(:mod:`som_xl.inputs.fields`): :func:`read` reads a cell by its field's key and names the
place of a problem as the resolver's origins name it (:func:`below`). Years have the
table's bounds: :func:`year_like` and :func:`as_year` find them in a range, :func:`year`
reads a cell that must be one, and :func:`years_cell` reads a cost line's years. What a
cell holds before that (empty, an Excel error, a range) is :mod:`.cells`' business.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Final

from som_xl.inputs import fields as F
from som_xl.inputs.origins import MappedOrigins

from .cells import Cell, fail, is_number, value, whole

__all__ = ["as_year", "below", "read", "year", "year_like", "years_cell"]

#: Every year (a participant year, a year column, a price year) has the table's bounds.
_YEAR: Final = F.field("<year>")
#: What a year cell that is no whole number reads (the table's own text asks for "et tal").
_NOT_A_YEAR: Final = "året skal være et årstal, fx 2025"


def year_like(v: Cell) -> bool:
    """Whether a cell reads as a year: a whole number within the field table's bounds.

    Parameters
    ----------
    v : Cell
        A cell's value as xlwings sends it.

    Returns
    -------
    bool
        True for a whole number (or a text of one) within the field table's years (2000 to 2100).

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

    Parameters
    ----------
    v : Cell
        A cell for which :func:`year_like` is true.

    Returns
    -------
    int
        The year. Bounds are not checked here, and a text that is no number raises
        ValueError: test the cell with :func:`year_like` first.

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


def years_cell(v: Cell) -> list[Any]:
    """The years of a cost line: '2025-2027', '2025; 2026' or 2025 as a list of years.

    Anything else is kept as it is, for the scenario's validation to name.

    Parameters
    ----------
    v : Cell
        The years cell of a cost line.

    Returns
    -------
    list
        The years as ints (a number as :func:`~.cells.whole` reads it); a part that is no
        four-digit year, or a backwards span such as ``'2027-2025'``, kept as its text;
        ``[]`` for an empty cell.

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
