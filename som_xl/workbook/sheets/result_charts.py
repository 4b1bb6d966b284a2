"""The three charts on *Resultat*: cumulative net result, net result by purse and by item.

The cumulative chart reads the chart rows on *Beregning* (``#N/A`` after the horizon, so
the lines stop there); the other two read the split tables on *Resultat*. While an input
problem stands (``som.inputfejl`` > 0) those rows and tables are #N/A or blank, so no
chart shows a number built on a broken input. The three stand side by side in one band.
"""

from __future__ import annotations

from typing import Any

from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import rng
from ..style import C_HEADER

__all__ = ["write"]

_FONT = {"name": "Calibri", "size": 9}


def _grid() -> dict[str, Any]:
    """Light grey major gridlines (a fresh dict: xlsxwriter may keep what it is given)."""
    return {"visible": True, "line": {"color": "#D9D9D9"}}


def write(ctx: BuildContext, s: Sheet) -> None:
    """Insert the three charts on *Resultat*."""
    _cumulative(ctx, s)
    _by_purse(ctx, s)
    _by_item(ctx, s)


def _chart(ctx: BuildContext, options: dict[str, Any]) -> Any:
    """A new chart (xlsxwriter returns None only for unknown types)."""
    chart = ctx.wb.add_chart(options)
    assert chart is not None
    return chart


def _cumulative(ctx: BuildContext, s: Sheet) -> None:
    """Cumulative net result, discounted and undiscounted, year by year."""
    lay = ctx.lay
    y0, yl = lay.year_col, lay.last_year_col
    cum = _chart(ctx, {"type": "scatter", "subtype": "straight_with_markers"})
    fy = lay.calc_fig("fig_year")
    for key, name, colour in (
        ("fig_cum", T.CHART_CUM_SERIES[0], C_HEADER),
        ("fig_cum_u", T.CHART_CUM_SERIES[1], "#ED7D31"),
    ):
        r = lay.calc_fig(key)
        cum.add_series(
            {
                "name": name,
                "categories": f"={rng(T.BEREGNING, fy, y0, fy, yl)}",
                "values": f"={rng(T.BEREGNING, r, y0, r, yl)}",
                "line": {"color": colour, "width": 2.25},
                "marker": {
                    "type": "circle",
                    "size": 5,
                    "fill": {"color": colour},
                    "border": {"color": colour},
                },
            }
        )
    cum.set_title({"name": T.CHART_CUM_TITLE, "name_font": {"size": 12}})
    cum.set_x_axis(
        {
            "name": T.CHART_YEAR_AXIS,
            "num_format": "0",
            "num_font": _FONT,
            "major_gridlines": {"visible": False},
            "label_position": "low",
        }
    )
    cum.set_y_axis(
        {
            "name": T.CHART_KR_AXIS,
            "num_format": "#,##0",
            "num_font": _FONT,
            "major_gridlines": _grid(),
        }
    )
    cum.set_legend({"position": "bottom"})
    cum.set_size({"width": 495, "height": 340})
    s.ws.insert_chart(lay.res_chart_row, 1, cum, {"x_offset": 0, "y_offset": 4})


def _by_purse(ctx: BuildContext, s: Sheet) -> None:
    """Net result by purse, undiscounted and present value."""
    lay = ctx.lay
    purse = _chart(ctx, {"type": "column"})
    p1, p2 = lay.res_purse_first, lay.res_purse_first + 2
    for c, name, colour in ((4, T.CHART_SERIES_U, "#9DC3E6"), (7, T.CHART_SERIES_NV, C_HEADER)):
        purse.add_series(
            {
                "name": name,
                "categories": f"={rng(T.RESULTAT, p1, 1, p2, 1)}",
                "values": f"={rng(T.RESULTAT, p1, c, p2, c)}",
                "fill": {"color": colour},
                "data_labels": {"value": True, "num_format": "#,##0", "font": _FONT},
            }
        )
    purse.set_title({"name": T.CHART_PURSE_TITLE, "name_font": {"size": 12}})
    purse.set_y_axis({"num_format": "#,##0", "num_font": _FONT, "major_gridlines": _grid()})
    purse.set_x_axis({"label_position": "low"})
    purse.set_legend({"position": "bottom"})
    purse.set_size({"width": 455, "height": 340})
    s.ws.insert_chart(lay.res_chart_row, 4, purse, {"x_offset": 8, "y_offset": 4})


def _by_item(ctx: BuildContext, s: Sheet) -> None:
    """Net result (present value) by budget item, as horizontal bars."""
    lay = ctx.lay
    n = len(ctx.bkb.budget_items)
    items = _chart(ctx, {"type": "bar"})
    i1, i2 = lay.res_item_first, lay.res_item_first + n - 1
    items.add_series(
        {
            "name": T.CHART_SERIES_NV,
            "categories": f"={rng(T.RESULTAT, i1, 1, i2, 1)}",
            "values": f"={rng(T.RESULTAT, i1, 7, i2, 7)}",
            "fill": {"color": C_HEADER},
            "invert_if_negative": False,
        }
    )
    items.set_title({"name": T.CHART_ITEM_TITLE, "name_font": {"size": 12}})
    items.set_x_axis({"num_format": "#,##0", "num_font": _FONT, "major_gridlines": _grid()})
    items.set_y_axis({"reverse": True, "num_font": _FONT, "label_position": "low"})
    items.set_legend({"none": True})
    items.set_size({"width": 400, "height": 340})
    s.ws.insert_chart(lay.res_chart_row, 8, items, {"x_offset": 8, "y_offset": 4})
