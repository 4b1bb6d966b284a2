"""Print set-up: A4 landscape, readable, each sheet on the pages it needs.

Print areas are static in a workbook: the sheets with a column (or row) per year print the
built scenario's horizon, not all 50 possible years (a user who lengthens the horizon in the
workbook widens the print area in Excel: Sidelayout › Udskriftsområde). A sheet that is
readable fitted to the page width is fitted to the width (``fit_to_pages(1, 0)``); a wider
one prints across pages at a readable scale with its labels (the frozen columns) and header
row repeated on every page. Excel ignores manual page breaks on a sheet fitted to pages, so a
sheet with a page break gets a print scale instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from xlsxwriter.worksheet import Worksheet

from . import text as T
from .context import BuildContext
from .layout import OPF_NOTE, YEARS, Layout
from .sheets import eksempler

__all__ = ["column_points", "setup"]

#: A4 landscape with the margins of :func:`setup` (0.4 in left and right): the printed width.
PAGE_WIDTH = 841.9 - 0.8 * 72
#: The smallest print scale (%) a sheet is fitted to the width at; a wider sheet prints across
#: pages at :data:`MIN_SCALE`.
FIT_SCALE = 50
MIN_SCALE = 55

#: Sheets with a column per year, printed to the built horizon: (header row to repeat, last
#: label column, first year column, year columns on the sheet). Konsekvenser's years are the
#: profile years k = 1, 2, …: an H-year horizon reaches at most k = H − 1 (a course ending in
#: the start year), so its first H profile years are printed (the knowledge base's 10 at
#: H = 10); the price columns right of the 50 profile years are left out of print (Priser
#: prints the prices).
YEAR_COLUMNS: dict[str, Callable[[Layout], tuple[int, int, int, int]]] = {
    T.BEREGNING: lambda lay: (lay.calc_rows["year"], lay.calc_pv_col, lay.year_col, YEARS),
    T.OMKOSTNINGER: lambda lay: (
        lay.ycost_first - 1,
        lay.cost_total_col,
        lay.cost_year_col,
        YEARS,
    ),
    T.OMKOSTNINGSVURDERING: lambda lay: (
        lay.ov_first - 1,
        lay.ov_total_col,
        lay.ov_year_col,
        YEARS,
    ),
    T.SKOEN: lambda lay: (lay.skoen_calc_header, lay.calc_pv_col, lay.year_col, YEARS),
    T.KONSEKVENSER: lambda lay: (lay.cons_header_row, 1, lay.cons_profile_col, lay.cons_years),
}

#: Sheets whose year-by-year table (a row for each of the 50 possible years) starts a page:
#: (the table's first row, print scale %). The scale fits the sheet's width (Udvalg: columns
#: A-J, about 1,400 pt, on 784 pt of A4 landscape) and the table's 50 rows on one page.
PAGED: dict[str, Callable[[Layout], tuple[int, int]]] = {
    T.UDVALG: lambda lay: (lay.udv_year_first - 2, 40),
}

#: Sheets with a page break of their own (Usikkerhed: the distribution and its chart start a
#: page): (last printed column, print scale %). Usikkerhed's columns A-J (the intro; the chart
#: ends inside J) are about 925 pt wide.
SCALED: dict[str, tuple[int, int]] = {"Usikkerhed": (9, 60)}

#: Wide tables printed across pages when fitting them to the width would shrink them below
#: :data:`FIT_SCALE` (the other sheets are fitted to the width): the header row and last label
#: column to repeat, or None for what stays in view on screen (the frozen panes), and the
#: pages down (0: as many as needed; Eksempler's 35 rows on one, not a second of stray rows).
SPREAD: dict[str, tuple[tuple[int, int] | None, int]] = {
    T.PRISER: (None, 0),
    T.VD_EFFEKTER: (None, 0),
    T.EKSEMPLER: ((eksempler.R_ALL_COLS, eksempler.C_FIRST), 1),
}


def column_points(ws: Worksheet, first: int, last: int) -> float:
    """The printed width in points of columns ``first``..``last`` (hidden ones are 0).

    xlsxwriter keeps each set column's width in pixels (Calibri 11: ``int(w * 7 + 0.5) + 5``
    for ``w`` characters); a column left at the default is 64 px; 0.75 pt a pixel.
    """
    px = 0
    for c in range(first, last + 1):
        info = ws.col_info.get(c)
        if info is None or info.width is None:
            px += 64
        elif not info.hidden:
            px += int(info.width)
    return px * 0.75


def _fit_or_spread(
    ws: Worksheet, width: float, header: int | None, labels: int | None, tall: int = 0
) -> None:
    """Fit to the page width if that keeps :data:`FIT_SCALE`; else fit to as many pages across
    as :data:`MIN_SCALE` needs, with the header row and the label columns on every page."""
    if width * FIT_SCALE / 100 <= PAGE_WIDTH:
        ws.fit_to_pages(1, 0)
        return
    # as many pages across as MIN_SCALE needs, each with the label columns again, filled:
    # no last page of a few stray columns
    repeated = column_points(ws, 0, labels) if labels is not None and labels >= 0 else 0.0
    room = max(PAGE_WIDTH * 100 / MIN_SCALE - repeated, PAGE_WIDTH)
    ws.fit_to_pages(math.ceil((width - repeated) / room), tall)
    if header is not None and header >= 0:
        ws.repeat_rows(header)
    if labels is not None and labels >= 0:
        ws.repeat_columns(0, labels)


def _last_row(ws: Worksheet) -> int:
    return int(ws.dim_rowmax or 0)


def _last_column(ws: Worksheet) -> int:
    return int(ws.dim_colmax or 0)


def sheet(ctx: BuildContext, name: str, ws: Worksheet) -> None:
    """The page set-up of one sheet (after its cells are written)."""
    lay = ctx.lay
    if name in YEAR_COLUMNS:
        header, labels, first_year, columns = YEAR_COLUMNS[name](lay)
        last = first_year + min(ctx.inp.horizon, columns) - 1
        ws.print_area(0, 0, _last_row(ws), last)
        _fit_or_spread(ws, column_points(ws, 0, last), header, labels)
        ws.repeat_rows(header)
        if labels is not None and labels >= 0:  # fitted or spread: the labels on every page
            ws.repeat_columns(0, labels)
    elif name in PAGED:
        # one page of figures, then the year-by-year table on a page of its own: the
        # table has a row for each of the 50 possible years, blank after the horizon, so
        # fitted to the width it spilled a page of blank rows after the figures
        row, scale = PAGED[name](lay)
        ws.set_h_pagebreaks([row])
        ws.set_print_scale(scale)
    elif name in SCALED:
        last, scale = SCALED[name]
        ws.print_area(0, 0, _last_row(ws), last)
        ws.set_print_scale(scale)
    elif name == T.OPFOELGNING:
        # the guide, the key figures and the year table with its notes to the horizon; not
        # the helper columns right of the table (O onwards)
        ws.print_area(0, 0, lay.opf_first + ctx.inp.horizon - 1, OPF_NOTE)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(lay.opf_header)
    elif name in SPREAD:
        # wide tables: what stays in view on screen (the frozen header row and label
        # columns) repeats on every page
        width = column_points(ws, 0, _last_column(ws))
        repeat, tall = SPREAD[name]
        if repeat is None:
            panes = ws.panes
            row, column = (int(panes[0]), int(panes[1])) if panes else (0, 0)
            repeat = (row - 1, column - 1)
        _fit_or_spread(ws, width, *repeat, tall=tall)
    else:
        ws.fit_to_pages(1, 0)


def setup(ctx: BuildContext) -> None:
    """Page set-up of every sheet: paper, margins, header and footer, area and scale."""
    for name, s in ctx.sheets.items():
        ws = s.ws
        ws.set_paper(9)
        ws.set_landscape()
        ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
        sheet(ctx, name, ws)
    res = ctx.sheets[T.RESULTAT].ws
    # Resultat: a one-page summary (input check, key figures, charts, purse and item splits)
    res.print_area(0, 0, ctx.lay.res_item_first + ctx.lay.counts.budget_items, 11)
    res.fit_to_pages(1, 1)
    res.repeat_rows(0, 1)
