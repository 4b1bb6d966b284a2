"""*Kontrol*: the workbook checks its own inputs and structure, live.

Excel's data validation stops typing but not paste, fill or a deleted row. Every input is
therefore also checked by a formula: one row per check on the sheet *Kontrol* (where, what,
OK or Fejl, and a Danish message naming the sheet and cell). Per-row checks of the long
input tables (participants, cost rows, prices, consequence blocks, committees) sit in
hidden helper columns beside them; one check row reports the first row that fails.

``som.inputfejl`` counts the failing checks that are causes, not consequences (user trial: one
typo showed as "3 fejl"). A check may follow others (:attr:`Check.follows`): the year tables
(participants, cost rows, Omkostningsvurdering, Opfølgning) follow *Startår* and *Tidshorisont*
(their years are computed from them), and the error-value checks follow every check above
them (an error value is the symptom of whatever input produced it). Where such a check fails
while one it follows fails, its status is *Følgefejl*, its message names the first failing
check it follows, and it is not counted (nor listed on *Resultat* or by ``som-xl read``): the
count is the number of distinct causes. While it is above 0, *Resultat* lists the
first problems at its top, its headline figures (``som.nettoresultat``,
``som.nettoresultat_nv``, the break-even figures, ``som.bcr``) show a short Danish text
instead of a number, its tables are blank and the charts have no data.

Structure is checked the same way: anchor cells whose row and column must be where the
layout put them (a deleted or inserted row or column moves them or turns them into #REF!),
the size of the participants range (a deleted participant row would drop a year), and
that no cell of the calculation holds an error (a #REF! anywhere shows up in the sums).
Every check is wrapped in IFERROR, so an error is a failing check, never a silent pass.

Only functions that Excel 2010, LibreOffice and Gnumeric compute alike are used
(IF, AND, OR, ISNUMBER, MATCH, INDEX, SUM, COUNT, COUNTA, COUNTIF, SUMPRODUCT of
comparisons, ROW, COLUMN, ROWS, INT).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...inputs import fields as F
from .. import layout as L
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import N_COMMITTEES, N_OWN_SERVICES, YEARS, a1, col, ref, rng
from ..style import C_NOTE as C_FOLLOWS
from ..style import C_WARNING, q
from .consequences import base_helper, block_warning, own_ranges
from .settings import METHOD_FIELDS

__all__ = ["GUARD", "write"]

#: The condition under which results are withheld.
GUARD = "som.inputfejl>0"

#: Hidden helper columns (one flag per input row: 1 = a problem in that row).
HELP_INDSATS = 10  # K
HELP_UDVALG = 11  # L


def help_costs(lay: L.Layout) -> int:
    """Omkostninger: the helper column right of the year columns (after a blank one)."""
    return lay.cost_year_col + YEARS + 1


def help_prices() -> int:
    """Priser: the helper column right of the notes."""
    return L.P_NOTE + 1


def help_cons(lay: L.Layout) -> int:
    """Konsekvenser: the helper column right of the id, VD-row and price-row columns."""
    return lay.cons_price_col + 7


@dataclass(frozen=True)
class Check:
    """One check: where (a text or an Excel text expression), what, condition, message."""

    place: str  # Excel text expression, e.g. '"Indstillinger!C5"'
    what: str
    ok: str  # Excel condition, TRUE when the input is fine
    message: str  # Danish message (constant)
    shown: str = ""  # the place shown while the check passes ("" : the place itself)
    #: the checks it follows: "" none, "years" Startår and Tidshorisont (the first two
    #: checks), "above" every check above it (a failure there is its cause)
    follows: str = ""


def _field_ok(key: str, cell: str) -> str:
    """The field table's condition for a cell (bounds, whole numbers) without '='."""
    return str(F.excel_validation(key, cell=cell)["value"])[1:]


def _error(key: str) -> str:
    return str(F.excel_validation(key)["error_message"])


def _at(sheet: str, row: int, column: int) -> str:
    """A place as an Excel text: "Sheet!C5"."""
    return q(f"{sheet}!{a1(row, column)}")


def _first(sheet: str, column: int, first_row: int, flags: str) -> str:
    """The place of the first flagged row: "Sheet!C" & row (#N/A while none is flagged)."""
    return f"{q(f'{sheet}!{col(column)}')}&({first_row + 1}+MATCH(1,{flags},0)-1)"


def _span(sheet: str, column: int, r1: int, r2: int) -> str:
    """A column's rows as a place: Sheet!C30:C79."""
    return f"{sheet}!{a1(r1, column)}:{a1(r2, column)}"


def _checks(ctx: BuildContext) -> list[Check]:
    lay = ctx.lay
    out: list[Check] = []
    st = lay.settings_rows
    sc = lay.settings_col

    def setting(key: str) -> str:
        return ref(T.INDSTILLINGER, st[key], sc)

    for key, field_key in (
        ("startaar", "start_year"),
        ("horisont", "horizon_years"),
        ("forloebsaar", "course_years"),
    ):
        cell = setting(key)
        out.append(
            Check(
                _at(T.INDSTILLINGER, st[key], sc),
                F.field(field_key).label,
                _field_ok(field_key, cell),
                _error(field_key),
            )
        )
    py = setting("prisaar")
    out.append(
        Check(
            _at(T.INDSTILLINGER, st["prisaar"], sc),
            F.field("price_year").label,
            f"AND(ISNUMBER({py}),ISNUMBER(MATCH({py},vd.indeks_aar,0)))",
            _error("price_year"),
        )
    )
    disc = setting("diskontering")
    out.append(
        Check(
            _at(T.INDSTILLINGER, st["diskontering"], sc),
            T.CHECK_DISCOUNT,
            f"OR({disc}={q(T.FAST_RENTE)},ISNUMBER(MATCH({disc},vd.rente_navne,0)))",
            T.CHECK_DISCOUNT_MSG,
        )
    )
    rate = setting("diskonteringsrente")
    out.append(
        Check(
            _at(T.INDSTILLINGER, st["diskonteringsrente"], sc),
            F.field("discount_rate").label,
            f"OR({disc}<>{q(T.FAST_RENTE)},{_field_ok('discount_rate', rate)})",
            _error("discount_rate"),
        )
    )
    out += _method_settings(lay)
    out.append(
        Check(
            _at(T.INDSATS, lay.group_row, lay.value_col),
            T.CHECK_GROUP,
            "ISNUMBER(MATCH(som.maalgruppe,vd.mg_navn,0))",
            T.CHECK_GROUP_MSG,
        )
    )
    sr = ref(T.INDSATS, lay.success_row, lay.value_col)
    out.append(
        Check(
            _at(T.INDSATS, lay.success_row, lay.value_col),
            F.field("success_rate").label,
            _field_ok("success_rate", sr),
            T.CHECK_SUCCESS_MSG,
        )
    )
    flags = rng(T.INDSATS, lay.part_first, HELP_INDSATS, lay.part_last, HELP_INDSATS)
    out.append(
        Check(
            _first(T.INDSATS, lay.part_col, lay.part_first, flags),
            T.CHECK_PARTICIPANTS,
            f"SUM({flags})=0",
            _error("participants.<year>"),
            _span(T.INDSATS, lay.part_col, lay.part_first, lay.part_last),
            follows="years",
        )
    )
    out.append(
        Check(
            q(f"{T.INDSATS}!{a1(lay.part_first, lay.part_col)}:{a1(lay.part_last, lay.part_col)}"),
            T.CHECK_PARTICIPANT_ROWS,
            f"ROWS(som.deltagere)={YEARS}",
            T.CHECK_STRUCTURE_MSG,
        )
    )
    hc = help_costs(lay)
    for n, r in enumerate([*lay.ycost_rows, *lay.pcost_rows]):
        flag = ref(T.OMKOSTNINGER, r, hc)
        label = T.CHECK_COST_ROW.format(n=n + 1 if n < L.N_YEAR_COSTS else n + 1 - L.N_YEAR_COSTS)
        what = (
            label if n < L.N_YEAR_COSTS else label.replace(T.CHECK_COST_YEARLY, T.CHECK_COST_PART)
        )
        out.append(
            Check(
                _at(T.OMKOSTNINGER, r, L.C_LABEL), what, f"{flag}=0", T.CHECK_COST_MSG,
                follows="years",
            )
        )  # fmt: skip
    pflags = rng(T.PRISER, lay.price_first, help_prices(), lay.price_last, help_prices())
    out.append(
        Check(
            _first(T.PRISER, L.P_LOCAL, lay.price_first, pflags),
            T.CHECK_PRICES,
            f"SUM({pflags})=0",
            T.CHECK_PRICES_MSG,
            _span(T.PRISER, L.P_LOCAL, lay.price_first, lay.price_last),
        )
    )
    k1 = lay.cons_first
    k2 = lay.cons_block_row(lay.cons_blocks - 1) + 2
    kflags = rng(T.KONSEKVENSER, k1, help_cons(lay), k2, help_cons(lay))
    out.append(
        Check(
            _first(T.KONSEKVENSER, L.K_ON, k1, kflags),
            T.CHECK_CONS,
            f"SUM({kflags})=0",
            T.CHECK_CONS_MSG,
            _span(T.KONSEKVENSER, L.K_ON, k1, k2),
        )
    )
    m1 = lay.udv_map_first
    m2 = m1 + lay.counts.budget_items - 1
    c1 = lay.udv_com_first
    uflags = rng(T.UDVALG, c1, HELP_UDVALG, m2, HELP_UDVALG)
    out.append(
        Check(
            _first(T.UDVALG, 1, c1, uflags),
            T.CHECK_COMMITTEES,
            f"SUM({uflags})=0",
            T.CHECK_COMMITTEES_MSG,
            _span(T.UDVALG, 1, c1, m2),
        )
    )
    out += _new_sheet_checks(lay)
    out.append(_variant_check())
    by = ref(T.UDVALG, lay.udv_budget_year_row, 2)
    out.append(
        Check(
            _at(T.UDVALG, lay.udv_budget_year_row, 2),
            T.UDVALG_BUDGET_YEAR,
            f'OR({by}="",{_field_ok("start_year", by)})',
            _error("start_year"),
        )
    )
    out += _structure(ctx)
    return out


def share_between(key: str) -> str:
    """A share field's bounds in Danish percent: 'fra 0 % til 100 %', 'over 0 % og højst …'.

    >>> share_between("drop_off"), share_between("consequence_tail.rate")
    ('fra 0 % til 100 %', 'over 0 % og højst 100 %')
    """
    f = F.field(key)
    lo, hi = f"{(f.lo or 0) * 100:g} %", f"{(f.hi or 0) * 100:g} %"
    return f"over {lo} og højst {hi}" if f.lo_open else f"fra {lo} til {hi}"


def _method_settings(lay: L.Layout) -> list[Check]:
    """The default tail and the shares of som-method §3.11–3.14 by the field table's bounds
    (blank is allowed: the setting is then not used)."""
    st, sc = lay.settings_rows, lay.settings_col
    kind = ref(T.INDSTILLINGER, st["hale"], sc)
    kinds = ",".join(f"{kind}={q(label)}" for label in T.TAIL_LABELS.values())
    out = [
        Check(
            _at(T.INDSTILLINGER, st["hale"], sc),
            T.SETTINGS_INPUTS["hale"][0],
            f'OR({kind}="",{kinds})',
            T.CHECK_TAIL_MSG,
        )
    ]
    for key, field_key in METHOD_FIELDS.items():
        cell = ref(T.INDSTILLINGER, st[key], sc)
        label = T.SETTINGS_INPUTS[key][0]
        ok = f'OR({cell}="",{_field_ok(field_key, cell)})'
        message = T.CHECK_SHARE_MSG.format(label=label, between=share_between(field_key))
        if key == "doedvaegt":  # the rate without may not exceed the rate with (§3.13)
            rate = ref(T.INDSATS, lay.success_row, lay.value_col)
            at_most = f"IF(ISNUMBER({rate}),{rate},1)"  # a wrong rate is its own check
            ok = f'OR({cell}="",AND({_field_ok(field_key, cell)},{cell}<={at_most}))'
            message += T.CHECK_WITHOUT_MSG
        out.append(Check(_at(T.INDSTILLINGER, st[key], sc), label, ok, message))
    return out


def _structure(ctx: BuildContext) -> list[Check]:
    """Anchor cells where the layout put them, and no error in any sheet's cells."""
    lay = ctx.lay
    anchors = [
        (T.INDSTILLINGER, lay.settings_rows["forloebsaar"], lay.settings_col),
        (T.INDSATS, lay.part_total_row, lay.part_col),
        (T.OMKOSTNINGER, lay.ycost_rows[-1], lay.cost_year_col + YEARS - 1),
        (T.OMKOSTNINGER, lay.pcost_rows[-1], L.C_PART_TOTAL),
        (T.PRISER, lay.price_last, L.P_NOTE),
        (T.KONSEKVENSER, lay.cons_summary_row, lay.cons_profile_col + ctx.lay.cons_years - 1),
        (T.UDVALG, lay.udv_map_first + lay.counts.budget_items - 1, 2),
        (T.BEREGNING, lay.calc_com("flag", N_COMMITTEES - 1), lay.calc_pv_col),
    ]
    out: list[Check] = []
    for sheet, r, c in anchors:
        cell = ref(sheet, r, c)
        out.append(
            Check(
                q(sheet),
                T.CHECK_LAYOUT,
                f"AND(ROW({cell})={r + 1},COLUMN({cell})={c + 1})",
                T.CHECK_STRUCTURE_MSG,
            )
        )
    areas = [
        (T.INDSTILLINGER, max(lay.settings_rows.values()), 4),
        (T.INDSATS, lay.part_total_row, 8),
        (T.OMKOSTNINGER, lay.pcost_rows[-1], lay.cost_year_col + YEARS),
        (T.PRISER, lay.price_last, L.P_NOTE),
        (T.KONSEKVENSER, lay.cons_summary_row, lay.cons_price_col + 6),
        (T.BEREGNING, lay.calc_com("flag", N_COMMITTEES - 1), lay.last_year_col),
    ]
    for sheet, r, c in areas:
        area = rng(sheet, 0, 0, r, c)
        out.append(
            Check(
                q(sheet), T.CHECK_ERRORS, f"ISNUMBER(SUM({area}))", T.CHECK_ERRORS_MSG,
                follows="above",
            )
        )  # fmt: skip
    return out


def write(ctx: BuildContext) -> None:
    """Write the helper columns on the input sheets, then the sheet *Kontrol*."""
    _participant_flags(ctx)
    _cost_flags(ctx)
    _price_flags(ctx)
    _cons_flags(ctx)
    _committee_flags(ctx)
    _resource_flags(ctx)
    _realised_flags(ctx)
    _sheet(ctx, _checks(ctx))


def help_ov(lay: L.Layout) -> int:
    """Omkostningsvurdering: the helper column right of the year columns."""
    return lay.ov_year_col + YEARS


#: Opfølgning: the helper column right of the plan's helper columns.
HELP_OPF = L.OPF_PLAN_FLAG + 1


def _new_sheet_checks(lay: L.Layout) -> list[Check]:
    """One check each for Omkostningsvurdering's rows and Opfølgning's years."""
    out = []
    for sheet, column, first, last, flag_col, what, message in (
        (T.OMKOSTNINGSVURDERING, L.OV_LABEL, lay.ov_first, lay.ov_rows[-1], help_ov(lay),
         T.CHECK_OV, T.CHECK_OV_MSG),
        (T.OPFOELGNING, L.OPF_PART, lay.opf_first, lay.opf_last, HELP_OPF, T.CHECK_OPF,
         T.CHECK_OPF_MSG),
    ):  # fmt: skip
        flags = rng(sheet, first, flag_col, last, flag_col)
        out.append(
            Check(
                _first(sheet, column, first, flags),
                what,
                f"SUM({flags})=0",
                message,
                _span(sheet, column, first, last),
                follows="years",  # their years and the horizon come from the settings
            )
        )
    return out


def _variant_check() -> Check:
    """Varianter: each row's name and net success rate (flags written by its sheet)."""
    from . import varianter as V

    first, last = L.VAR_FIRST, L.VAR_FIRST + L.N_VARIANTS - 1
    flags = rng(T.VARIANTER, first, V.FLAG_COL, last, V.FLAG_COL)
    return Check(
        _first(T.VARIANTER, L.VAR_NAME, first, flags),
        V.CHECK_WHAT,
        f"SUM({flags})=0",
        V.CHECK_MSG,
        _span(T.VARIANTER, L.VAR_NAME, first, last),
    )


def _resource_flags(ctx: BuildContext) -> None:
    """Omkostningsvurdering: each row's choices, wage, overhead and quantities."""
    lay = ctx.lay
    s = ctx.sheets[T.OMKOSTNINGSVURDERING]
    y0 = lay.ov_year_col
    years = rng(None, lay.ov_header, y0, lay.ov_header, y0 + YEARS - 1)
    for r in lay.ov_rows:
        form, purse = a1(r, L.OV_FORM), a1(r, L.OV_PURSE)
        item, year = a1(r, L.OV_ITEM), a1(r, L.OV_YEAR)
        wage, over = a1(r, L.OV_WAGE), a1(r, L.OV_OVERHEAD)
        qty = rng(None, r, y0, r, y0 + YEARS - 1)
        terms = [
            f'OR({form}="",{form}={q(T.FORM_FTE)},{form}={q(T.FORM_HOURS)})',
            f'OR({purse}="",ISNUMBER(MATCH({purse},liste.aktoerer,0)))',
            f'OR({item}="",ISNUMBER(MATCH({item},liste.poster,0)))',
            f'OR({year}="",ISNUMBER(MATCH({year},vd.indeks_aar,0)))',
            f'OR({wage}="",AND(ISNUMBER({wage}),{wage}>=0))',
            f'OR({over}="",AND(ISNUMBER({over}),{over}>=0,{over}<=1))',
            f"COUNTA({qty})=COUNT({qty})",
            f'COUNTIF({qty},"<0")=0',
            f"SUMPRODUCT(({qty}<>0)*({years}>som.slutaar))=0",
            f"OR(COUNT({qty})=0,ISNUMBER({wage}))",
        ]
        _flag(s, r, help_ov(lay), f"AND({','.join(terms)})")
    _hide(s, help_ov(lay))


def _realised_flags(ctx: BuildContext) -> None:
    """Opfølgning: each year's realised figures by the field table, inside the horizon."""
    lay = ctx.lay
    s = ctx.sheets[T.OPFOELGNING]
    for t in range(YEARS):
        r = lay.opf_first + t
        part, succ, costs = (a1(r, c) for c in (L.OPF_PART, L.OPF_SUCC, L.OPF_COSTS))
        given = rng(None, r, L.OPF_PART, r, L.OPF_COSTS)
        terms = [
            f'OR({part}="",{_field_ok("participants.<year>", part)})',
            f'OR({succ}="",{_field_ok("participants.<year>", succ)})',
            f'OR({costs}="",{_field_ok("costs[].amount", costs)})',
            f"COUNTA({given})=COUNT({given})",
            f"OR(COUNT({given})=0,{a1(r, L.OPF_IN_H)}=1)",
        ]
        _flag(s, r, HELP_OPF, f"AND({','.join(terms)})")
    _hide(s, HELP_OPF)


def _flag(s: Sheet, row: int, column: int, ok: str) -> None:
    """A helper cell: 0 where ``ok`` holds, 1 where it does not or gives an error."""
    s.formula(row, column, f"=IFERROR(IF({ok},0,1),1)", 0, s.fmt(num_format="0"))


def _hide(s: Sheet, column: int) -> None:
    s.ws.set_column(column, column, 6, None, {"hidden": True})


def _participant_flags(ctx: BuildContext) -> None:
    lay = ctx.lay
    s = ctx.sheets[T.INDSATS]
    for t in range(YEARS):
        r = lay.part_first + t
        cell, year = a1(r, lay.part_col), a1(r, lay.part_year_col)
        rule = _field_ok("participants.<year>", cell)
        _flag(s, r, HELP_INDSATS, f'OR({cell}="",AND({rule},OR({cell}=0,{year}<=som.slutaar)))')
    _hide(s, HELP_INDSATS)


def _cost_flags(ctx: BuildContext) -> None:
    lay = ctx.lay
    s = ctx.sheets[T.OMKOSTNINGER]
    hc = help_costs(lay)
    y0 = lay.cost_year_col
    head = lay.ycost_first - 1
    for n, r in enumerate([*lay.ycost_rows, *lay.pcost_rows]):
        kind, purse = a1(r, L.C_KIND), a1(r, L.C_PURSE)
        item, year = a1(r, L.C_ITEM), a1(r, L.C_YEAR)
        terms = [
            f'OR({kind}="",ISNUMBER(MATCH({kind},liste.art,0)))',
            f'OR({purse}="",ISNUMBER(MATCH({purse},liste.aktoerer,0)))',
            f'OR({item}="",ISNUMBER(MATCH({item},liste.poster,0)))',
            f'OR({year}="",ISNUMBER(MATCH({year},vd.indeks_aar,0)))',
        ]
        if n < L.N_YEAR_COSTS:
            amounts = rng(None, r, y0, r, y0 + YEARS - 1)
            years = rng(None, head, y0, head, y0 + YEARS - 1)
            big = F.MAX_AMOUNT
            terms += [
                f"COUNTA({amounts})=COUNT({amounts})",
                f'COUNTIF({amounts},">{big:.0f}")+COUNTIF({amounts},"<-{big:.0f}")=0',
                f"SUMPRODUCT(({amounts}<>0)*({years}>som.slutaar))=0",
                f'OR({kind}<>{q(T.ART_SPARET)},COUNTIF({amounts},"<0")=0)',
            ]
        else:
            amount = a1(r, lay.cost_amount_col)
            rule = _field_ok("costs[].amount", amount)
            terms += [
                f'OR({amount}="",{rule})',
                f"OR({kind}<>{q(T.ART_SPARET)},{amount}>=0)",
            ]
        _flag(s, r, hc, f"AND({','.join(terms)})")
    _hide(s, hc)


def _price_flags(ctx: BuildContext) -> None:
    lay = ctx.lay
    s = ctx.sheets[T.PRISER]
    hc = help_prices()
    rows = [lay.price_row(i) for i in range(lay.counts.services + N_OWN_SERVICES)]
    for r in range(lay.price_first, lay.price_last + 1):
        if r not in rows:
            s.text(r, hc, "")
            continue
        terms = []
        for a in range(3):
            cell = a1(r, L.P_LOCAL + a)
            terms.append(f'OR({cell}="",{_field_ok("services[].prices.<purse>", cell)})')
        year = a1(r, L.P_LOCAL_YEAR)
        terms.append(f'OR({year}="",ISNUMBER(MATCH({year},vd.indeks_aar,0)))')
        _flag(s, r, hc, f"AND({','.join(terms)})")
    _hide(s, hc)


def _cons_flags(ctx: BuildContext) -> None:
    lay = ctx.lay
    s = ctx.sheets[T.KONSEKVENSER]
    hc = help_cons(lay)
    k0 = lay.cons_during_col  # the during-course values, then the profile
    k1 = lay.cons_profile_col + ctx.lay.cons_years - 1
    big = F.MAX_UNITS
    ids, owns = own_ranges(ctx)
    for i in range(lay.cons_blocks):
        r = lay.cons_block_row(i)
        on = a1(r, L.K_ON)
        own = rng(None, r + 1, k0, r + 1, k1)
        _flag(s, r, hc, f"OR({on}={q(T.JA)},{on}={q(T.NEJ)})")
        kind, rate = a1(r + 1, L.K_TAIL), a1(r + 1, L.K_TAIL_RATE)
        kinds = ",".join(f"{kind}={q(label)}" for label in T.TAIL_LABELS.values())
        base, sid = a1(r + 1, L.K_BASE), a1(r, lay.cons_price_col + 4)
        others = (  # one service, one own baseline (§3.17)
            f"SUMPRODUCT(({ids}={sid})*ISNUMBER({owns})*({owns}<>{base}))=0"
        )
        ok = (
            f"AND(COUNTA({own})=COUNT({own}),"
            f'COUNTIF({own},">{big:.0f}")+COUNTIF({own},"<-{big:.0f}")=0,'
            f'OR({kind}="",{kinds}),'
            f'OR({rate}="",{_field_ok("consequences[].tail.rate", rate)}),'
            f'OR({base}="",AND({_field_ok("baseline.<service>", base)},'
            f'OR({sid}="",{others}))))'
        )
        _flag(s, r + 1, hc, ok)
        s.text(r + 2, hc, "")
    for c in range(lay.cons_price_col + 4, hc + 1):
        _hide(s, c)


def _committee_flags(ctx: BuildContext) -> None:
    lay = ctx.lay
    s = ctx.sheets[T.UDVALG]
    for c in range(N_COMMITTEES):
        r = lay.udv_com_first + c
        name = a1(r, 1)
        _flag(s, r, HELP_UDVALG, f'OR({name}="",COUNTIF(udvalg.navne,{name})=1)')
    for r in range(lay.udv_com_first + N_COMMITTEES, lay.udv_map_first):
        s.text(r, HELP_UDVALG, "")
    for b in range(lay.counts.budget_items):
        r = lay.udv_map_first + b
        cell = a1(r, 2)
        _flag(s, r, HELP_UDVALG, f'OR({cell}="",ISNUMBER(MATCH({cell},udvalg.navne,0)))')
    _hide(s, HELP_UDVALG)


#: Kontrol's hidden columns: counted (1 = a cause), running count, failing (1 = fails).
COUNTED, RUNNING, FAILS = 5, 6, 7


def _sheet(ctx: BuildContext, checks: list[Check]) -> None:
    """Kontrol: one row per check; the count of causes is ``som.inputfejl``."""
    s = ctx.sheets[T.KONTROL]
    f = ctx.fmt
    s.widths((0, 0, 5), (1, 1, 34), (2, 2, 36), (3, 3, 11), (4, 4, 90), (5, 7, 6))
    s.text(0, 1, T.KONTROL_TITLE, f.title())
    s.ws.set_row(0, 24)
    s.merged(1, 1, 4, T.KONTROL_INTRO, f.wrap(), 60)
    first = 5
    last = first + len(checks) - 1
    flags = rng(None, first, COUNTED, last, COUNTED)
    s.text(3, 1, T.KONTROL_COUNT, f(bold=True))
    s.formula(3, 2, f"=SUM({flags})", 0, f(num_format="0", bold=True, align="left"))
    ctx.name("som.inputfejl", T.KONTROL, 3, 2)
    for c, label in enumerate(T.KONTROL_COLS):
        s.text(first - 1, c, label, f.header())
    ok, bad, follows = q(T.CHECK_OK), q(T.CHECK_BAD), q(T.CHECK_FOLLOWS)
    before, after = (q(x) for x in T.CHECK_FOLLOWS_MSG.split("{cause}"))
    years = (first, first + 1)  # Startår and Tidshorisont, the first two checks
    heads = [F.field(k).label for k in ("start_year", "horizon_years")]
    assert [c.what for c in checks[:2]] == heads, "Startår and Tidshorisont come first"
    for n, chk in enumerate(checks):
        r = first + n
        s.number(r, 0, n + 1)
        shown = _cached_place(chk)
        s.formula(r, 1, f"=IFERROR({chk.place},{q(shown)})", shown)
        s.text(r, 2, chk.what)
        fails = a1(r, FAILS)
        s.formula(r, FAILS, f"=IFERROR(IF({chk.ok},0,1),1)", 0)
        causes = {"years": years, "above": (first, r - 1)}.get(chk.follows)
        if causes is None or causes[1] < causes[0]:
            status = f"=IF({fails}=0,{ok},{bad})"
            message = f'=IF({a1(r, 3)}={ok},"",{a1(r, 1)}&": "&{q(chk.message)})'
        else:
            c_fails = rng(None, causes[0], FAILS, causes[1], FAILS, absolute=True)
            c_places = rng(None, causes[0], 1, causes[1], 1, absolute=True)
            cause = f"INDEX({c_places},MATCH(1,{c_fails},0))"
            status = f"=IF({fails}=0,{ok},IF(SUM({c_fails})>0,{follows},{bad}))"
            message = (
                f'=IF({a1(r, 3)}={ok},"",{a1(r, 1)}&": "&IF({a1(r, 3)}={follows},'
                f"{before}&{cause}&{after},{q(chk.message)}))"
            )
        s.formula(r, 3, status, T.CHECK_OK)
        s.formula(r, 4, message, "")
        s.formula(r, COUNTED, f"=IF({a1(r, 3)}={bad},1,0)", 0)
        s.formula(r, RUNNING, f"=SUM($F${first + 1}:F{r + 1})", 0)
    ctx.name("kontrol.besked", T.KONTROL, first, 4, last, 4)
    ctx.name("kontrol.loebende", T.KONTROL, first, RUNNING, last, RUNNING)
    s.ws.set_column(COUNTED, FAILS, 6, None, {"hidden": True})
    for value, look in ((bad, f(bold=True, font_color=C_WARNING)),
                        (follows, f(italic=True, font_color=C_FOLLOWS))):  # fmt: skip
        s.ws.conditional_format(
            first, 3, last, 3, {"type": "cell", "criteria": "==", "value": value, "format": look}
        )
    _warnings(ctx, s, last + 2)
    s.ws.freeze_panes(first, 0)
    s.ws.repeat_rows(first - 1)


def _warnings(ctx: BuildContext, s: Sheet, header: int) -> None:
    """Kontrol's warnings below the checks: one row per consequence block whose reduction
    exceeds its baseline use (§3.17), with the resolver's wording. They do not count as
    input errors (the result is shown); ``som.advarsler`` counts them, Resultat lists them
    after the errors."""
    warned = [block_warning(ctx, i) for i in range(ctx.lay.cons_blocks)]
    f = ctx.fmt
    lay = ctx.lay
    s.text(header, 1, T.KONTROL_WARN_HEADER, f.section())
    first = header + 2
    last = first + lay.cons_blocks - 1
    flags = rng(None, first, 5, last, 5)
    s.text(header + 1, 1, T.KONTROL_WARN_COUNT, f(bold=True))
    count = sum(map(bool, warned))
    s.formula(header + 1, 2, f"=SUM({flags})", count, f(num_format="0", bold=True, align="left"))
    ctx.name("som.advarsler", T.KONTROL, header + 1, 2)
    warn = q(T.CHECK_WARN)
    for i in range(lay.cons_blocks):
        r = first + i
        block = lay.cons_block_row(i)
        flag = ref(T.KONSEKVENSER, block, base_helper(ctx.lay, "flag"))
        message = ref(T.KONSEKVENSER, block, base_helper(ctx.lay, "message"))
        place = f"{T.KONSEKVENSER}!{a1(block + 2, L.K_BASE)}"
        hit = bool(warned[i]) if i < len(warned) else False
        s.number(r, 0, i + 1)
        s.text(r, 1, place)
        s.text(r, 2, T.CHECK_BASELINE.format(n=i + 1))
        s.formula(
            r, 3, f"=IFERROR(IF({flag}=1,{warn},{q(T.CHECK_OK)}),{q(T.CHECK_OK)})",
            T.CHECK_WARN if hit else T.CHECK_OK,
        )  # fmt: skip
        s.formula(r, 4, f'=IF({a1(r, 3)}={warn},{message},"")', warned[i] if hit else "")
        s.formula(r, 5, f"=IF({a1(r, 3)}={warn},1,0)", 1 if hit else 0)
        s.formula(r, 6, f"=SUM($F${first + 1}:F{r + 1})", sum(map(bool, warned[: i + 1])))
    ctx.name("kontrol.advarsel", T.KONTROL, first, 4, last, 4)
    ctx.name("kontrol.advarsel_loebende", T.KONTROL, first, 6, last, 6)
    s.ws.conditional_format(
        first,
        3,
        last,
        3,
        {
            "type": "cell",
            "criteria": "==",
            "value": warn,
            "format": f(bold=True, font_color="#C65911"),
        },
    )


def _cached_place(chk: Check) -> str:
    """The place as its formula shows it while every check passes."""
    if chk.shown:
        return chk.shown
    text = chk.place
    assert text.startswith('"') and text.endswith('"'), text
    return text[1:-1].replace('""', '"')
