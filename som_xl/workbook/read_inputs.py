"""Reading the yellow input cells back into :class:`~som_xl.workbook.model.Inputs`.

One function per sheet, called in the order the sheets come, so problems are reported in
the order a user meets them. A cell that holds a scenario field is read by the field
table's rules (:meth:`~som_xl.workbook.read_cells.Cells.field`: bounds, whole numbers,
shares), the same rules scenario files and the Excel functions follow. Wrong cells are
reported (Danish, ``sheet!cell``) and read as blank; what the settings make wrong (a year
outside the horizon, a price year the index lacks) is left to the resolver.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..conventions import DIRECTION_LABELS, DIRECTIONS
from ..errors import Problem
from ..inputs import fields as F
from . import layout as L
from . import text as T
from .layout import N_COMMITTEES, N_DURING, N_OWN_CONS, N_OWN_SERVICES, YEARS, Layout, a1
from .model import (
    BookKB,
    Inputs,
    LocalPrice,
    OwnConsequence,
    OwnService,
    PartCost,
    RealisedInput,
    Resource,
    SkoenInputs,
    TailCells,
    YearCost,
    lookup_safe,
    tail_id,
)
from .read_cells import Cells

__all__ = ["read_inputs"]

_DIRECTION_LABELS = [DIRECTION_LABELS[d] for d in DIRECTIONS]
#: The label of a yearly cost amount (the cells under the years): the field's Excel title.
_AMOUNT: str = F.excel_validation("costs[].amount")["input_title"]

OptPrices3 = tuple[float | None, float | None, float | None]


@dataclass(frozen=True)
class _Settings:
    """Indstillinger as read (None where a cell was wrong)."""

    start: int | None
    horizon: int | None
    price_year: int | None
    discount: str
    fixed: float | None
    course: int | None
    tail: TailCells
    extra: dict[str, Any]  # drop_off, success_without, optimism: as the Inputs fields


def read_inputs(c: Cells, lay: Layout, bkb: BookKB) -> Inputs:
    """Every input cell of the workbook; problems are collected in ``c``.

    Parameters
    ----------
    c : Cells
        The workbook's cells (collects the problems).
    lay : Layout
        Where the inputs are.
    bkb : BookKB
        The knowledge base as read from the VD sheets (its labels).

    Returns
    -------
    Inputs
        The inputs; a wrong cell reads as blank (0 for a required setting).
    """
    st = _settings(c, lay)
    group, rate, participants = _indsats(c, lay, bkb, st)
    year_costs, part_costs = _year_costs(c, lay), _part_costs(c, lay)
    switches, overrides, own_cons, during, tails = _consequences(c, lay)
    baselines = _baselines(c, lay)
    local, own_services = _prices(c, lay, bkb)
    skoen = _skoen(c, lay)

    def need(value: Any) -> Any:
        """A required value, 0 where the cell was wrong (a problem is reported)."""
        return value if value is not None else 0

    return Inputs(
        name=c.text(T.INDSTILLINGER, lay.settings_rows["navn"], lay.settings_col),
        start_year=need(st.start),
        horizon=need(st.horizon),
        price_year=need(st.price_year),
        discount=st.discount,
        fixed_rate=st.fixed if st.fixed is not None else 0.0,
        course_years=need(st.course),
        target_group=group,
        intervention=c.text(T.INDSATS, lay.effect_row, lay.value_col) or T.INGEN_INDSATS,
        success_rate=rate if rate is not None else 0.0,
        participants=participants,
        year_costs=year_costs,
        part_costs=part_costs,
        switches=switches,
        overrides=overrides,
        own_cons=own_cons,
        local_prices=local,
        own_services=own_services,
        skoen=skoen,
        **_udvalg(c, lay, bkb),
        resources=_resources(c, lay),
        realised=_realised(c, lay, st),
        during_overrides=during,
        tail_overrides=tails,
        default_tail=st.tail,
        baselines=baselines,
        **st.extra,
    )


def _baselines(c: Cells, lay: Layout) -> list[float | None]:
    """Konsekvenser: each block's own baseline use (§3.17), by the field table's rules."""
    out: list[float | None] = []
    for i in range(lay.cons_blocks):
        r = lay.cons_block_row(i) + 1
        value = c.field(T.KONSEKVENSER, r, L.K_BASE, "baseline.<service>", T.OWN_BASELINE)
        own_block = i >= lay.counts.max_cons
        if value is not None and own_block and not c.text(T.KONSEKVENSER, r - 1, L.K_LABEL):
            c.add(T.KONSEKVENSER, r - 1, L.K_LABEL, T.READ_OWN_CONS_SERVICE, None)
        out.append(_float(value))
    return out


def _udvalg(c: Cells, lay: Layout, bkb: BookKB) -> dict[str, Any]:
    """Udvalg: the committee names, each budget item's committee and the budget year."""
    names = [c.text(T.UDVALG, lay.udv_com_first + k, 1) for k in range(N_COMMITTEES)]
    mapping = {
        label: c.text(T.UDVALG, lay.udv_map_first + b, 2)
        for b, (_, label, _) in enumerate(bkb.budget_items)
    }
    year = c.field(
        T.UDVALG, lay.udv_budget_year_row, 2, "start_year", T.UDVALG_BUDGET_YEAR, required=False
    )
    return {"committees": names, "committee_of": mapping, "budget_year": year}


def _settings(c: Cells, lay: Layout) -> _Settings:
    """Indstillinger: start year, horizon, price year, discounting, course length."""
    st = T.INDSTILLINGER
    rows = lay.settings_rows
    sc = lay.settings_col

    def label(key: str) -> str:
        """A setting's Danish label."""
        return T.SETTINGS_INPUTS[key][0]

    def setting(key: str, field: str, required: bool = True) -> Any:
        """A setting read by its field's rules."""
        return c.field(st, rows[key], sc, field, label(key), required=required)

    start = setting("startaar", "start_year")
    horizon = setting("horisont", "horizon_years")
    price_year = setting("prisaar", "price_year")
    discount = c.text(st, rows["diskontering"], sc)
    fast = discount.casefold() == T.FAST_RENTE.casefold()
    fixed = setting("diskonteringsrente", "discount_rate", required=fast)
    course = setting("forloebsaar", "course_years")
    c.settings_ok = None not in (start, horizon, price_year, course)
    tail = (
        _tail_kind(c, st, rows["hale"], sc),
        _float(setting("halerate", "consequence_tail.rate", False)),
    )
    extra = {
        "drop_off": _float(setting("frafald", "drop_off", False)),
        "success_without": _float(setting("doedvaegt", "success_rate.without", False)),
        "optimism": (
            _float(setting("optimisme_omk", "optimism_bias.costs", False)),
            _float(setting("optimisme_gev", "optimism_bias.gains", False)),
        ),
    }
    return _Settings(start, horizon, price_year, discount, fixed, course, tail, extra)


def _indsats(
    c: Cells, lay: Layout, bkb: BookKB, st: _Settings
) -> tuple[str, float | None, dict[int, float]]:
    """Indsats og målgruppe: target group, success rate, participants by year offset."""
    ins = T.INDSATS
    group = c.text(ins, lay.group_row, lay.value_col)
    if not group:
        known = ", ".join(g.label for g in bkb.groups)
        c.add(ins, lay.group_row, lay.value_col, T.READ_UNKNOWN.format(known=known), None)
    rate = c.field(
        ins, lay.success_row, lay.value_col, "success_rate", T.INDSATS_SUCCESS, required=True
    )
    participants: dict[int, float] = {}
    for t in range(YEARS):
        r = lay.part_first + t
        n = _float(
            c.field(ins, r, lay.part_col, "participants.<year>", T.INDSATS_PARTICIPANTS_COLS[1])
        )
        if n is None:
            continue
        if n != 0 and st.start is not None and st.horizon is not None and t >= st.horizon:
            first, last = st.start, st.start + st.horizon - 1
            outside = T.READ_OUTSIDE_PEOPLE.format(first=first, last=last)
            c.add(ins, r, lay.part_col, outside, _plain(n))
            continue
        participants[t] = n
    return group, _float(rate), participants


def _cost_head(c: Cells, r: int) -> tuple[str, str, str, str, int | None]:
    """Label, kind, purse, budget item and price year of a cost row."""
    om = T.OMKOSTNINGER
    year = c.field(om, r, L.C_YEAR, "costs[].price_year", T.COSTS_COLS[4])
    return (
        c.text(om, r, L.C_LABEL),
        c.text(om, r, L.C_KIND),
        c.text(om, r, L.C_PURSE),
        c.text(om, r, L.C_ITEM),
        year,
    )


def _amount(c: Cells, r: int, column: int, label: str, kind: str) -> float | None:
    """A cost amount; a negative amount is a saving, but not with the kind 'Sparet'.

    The kind 'Sparet omkostning' makes the amount a saving; a negative amount of that kind
    would turn the saving into a cost, so it is refused.
    """
    om = T.OMKOSTNINGER
    a = _float(c.field(om, r, column, "costs[].amount", label))
    if a is not None and a < 0 and kind.casefold() == T.ART_SPARET.casefold():
        c.add(om, r, column, f"{label} {T.READ_NEGATIVE_SAVING}", c.raw(om, r, column))
        return None
    return a


def _year_costs(c: Cells, lay: Layout) -> list[YearCost | None]:
    """Omkostninger, yearly amounts: one entry per row (None for an empty row)."""
    out: list[YearCost | None] = []
    for r in lay.ycost_rows:
        head = _cost_head(c, r)
        amounts: dict[int, float] = {}
        for t in range(YEARS):
            a = _amount(c, r, lay.cost_year_col + t, _AMOUNT, head[1])
            if a is not None and a != 0:
                amounts[t] = a
        present = any(head[:4]) or head[4] is not None or bool(amounts)
        out.append(YearCost(*head, amounts) if present else None)
    return out


def _part_costs(c: Cells, lay: Layout) -> list[PartCost | None]:
    """Omkostninger, amounts per participant: one entry per row (None for an empty row)."""
    out: list[PartCost | None] = []
    for r in lay.pcost_rows:
        head = _cost_head(c, r)
        per = _amount(c, r, lay.cost_amount_col, T.COSTS_PER_PARTICIPANT, head[1])
        present = any(head[:4]) or head[4] is not None or per is not None
        out.append(PartCost(*head, per or 0.0) if present else None)
    return out


def _profile(c: Cells, lay: Layout, r: int, during: bool = False) -> dict[int, float]:
    """A row of own values on Konsekvenser: k (1-based) → units, blanks left out; the
    during-course columns (l → units per participant) with ``during``."""
    out: dict[int, float] = {}
    first, width = (
        (lay.cons_during_col, N_DURING) if during else (lay.cons_profile_col, lay.cons_years)
    )
    for k in range(width):
        column = first + k
        key = "consequences[].during_course[]" if during else "consequences[].profile[]"
        value = _float(c.field(T.KONSEKVENSER, r, column, key, T.ROW_OWN))
        if value is not None:
            out[k + 1] = value
    return out


def _on(c: Cells, r: int) -> bool:
    """The 'Med' switch: Ja or Nej (any case, as Excel compares); blank is off."""
    ko = T.KONSEKVENSER
    text = c.text(ko, r, L.K_ON)
    if text and text.casefold() not in (T.JA.casefold(), T.NEJ.casefold()):
        known = T.READ_UNKNOWN.format(known=f"{T.JA}, {T.NEJ}")
        c.add(ko, r, L.K_ON, known, c.raw(ko, r, L.K_ON))
    return text.casefold() == T.JA.casefold()


def _consequences(
    c: Cells, lay: Layout
) -> tuple[
    list[bool],
    list[dict[int, float]],
    list[OwnConsequence | None],
    list[dict[int, float]],
    list[TailCells],
]:
    """Konsekvenser: the switches and own values of the group's rows, the own consequences,
    and the group's rows' own during-course values and tails."""
    max_cons = lay.counts.max_cons
    switches, overrides, during = [], [], []
    tails: list[TailCells] = []
    for i in range(max_cons):
        r = lay.cons_block_row(i)
        switches.append(_on(c, r))
        overrides.append(_profile(c, lay, r + 1))
        during.append(_profile(c, lay, r + 1, during=True))
        tails.append(_tail(c, T.KONSEKVENSER, r + 1, L.K_TAIL, L.K_TAIL_RATE))
    own_cons: list[OwnConsequence | None] = []
    for j in range(N_OWN_CONS):
        r = lay.cons_block_row(max_cons + j)
        service = c.text(T.KONSEKVENSER, r, L.K_LABEL)
        prof = _profile(c, lay, r + 1)
        own_d = _profile(c, lay, r + 1, during=True)
        tail = _tail(c, T.KONSEKVENSER, r + 1, L.K_TAIL, L.K_TAIL_RATE)
        if (prof or own_d) and not service:
            c.add(T.KONSEKVENSER, r, L.K_LABEL, T.READ_OWN_CONS_SERVICE, None)
        present = service or prof or own_d
        own = OwnConsequence(service, _on(c, r), prof, own_d, tail) if present else None
        own_cons.append(own)
    return switches, overrides, own_cons, during, tails


def _local(c: Cells, r: int) -> tuple[OptPrices3, int | None]:
    """The local prices (kommune, region, stat) and their price year on a Priser row."""
    pr = T.PRISER
    price = "services[].prices.<purse>"
    p = [
        _float(c.field(pr, r, L.P_LOCAL + a, price, T.PRICES_COLS[L.P_LOCAL + a])) for a in range(3)
    ]
    y = c.field(pr, r, L.P_LOCAL_YEAR, "services[].price_year", T.PRICES_COLS[L.P_LOCAL_YEAR])
    return (p[0], p[1], p[2]), y


def _prices(
    c: Cells, lay: Layout, bkb: BookKB
) -> tuple[dict[str, LocalPrice], list[OwnService | None]]:
    """Priser: local prices of the knowledge base's services, then the own services."""
    local: dict[str, LocalPrice] = {}
    for i, s in enumerate(bkb.services):
        p, y = _local(c, lay.price_row(i))
        if any(v is not None for v in p) or y is not None:
            local[s.id] = LocalPrice(p, y)
    own_services: list[OwnService | None] = []
    labels = {s.label.casefold() for s in bkb.services}
    for j in range(N_OWN_SERVICES):
        own_services.append(_own_service(c, lay.price_row(len(bkb.services) + j), labels))
    return local, own_services


def _own_service(c: Cells, r: int, labels: set[str]) -> OwnService | None:
    """An own service's row (None if it has no name); its name joins ``labels``."""
    pr = T.PRISER
    name = c.text(pr, r, L.P_LABEL)
    p, y = _local(c, r)
    rest = (c.text(pr, r, L.P_UNIT), c.text(pr, r, L.P_DIR), c.text(pr, r, L.P_ITEM))
    if not name:
        if any(rest) or any(v is not None for v in p):
            c.add(pr, r, L.P_LABEL, T.READ_OWN_SERVICE.format(missing="et navn"), None)
        return None
    if name.casefold() in labels:
        c.add(pr, r, L.P_LABEL, T.READ_DUPLICATE_LABEL, name)
    if not lookup_safe(name):
        c.add(pr, r, L.P_LABEL, T.READ_LOOKUP_TEXT, name)
    labels.add(name.casefold())
    if rest[1] and rest[1].casefold() not in {d.casefold() for d in _DIRECTION_LABELS}:
        known = ", ".join(_DIRECTION_LABELS)
        c.add(pr, r, L.P_DIR, T.READ_UNKNOWN.format(known=known), rest[1])
    return OwnService(name, *rest, p, y)


def _resources(c: Cells, lay: Layout) -> list[Resource | None]:
    """Omkostningsvurdering: one entry per row (None for an empty row).

    A blank form is årsværk; a row with quantities needs a wage; quantities are not negative.
    """
    ov = T.OMKOSTNINGSVURDERING
    out: list[Resource | None] = []
    for r in lay.ov_rows:
        texts = [c.text(ov, r, col) for col in (L.OV_LABEL, L.OV_FORM, L.OV_PURSE, L.OV_ITEM)]
        wage = _float(c.field(ov, r, L.OV_WAGE, "costs[].amount", T.OV_COLS[2]))
        if wage is not None and wage < 0:
            c.add(ov, r, L.OV_WAGE, f"{T.OV_COLS[2]} {T.READ_OV_NEGATIVE}", _plain(wage))
            wage = None
        overhead = _float(c.field(ov, r, L.OV_OVERHEAD, "success_rate", T.OV_COLS[3]))
        year = c.field(ov, r, L.OV_YEAR, "costs[].price_year", T.OV_COLS[6])
        amounts: dict[int, float] = {}
        for t in range(YEARS):
            q = _float(c.field(ov, r, lay.ov_year_col + t, "costs[].amount", T.OV_YEARS_HEADER))
            if q is not None and q < 0:
                message = f"{T.OV_YEARS_HEADER} {T.READ_OV_NEGATIVE}"
                c.add(ov, r, lay.ov_year_col + t, message, _plain(q))
            elif q:
                amounts[t] = q
        present = any(texts) or wage is not None or overhead is not None or year is not None
        if not present and not amounts:
            out.append(None)
            continue
        if amounts and wage is None:
            if c.raw(ov, r, L.OV_WAGE) is None:
                c.problems.append(Problem(f"{ov}!{a1(r, L.OV_WAGE)}", "", T.READ_OV_WAGE))
            out.append(None)  # reported here; the resolver need not see the row
            continue
        label, form, purse, item = texts
        out.append(Resource(label, form or T.FORM_FTE, wage, overhead, purse, item, year, amounts))
    return out


def _realised(c: Cells, lay: Layout, st: _Settings) -> dict[int, RealisedInput]:
    """Opfølgning: the realised figures by year offset (years inside the horizon only)."""
    opf = T.OPFOELGNING
    out: dict[int, RealisedInput] = {}
    for t in range(YEARS):
        r = lay.opf_first + t
        part = _float(c.field(opf, r, L.OPF_PART, "participants.<year>", T.OPF_COLS[2]))
        succ = _float(c.field(opf, r, L.OPF_SUCC, "participants.<year>", T.OPF_COLS[3]))
        costs = _float(c.field(opf, r, L.OPF_COSTS, "costs[].amount", T.OPF_COLS[4]))
        if part is None and succ is None and costs is None:
            continue
        if st.start is not None and st.horizon is not None and t >= st.horizon:
            first, last = st.start, st.start + st.horizon - 1
            column = (
                L.OPF_PART if part is not None else L.OPF_SUCC if succ is not None else L.OPF_COSTS
            )
            message = f"{T.OPF_COLS[0]} {T.READ_OPF_OUTSIDE.format(first=first, last=last)}"
            c.add(opf, r, column, message, c.raw(opf, r, column))
            continue
        out[t] = RealisedInput(part, succ, costs)
    return out


def _skoen(c: Cells, lay: Layout) -> SkoenInputs:
    """Hurtigt skøn: not part of the scenario, so its cells are read without complaints."""
    sk = T.SKOEN
    rows = lay.skoen_rows

    def quiet(key: str) -> float | None:
        """A number, or None for anything else (no problem reported)."""
        value = c.raw(sk, rows[key], 1)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return float(value) if ok else None

    return SkoenInputs(
        target_group=c.text(sk, rows["maalgruppe"], 1),
        participants=quiet("deltagere") or 0.0,
        cost=quiet("pris") or 0.0,
        success_rate=quiet("succesrate"),
    )


def _plain(x: float) -> float | int:
    """4.0 -> 4 for messages."""
    return int(x) if x.is_integer() else x


def _tail(c: Cells, sheet: str, r: int, kind_col: int, rate_col: int) -> TailCells:
    """A tail as typed: its kind and its rate (the field table's rules)."""
    label = T.CONS_TAIL_COLS[1]
    rate = c.field(sheet, r, rate_col, "consequences[].tail.rate", label)
    return (_tail_kind(c, sheet, r, kind_col), _float(rate))


def _tail_kind(c: Cells, sheet: str, r: int, column: int) -> str:
    """A tail's kind: one of the workbook's labels (reported otherwise), '' for blank."""
    kind = c.text(sheet, r, column)
    if kind and tail_id(kind) is None:
        known = ", ".join(T.TAIL_LABELS.values())
        c.add(sheet, r, column, T.READ_UNKNOWN.format(known=known), c.raw(sheet, r, column))
    return kind


def _float(x: Any) -> float | None:
    """A number read by a field as the float the inputs hold (None stays None)."""
    return float(x) if x is not None else None
