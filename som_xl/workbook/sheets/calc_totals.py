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
from ..layout import ref
from ..style import q

__all__ = ["write"]

#: The kind (column B) a split row selects: costs or gains (net rows select nothing).
_KINDS = {"costs": T.KIND_COST, "gains": T.KIND_GAIN, "net": "", "cum": "", "flag": ""}


def write(ctx: BuildContext, s: Sheet, spec: C.CalcSpec) -> None:
    """Write the section headings and labels of the totals, the splits and the chart data."""
    f = ctx.fmt
    lay = ctx.lay
    sections = (
        ("total", lay.calc_total_header, T.CALC_SECTION_TOTALS),
        ("purse", lay.calc_purse_header, T.CALC_SECTION_PURSE),
        ("item", lay.calc_item_header, T.CALC_SECTION_ITEMS),
        ("kitem", lay.calc_kitem_header, T.CALC_SECTION_KITEMS),
        ("com", lay.calc_com_header, T.CALC_SECTION_COMMITTEES),
        ("figure", lay.calc_fig_header, T.CALC_SECTION_FIG),
    )
    items = [label for _, label, _ in ctx.bkb.budget_items]
    inp = ctx.inp
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
            elif group == "kitem":
                b = int(parts[2])
                s.text(row.row, L.B_KIND, _KINDS[parts[1]])
                s.text(row.row, L.B_PURSE, PURSE_LABELS["kommune"])
                s.text(row.row, L.B_ITEM, items[b])
                mapped = ref(T.UDVALG, lay.udv_map_first + b, 2)
                s.formula(row.row, L.B_FACTOR, f'={mapped}&""', inp.committee_of.get(items[b], ""))
            elif group == "com":
                c = int(parts[2])
                name = inp.committees[c] if c < len(inp.committees) else ""
                slot = ref(T.UDVALG, lay.udv_com_first + c, 1)
                s.text(row.row, L.B_KIND, _KINDS[parts[1]])
                s.formula(
                    row.row,
                    L.B_FACTOR,
                    f'=IF({slot}="",{q(T.NO_COMMITTEE)},{slot})',
                    name or T.NO_COMMITTEE,
                )
                s.formula(
                    row.row,
                    0,
                    f"={q(row.label + ', ')}&$E{row.row + 1}",
                    f"{row.label}, {name or T.NO_COMMITTEE}",
                    row.label_format(f),
                )
