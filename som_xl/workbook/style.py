"""The workbook's look: colours, number formats and the format cache.

Every sheet module asks :class:`Formats` for a format by its properties; the same property
set always gives the same xlsxwriter ``Format`` object. The colours and number formats are
named here once so that a colour change is one line.
"""

from __future__ import annotations

import math
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from ..engine import BREAK_EVEN_TOLERANCE

__all__ = [
    "CHANCE",
    "C_HEADER",
    "C_ILLUSTRATIVE",
    "C_INPUT",
    "C_INPUT_BORDER",
    "C_KEY",
    "C_NOTE",
    "C_OUT",
    "C_OUT_FONT",
    "C_SECTION",
    "C_TAB_INPUT",
    "C_TAB_KB",
    "C_TAB_RESULT",
    "C_TAIL",
    "FACTOR",
    "INT",
    "KR",
    "KR2",
    "KR_KEY",
    "PCT",
    "SHARE",
    "TOL",
    "UNITS",
    "WIDE",
    "YEAR",
    "Formats",
    "height",
    "q",
]

# Colours.
C_INPUT = "#FFF2CC"
C_INPUT_BORDER = "#BF9000"
C_HEADER = "#1F4E79"
C_KEY = "#DDEBF7"
C_SECTION = "#2E75B6"
C_ILLUSTRATIVE = "#F8CBAD"
C_OUT = "#EDEDED"
C_OUT_FONT = "#A6A6A6"
C_NOTE = "#595959"
C_TAB_INPUT = "#FFC000"
C_TAB_RESULT = "#70AD47"
C_TAB_KB = "#A6A6A6"
#: The thin blue line above each consequence block (Konsekvenser, Beregning).
C_BLOCK_LINE = "#8EA9DB"
#: Red text: warnings.
C_WARNING = "#C00000"
#: Profile years continued by the tail (som-method §3.11): italic in this colour.
C_TAIL = "#2E75B6"

# Number formats.
KR = "#,##0;[Red]-#,##0"
KR2 = "#,##0.00;[Red]-#,##0.00"
KR_KEY = '#,##0 "kr.";[Red]-#,##0 "kr."'
PCT = "0.0%"
#: A probability from Monte Carlo draws: never a certain 0 or 100 % (as present.da.chance).
CHANCE = '[>=0.9995]"over 99,9 %";[<0.0005]"under 0,1 %";0.0%'
#: Data validation of a share between 0 and 1 (a rate typed as a percentage).
SHARE: dict[str, object] = {
    "validate": "decimal",
    "criteria": "between",
    "minimum": 0,
    "maximum": 1,
}
YEAR = "0"
UNITS = '#,##0.00;-#,##0.00;"–"'
FACTOR = "0.000000"
INT = "0"
#: Characters per line in the merged text cells of 'Indsats og målgruppe' (C:H).
WIDE = 88
#: The engine's break-even tolerance as a formula literal.
TOL = f"{-BREAK_EVEN_TOLERANCE:.15g}".upper()


def q(text: str) -> str:
    """A text literal in a formula.

    Parameters
    ----------
    text : str
        The text; double quotes in it are doubled, as Excel requires.

    Returns
    -------
    str
        The text in double quotes.

    Examples
    --------
    >>> q('Fast rente')
    '"Fast rente"'
    >>> print(q('a "b" c'))
    "a ""b"" c"
    """
    return '"' + text.replace('"', '""') + '"'


def height(chars: int, width: int) -> float:
    """Row height for wrapped text of this many characters in a column this wide.

    Parameters
    ----------
    chars : int
        Characters of the longest text the row holds.
    width : int
        Characters per line of the (merged) cell.

    Returns
    -------
    float
        15 points per line, at least one line.

    Examples
    --------
    >>> height(100, 88)
    30.0
    >>> height(0, 88)
    15.0
    """
    return 15.0 * max(1, math.ceil(chars / width))


class Formats:
    """xlsxwriter formats, made once per property set.

    Call it with format properties (``fmt(bold=True, num_format=KR)``); the named methods
    give the workbook's recurring styles.
    """

    def __init__(self, wb: Workbook) -> None:
        """Formats for the workbook ``wb``."""
        self._wb = wb
        self._cache: dict[tuple[tuple[str, Any], ...], Format] = {}

    def __call__(self, **props: Any) -> Format:
        """The format with exactly these properties (created on first use)."""
        key = tuple(sorted(props.items()))
        if key not in self._cache:
            self._cache[key] = self._wb.add_format(props)
        return self._cache[key]

    def input(self, num_format: str | None = None, **props: Any) -> Format:
        """A yellow, unlocked input cell."""
        base = {
            "bg_color": C_INPUT,
            "border": 1,
            "border_color": C_INPUT_BORDER,
            "locked": False,
        }
        if num_format:
            base["num_format"] = num_format
        return self(**base, **props)

    def header(self, **props: Any) -> Format:
        """A table header: white bold text on dark blue, wrapped."""
        return self(
            bold=True,
            font_color="#FFFFFF",
            bg_color=C_HEADER,
            text_wrap=True,
            valign="top",
            border=1,
            border_color="#FFFFFF",
            **props,
        )

    def title(self) -> Format:
        """A sheet's title."""
        return self(bold=True, font_size=16, font_color=C_HEADER)

    def section(self) -> Format:
        """A section heading within a sheet."""
        return self(bold=True, font_size=12, font_color=C_SECTION)

    def note(self, **props: Any) -> Format:
        """Grey italic help text."""
        return self(italic=True, font_color=C_NOTE, **props)

    def wrap(self, **props: Any) -> Format:
        """Wrapped text aligned to the top."""
        return self(text_wrap=True, valign="top", **props)

    def block_top(self, **props: Any) -> Format:
        """The first row of a consequence block: a thin blue line above it."""
        return self(top=1, top_color=C_BLOCK_LINE, **props)

    def status(self, status: str) -> Format | None:
        """The format of a status cell: orange and bold for illustrative values, else none."""
        if status == "illustrative":
            return self(bg_color=C_ILLUSTRATIVE, bold=True)
        return None

    def kb_row(self, status: str, **props: Any) -> Format:
        """A knowledge-base row: top-aligned, orange when its value is illustrative."""
        if status == "illustrative":
            return self(bg_color=C_ILLUSTRATIVE, valign="top", **props)
        return self(valign="top", **props)
