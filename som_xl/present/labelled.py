"""The shape of a labelled table: title, column keys, Danish headers, rows and formats.

:class:`Table` is what every face renders (:mod:`som_xl.present.text` for the command
line, :mod:`som_xl.present.grid` for the Excel functions and CSV files); the result views
that fill it are in :mod:`som_xl.present.tables`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from . import da

__all__ = ["Cell", "Format", "Table", "make_table"]

#: A value in a table: numbers stay numbers; None is an empty cell (or, in the key-figure
#: table, a figure that is not defined: da.not_defined names why).
Cell = str | int | float | None
#: How a column's numbers are shown: kroner, a unit price (kroner and øre), a share as a
#: percentage, a discount factor, a ratio, a year, a whole number, or text.
Format = Literal["text", "year", "int", "kr", "price", "pct", "factor", "ratio"]


@dataclass(frozen=True)
class Table:
    """A labelled table: what a face needs to render a result view without its own words.

    Attributes
    ----------
    name : str
        The table's key (``"years"``, ``"by_purse"``, …; see :data:`TABLES`).
    title : str
        Danish title.
    columns : tuple of str
        Column keys (da.FIELDS keys, purses or ``"total"``).
    headers : tuple of str
        Danish headers, one per column (the ``"label"`` face; see :meth:`headers_for`).
    formats : tuple of Format
        One per column.
    rows : tuple of tuple of Cell
        The body.
    total : tuple of Cell or None
        The total line, where the table has one; faces choose whether to show it.
    row_keys : tuple of str
        An id per row where rows have one (purse, service, key figure).
    row_formats : tuple of Format
        Key-figure table only: the format of each row's value.
    """

    name: str
    title: str
    columns: tuple[str, ...]
    headers: tuple[str, ...]
    formats: tuple[Format, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None
    row_keys: tuple[str, ...] = ()
    row_formats: tuple[Format, ...] = ()

    @property
    def money(self) -> tuple[str, ...]:
        """The columns that hold kroner."""
        return tuple(c for c, f in zip(self.columns, self.formats, strict=True) if f == "kr")

    @property
    def percent(self) -> tuple[str, ...]:
        """The columns that hold shares shown as percentages."""
        return tuple(c for c, f in zip(self.columns, self.formats, strict=True) if f == "pct")

    @property
    def is_figures(self) -> bool:
        """True for the key-figure table: one named figure per row, each with its format."""
        return bool(self.row_formats)

    def headers_for(self, face: da.Face) -> tuple[str, ...]:
        """The headers as a face writes them (:func:`som_xl.present.da.header`).

        A header given explicitly (not the vocabulary's label of its key) is kept as it is.

        Examples
        --------
        >>> t = make_table("years", ("year", "discounted_net"), ("year", "kr"), [])
        >>> t.headers_for("text"), t.headers_for("function")
        (('År', 'Netto (NV)'), ('år', 'netto (nutidsværdi)'))
        """
        if face == "label":
            return self.headers
        return tuple(
            da.header(c, face) if _is_label(c, h) else h
            for c, h in zip(self.columns, self.headers, strict=True)
        )

    def format_of(self, row: int, column: int) -> Format:
        """The format of one cell of the body."""
        if self.row_formats and column == len(self.columns) - 1:
            return self.row_formats[row]
        return self.formats[column]

    def column(self, key: str) -> list[Cell]:
        """One column of the body."""
        j = self.columns.index(key)
        return [row[j] for row in self.rows]

    def select(self, *keys: str) -> Table:
        """The table with only these columns, in this order.

        Examples
        --------
        >>> t = make_table("by_purse", ("purse", "net"), ("text", "kr"), [("Kommune", 1.0)])
        >>> t.select("net").headers
        ('Netto',)
        """
        idx = [self.columns.index(k) for k in keys]
        return replace(
            self,
            columns=tuple(keys),
            headers=tuple(self.headers[j] for j in idx),
            formats=tuple(self.formats[j] for j in idx),
            rows=tuple(tuple(r[j] for j in idx) for r in self.rows),
            total=tuple(self.total[j] for j in idx) if self.total is not None else None,
        )

    def take(self, indices: Iterable[int]) -> Table:
        """The table with only these rows of the body (the total line is dropped).

        Examples
        --------
        >>> t = make_table("by_purse", ("purse",), ("text",), [("Kommune",), ("Stat",)])
        >>> t.take([1]).rows
        (('Stat',),)
        """
        idx = list(indices)
        return replace(
            self,
            rows=tuple(self.rows[i] for i in idx),
            total=None,
            row_keys=tuple(self.row_keys[i] for i in idx) if self.row_keys else (),
            row_formats=tuple(self.row_formats[i] for i in idx) if self.row_formats else (),
        )

    def records(self) -> list[dict[str, Cell]]:
        """The body as one dict per row, keyed by column (for analysts and data frames).

        Examples
        --------
        >>> make_table("by_purse", ("purse", "net"), ("text", "kr"), [("Stat", 2.5)]).records()
        [{'purse': 'Stat', 'net': 2.5}]
        """
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


_HEADER_KEYS = frozenset({*da.FIELDS, *da.PURSE_LABELS, "total"})


def _is_label(key: str, header: str) -> bool:
    """Whether a header is the vocabulary's label of its key (then faces may rewrite it)."""
    return key in _HEADER_KEYS and header == da.label(key)


def make_table(
    name: str,
    columns: Sequence[str],
    formats: Sequence[Format],
    rows: Iterable[Sequence[Cell]],
    *,
    total: Sequence[Cell] | None = None,
    row_keys: Sequence[str] = (),
    row_formats: Sequence[Format] = (),
    headers: Sequence[str] | None = None,
    title: str | None = None,
) -> Table:
    """A :class:`Table` with its title from da.TABLE_TITLES and headers from da.header.

    Parameters
    ----------
    name : str
        The table's key; its title is ``da.TABLE_TITLES[name]`` unless ``title`` is given.
    columns, formats : sequence of str
        Column keys and their formats (same length).
    rows : iterable of sequences
        The body, one value per column.
    total, row_keys, row_formats
        See :class:`Table`.
    headers : sequence of str, optional
        Danish headers where the columns are not vocabulary keys (the knowledge-base
        tables); default ``da.label`` of each column.
    title : str, optional
        Default ``da.TABLE_TITLES[name]``.

    Returns
    -------
    Table

    Examples
    --------
    >>> t = make_table("years", ("year", "net"), ("year", "kr"), [(2025, -1.5)])
    >>> t.title, t.headers, t.money
    ('År for år', ('År', 'Netto'), ('net',))
    """
    body = tuple(tuple(r) for r in rows)
    if len(formats) != len(columns) or any(len(r) != len(columns) for r in body):
        raise ValueError(f"{name}: every row needs one value per column")
    return Table(
        name=name,
        title=title if title is not None else da.TABLE_TITLES[name],
        columns=tuple(columns),
        headers=tuple(headers) if headers is not None else tuple(da.label(c) for c in columns),
        formats=tuple(formats),
        rows=body,
        total=tuple(total) if total is not None else None,
        row_keys=tuple(row_keys),
        row_formats=tuple(row_formats),
    )


# --- the result views ------------------------------------------------------------------------
