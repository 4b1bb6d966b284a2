"""The lower half of *Beregning*'s labels: totals, splits by purse and budget item, charts.

The rows themselves (their formulas and cached values) are in the row specification,
:mod:`som_xl.workbook.calc_rows`; here are their section headings and label columns. The
splits sum the consequence and cost rows above with SUMIFS over their kind (B), purse (C)
and budget-item (D) columns, so the kind, purse and item written here select the rows.
"""

from __future__ import annotations

from ...conventions import PURSE_LABELS
from .. import calc_spec as C
from .. import layout as L
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext

__all__ = ["write"]

#: The kind (column B) a split row selects: costs or gains (net rows select nothing).
_KINDS = {"costs": T.KIND_COST, "gains": T.KIND_GAIN, "net": ""}


def write(ctx: BuildContext, s: Sheet, spec: C.CalcSpec) -> None:
    """Write the section headings and labels of the totals, the splits and the chart data."""
    f = ctx.fmt
    lay = ctx.lay
    sections = (
        ("total", lay.calc_total_header, T.CALC_SECTION_TOTALS),
        ("purse", lay.calc_purse_header, T.CALC_SECTION_PURSE),
        ("item", lay.calc_item_header, T.CALC_SECTION_ITEMS),
        ("figure", lay.calc_fig_header, T.CALC_SECTION_FIG),
    )
    items = [label for _, label, _ in ctx.bkb.budget_items]
    for group, heading_row, heading in sections:
        s.text(heading_row, 0, heading, f.section())
        for row in (r for r in spec.rows if r.group == group):
            s.text(row.row, 0, row.label, row.label_format(f))
            parts = row.key.split(".")
            if group == "purse":
                s.text(row.row, L.B_KIND, _KINDS[parts[1]])
                s.text(row.row, L.B_PURSE, PURSE_LABELS[parts[2]])
            elif group == "item":
                s.text(row.row, L.B_KIND, _KINDS[parts[1]])
                s.text(row.row, L.B_ITEM, items[int(parts[2])])
