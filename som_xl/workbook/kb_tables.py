"""Writing and reading knowledge-base tables with their column specifications.

The writer (:func:`write_table`) and the reader (:func:`read_table`) take the same
:class:`~som_xl.workbook.kb_columns.TableSpec`: what the writer puts in a column, the
reader takes back from the column with that header, wherever it is on the sheet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from xlsxwriter.format import Format

from . import text as T
from .cells import Sheet
from .kb_columns import DIRECTION_IDS, STATUS_IDS, TAIL_IDS, Column, Kind, Labels, TableSpec
from .style import Formats

__all__ = ["CellReader", "locate", "read_table", "write_headers", "write_table"]


# --- writing ------------------------------------------------------------------------------


def _group_starts(spec: TableSpec, records: Sequence[Any]) -> list[bool]:
    """For each record: is it the first of its group (see ``TableSpec.group``)?"""
    if spec.group is None:
        return [i == 0 for i in range(len(records))]
    keys = [getattr(r, spec.group) for r in records]
    return [i == 0 or keys[i] != keys[i - 1] for i in range(len(records))]


def _cell_format(
    fmt: Formats, spec: TableSpec, column: Column, record: Any, value: Any
) -> Format | None:
    """The format of one data cell (the row's status colours knowledge-base tables)."""
    status = getattr(record, "status", "published")
    if spec.plain:
        if column.kind == "status":
            return fmt.status(status)
        if column.num_format is None:
            return None
        props = {"align": column.align} if column.align else {}
        return fmt(num_format=column.num_format, **props)
    if column.kind == "status":
        return fmt.status(status) or _row_format(fmt, spec, status)
    if column.num_format is not None and not (column.kind == "profile" and value is None):
        return fmt.kb_row(status, num_format=column.num_format)
    return _row_format(fmt, spec, status)


def _row_format(fmt: Formats, spec: TableSpec, status: str) -> Format:
    """The format of a knowledge-base row's plain cells."""
    return fmt.kb_row(status, text_wrap=True) if spec.wrap else fmt.kb_row(status)


def write_table(
    sheet: Sheet, spec: TableSpec, records: Sequence[Any], first_row: int, labels: Labels
) -> None:
    """Write records as rows from ``first_row``, left to right as the spec says.

    Parameters
    ----------
    sheet : Sheet
        The sheet (``spec.sheet``).
    spec : TableSpec
        The table's columns.
    records : sequence
        One record of ``spec.record`` per row.
    first_row : int
        The row of the first record (0-based; the header is the row above).
    labels : Labels
        Labels for the derived columns.
    """
    fmt = sheet.fmt
    starts = _group_starts(spec, records)
    for i, record in enumerate(records):
        r = first_row + i
        for c, column in enumerate(spec.columns):
            if column.first_only and not starts[i]:
                continue
            value = column.value(record, labels)
            sheet.value(r, c, value, _cell_format(fmt, spec, column, record, value))
        if spec.wrap:
            sheet.ws.set_row(r, ROW_HEIGHT * _lines(spec, record, labels))


#: The height of one line of text in a knowledge-base row (points), and the most lines shown.
ROW_HEIGHT, MAX_LINES = 15, 8


def _lines(spec: TableSpec, record: Any, labels: Labels) -> int:
    """The lines a wrapped row needs: its longest text over its column's width (about one
    character per width unit), at most ``MAX_LINES``. Spreadsheets do not fit the height of
    a row to wrapped text on their own (LibreOffice drew such rows over each other)."""
    lines = 1
    for column in spec.columns:
        value = column.value(record, labels)
        if column.width and isinstance(value, str):
            per_line = max(1, int(column.width))
            lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in value.split("\n")))
    return min(lines, MAX_LINES)


def write_headers(sheet: Sheet, spec: TableSpec, row: int, *, widths: bool) -> None:
    """The header row of a table (and its column widths when ``widths``)."""
    for c, column in enumerate(spec.columns):
        sheet.text(row, c, column.header, sheet.fmt.header())
        if widths and column.width is not None:
            sheet.ws.set_column(c, c, column.width)


# --- reading ------------------------------------------------------------------------------


class CellReader(Protocol):
    """What :func:`read_table` needs from the reader's cells (see ``read._Cells``)."""

    def kb_text(self, sheet: str, row: int, column: int) -> str:
        """A constant as text ('' for a blank cell)."""
        ...

    def kb_number(self, sheet: str, row: int, column: int) -> float | None:
        """A constant number, None for a blank cell (a text is reported)."""
        ...

    def kb_width(self, sheet: str) -> int:
        """The number of columns in use on a sheet."""
        ...

    def add(self, sheet: str, row: int, column: int, message: str, value: object) -> None:
        """Report a problem with a cell's value at sheet!cell."""
        ...

    def missing_column(self, sheet: str, header_row: int, header: str) -> None:
        """Report that a table's header row lacks a column."""
        ...


def locate(cells: CellReader, spec: TableSpec, header_row: int) -> dict[int, int | None]:
    """Where each column of the spec is: spec position → sheet column (None if missing).

    A missing header is reported once, at the header row.
    """
    found: dict[str, int] = {}
    for c in range(cells.kb_width(spec.sheet)):
        found.setdefault(cells.kb_text(spec.sheet, header_row, c).strip(), c)
    out: dict[int, int | None] = {}
    for i, column in enumerate(spec.columns):
        out[i] = found.get(column.header)
        if out[i] is None and column.derive is None:
            cells.missing_column(spec.sheet, header_row, column.header)
    return out


def _read_value(cells: CellReader, sheet: str, row: int, column: int | None, kind: Kind) -> Any:
    """One cell as the column's kind says (a missing column reads as a blank cell)."""
    if kind in ("text", "status", "direction", "tail", "yesno"):
        text = "" if column is None else cells.kb_text(sheet, row, column)
        if kind == "text":
            return text
        if kind == "yesno":
            if text not in ("", T.JA, T.NEJ) and column is not None:
                cells.add(sheet, row, column, T.READ_BAD_KB, text)
            return text != T.NEJ
        if kind == "tail":
            if text and text not in TAIL_IDS and column is not None:
                cells.add(sheet, row, column, T.READ_BAD_KB, text)
            return TAIL_IDS.get(text, "")
        ids: Mapping[str, str] = STATUS_IDS if kind == "status" else DIRECTION_IDS
        if text in ids:
            return ids[text]
        if column is not None:
            cells.add(sheet, row, column, T.READ_BAD_KB, text)
        return "illustrative" if kind == "status" else "expenditure"
    number = None if column is None else cells.kb_number(sheet, row, column)
    if kind == "int":
        return int(number or 0.0)
    if kind == "opt_int":
        return None if number is None else int(number)
    if kind == "number":
        return 0.0 if number is None else number
    return number


def read_table(cells: CellReader, spec: TableSpec, header_row: int, count: int) -> list[Any]:
    """Read ``count`` records from the rows below ``header_row``, columns found by header.

    Derived columns are skipped; tuple attributes are assembled from their parts (a
    profile without its trailing blank years); ``first_only`` values are carried to the
    rest of their group.
    """
    where = locate(cells, spec, header_row)
    records: list[Any] = []
    carried: dict[str, Any] = {}
    for i in range(count):
        r = header_row + 1 + i
        fields: dict[str, Any] = {}
        parts: dict[str, list[Any]] = {}
        first = True
        if spec.group is not None:
            c = where[spec.col(spec.group)]
            key = "" if c is None else cells.kb_text(spec.sheet, r, c)
            first = i == 0 or key != getattr(records[-1], spec.group)
        elif i > 0:
            first = False
        for n, column in enumerate(spec.columns):
            if column.derive is not None:
                continue
            if column.first_only and not first:
                fields[column.attr] = carried[column.attr]
                continue
            value = _read_value(cells, spec.sheet, r, where[n], column.kind)
            if column.part is None:
                fields[column.attr] = value
            else:
                parts.setdefault(column.attr, []).append(value)
            if column.first_only:
                carried[column.attr] = value
        for attr, values in parts.items():
            fields[attr] = _assemble(values, profile=attr in ("profile", "during"))
        records.append(spec.record(**fields))
    return records


def _assemble(values: list[Any], *, profile: bool) -> tuple[Any, ...]:
    """A tuple attribute from its columns; a profile ends at its last filled year."""
    if profile:
        while values and values[-1] is None:
            values.pop()
        return tuple(0.0 if v is None else v for v in values)
    return tuple(values)
