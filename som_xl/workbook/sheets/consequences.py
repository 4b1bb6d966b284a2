"""*Konsekvenser*: the chosen target group's consequence profiles and six own consequences.

Every consequence is a block of three rows: the knowledge base's values (looked up live by
the key ``målgruppe-id|nr.`` on *VD Konsekvenser*), the user's own values, and the values
used. Hidden helper columns at the right hold the service id, the VD row and the price row.
The summary row W(k) is the gain per successful citizen in the k-th year after the course.
"""

from __future__ import annotations

from typing import Any

from ...conventions import DIRECTION_LABELS, STATUS_LABELS
from ...inputs.profiles import TOLERANCE, exceeds, reduction_warning
from .. import layout as L
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import N_DURING, Layout, a1, col, rng
from ..model import NO_TAIL, PriceRow, block_baselines
from ..style import (
    C_BLOCK_LINE,
    C_ILLUSTRATIVE,
    C_KEY,
    C_NOTE,
    C_TAIL,
    C_WARNING,
    KR,
    KR2,
    PCT,
    UNITS,
    height,
    q,
)

__all__ = ["write"]


def write(ctx: BuildContext) -> None:
    """Write *Konsekvenser*: header, every block, validation, marks and W(k)."""
    s = ctx.sheets[T.KONSEKVENSER]
    f = ctx.fmt
    lay = ctx.lay
    k_len = ctx.lay.cons_years
    pc = lay.cons_price_col
    # the service's name in bold: wide enough for the longest service (40 cut some off)
    longest = max((len(sv.label) for sv in ctx.bkb.services), default=0)
    label_width = max(40, min(80, round(1.1 * longest) + 2))
    for c, w in enumerate((5, label_width, 10, 28, 9, 14, 6, 16)):
        s.ws.set_column(c, c, w)
    s.ws.set_column(L.K_TAIL, L.K_TAIL_RATE, 10)
    # the tail's reason: hidden until the + above the columns is clicked
    s.ws.set_column(L.K_TAIL_REASON, L.K_TAIL_REASON, 40, f.wrap(), {"level": 1, "hidden": True})
    s.ws.set_column(L.K_BASE, L.K_WITH, 15, None, {"collapsed": True})
    s.ws.set_column(lay.cons_during_col, lay.cons_during_col + N_DURING - 1, 11)
    s.ws.set_column(lay.cons_profile_col, lay.cons_profile_col + k_len - 1, 10)
    s.ws.set_column(pc, pc + 3, 12)
    s.ws.set_column(pc + 4, pc + 6, 12, f(font_color=C_NOTE))
    s.text(0, 1, T.CONS_TITLE, f.title())
    # the texts span B-H (width 123, about 135 characters a line), inside the first printed
    # page's width
    s.merged(1, 1, 7, T.CONS_INTRO, f.wrap(), height(len(T.CONS_INTRO), 135))
    s.merged(2, 1, 7, T.CONS_HOWTO, f.wrap(), height(len(T.CONS_HOWTO), 135))
    warning = f.wrap(bold=True, font_color=C_WARNING)
    s.merged(3, 1, 7, T.CONS_WARNING, warning, height(len(T.CONS_WARNING), 120))
    h = lay.cons_header_row
    headers = [
        *T.CONS_COLS,
        *T.CONS_TAIL_COLS,
        *T.CONS_BASE_COLS,
        *(f"{T.CONS_DURING}{n + 1}" for n in range(N_DURING)),
        *(f"{T.CONS_YEAR}{k + 1}" for k in range(k_len)),
        *T.CONS_PRICE_COLS,
    ]
    for c, label in enumerate(headers):
        s.text(h, c, label, f.header())
    s.ws.set_row(h, 45)  # three lines: 'Udgangsforbrug (uden succes)' in a narrow column
    for i in range(lay.cons_blocks):
        _block(ctx, s, i)
    _validation(ctx, s)
    _gain_per_success(ctx, s)
    s.note(h, L.K_TAIL, T.NOTES["hale"])
    s.note(h, L.K_BASE, T.NOTES["udgangsforbrug"])
    s.note(h, L.K_WITH, T.NOTES["med_succes"])
    for c in range(pc + 8, pc + 8 + len(BASE_HELPERS)):
        s.ws.set_column(c, c, 6, None, {"hidden": True})
    s.note(h, lay.cons_profile_col + ctx.bkb.profile_len, T.NOTES["forlaenget"])
    s.ws.freeze_panes(h + 1, 2)


def _block(ctx: BuildContext, s: Sheet, i: int) -> None:
    """Consequence block i: its first row, then own values and the values used."""
    lay = ctx.lay
    r = lay.cons_block_row(i)
    row = ctx.v.cons[i]
    pr = ctx.v.prices[row.price_row] if row.price_row >= 0 else None
    top = ctx.fmt.block_top(align="center", valign="top")
    s.number(r, L.K_NR, i + 1, top)
    if i >= lay.counts.max_cons:
        oc = ctx.inp.own_cons[i - lay.counts.max_cons]
        _own_head(ctx, s, i)
        on = oc.on if oc else True
    else:
        _kb_head(ctx, s, i, pr)
        on = ctx.inp.switches[i]
    _lookups(ctx, s, r, pr)
    _status(ctx, s, i)
    s.value(r, L.K_ON, T.JA if on else T.NEJ, ctx.fmt.input(align="center"))
    _prices(ctx, s, i)
    _profile_rows(ctx, s, i)
    _baseline(ctx, s, i)


def _own_head(ctx: BuildContext, s: Sheet, i: int) -> None:
    """An own consequence: the service is chosen from the Priser names."""
    f = ctx.fmt
    lay = ctx.lay
    pc = lay.cons_price_col
    r = lay.cons_block_row(i)
    oc = ctx.inp.own_cons[i - lay.counts.max_cons]
    row = ctx.v.cons[i]
    prow = a1(r, pc + 6)
    s.value(r, L.K_LABEL, oc.service if oc else None, f.input(top=1, top_color=C_BLOCK_LINE))
    s.field_cell(r, L.K_LABEL, "consequences[].service", source="=priser.navn")
    s.formula(
        r,
        pc + 6,
        f'=IF({a1(r, L.K_LABEL)}="",0,IFERROR(MATCH({a1(r, L.K_LABEL)},priser.navn,0),0))',
        ctx.price_pos(row.price_row),
    )
    s.formula(r, pc + 4, f'=IF({prow}=0,"",INDEX(priser.id,{prow}))', row.service)
    s.text(r, pc + 5, "")
    s.text(r, L.K_ROW, T.OWN_CONSEQUENCE_KB_ROW, f.block_top(font_color=C_NOTE))
    for c in (L.K_TAIL, L.K_TAIL_RATE, L.K_TAIL_REASON):
        s.text(r, c, "", f.block_top())
    for n in range(N_DURING):
        s.text(r, lay.cons_during_col + n, "", f.block_top())
    for k in range(ctx.lay.cons_years):
        s.text(r, lay.cons_profile_col + k, "", f.block_top())


def _kb_head(ctx: BuildContext, s: Sheet, i: int, pr: PriceRow | None) -> None:
    """A knowledge-base consequence: found by its key, its profile looked up on VD."""
    f = ctx.fmt
    lay = ctx.lay
    pc = lay.cons_price_col
    r = lay.cons_block_row(i)
    row = ctx.v.cons[i]
    vdrow, sid, prow = a1(r, pc + 5), a1(r, pc + 4), a1(r, pc + 6)
    s.formula(
        r,
        pc + 5,
        f'=IFERROR(MATCH(som.maalgruppe_id&"|"&{a1(r, L.K_NR)},vd.k_noegle,0),0)',
        ctx.v.vd_rows[i],
    )
    s.formula(r, pc + 4, f'=IF({vdrow}=0,"",INDEX(vd.k_ydelse,{vdrow}))', row.service)
    s.formula(
        r,
        pc + 6,
        f'=IF({sid}="",0,IFERROR(MATCH({sid},priser.id,0),0))',
        ctx.price_pos(row.price_row),
    )
    s.formula(
        r,
        L.K_LABEL,
        f'=IF({prow}=0,"",INDEX(priser.navn,{prow}))',
        pr.label if pr else "",
        f.block_top(bold=True),
    )
    s.text(r, L.K_ROW, T.ROW_KB, f.block_top(font_color=C_NOTE))
    vdrow_abs = f"${col(pc + 5)}{r + 1}"
    kb_fmt = f.block_top(num_format=UNITS, font_color=C_NOTE)
    for k in range(ctx.lay.cons_years):
        kc = lay.cons_profile_col + k
        if k >= ctx.bkb.profile_len:  # no knowledge-base column: the tail decides
            s.text(r, kc, "", kb_fmt)
            continue
        kbp = row.kb_profile
        value: Any = kbp[k] if kbp is not None and pr and k < len(kbp) else ""
        cell = f"INDEX(vd.k_profil,{vdrow_abs},{k + 1})"
        s.formula(r, kc, f'=IF({vdrow_abs}=0,"",IF({cell}="","",{cell}))', value, kb_fmt)
    _kb_tail(ctx, s, i)
    _recommendation(ctx, s, i)
    vd = ctx.v.vd_rows[i]
    during = ctx.bkb.consequences[vd - 1].during if vd > 0 else ()
    for n in range(N_DURING):
        d_value: Any = (during[n] if n < len(during) else 0.0) if vd > 0 and pr else ""
        s.formula(
            r,
            lay.cons_during_col + n,
            f'=IF({vdrow_abs}=0,"",INDEX(vd.k_under,{vdrow_abs},{n + 1}))',
            d_value,
            f.block_top(num_format=UNITS, font_color=C_NOTE),
        )


def _recommendation(ctx: BuildContext, s: Sheet, i: int) -> None:
    """Below the consequence's name: SØM's reason where it does not recommend it."""
    r = ctx.lay.cons_block_row(i)
    vdrow = a1(r, ctx.lay.cons_price_col + 5)
    vd = ctx.v.vd_rows[i]
    c = ctx.bkb.consequences[vd - 1] if vd > 0 else None
    value = ""
    if c is not None and not c.recommended:
        value = T.NOT_RECOMMENDED + (c.recommended_reason or T.NO_REASON)
    reason = f"INDEX(vd.k_anbefaling,{vdrow})"
    s.formula(
        r + 1,
        L.K_LABEL,
        f'=IF({vdrow}=0,"",IF(INDEX(vd.k_anbefalet,{vdrow})={q(T.NEJ)},'
        f'{q(T.NOT_RECOMMENDED)}&IF({reason}="",{q(T.NO_REASON)},{reason}),""))',
        value,
        ctx.fmt(italic=True, font_color=C_WARNING, text_wrap=True),
    )


def _kb_tail(ctx: BuildContext, s: Sheet, i: int) -> None:
    """The knowledge base's tail and decay rate of block i (blank where it names none)."""
    f = ctx.fmt
    r = ctx.lay.cons_block_row(i)
    vdrow = a1(r, ctx.lay.cons_price_col + 5)
    vd = ctx.v.vd_rows[i]
    c = ctx.bkb.consequences[vd - 1] if vd > 0 else None
    kind = T.TAIL_LABELS.get(c.tail, c.tail) if c is not None else ""
    rate: Any = c.tail_rate if c is not None and c.tail_rate is not None else ""
    s.formula(
        r,
        L.K_TAIL,
        f'=IF({vdrow}=0,"",INDEX(vd.k_hale,{vdrow})&"")',
        kind,
        f.block_top(font_color=C_NOTE),
    )
    cell = f"INDEX(vd.k_halerate,{vdrow})"
    s.formula(
        r,
        L.K_TAIL_RATE,
        f'=IF({vdrow}=0,"",IF({cell}="","",{cell}))',
        rate,
        f.block_top(num_format=PCT, font_color=C_NOTE),
    )
    s.formula(
        r,
        L.K_TAIL_REASON,
        f'=IF({vdrow}=0,"",INDEX(vd.k_halebegrundelse,{vdrow})&"")',
        c.tail_reason if c is not None else "",
        f.block_top(font_color=C_NOTE, text_wrap=True),
    )


def _lookups(ctx: BuildContext, s: Sheet, r: int, pr: PriceRow | None) -> None:
    """Unit, budget item and direction of the block's service, from Priser."""
    prow = a1(r, ctx.lay.cons_price_col + 6)
    for c, key in (
        (L.K_UNIT, "enhed"),
        (L.K_ITEM, "post"),
        (L.K_DIR, "retning"),
    ):
        value = ""
        if pr is not None:
            value = {
                "enhed": pr.unit,
                "post": pr.item,
                "retning": DIRECTION_LABELS[pr.direction] if pr.direction else "",
            }[key]
        s.formula(
            r,
            c,
            f'=IF({prow}=0,"",INDEX(priser.{key},{prow})&"")',
            value,
            ctx.fmt.block_top(valign="top"),
        )


def cons_status(ctx: BuildContext, i: int) -> str:
    """Block i's own status as the sheet shows it: the profile's, not the price's.

    A knowledge-base consequence shows its status on VD Konsekvenser, or 'egen' where an
    own value replaces any of its years; an own consequence is 'egen'; an empty block ''.
    """
    row = ctx.v.cons[i]
    if row.price_row < 0:
        return ""
    if i >= ctx.lay.counts.max_cons:
        return T.EGEN
    if ctx.inp.overrides[i] or ctx.inp.during_of(i) or ctx.inp.tail_of(i)[0]:
        return T.EGEN
    vd = ctx.v.vd_rows[i]
    status = ctx.bkb.consequences[vd - 1].status if vd > 0 else ""
    return STATUS_LABELS.get(status, status)


def _status(ctx: BuildContext, s: Sheet, i: int) -> None:
    """The consequence's own status (column F)."""
    lay = ctx.lay
    r = lay.cons_block_row(i)
    prow = a1(r, lay.cons_price_col + 6)
    fmt = ctx.fmt.block_top(valign="top")
    if i >= lay.counts.max_cons:
        formula = f'=IF({prow}=0,"",{q(T.EGEN)})'
    else:
        k0 = lay.cons_profile_col
        own = f"{a1(r + 1, k0)}:{a1(r + 1, k0 + ctx.lay.cons_years - 1)}"
        d0 = lay.cons_during_col
        own_d = f"{a1(r + 1, d0)}:{a1(r + 1, d0 + N_DURING - 1)}"
        vdrow = a1(r, lay.cons_price_col + 5)
        formula = (
            f'=IF(OR({prow}=0,{vdrow}=0),"",'
            f"IF(COUNT({own})+COUNT({own_d})+COUNTA({a1(r + 1, L.K_TAIL)})>0,{q(T.EGEN)},"
            f'INDEX(vd.k_status,{vdrow})&""))'
        )
    s.formula(r, L.K_STATUS, formula, cons_status(ctx, i), fmt)


def _prices(ctx: BuildContext, s: Sheet, i: int) -> None:
    """The applied prices per purse and the gain per unit (sign by direction)."""
    f = ctx.fmt
    pc = ctx.lay.cons_price_col
    r = ctx.lay.cons_block_row(i)
    prow = a1(r, pc + 6)
    for a, key in enumerate(("kommune", "region", "stat")):
        s.formula(
            r,
            pc + a,
            f"=IF({prow}=0,0,INDEX(priser.{key},{prow}))",
            float(ctx.v.cons_prices[i, a]),
            f.block_top(num_format=KR2),
        )
    s.formula(
        r,
        pc + 3,
        f"=IF({a1(r, L.K_DIR)}={q(DIRECTION_LABELS['revenue'])},1,-1)"
        f"*({a1(r, pc)}+{a1(r, pc + 1)}+{a1(r, pc + 2)})",
        float(ctx.v.cons_ug[i]),
        f.block_top(num_format=KR2, bold=True),
    )


def _profile_rows(ctx: BuildContext, s: Sheet, i: int) -> None:
    """The own-values row (inputs) and the values-used row (formulas) of block i."""
    f = ctx.fmt
    lay = ctx.lay
    inp = ctx.inp
    r = lay.cons_block_row(i)
    own = i >= lay.counts.max_cons
    row = ctx.v.cons[i]
    s.text(r + 1, L.K_ROW, T.ROW_OWN, f(font_color=C_NOTE))
    s.text(r + 2, L.K_ROW, T.ROW_USED, f(bold=True))
    own_cons = inp.own_cons[i - lay.counts.max_cons] if own else None
    overrides = own_cons.profile if own_cons is not None else ({} if own else inp.overrides[i])
    label, switch = f"${col(L.K_LABEL)}${r + 1}", f"${col(L.K_ON)}${r + 1}"
    off = f'OR({label}="",{switch}<>{q(T.JA)})'
    kind, rate = _used_tail(ctx, s, i, off)
    for k in range(ctx.lay.cons_years):
        kc = lay.cons_profile_col + k
        s.value(r + 1, kc, overrides.get(k + 1), f.input(UNITS))
        own_value = a1(r + 1, kc)
        prev = a1(r + 2, kc - 1)
        tail = "0" if k == 0 else (
            f"IF({kind}={q(T.TAIL_LABELS['hold'])},{prev},"
            f"IF({kind}={q(T.TAIL_LABELS['decay'])},{prev}*(1-{rate}),0))"
        )  # fmt: skip
        if own or k >= ctx.bkb.profile_len:
            formula = f'=IF({off},0,IF({own_value}<>"",{own_value},{tail}))'
        else:
            kb = a1(r, kc)
            formula = f'=IF({off},0,IF({own_value}<>"",{own_value},IF(ISNUMBER({kb}),{kb},{tail})))'
        s.formula(r + 2, kc, formula, float(row.applied[k]), f(num_format=UNITS, bold=True))
    own_d = own_cons.during if own_cons is not None else ({} if own else inp.during_of(i))
    for n in range(N_DURING):
        dc = lay.cons_during_col + n
        s.value(r + 1, dc, own_d.get(n + 1), f.input(UNITS))
        own_value = a1(r + 1, dc)
        past = f"OR({off},{n + 1}>som.forloebsaar)"
        if own:
            formula = f"=IF({past},0,{own_value})"
        else:
            formula = f'=IF({past},0,IF({own_value}="",N({a1(r, dc)}),{own_value}))'
        s.formula(r + 2, dc, formula, float(row.during[n]), f(num_format=UNITS, bold=True))


def _used_tail(ctx: BuildContext, s: Sheet, i: int, off: str) -> tuple[str, str]:
    """Block i's own tail (inputs) and the tail used: its own where a kind is typed, else the
    knowledge base's, else the setting's. Returns the used kind's and rate's cells."""
    f = ctx.fmt
    inp = ctx.inp
    lay = ctx.lay
    r = lay.cons_block_row(i)
    own_block = i >= lay.counts.max_cons
    if own_block:
        oc = inp.own_cons[i - lay.counts.max_cons]
        own_t = oc.tail if oc is not None else NO_TAIL
    else:
        own_t = inp.tail_of(i)
    s.value(r + 1, L.K_TAIL, own_t[0] or None, f.input())
    s.value(r + 1, L.K_TAIL_RATE, own_t[1], f.input(PCT))
    ok, orate = a1(r + 1, L.K_TAIL), a1(r + 1, L.K_TAIL_RATE)
    kk, krate = a1(r, L.K_TAIL), a1(r, L.K_TAIL_RATE)
    default_rate = 'IF(som.halerate="",0,som.halerate)'
    if own_block:
        kind_f = f'=IF({ok}<>"",{ok},som.hale&"")'
        rate_f = f'=IF({ok}<>"",IF({orate}="",0,{orate}),{default_rate})'
    else:
        kind_f = f'=IF({ok}<>"",{ok},IF({kk}<>"",{kk},som.hale&""))'
        rate_f = f'=IF({ok}<>"",IF({orate}="",0,{orate}),IF({kk}<>"",N({krate}),{default_rate}))'
    vd = 0 if own_block else ctx.v.vd_rows[i]
    c = ctx.bkb.consequences[vd - 1] if vd > 0 else None
    if own_t[0]:
        kind, rate = own_t[0], own_t[1] or 0.0
    elif c is not None and c.tail:
        kind, rate = T.TAIL_LABELS.get(c.tail, c.tail), c.tail_rate or 0.0
    else:
        kind, rate = inp.default_tail[0], inp.default_tail[1] or 0.0
    s.formula(r + 2, L.K_TAIL, kind_f, kind, f(bold=True))
    s.formula(r + 2, L.K_TAIL_RATE, rate_f, float(rate), f(num_format=PCT, bold=True))
    return a1(r + 2, L.K_TAIL, True), a1(r + 2, L.K_TAIL_RATE, True)


def _validation(ctx: BuildContext, s: Sheet) -> None:
    """The on/off switches, the own values, the notes and the conditional marks."""
    f = ctx.fmt
    lay = ctx.lay
    k_first = lay.cons_profile_col
    k_len = ctx.lay.cons_years
    first, last = lay.cons_first, lay.cons_summary_row - 2
    s.validate(first, L.K_ON, last, L.K_ON, "med", {"validate": "list", "source": "=liste.janej"})
    for i in range(lay.cons_blocks):
        r = lay.cons_block_row(i)
        s.field(r + 1, k_first, r + 1, k_first + k_len - 1, "consequences[].profile[]")
        d0 = lay.cons_during_col
        s.field(r + 1, d0, r + 1, d0 + N_DURING - 1, "consequences[].during_course[]")
        s.validate_cell(r + 1, L.K_TAIL, "hale", {"validate": "list", "source": "=liste.haler"})
        s.field_cell(r + 1, L.K_TAIL_RATE, "consequences[].tail.rate")
        s.field_cell(r + 1, L.K_BASE, "baseline.<service>")
        s.ws.conditional_format(
            r + 2,
            k_first,
            r + 2,
            k_first + k_len - 1,
            {
                "type": "formula",
                "criteria": f'=AND(${col(L.K_LABEL)}${r + 1}<>"",{a1(r + 1, k_first)}="",'
                f"NOT(ISNUMBER({a1(r, k_first)})))",
                "format": f(italic=True, font_color=C_TAIL),
            },
        )
    s.note(first, L.K_ON, T.NOTES["med"])
    s.note(lay.cons_header_row, lay.cons_during_col, T.NOTES["under_forloeb"])
    s.note(first + 1, k_first, T.NOTES["egen_vaerdi"])
    s.text(lay.cons_own_header, 0, T.CONS_OWN_HEADER, f.section())
    s.note(lay.cons_block_row(lay.counts.max_cons), L.K_LABEL, T.NOTES["egen_konsekvens"])
    for column, value, fmt in (
        (L.K_STATUS, STATUS_LABELS["illustrative"], f(bg_color=C_ILLUSTRATIVE)),
        (L.K_ON, T.NEJ, f(bg_color="#F4B084", bold=True)),
    ):
        s.ws.conditional_format(
            first,
            column,
            last,
            column,
            {"type": "cell", "criteria": "==", "value": q(value), "format": fmt},
        )


def _gain_term(ctx: BuildContext, i: int, column: int) -> str:
    """Block i's gain per citizen in one column: value × gain per unit, with the optimism
    bias on each purse's flow (§3.14): v × E − og × |v| × Σ|price|."""
    pc = ctx.lay.cons_price_col
    r = ctx.lay.cons_block_row(i)
    v = a1(r + 2, column)
    prices = "+".join(f"ABS(${col(pc + a)}${r + 1})" for a in range(3))
    return f"{v}*${col(pc + 3)}${r + 1}-som.optimisme_gev*ABS({v})*({prices})"


def _gain_per_success(ctx: BuildContext, s: Sheet) -> None:
    """W(k): the gain per successful citizen in the k-th year, summed over the blocks, times
    the drop-off factor; V(l): the gain per participant in course year l."""
    f = ctx.fmt
    lay = ctx.lay
    sr = lay.cons_summary_row
    dr = lay.cons_drop_row
    s.merged(sr, 1, L.K_ROW, T.CONS_SUMMARY, f(bold=True, align="right", top=2))
    s.text(dr, L.K_ROW, T.CONS_DROP_FACTOR, f(font_color=C_NOTE, align="right"))
    for k in range(ctx.lay.cons_years):
        kc = lay.cons_profile_col + k
        s.formula(
            dr,
            kc,
            f"=(1-som.frafald)^{k}" if k else "=1",  # Excel's 0^0 is #NUM! (drop-off 100 %)
            (1.0 - (ctx.inp.drop_off or 0.0)) ** k,
            f(num_format="0.0000", font_color=C_NOTE),
        )
        terms = "+".join(_gain_term(ctx, i, kc) for i in range(lay.cons_blocks))
        s.formula(
            sr,
            kc,
            f"=({terms})*{a1(dr, kc)}",
            float(ctx.v.w[k]),
            f(num_format=KR, bold=True, top=2, bg_color=C_KEY),
        )
    for n in range(N_DURING):
        dc = lay.cons_during_col + n
        terms = "+".join(_gain_term(ctx, i, dc) for i in range(lay.cons_blocks))
        s.formula(
            sr,
            dc,
            f"={terms}",
            float(ctx.v.v_during[n]),
            f(num_format=KR, bold=True, top=2, bg_color=C_KEY),
        )
    s.note(sr, lay.cons_during_col, T.CONS_DURING_SUMMARY)


#: Hidden helper columns right of the guard's (price column + 8 …): whether the block reduces
#: use by more than its baseline (1/0), the warning's text, the largest reduction.
BASE_HELPERS = ("flag", "message", "reduction", "own")


def base_helper(lay: Layout, name: str) -> int:
    """The column of a baseline helper (a key of :data:`BASE_HELPERS`)."""
    return lay.cons_price_col + 8 + BASE_HELPERS.index(name)


def _baseline(ctx: BuildContext, s: Sheet, i: int) -> None:
    """Baseline use (§3.17): the knowledge base's (looked up live for the chosen group and the
    block's service), the own value, the used one (= use without success), use with success
    in year 1, the red marks and the warning's helpers."""
    f = ctx.fmt
    lay = ctx.lay
    pc = lay.cons_price_col
    r = lay.cons_block_row(i)
    row = ctx.v.cons[i]
    sid, own, used = a1(r, pc + 4), a1(r + 1, L.K_BASE), a1(r + 2, L.K_BASE)
    group = ctx.bkb.group_by_label(ctx.inp.target_group)
    kb = {b.key: b.units for b in ctx.bkb.baselines}
    vd_value = kb.get(f"{group.id if group else ''}|{row.service}") if row.service else None
    used_value = block_baselines(ctx.inp, ctx.bkb, ctx.v.cons)[i]
    s.formula(
        r,
        L.K_BASE,
        f'=IF({sid}="","",IFERROR(INDEX(vd.gf_enheder,'
        f'MATCH(som.maalgruppe_id&"|"&{sid},vd.gf_noegle,0)),""))',
        vd_value if vd_value is not None else "",
        f.block_top(num_format=UNITS, font_color=C_NOTE),
    )
    s.text(r, L.K_WITH, "", f.block_top())
    s.value(r + 1, L.K_BASE, ctx.inp.baseline_of(i), f.input(UNITS))
    own_value = ctx.inp.baseline_of(i)
    s.formula(  # the own value on the block's first row, where the ids are
        r,
        base_helper(ctx.lay, "own"),
        f'=IF(ISNUMBER({own}),{own},"")',
        own_value if own_value is not None else "",
        f(num_format="0.00"),
    )
    ids, owns = own_ranges(ctx)
    n_own = f"SUMPRODUCT(({ids}={sid})*ISNUMBER({owns}))"
    s.formula(
        r + 2,
        L.K_BASE,
        f'=IF({own}<>"",{own},IF({sid}="","",'
        f"IF({n_own}>0,SUMIFS({owns},{ids},{sid})/{n_own},{a1(r, L.K_BASE)})))",
        used_value if used_value is not None else "",
        f(num_format=UNITS, bold=True),
    )
    k0 = lay.cons_profile_col
    prof = rng(None, r + 2, k0, r + 2, k0 + lay.cons_years - 1)
    applied = row.applied
    with_value: Any = used_value + applied[0] if used_value is not None else ""
    s.formula(
        r + 2,
        L.K_WITH,
        f'=IF(ISNUMBER({used}),{used}+{a1(r + 2, k0)},"")',
        with_value,
        f(num_format=UNITS, bold=True),
    )
    flag, message, reduction = (base_helper(ctx.lay, n) for n in ("flag", "message", "reduction"))
    low = min(applied)
    hit = used_value is not None and exceeds(low, used_value)
    s.formula(
        r,
        flag,
        f"=IF(ISNUMBER({used}),IF(MIN({prof})<-{used}-{TOLERANCE:.9f},1,0),0)",
        1 if hit else 0,
        f(num_format="0"),
    )
    s.formula(r, reduction, f"=-MIN({prof})", -low, f(num_format="0.00"))
    unit = a1(r, L.K_UNIT)
    text = (
        f'=IF({a1(r, flag)}<>1,"","Konsekvensen for "&{sid}&" reducerer forbruget med "&'
        f'{_danish(a1(r, reduction))}&" "&{unit}&" i år "&MATCH(MIN({prof}),{prof},0)&'
        f'" efter forløbet, mere end udgangsforbruget på "&{_danish(used)}&" "&{unit}&'
        f'" pr. borger pr. år.")'
    )
    s.formula(r, message, text, block_warning(ctx, i))
    red = f(bg_color=C_ILLUSTRATIVE, font_color=C_WARNING, bold=True)
    s.ws.conditional_format(
        r + 2,
        k0,
        r + 2,
        k0 + lay.cons_years - 1,
        {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({a1(r + 2, L.K_BASE, True)}),"
            f"{a1(r + 2, k0)}<-{a1(r + 2, L.K_BASE, True)}-{TOLERANCE:.9f})",
            "format": red,
        },
    )
    for column, criteria in (
        (L.K_WITH, f"=AND(ISNUMBER({a1(r + 2, L.K_WITH)}),{a1(r + 2, L.K_WITH)}<-{TOLERANCE:.9f})"),
        (L.K_BASE, f"={a1(r, flag, True)}=1"),
    ):
        s.ws.conditional_format(
            r + 2, column, r + 2, column, {"type": "formula", "criteria": criteria, "format": red}
        )


def own_ranges(ctx: BuildContext) -> tuple[str, str]:
    """The blocks' service ids and own baselines, row for row (one service, one baseline)."""
    lay = ctx.lay
    first, last = lay.cons_first, lay.cons_block_row(lay.cons_blocks - 1)
    sid, own = lay.cons_price_col + 4, base_helper(ctx.lay, "own")
    return rng(None, first, sid, last, sid), rng(None, first, own, last, own)


def block_warning(ctx: BuildContext, i: int) -> str:
    """Block i's warning as its helper cell shows it ('' where none): the year with the
    largest reduction beyond the baseline, in the resolver's words."""
    row = ctx.v.cons[i]
    base = block_baselines(ctx.inp, ctx.bkb, ctx.v.cons)[i]
    low = min(row.applied)
    if base is None or not exceeds(low, base):
        return ""
    pr = ctx.v.prices[row.price_row] if row.price_row >= 0 else None
    k = row.applied.index(low) + 1
    return reduction_warning(row.service, low, k, base, pr.unit if pr else "")


def _danish(x: str) -> str:
    """An Excel text of the number in cell ``x`` (≥ 0) as Danish writes it, whatever the
    program's locale: thousand dots, a decimal comma, at most two decimals, none needless
    (as :func:`som_xl.inputs.profiles.danish_number`). Only TEXT with digit patterns, which
    every locale reads alike."""
    v = f"ROUND({x},2)"
    i = f"INT({v})"
    groups = f'{i}&""'
    for power in (3, 6, 9):
        head = f"INT({i}/{10**power})"
        tail = '&"."&'.join(
            f'TEXT({_mod1000(f"INT({i}/{10**p})" if p else i)},"000")'
            for p in range(power - 3, -1, -3)
        )
        groups = f'IF({i}>={10**power},{head}&"."&{tail},{groups})'
    cents = f"ROUND(({v}-{i})*100,0)"
    tenth = f"{cents}-INT({cents}/10)*10"
    decimals = f'IF({cents}=0,"",","&IF({tenth}=0,{cents}/10,TEXT({cents},"00")))'
    return f"({groups}&{decimals})"


def _mod1000(x: str) -> str:
    """x mod 1000 for a whole x ≥ 0, without MOD."""
    return f"({x}-INT({x}/1000)*1000)"
