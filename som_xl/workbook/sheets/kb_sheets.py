"""The knowledge-base sheets (*VD …*) and the hidden lists behind the dropdowns (*Lister*).

Each VD table is written from its column specification in
:mod:`som_xl.workbook.kb_columns`, the same specification the reader reads it back with.
The VD sheets are locked; formulas elsewhere look values up through the ``vd.*`` names
defined over their columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...conventions import DIRECTION_LABELS, PURSE_LABELS
from .. import kb_columns as K
from .. import kb_tables as KT
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..kb_columns import Labels, TableSpec
from ..layout import N_DURING, YEARS, a1, rng
from ..style import INT, YEAR

__all__ = ["write"]

#: Lister: the key of each list (its header) and the defined name over it.
LIST_NAMES = {
    "Aktører": "liste.aktoerer",
    "Ja/Nej": "liste.janej",
    "Art": "liste.art",
    "Retning": "liste.retning",
    "Udgiftsposter": "liste.poster",
    "Diskontering": "liste.diskontering",
    "Indsatser": "liste.indsatser",
    "Prisår": "liste.prisaar",
    "Haler": "liste.haler",
}


def write(ctx: BuildContext) -> None:
    """Write *Lister* and every VD sheet (in the order that fixes the shared strings)."""
    lists(ctx)
    index_sheet(ctx)
    b = ctx.bkb
    vd_table(ctx, K.GROUPS, b.groups)
    vd_table(ctx, K.SERVICES, b.services)
    consequences(ctx)
    vd_table(ctx, K.BASELINES, b.baselines)
    vd_table(ctx, K.EFFECTS, b.effects)
    vd_table(ctx, K.SOURCES, b.sources)


def lists(ctx: BuildContext) -> None:
    """*Lister*: one column per dropdown list, each with a ``liste.*`` name."""
    s = ctx.sheets[T.LISTER]
    lay = ctx.lay
    b = ctx.bkb
    items: dict[str, Sequence[Any]] = {
        "Aktører": list(PURSE_LABELS.values()),
        "Ja/Nej": [T.JA, T.NEJ],
        "Art": list(T.COST_KINDS),
        "Retning": list(DIRECTION_LABELS.values()),
        "Udgiftsposter": b.item_labels,
        "Diskontering": b.discount_choices,
        "Indsatser": b.effect_choices,
        "Prisår": [y for y, _ in b.index],
        "Haler": list(T.TAIL_LABELS.values()),
    }
    for key, values in items.items():
        c = lay.list_col(key)
        s.text(0, c, key, ctx.fmt.header())
        for i, item in enumerate(values):
            fmt = ctx.fmt(num_format=YEAR) if key == "Prisår" else None
            s.value(lay.list_first + i, c, item, fmt)
        last = lay.list_first + len(values) - 1
        ctx.name(LIST_NAMES[key], T.LISTER, lay.list_first, c, last, c)
    s.ws.set_column(0, len(items) - 1, 28)
    s.ws.freeze_panes(1, 0)


def _title(ctx: BuildContext, s: Sheet) -> None:
    """A VD sheet's title and the note that the knowledge base is locked."""
    s.text(0, 0, s.name, ctx.fmt.title())
    s.text(1, 0, T.VD_INTRO, ctx.fmt.note())


def vd_table(ctx: BuildContext, spec: TableSpec, records: Sequence[Any]) -> None:
    """A VD sheet holding one table: title, headers, rows and the names over its columns."""
    s = ctx.sheets[spec.sheet]
    lay = ctx.lay
    _title(ctx, s)
    KT.write_headers(s, spec, lay.vd_first - 1, widths=True)
    s.ws.freeze_panes(3, 2)
    s.ws.set_row(2, 32)
    KT.write_table(s, spec, records, lay.vd_first, Labels.of(ctx.bkb))
    for name, c in spec.named():
        ctx.name_column(name, spec.sheet, lay.vd_first, len(records), c)


def consequences(ctx: BuildContext) -> None:
    """*VD Konsekvenser*: one row per target group and consequence, the profile across."""
    b = ctx.bkb
    lay = ctx.lay
    spec = K.consequences_spec(b.profile_len)
    vd_table(ctx, spec, b.consequences)
    first = spec.col("profile", 0)
    last = lay.vd_first + len(b.consequences) - 1
    ctx.name("vd.k_profil", spec.sheet, lay.vd_first, first, last, first + b.profile_len - 1)
    d0 = spec.col("during", 0)
    ctx.name("vd.k_under", spec.sheet, lay.vd_first, d0, last, d0 + N_DURING - 1)
    ctx.sheets[spec.sheet].ws.freeze_panes(3, first)


def index_sheet(ctx: BuildContext) -> None:
    """*VD Indeks og renter*: price index, discount schedules, the rate grid, budget items."""
    s = ctx.sheets[T.VD_INDEKS]
    lay = ctx.lay
    f = ctx.fmt
    b = ctx.bkb
    labels = Labels.of(b)
    _title(ctx, s)
    s.widths((0, 0, 44), (1, 1, 12), (2, 5, 14), (6, YEARS, 7))
    s.text(lay.idx_header, 0, K.index_heading(b.index_label, b.index_base), f.section())
    KT.write_headers(s, K.INDEX, lay.idx_header + 1, widths=False)
    KT.write_table(s, K.INDEX, K.index_rows(b), lay.idx_first, labels)
    for name, c in K.INDEX.named():
        ctx.name_column(name, T.VD_INDEKS, lay.idx_first, len(b.index), c)
    s.text(lay.rate_header, 0, T.VD_RATES_HEADER, f.section())
    KT.write_headers(s, K.RATES, lay.rate_header + 1, widths=False)
    KT.write_table(s, K.RATES, K.step_rows(b), lay.rate_first, labels)
    rate_grid(ctx, s)
    s.text(lay.items_header, 0, T.VD_ITEMS_HEADER, f.section())
    KT.write_headers(s, K.ITEMS, lay.items_header + 1, widths=False)
    KT.write_table(s, K.ITEMS, K.item_rows(b), lay.items_first, labels)
    s.ws.freeze_panes(3, 1)


def rate_grid(ctx: BuildContext, s: Sheet) -> None:
    """The rate in force in discounted year i, per schedule (formulas over the steps)."""
    lay = ctx.lay
    f = ctx.fmt
    s.text(lay.grid_header, 0, T.VD_GRID_HEADER, f.section())
    s.text(lay.grid_header + 1, 0, "Navn", f.header())
    for i in range(1, YEARS + 1):
        s.number(lay.grid_header + 1, i, i, f.header(num_format=INT))
    head_col = K.RATES.col("from_year")
    rate_col = K.RATES.col("rate")
    r1 = lay.rate_first
    for n, sched in enumerate(ctx.bkb.schedules):
        r2 = r1 + len(sched.steps) - 1
        gr = lay.grid_first + n
        s.text(gr, 0, sched.label)
        froms = rng(None, r1, head_col, r2, head_col)
        rates = rng(None, r1, rate_col, r2, rate_col)
        for i in range(1, YEARS + 1):
            head = a1(lay.grid_header + 1, i, False).rstrip("0123456789") + "$"
            head += str(lay.grid_header + 2)
            rate = [x for fy, x in sched.steps if fy <= i][-1]
            formula = f"=INDEX({rates},MATCH({head},{froms},1))"
            s.formula(gr, i, formula, rate, f(num_format="0.0%"))
        r1 = r2 + 1
    last = lay.grid_first + len(ctx.bkb.schedules) - 1
    ctx.name("vd.rente_navne", T.VD_INDEKS, lay.grid_first, 0, last, 0)
    ctx.name("vd.rentesatser", T.VD_INDEKS, lay.grid_first, 1, last, YEARS)
