"""Labelled tables as grids of cells: the Excel functions' answers and the Danish CSV file.

A grid is a header row and rows of plain cells (numbers stay numbers, an empty cell is
``""``), as an Excel function returns it. :func:`view` gives SOM_NETTORESULTAT's views by
their Danish names; :func:`csv_bytes` writes a table as a CSV file that Danish Excel opens
correctly (semicolons, decimal comma, UTF-8 with a byte-order mark).
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from . import da
from .labelled import Cell, Format, Table
from .tables import TABLES

if TYPE_CHECKING:
    from ..results import Result

__all__ = ["FUNCTION_VIEWS", "csv_bytes", "csv_text", "grid", "view"]

#: SOM_NETTORESULTAT's views: Danish name -> (table key in tables.TABLES, with total line).
FUNCTION_VIEWS: dict[str, tuple[str, bool]] = {
    "år": ("years", False),
    "år i alt": ("years", True),
    "nøgletal": ("key_figures", False),
    "aktør": ("by_purse", True),
    "aktør pr. år": ("purse_years", False),
    "udgiftspost": ("by_budget_item", True),
    "rækker": ("tidy_rows", False),
}


def _body(t: Table, face: da.Face) -> list[list[Cell]]:
    if t.is_figures:
        return [
            [da.key_figure(k, face), v if v is not None else da.not_defined(k, face)]
            for k, (_name, v) in zip(t.row_keys, t.rows, strict=True)
        ]
    return [["" if v is None else v for v in r] for r in t.rows]


def grid(t: Table, face: da.Face = "function", *, total: bool = False) -> list[list[Cell]]:
    """The table as a header row and rows of cells, in one face's words.

    Parameters
    ----------
    t : Table
    face : {"function", "label", "text"}
        Whose words: default the Excel functions' (lower-case headers).
    total : bool
        Add the table's total line, if it has one.

    Returns
    -------
    list of list
        Numbers stay numbers; empty cells and undefined values are Danish text or ``""``.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from som_xl.present.tables import by_purse
    >>> g = grid(by_purse(example_result()), total=True)
    >>> g[0][:4], g[-1][:4]
    (['aktør', 'omkostninger', 'gevinster', 'netto'], ['I alt', 230000.0, 336000.0, 106000.0])
    """
    rows: list[list[Cell]] = [list(t.headers_for(face)), *_body(t, face)]
    if total and t.total is not None:
        rows.append(["" if v is None else v for v in t.total])
    return rows


def view(result: Result, name: str) -> list[list[Cell]]:
    """One of SOM_NETTORESULTAT's views of a result, by its Danish name.

    Parameters
    ----------
    result : Result
    name : str
        A key of :data:`FUNCTION_VIEWS` (``"år"``, ``"år i alt"``, ``"nøgletal"``,
        ``"aktør"``, ``"aktør pr. år"``, ``"udgiftspost"``, ``"rækker"``).

    Returns
    -------
    list of list
        The view as :func:`grid` gives it: a header row, then the rows (and the total line
        where the view has one).

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> g = view(example_result(), "nøgletal")
    >>> g[0], g[1], g[-4]
    (['nøgletal', 'værdi'], ['Scenarie', 'Håndregnet eksempel'], ['Break-even-år', 2028])
    >>> g[-1]
    ['Vidensdatabase', 'ikke brugt']
    """
    key, total = FUNCTION_VIEWS[name]
    return grid(TABLES[key](result), "function", total=total)


def _csv_cell(value: Cell, fmt: Format) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if fmt in ("year", "int", "text"):
        return str(value)
    return da.csv_number(value, 2 if fmt in ("kr", "price") else 6)


def csv_text(t: Table, face: da.Face = "function", *, total: bool = False) -> str:
    """The table as Danish CSV text: ``;`` between fields, decimal comma, øre precision.

    Headers are Danish, in the Excel functions' words by default (the same as the
    function's view of the table, e.g. ``år;aktør;udgiftspost;art;beløb;beløb
    (nutidsværdi)`` for the tidy rows). Amounts are rounded to the øre and written without
    thousands dots, so Danish Excel reads them as numbers.

    Parameters
    ----------
    t : Table
    face : {"function", "label", "text"}
        Whose words the header row uses; default the Excel functions'.
    total : bool
        Add the table's total line, if it has one.

    Returns
    -------
    str
        Lines ending in ``\\r\\n``; amounts with two decimals; shares, factors and ratios with six.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from som_xl.present.tables import tidy_rows
    >>> for line in csv_text(tidy_rows(example_result())).splitlines()[:3]:
    ...     print(line)
    år;aktør;udgiftspost;art;beløb;beløb (nutidsværdi)
    2025;Kommune;Indsatsens omkostninger;omkostning;120000,00;120000,00
    2025;Region;Indsatsens omkostninger;omkostning;50000,00;50000,00
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(t.headers_for(face))
    for i, row in enumerate(_body(t, face)):
        writer.writerow([_csv_cell(v, t.format_of(i, j)) for j, v in enumerate(row)])
    if total and t.total is not None:
        writer.writerow([_csv_cell(v, f) for v, f in zip(t.total, t.formats, strict=True)])
    return out.getvalue()


def csv_bytes(t: Table, face: da.Face = "function", *, total: bool = False) -> bytes:
    """:func:`csv_text` encoded as UTF-8 with a byte-order mark (so Excel reads æ, ø, å).

    Parameters
    ----------
    t, face, total
        As for :func:`csv_text`.

    Returns
    -------
    bytes

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from som_xl.present.tables import tidy_rows
    >>> csv_bytes(tidy_rows(example_result()))[:9]
    b'\\xef\\xbb\\xbf\\xc3\\xa5r;ak'
    """
    return csv_text(t, face, total=total).encode("utf-8-sig")
