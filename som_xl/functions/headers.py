"""Tables with a header row: finding the header, what a header names, and its problems.

What a header names is the field table's business: :func:`column` asks
:func:`som_xl.inputs.fields.key_for` with the list the table belongs to (``"costs[]"``,
``"services[]"``, ``"consequences[]"``), so a header works wherever its field's Danish
name or alias works.
"""

from __future__ import annotations

import functools

from som_xl.errors import Problem
from som_xl.inputs import fields as F

from .cells import Cell, Grid, blank, norm

__all__ = ["column", "column_names", "header_row", "repeated_column"]


@functools.lru_cache(maxsize=1024)  # few distinct headers; asked for every table read
def _column(name: str, scope: str) -> str | None:
    key = F.key_for(name, scope)
    if key is None or not key.startswith(scope + "."):
        return None
    return key[len(scope) + 1 :].split(".")[0].removesuffix("[]")


def column(head: Cell, scope: str) -> str | None:
    """The field a column header names in a list, by the field table; None if none.

    Parameters
    ----------
    head : Cell
        The header as written ("Beløb (kr.)", "Kasse", "Ydelse").
    scope : str
        The list: ``"costs[]"``, ``"services[]"`` or ``"consequences[]"``.

    Returns
    -------
    str or None
        The field's name in the list's items: ``"amount"``, ``"years"``, ``"prices"`` …

    Examples
    --------
    >>> column("Beløb (kr.)", "costs[]"), column("År", "costs[]"), column("Aktør", "costs[]")
    ('amount', 'years', 'purse')
    >>> column("Service", "services[]"), column("Id", "consequences[]"), column("x", "costs[]")
    ('id', 'service', None)
    """
    return _column(str(head), scope) if head is not None else None


@functools.lru_cache(maxsize=8)
def column_names(scope: str) -> tuple[str, ...]:
    """Every header the field table knows in a list (normalised), for suggestions.

    Parameters
    ----------
    scope : str
        The list: ``"costs[]"``, ``"services[]"`` or ``"consequences[]"``.

    Returns
    -------
    tuple of str
        Each field's own name and its aliases, normalised (:func:`norm`), no repeats.

    Examples
    --------
    >>> "beloeb" in column_names("costs[]") and "ydelse" in column_names("services[]")
    True
    """
    names: list[str] = []
    for f in F.FIELDS:
        if f.key.startswith(scope + "."):
            own = f.key[len(scope) + 1 :].split(".")[0].removesuffix("[]")
            names += [norm(own), *(norm(a) for a in f.aliases)]
    return tuple(dict.fromkeys(names))


def header_row(cells: Grid) -> tuple[list[Cell], int]:
    """The first non-empty row of a range (its header) and that row's index.

    Parameters
    ----------
    cells : Grid

    Returns
    -------
    header : list of Cell
        The first row with a non-empty cell (``[]`` if there is none).
    index : int
        Its 0-based index (0 if there is none).

    Examples
    --------
    >>> header_row([[None, None], ["Ydelse", "År 1"], ["x", 1]])
    (['Ydelse', 'År 1'], 1)
    """
    for i, row in enumerate(cells):
        if not blank(row):
            return row, i
    return [], 0


def repeated_column(arg: str, j: int, first: int, head: Cell) -> Problem:
    """The problem with a column header that repeats: the later one would silently win.

    Parameters
    ----------
    arg : str
        The argument's name.
    j, first : int
        The 0-based columns of the repeat and of the first one.
    head : Cell
        The repeated header as written.

    Returns
    -------
    Problem
        Naming the header's column and the first one's.

    Examples
    --------
    >>> str(repeated_column("ydelser", 2, 1, "Kommune"))
    "ydelser, overskrift i kolonne 3: kolonnen står to gange (også i kolonne 2); slet eller omdøb den ene (værdi: 'Kommune')"
    """  # noqa: E501
    return Problem(
        f"{arg}, overskrift i kolonne {j + 1}",
        "",
        f"kolonnen står to gange (også i kolonne {first + 1}); slet eller omdøb den ene",
        head,
        True,
    )
