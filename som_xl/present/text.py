"""Plain-text tables for the command line, rendered from labelled tables.

``kr`` and ``pct`` live in :mod:`som_xl.present.da` (the one vocabulary and number format)
and are re-exported here for older imports.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import da
from .da import kr, pct
from .labelled import Cell, Format, Table

__all__ = ["figure_lines", "format_cell", "kr", "pct", "table", "text_table"]


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool] = ()) -> str:
    """A simple aligned text table of strings.

    Parameters
    ----------
    headers : sequence of str
    rows : sequence of sequences of str
    right : sequence of bool
        Right-align this column (numbers); missing entries are left-aligned.

    Returns
    -------
    str
        Header, a rule, the rows; trailing spaces stripped.

    Examples
    --------
    >>> print(table(["Aktør", "Netto"], [["Kommune", "1.000"], ["Stat", "-5"]], [False, True]))
    Aktør    Netto
    -------  -----
    Kommune  1.000
    Stat        -5
    """
    cols = len(headers)
    right = list(right) + [False] * (cols - len(right))
    widths = [
        max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
        for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(c).rjust(w) if r else str(c).ljust(w)
            for c, w, r in zip(cells, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    return "\n".join(out)


def format_cell(value: Cell, fmt: Format) -> str:
    """One value as Danish text in its format; None is an empty cell.

    Parameters
    ----------
    value : Cell
        A number, a text or None.
    fmt : Format
        The column's (or row's) format: ``"kr"``, ``"price"``, ``"pct"``, ``"factor"``,
        ``"ratio"``, ``"year"``, ``"int"`` or ``"text"``.

    Returns
    -------
    str
        Texts as they are; numbers with Danish separators (:mod:`som_xl.present.da`).

    Examples
    --------
    >>> [format_cell(v, f) for v, f in [(1234.5, "kr"), (0.25, "pct"), (0.95238, "factor")]]
    ['1.235', '25,0 %', '0,9524']
    >>> format_cell(2031, "year"), format_cell(1.4934, "ratio"), format_cell(None, "kr")
    ('2031', '1,49', '')
    """
    if value is None:
        return ""
    if fmt == "int" and not isinstance(value, str):
        return kr(value)
    if isinstance(value, str) or fmt in ("text", "year"):
        return str(value)
    if fmt == "kr":
        return kr(value)
    if fmt == "price":
        return kr(value, 2)
    if fmt == "pct":
        return pct(value)
    if fmt == "factor":
        return da.factor(value)
    return da.ratio(value)


def text_table(t: Table, columns: Sequence[str] = (), *, total: bool = False) -> str:
    """A labelled table as the command line prints it (the ``"text"`` face's headers).

    Parameters
    ----------
    t : Table
    columns : sequence of str, optional
        Show only these columns, in this order; default all.
    total : bool
        Add the table's total line, if it has one.

    Returns
    -------
    str
        Aligned columns (numbers right, texts and years left) under a rule.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from som_xl.present.tables import by_purse
    >>> print(text_table(by_purse(example_result()), ["purse", "net", "discounted_net"]))
    Aktør      Netto  Netto (NV)
    -------  -------  ----------
    Kommune  101.000      79.061
    Region   -37.000     -40.314
    Stat      42.000      37.590
    """
    if columns:
        t = t.select(*columns)
    rows = [
        [format_cell(v, t.format_of(i, j)) for j, v in enumerate(r)] for i, r in enumerate(t.rows)
    ]
    if total and t.total is not None:
        rows.append([format_cell(v, f) for v, f in zip(t.total, t.formats, strict=True)])
    right = [f not in ("text", "year") for f in t.formats]
    return table(t.headers_for("text"), rows, right)


def _figure(key: str, value: Cell, fmt: Format) -> str:
    if value is None:
        return da.not_defined(key)
    if fmt == "kr" and not isinstance(value, str):
        return da.money(value)
    return format_cell(value, fmt)


def figure_lines(t: Table, keys: Sequence[str] = ()) -> list[str]:
    """Key figures as ``name: value`` lines; consecutive figures of one format align.

    Parameters
    ----------
    t : Table
        The key-figure table (:func:`som_xl.present.tables.key_figures`).
    keys : sequence of str, optional
        The figures to show, in this order; default all.

    Returns
    -------
    list of str
        One line per figure; an undefined one shows its Danish reason (e.g. "ikke inden
        for horisonten").

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from som_xl.present.tables import key_figures
    >>> t = key_figures(example_result())
    >>> for line in figure_lines(t, ["net_result", "discounted_net_result", "break_even_year"]):
    ...     print(line)
    Nettoresultat (udiskonteret): 106.000 kr.
    Nettoresultat (nutidsværdi):  76.336 kr.
    Break-even-år: 2028
    """
    index = {k: i for i, k in enumerate(t.row_keys)}
    chosen = [index[k] for k in keys] if keys else list(range(len(t.rows)))
    lines: list[str] = []
    run: list[int] = []

    def flush() -> None:
        width = max(len(str(t.rows[i][0])) for i in run) + 1
        for i in run:
            name = f"{t.rows[i][0]}:".ljust(width)
            lines.append(f"{name} {_figure(t.row_keys[i], t.rows[i][1], t.row_formats[i])}")
        run.clear()

    for i in chosen:
        if run and t.row_formats[run[-1]] != t.row_formats[i]:
            flush()
        run.append(i)
    if run:
        flush()
    return lines
