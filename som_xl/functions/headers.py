"""Tables with a header row: finding the header, and the problems headers can have."""

from __future__ import annotations

from som_xl.errors import Problem

from .cells import Cell, Grid, blank

__all__ = ["header_row", "repeated_column"]


def header_row(cells: Grid) -> tuple[list[Cell], int]:
    """The first non-empty row of a range (its header) and that row's index.

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
