"""*Priser*: national unit prices beside editable local prices, own services, conversion.

Each knowledge-base service's row links to its row on *VD Ydelser og priser* (columns
found through :data:`som_xl.workbook.kb_columns.SERVICES`); a filled-in local price wins for
its purse. Eight own services follow. Prices are converted to the price level with the
price index; the ``priser.*`` names over the columns are what the consequence rows look up.
"""

from __future__ import annotations

from ...conventions import DIRECTION_LABELS, STATUS_LABELS
from .. import layout as L
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..kb_columns import SERVICES
from ..layout import N_OWN_SERVICES, a1, ref, rng
from ..model import BookService, own_service_id
from ..style import C_ILLUSTRATIVE, C_NOTE, FACTOR, KR2, YEAR, q

__all__ = ["write"]

_WIDTHS = (24, 40, 10, 9, 30, 14, 11, 11, 11, 8, 11, 11, 11, 9, 11, 11, 12, 12, 12, 13, 30, 40)

#: The ``priser.*`` names and their columns.
_NAMES = (
    ("priser.id", L.P_ID),
    ("priser.navn", L.P_LABEL),
    ("priser.enhed", L.P_UNIT),
    ("priser.retning", L.P_DIR),
    ("priser.post", L.P_ITEM),
    ("priser.nat_kommune", L.P_NAT),
    ("priser.nat_region", L.P_NAT + 1),
    ("priser.nat_stat", L.P_NAT + 2),
    ("priser.faktor_nat", L.P_F_NAT),
    ("priser.kommune", L.P_APPLIED),
    ("priser.region", L.P_APPLIED + 1),
    ("priser.stat", L.P_APPLIED + 2),
    ("priser.status", L.P_APPLIED_STATUS),
    ("priser.vd_status", L.P_STATUS),
    ("priser.lokal_kommune", L.P_LOCAL),
    ("priser.lokal_region", L.P_LOCAL + 1),
    ("priser.lokal_stat", L.P_LOCAL + 2),
)


def write(ctx: BuildContext) -> None:
    """Write *Priser*: the knowledge base's services, then the own services."""
    s = ctx.sheets[T.PRISER]
    f = ctx.fmt
    lay = ctx.lay
    for c, w in enumerate(_WIDTHS):
        s.ws.set_column(c, c, w)
    s.text(0, 1, T.PRICES_TITLE, f.title())
    s.merged(1, 1, 12, T.PRICES_INTRO, f.wrap(), 30)
    s.merged(2, 1, 12, T.PRICES_INTRO2, f.wrap(), 18)
    h = lay.price_header_row
    for c, label in enumerate(T.PRICES_COLS):
        s.text(h, c, label, f.header())
    s.ws.set_row(h, 30)
    for i, x in enumerate(ctx.bkb.services):
        _kb_row(ctx, s, i, x)
    s.text(lay.price_own_header, 0, T.OWN_SERVICES_HEADER, f.section())
    s.text(lay.price_own_header, 1, T.PRICES_OWN_HINT, f.note())
    for j in range(N_OWN_SERVICES):
        _own_row(ctx, s, j)
    for name, c in _NAMES:
        ctx.name(name, T.PRISER, lay.price_first, c, lay.price_last, c)
    _validation(ctx, s)
    _marks(ctx, s)
    s.ws.freeze_panes(h + 1, 2)


def _kb_row(ctx: BuildContext, s: Sheet, i: int, x: BookService) -> None:
    """A knowledge-base service: links to VD, local inputs, factors and applied prices."""
    f = ctx.fmt
    r = ctx.lay.price_row(i)
    vr = ctx.lay.vd_first + i
    pr = ctx.v.prices[i]
    assert pr is not None

    def vd(attr: str, part: int | None = None) -> str:
        """A link to this service's cell on VD Ydelser og priser."""
        return f"={ref(T.VD_YDELSER, vr, SERVICES.col(attr, part), False)}"

    status = STATUS_LABELS.get(x.status, x.status)
    for c, attr, value in (
        (L.P_ID, "id", x.id),
        (L.P_LABEL, "label", x.label),
        (L.P_UNIT, "unit", x.unit),
        (L.P_DIR, "direction", DIRECTION_LABELS[x.direction]),
        (L.P_ITEM, "budget_item", x.budget_item),
    ):
        s.formula(r, c, vd(attr), value)
    s.formula(r, L.P_STATUS, vd("status"), status, f.status(x.status))
    for a in range(3):
        s.formula(r, L.P_NAT + a, vd("prices", a), x.prices[a], f(num_format=KR2))
    s.formula(r, L.P_NAT_YEAR, vd("price_year"), x.price_year, f(num_format=YEAR))
    local = ctx.inp.local_prices.get(x.id)
    for a in range(3):
        s.value(r, L.P_LOCAL + a, local.prices[a] if local else None, f.input(KR2))
    s.value(r, L.P_LOCAL_YEAR, local.price_year if local else None, f.input(YEAR))
    s.formula(
        r,
        L.P_F_NAT,
        f"=som.prisindeks/INDEX(vd.indeks,MATCH({a1(r, L.P_NAT_YEAR)},vd.indeks_aar,0))",
        pr.f_nat,
        f(num_format=FACTOR),
    )
    _local_factor(ctx, s, r, pr.f_loc)
    for a in range(3):
        loc, nat = a1(r, L.P_LOCAL + a), a1(r, L.P_NAT + a)
        s.formula(
            r,
            L.P_APPLIED + a,
            f'=IF({loc}="",{nat}*{a1(r, L.P_F_NAT)},{loc}*{a1(r, L.P_F_LOC)})',
            pr.applied[a],
            f(num_format=KR2, bold=True),
        )
    s.formula(
        r,
        L.P_APPLIED_STATUS,
        f"=IF(COUNT({rng(None, r, L.P_LOCAL, r, L.P_LOCAL + 2, False)})>0,"
        f"{q(T.LOKAL)},{a1(r, L.P_STATUS)})",
        T.LOKAL if pr.status == "local" else status,
    )
    s.formula(r, L.P_SOURCE, vd("source"), x.source)
    s.formula(r, L.P_NOTE, vd("note") + '&""', x.note)


def _own_row(ctx: BuildContext, s: Sheet, j: int) -> None:
    """Own service j: every field an input, prices converted from their own price year."""
    f = ctx.fmt
    n = len(ctx.bkb.services) + j
    r = ctx.lay.price_row(n)
    o = ctx.inp.own_services[j]
    pr = ctx.v.prices[n]
    s.text(r, L.P_ID, own_service_id(j), f(font_color=C_NOTE))
    s.value(r, L.P_LABEL, o.label if o else None, f.input())
    s.value(r, L.P_UNIT, o.unit if o else None, f.input())
    s.value(r, L.P_DIR, o.direction if o else None, f.input())
    s.value(r, L.P_ITEM, o.item if o else None, f.input())
    s.formula(r, L.P_STATUS, f'=IF({a1(r, L.P_LABEL)}="","",{q(T.EGEN)})', T.EGEN if o else "")
    for a in range(3):
        s.value(r, L.P_LOCAL + a, o.prices[a] if o else None, f.input(KR2))
    s.value(r, L.P_LOCAL_YEAR, o.price_year if o else None, f.input(YEAR))
    _local_factor(ctx, s, r, pr.f_loc if pr else 1.0)
    for a in range(3):
        loc = a1(r, L.P_LOCAL + a)
        s.formula(
            r,
            L.P_APPLIED + a,
            f'=IF({loc}="",0,{loc}*{a1(r, L.P_F_LOC)})',
            pr.applied[a] if pr else 0.0,
            f(num_format=KR2, bold=True),
        )
    s.formula(
        r,
        L.P_APPLIED_STATUS,
        f'=IF({a1(r, L.P_LABEL)}="","",{q(T.LOKAL)})',
        T.LOKAL if o else "",
    )


def _local_factor(ctx: BuildContext, s: Sheet, r: int, value: float) -> None:
    """The factor from the local price year to the price level (1 without a year)."""
    y = a1(r, L.P_LOCAL_YEAR)
    s.formula(
        r,
        L.P_F_LOC,
        f'=IF({y}="",1,som.prisindeks/INDEX(vd.indeks,MATCH({y},vd.indeks_aar,0)))',
        value,
        ctx.fmt(num_format=FACTOR),
    )


def _validation(ctx: BuildContext, s: Sheet) -> None:
    """Validation of local prices and years and of the own services' fields, with notes."""
    lay = ctx.lay
    first, last = lay.price_first, lay.price_last
    kb_last = lay.price_first + len(ctx.bkb.services) - 1
    price = "services[].prices.<purse>"
    s.field(first, L.P_LOCAL, kb_last, L.P_LOCAL + 2, price)
    year = "services[].price_year"
    s.field(first, L.P_LOCAL_YEAR, last, L.P_LOCAL_YEAR, year, source="=liste.prisaar")
    o1, o2 = lay.price_own_first, last
    s.field(o1, L.P_LOCAL, o2, L.P_LOCAL + 2, price)
    s.field(o1, L.P_DIR, o2, L.P_DIR, "services[].direction", source="=liste.retning")
    s.field(o1, L.P_ITEM, o2, L.P_ITEM, "services[].budget_item", source="=liste.poster")
    label = a1(o1, L.P_LABEL, False)
    own_label_rule = (
        f'=AND(COUNTIF(priser.navn,{label})=1,ISERROR(FIND("*",{label})),'
        f'ISERROR(FIND("?",{label})),ISERROR(FIND("~",{label})))'
    )
    rule = {"validate": "custom", "value": own_label_rule}
    s.validate(o1, L.P_LABEL, o2, L.P_LABEL, "egen_ydelse", rule)
    s.note(first, L.P_LOCAL, T.NOTES["lokal_pris"])
    s.note(o1, L.P_LABEL, T.NOTES["egen_ydelse"])


def _marks(ctx: BuildContext, s: Sheet) -> None:
    """Illustrative statuses in orange (the knowledge base's and the applied one)."""
    first, last = ctx.lay.price_first, ctx.lay.price_last
    for column in (L.P_STATUS, L.P_APPLIED_STATUS):
        s.ws.conditional_format(
            first,
            column,
            last,
            column,
            {
                "type": "cell",
                "criteria": "==",
                "value": q(STATUS_LABELS["illustrative"]),
                "format": ctx.fmt(bg_color=C_ILLUSTRATIVE),
            },
        )
