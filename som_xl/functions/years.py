"""The one rule for ranges of years and values (participants and present values).

A finance officer writes years over amounts (as in a budget), years beside amounts, with or
without a header row ("År" | "Beløb") or a label column ("År", "Deltagere"). These helpers
find the years and the values in any of those layouts, the same way for
``SOM_NETTORESULTAT``'s participants and ``SOM_NUTIDSVAERDI``'s values.
"""

from __future__ import annotations

import itertools

from .cells import Cell, Grid, fail
from .fieldcells import as_year, year_like

__all__ = ["YearPairs", "strip_labels", "year_pairs", "year_score"]

#: (year cell, value cell, place) triples.
YearPairs = list[tuple[Cell, Cell, str]]


def strip_labels(cells: Grid) -> tuple[Grid, list[int], list[int], str | None]:
    """Drop a text-only header row and a text-only label column ("År", "Deltagere").

    Parameters
    ----------
    cells : Grid
        A non-empty range.

    Returns
    -------
    tuple
        The range without its labels; the original 1-based row and column numbers of what
        is left; and which layout the labels point to: a header row sits above columns
        (``"columns"``), a label column beside rows (``"rows"``), both or neither: None.

    Examples
    --------
    >>> strip_labels([["År", 2025, 2026], ["Antal", 10, 12]])
    ([[2025, 2026], [10, 12]], [1, 2], [2, 3], 'rows')
    >>> strip_labels([["År", "Antal"], [2025, 10]])
    ([[2025, 10]], [2], [1, 2], 'columns')
    """
    row_no = list(range(1, len(cells) + 1))
    col_no = list(range(1, len(cells[0]) + 1)) if cells else []
    hint: str | None = None

    def text_only(line: list[Cell]) -> bool:
        return all(c is None or (isinstance(c, str) and not year_like(c)) for c in line)

    if len(cells) > 1 and text_only(cells[0]):
        cells, row_no, hint = cells[1:], row_no[1:], "columns"
    if cells and len(cells[0]) > 1 and text_only([r[0] for r in cells]):
        cells, col_no = [r[1:] for r in cells], col_no[1:]
        hint = "rows" if hint is None else None
    return cells, row_no, col_no, hint


def year_score(pairs: YearPairs) -> int:
    """How well the first members of pairs read as years.

    Parameters
    ----------
    pairs : YearPairs
        (year cell, value cell, place) triples; empty year cells are left out.

    Returns
    -------
    int
        2: whole, year-like and consecutive (2025, 2026, …); 1: year-like and strictly
        increasing; 0: not years.

    Examples
    --------
    >>> year_score([(2025, 1, ""), (2026, 2, "")]), year_score([(2025, 1, ""), (2027, 2, "")])
    (2, 1)
    >>> year_score([(2000, 1, ""), (2100, 2, ""), (2050, 3, "")])
    0
    """
    years = [y for y, _, _ in pairs if y is not None]
    if not years or not all(year_like(y) for y in years):
        return 0
    ys = [as_year(y) for y in years]
    steps = [b - a for a, b in itertools.pairwise(ys)]
    if all(d == 1 for d in steps):
        return 2
    return 1 if all(d > 0 for d in steps) else 0


def year_pairs(
    cells: Grid,
    row_no: list[int],
    col_no: list[int],
    hint: str | None,
    arg: str,
    what: str,
) -> YearPairs:
    """(year cell, value cell, place) from a range with years in its first row or column.

    The rule:

    * two rows (and not two columns): years in the first row, values in the second;
    * two columns (and not two rows): years in the first column, values in the second;
    * a 2×2 range: the orientation whose years are whole, year-like and consecutive
      (2025, 2026); failing that, year-like and increasing (2026, 2028); if both or neither
      read so, a header row ("År" | "Beløb") means columns and a label column means rows;
      otherwise an error asking for the years in the first row or the first column.

    Parameters
    ----------
    cells, row_no, col_no, hint
        As :func:`strip_labels` returns them.
    arg : str
        The argument, for places and messages.
    what : str
        What the values are ("antal", "beløb"), for messages.

    Returns
    -------
    YearPairs
        One triple per year, the place naming the original row or column.

    Raises
    ------
    InputError
        Neither two rows nor two columns, or a 2×2 range that reads both ways.

    Examples
    --------
    >>> year_pairs([[2025, 2026], [2000, 2100]], [1, 2], [1, 2], None, "deltagere", "antal")
    [(2025, 2000, 'deltagere, kolonne 1'), (2026, 2100, 'deltagere, kolonne 2')]
    """
    n_rows, n_cols = len(cells), len(cells[0]) if cells else 0
    in_rows: YearPairs = (
        [(cells[0][j], cells[1][j], f"{arg}, kolonne {col_no[j]}") for j in range(n_cols)]
        if n_rows == 2
        else []
    )
    in_cols: YearPairs = (
        [(r[0], r[1], f"{arg}, række {n}") for r, n in zip(cells, row_no, strict=True)]
        if n_cols == 2
        else []
    )
    if in_rows and not in_cols:
        return in_rows
    if in_cols and not in_rows:
        return in_cols
    if in_rows and in_cols:
        by_rows, by_cols = year_score(in_rows), year_score(in_cols)
        if by_rows != by_cols:
            return in_rows if by_rows > by_cols else in_cols
        if by_rows > 0 and hint is not None:
            return in_rows if hint == "rows" else in_cols
        raise fail(
            arg,
            "det kan ikke ses, om årstallene står i første række eller første kolonne; "
            f"skriv fortløbende årstal (2025, 2026, …) i første række (år over {what}) "
            f"eller i første kolonne med overskrifterne År | {what.capitalize()}",
        )
    raise fail(
        arg,
        f"skal være to rækker (årstal i første række, {what} i anden), to kolonner (årstal "
        f"i første kolonne, {what} i anden) eller én række eller kolonne {what}",
    )
