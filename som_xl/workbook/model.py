"""The workbook's content as data: its inputs and their resolution.

* :class:`~som_xl.workbook.book.BookKB` (in :mod:`.book`, re-exported here) is the
  knowledge base as the workbook's knowledge-base sheets hold it.
* :class:`Inputs` is everything a user can type into the workbook (the yellow cells).
* :func:`resolve_inputs` settles inputs against a ``BookKB`` exactly as the workbook's
  formulas do, and returns the engine's :class:`~som_xl.scenario.Resolved`. The builder
  uses it for the cached values, the reader for ``som-xl read``: one path, no drift.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..conventions import COST_BUDGET_ITEM, DIRECTION_LABELS, PURSE_LABELS, Direction
from ..errors import InputError, Problem
from ..inputs import Resolved, ResolvedCost, ResolvedService
from ..kb import KnowledgeBase
from . import layout as L
from . import text as T
from .book import (
    BookConsequence,
    BookEffect,
    BookGroup,
    BookKB,
    BookSchedule,
    BookService,
    BookSource,
    book_kb,
    by_text,
    lookup_safe,
)
from .layout import (
    N_OWN_CONS,
    N_OWN_SERVICES,
    N_PART_COSTS,
    N_YEAR_COSTS,
    YEARS,
    Layout,
    a1,
)

__all__ = [
    "BookConsequence",
    "BookEffect",
    "BookGroup",
    "BookKB",
    "BookSchedule",
    "BookService",
    "BookSource",
    "Inputs",
    "LocalPrice",
    "OwnConsequence",
    "OwnService",
    "PartCost",
    "SkoenInputs",
    "YearCost",
    "applied_prices",
    "book_kb",
    "default_inputs",
    "lookup_safe",
    "resolve_inputs",
    "resolve_skoen",
]

Prices3 = tuple[float, float, float]
OptPrices3 = tuple[float | None, float | None, float | None]


# --- inputs -------------------------------------------------------------------------------


@dataclass
class YearCost:
    label: str
    kind: str
    purse: str  # label: Kommune | Region | Stat
    item: str  # budget-item label
    price_year: int | None
    amounts: dict[int, float]  # year offset (0 = start year) -> kr.


@dataclass
class PartCost:
    label: str
    kind: str
    purse: str
    item: str
    price_year: int | None
    amount: float  # kr. per participant


@dataclass
class OwnService:
    label: str
    unit: str
    direction: str  # Danish: udgift | indtægt ("" if not given)
    item: str
    prices: OptPrices3
    price_year: int | None


@dataclass
class OwnConsequence:
    service: str  # label of a service on the Priser sheet
    on: bool
    profile: dict[int, float]  # k (1-based) -> units


@dataclass
class LocalPrice:
    prices: OptPrices3
    price_year: int | None


@dataclass
class SkoenInputs:
    target_group: str  # label
    participants: float
    cost: float
    success_rate: float | None


@dataclass
class Inputs:
    """The yellow cells of the workbook."""

    name: str
    start_year: int
    horizon: int
    price_year: int
    discount: str  # a schedule label or T.FAST_RENTE
    fixed_rate: float
    course_years: int
    target_group: str  # label
    intervention: str  # effect display name or T.INGEN_INDSATS
    success_rate: float
    participants: dict[int, float]  # year offset -> participants
    year_costs: list[YearCost | None]
    part_costs: list[PartCost | None]
    switches: list[bool]  # per knowledge-base consequence row
    overrides: list[dict[int, float]]  # per knowledge-base consequence row: k -> units
    own_cons: list[OwnConsequence | None]
    local_prices: dict[str, LocalPrice]  # service id -> local prices
    own_services: list[OwnService | None]
    skoen: SkoenInputs


#: The example the workbook is built with (example inputs, not knowledge): participants in
#: the first years, costs as in som-method.md §4's example scenario.
EXAMPLE_PARTICIPANTS = 20
EXAMPLE_YEARS = 3
EXAMPLE_OPSTART = 250_000.0
EXAMPLE_DRIFT = 1_500_000.0
EXAMPLE_SPARET = 300_000.0
EXAMPLE_PER_PARTICIPANT = 5_000.0
EXAMPLE_SKOEN_COST = 60_000.0
EXAMPLE_SUCCESS_RATE = 0.1  # only if the knowledge base suggests none


def default_inputs(kb: KnowledgeBase, bkb: BookKB) -> Inputs:
    """The workbook's starting state: knowledge-base defaults and a worked example."""
    d = kb.defaults
    horizon = min(d.horizon_years, YEARS)
    group = next((g for g in bkb.groups if g.success_rate is not None), bkb.groups[0])
    rate = group.success_rate if group.success_rate is not None else EXAMPLE_SUCCESS_RATE
    if isinstance(d.discount_rate, str):
        schedule = next(s for s in bkb.schedules if s.id == d.discount_rate)
        discount, fixed = schedule.label, schedule.steps[0][1]
    else:
        discount, fixed = T.FAST_RENTE, float(d.discount_rate)
    effect = next((e for e in bkb.effects if e.display == group.effect), None)
    intervention = effect.intervention if effect is not None else "indsats"
    years = range(min(EXAMPLE_YEARS, horizon))
    item = COST_BUDGET_ITEM
    kommune = PURSE_LABELS["kommune"]
    year_costs: list[YearCost | None] = [
        YearCost("Opstart", T.ART_OPSTART, kommune, item, None, {0: EXAMPLE_OPSTART}),
        YearCost("Drift", T.ART_DRIFT, kommune, item, None, dict.fromkeys(years, EXAMPLE_DRIFT)),
        YearCost(
            "Sparet eksisterende tilbud",
            T.ART_SPARET,
            kommune,
            item,
            None,
            dict.fromkeys(years, EXAMPLE_SPARET),
        ),
    ]
    year_costs += [None] * (N_YEAR_COSTS - len(year_costs))
    part_costs: list[PartCost | None] = [
        PartCost("Materialer", T.ART_DRIFT, kommune, item, None, EXAMPLE_PER_PARTICIPANT)
    ]
    part_costs += [None] * (N_PART_COSTS - len(part_costs))
    max_cons = bkb.counts().max_cons
    return Inputs(
        name=f"Eksempel: {intervention} ({group.label})",
        start_year=d.start_year,
        horizon=horizon,
        price_year=d.price_year,
        discount=discount,
        fixed_rate=fixed,
        course_years=d.course_years,
        target_group=group.label,
        intervention=group.effect or T.INGEN_INDSATS,
        success_rate=rate,
        participants=dict.fromkeys(years, float(EXAMPLE_PARTICIPANTS)),
        year_costs=year_costs,
        part_costs=part_costs,
        switches=[True] * max_cons,
        overrides=[{} for _ in range(max_cons)],
        own_cons=[None] * N_OWN_CONS,
        local_prices={},
        own_services=[None] * N_OWN_SERVICES,
        skoen=SkoenInputs(
            group.label,
            float(EXAMPLE_PARTICIPANTS),
            EXAMPLE_SKOEN_COST,
            None if group.success_rate is not None else rate,
        ),
    )


# --- resolution ---------------------------------------------------------------------------


def index_factor(index: Mapping[int, float], price_year: int, from_year: int | None) -> float:
    """The workbook's conversion factor: index[price year] / index[from year] (1 if none)."""
    if from_year is None:
        return 1.0
    return index[price_year] / index[from_year]


def applied_prices(
    national: Prices3 | None,
    national_year: int | None,
    local: LocalPrice | None,
    index: Mapping[int, float],
    price_year: int,
) -> tuple[Prices3, float, float]:
    """Prices per purse at the price level (local wins per purse), and the two factors.

    As the Priser sheet computes them: national × index[py]/index[national year], or
    local × index[py]/index[local year or py]. Own services have no national price (0).
    """
    f_nat = index_factor(index, price_year, national_year) if national is not None else 1.0
    loc = local.prices if local is not None else (None, None, None)
    f_loc = index_factor(index, price_year, local.price_year if local else None)
    out = []
    for a in range(3):
        lp = loc[a]
        if lp is not None:
            out.append(lp * f_loc)
        elif national is not None:
            out.append(national[a] * f_nat)
        else:
            out.append(0.0)
    return (out[0], out[1], out[2]), f_nat, f_loc


class _Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, sheet: str, row: int, column: int, message: str, value: object = None) -> None:
        self.items.append(Problem(f"{sheet}!{a1(row, column)}", "", message, value, True))


def _purse_id(label: str) -> str | None:
    found: str | None = by_text({v: k for k, v in PURSE_LABELS.items()}, label)
    return found


def _direction_id(label: str) -> Direction | None:
    found: Direction | None = by_text({v: k for k, v in DIRECTION_LABELS.items()}, label)
    return found


def cost_sign(kind: str) -> float:
    return -1.0 if kind.casefold() == T.ART_SPARET.casefold() else 1.0


@dataclass(frozen=True)
class PriceRow:
    """One row of the Priser sheet, as the workbook computes it."""

    id: str
    label: str
    unit: str
    direction: Direction | None
    item: str
    status: str  # knowledge-base status id, or "local"
    national: Prices3 | None
    national_year: int | None
    local: LocalPrice | None
    applied: Prices3
    f_nat: float
    f_loc: float


def price_rows(inp: Inputs, bkb: BookKB) -> list[PriceRow | None]:
    """Every row of the Priser sheet (knowledge-base services, then own services)."""
    index = bkb.index_map
    rows: list[PriceRow | None] = []
    for s in bkb.services:
        local = inp.local_prices.get(s.id)
        applied, f_nat, f_loc = applied_prices(s.prices, s.price_year, local, index, inp.price_year)
        has_local = local is not None and any(p is not None for p in local.prices)
        rows.append(
            PriceRow(
                s.id,
                s.label,
                s.unit,
                s.direction,
                s.budget_item,
                "local" if has_local else s.status,
                s.prices,
                s.price_year,
                local,
                applied,
                f_nat,
                f_loc,
            )
        )
    for i, o in enumerate(inp.own_services):
        if o is None:
            rows.append(None)
            continue
        local = LocalPrice(o.prices, o.price_year)
        applied, f_nat, f_loc = applied_prices(None, None, local, index, inp.price_year)
        rows.append(
            PriceRow(
                own_service_id(i),
                o.label,
                o.unit,
                _direction_id(o.direction),
                o.item,
                "local",
                None,
                None,
                local,
                applied,
                f_nat,
                f_loc,
            )
        )
    return rows


def own_service_id(i: int) -> str:
    return f"egen_ydelse_{i + 1}"


@dataclass(frozen=True)
class ConsRow:
    """One consequence block of the Konsekvenser sheet, as the workbook computes it."""

    service: str  # id ("" for an empty row)
    price_row: int  # index into price_rows (−1 if none)
    kb_profile: tuple[float, ...] | None  # knowledge-base values (None for own rows)
    applied: tuple[float, ...]  # K values, 0 where switched off
    on: bool


def cons_rows(inp: Inputs, bkb: BookKB, prices: Sequence[PriceRow | None]) -> list[ConsRow]:
    """Every consequence block: the target group's rows, then the own rows."""
    k_len = bkb.profile_len
    max_cons = bkb.counts().max_cons
    group = bkb.group_by_label(inp.target_group)
    cons = bkb.group_consequences(group.id) if group else []
    by_id = {p.id: i for i, p in enumerate(prices) if p is not None}
    by_label = {p.label: i for i, p in enumerate(prices) if p is not None}
    out: list[ConsRow] = []
    for i in range(max_cons):
        if i >= len(cons):
            out.append(ConsRow("", -1, None, (0.0,) * k_len, inp.switches[i]))
            continue
        c = cons[i]
        kbp = tuple(c.profile) + (0.0,) * (k_len - len(c.profile))
        on = inp.switches[i]
        own = inp.overrides[i]
        applied = tuple((own.get(k + 1, kbp[k]) if on else 0.0) for k in range(k_len))
        out.append(ConsRow(c.service, by_id.get(c.service, -1), kbp, applied, on))
    for oc in inp.own_cons:
        if oc is None or not oc.service:
            out.append(ConsRow("", -1, None, (0.0,) * k_len, oc.on if oc else True))
            continue
        p = by_text(by_label, oc.service)
        pr = prices[p] if p is not None else None
        sid = pr.id if pr is not None else ""
        applied = tuple(
            (oc.profile.get(k + 1, 0.0) if oc.on and sid else 0.0) for k in range(k_len)
        )
        out.append(ConsRow(sid, p if p is not None else -1, None, applied, oc.on))
    return out


def resolve_inputs(inp: Inputs, bkb: BookKB, layout: Layout) -> Resolved:
    """The scenario the workbook calculates, as the engine's Resolved (no knowledge base).

    Raises InputError naming sheet!cell for inputs the workbook cannot have meant.
    """
    pr = _Problems()
    index = bkb.index_map
    first, last = inp.start_year, inp.start_year + inp.horizon - 1
    sr = layout.settings_rows
    sc = layout.settings_col

    if inp.price_year not in index:
        pr.add(T.INDSTILLINGER, sr["prisaar"], sc, T.READ_NO_INDEX, inp.price_year)
    schedule: tuple[tuple[int, float], ...]
    if inp.discount.casefold() == T.FAST_RENTE.casefold():
        schedule, discount_label = ((1, inp.fixed_rate),), f"{inp.fixed_rate:g}"
    else:
        found = bkb.schedule_by_label(inp.discount)
        if found is None:
            known = ", ".join(bkb.discount_choices)
            pr.add(
                T.INDSTILLINGER,
                sr["diskontering"],
                sc,
                T.READ_UNKNOWN.format(known=known),
                inp.discount,
            )
            schedule, discount_label = ((1, 0.0),), inp.discount
        else:
            schedule, discount_label = found.steps, found.id

    group = bkb.group_by_label(inp.target_group)
    if group is None:
        known = ", ".join(g.label for g in bkb.groups)
        pr.add(
            T.INDSATS,
            layout.group_row,
            layout.value_col,
            T.READ_UNKNOWN.format(known=known),
            inp.target_group,
        )

    participants: dict[int, float] = {}
    for off, n in sorted(inp.participants.items()):
        if n == 0:
            continue
        if off >= inp.horizon:
            pr.add(
                T.INDSATS,
                layout.part_first + off,
                layout.part_col,
                T.READ_OUTSIDE_PEOPLE.format(first=first, last=last),
                n,
            )
            continue
        participants[inp.start_year + off] = n
    if not participants:
        pr.add(T.INDSATS, layout.part_first, layout.part_col, T.READ_NO_PARTICIPANTS, 0)

    def check_year(sheet: str, row: int, column: int, year: int | None) -> None:
        if year is not None and year not in index:
            pr.add(sheet, row, column, T.READ_NO_INDEX, year)

    def check_choice(sheet: str, row: int, column: int, text: str, options: list[str]) -> None:
        if text and by_text({o: o for o in options}, text) is None:
            pr.add(sheet, row, column, T.READ_UNKNOWN.format(known=", ".join(options)), text)

    items = bkb.item_labels

    def item_label(text: str) -> str:
        return str(by_text({o: o for o in items}, text) or text) if text else COST_BUDGET_ITEM

    # Prices and consequences.
    for i, local in inp.local_prices.items():
        n = next(n for n, s in enumerate(bkb.services) if s.id == i)
        check_year(T.PRISER, layout.price_row(n), L.P_LOCAL_YEAR, local.price_year)
    for j, o in enumerate(inp.own_services):
        if o is not None:
            r = layout.price_row(len(bkb.services) + j)
            check_year(T.PRISER, r, L.P_LOCAL_YEAR, o.price_year)
    prows = price_rows(inp, bkb) if not pr.items else []
    services: dict[str, ResolvedService] = {}
    profiles: dict[str, list[float]] = {}
    if not pr.items and group is not None:
        rows = cons_rows(inp, bkb, prows)
        for n, row in enumerate(rows):
            own_block = n >= len(inp.switches)
            block = layout.cons_block_row(n)
            if own_block:
                oc = inp.own_cons[n - len(inp.switches)]
                if oc is not None and oc.service and row.price_row < 0:
                    known = ", ".join(p.label for p in prows if p is not None)
                    pr.add(
                        T.KONSEKVENSER,
                        block,
                        L.K_LABEL,
                        T.READ_UNKNOWN.format(known=known),
                        oc.service,
                    )
                    continue
            if not row.service or not row.on or row.price_row < 0:
                continue
            p = prows[row.price_row]
            assert p is not None
            if p.national is None:  # an own service: it must say what it is
                j = row.price_row - len(bkb.services)
                missing = [
                    name
                    for name, ok in (
                        ("retning", p.direction is not None),
                        ("udgiftspost", bool(p.item)),
                    )
                    if not ok
                ]
                if missing:
                    pr.add(
                        T.PRISER,
                        layout.price_row(len(bkb.services) + j),
                        L.P_LABEL,
                        T.READ_OWN_SERVICE.format(missing=" og ".join(missing)),
                        p.label,
                    )
                    continue
                check_choice(T.PRISER, layout.price_row(row.price_row), L.P_ITEM, p.item, items)
            if row.service not in services:
                services[row.service] = _resolved_service(p, inp.price_year, item_label)
                profiles[row.service] = [0.0] * len(row.applied)
            acc = profiles[row.service]
            for k, v in enumerate(row.applied):
                acc[k] += v

    # Costs.
    costs: list[ResolvedCost] = []
    purse_names = list(PURSE_LABELS.values())
    for n, yc in enumerate(inp.year_costs):
        if yc is None:
            continue
        r = layout.ycost_rows[n]
        check_choice(T.OMKOSTNINGER, r, L.C_KIND, yc.kind, list(T.COST_KINDS))
        check_choice(T.OMKOSTNINGER, r, L.C_PURSE, yc.purse, purse_names)
        check_choice(T.OMKOSTNINGER, r, L.C_ITEM, yc.item, items)
        check_year(T.OMKOSTNINGER, r, L.C_YEAR, yc.price_year)
        for off, amount in sorted(yc.amounts.items()):
            if amount != 0 and off >= inp.horizon:
                pr.add(
                    T.OMKOSTNINGER,
                    r,
                    layout.cost_year_col + off,
                    T.READ_OUTSIDE.format(first=first, last=last),
                    amount,
                )
        if pr.items:
            continue
        factor = cost_sign(yc.kind) * index_factor(index, inp.price_year, yc.price_year)
        label = yc.label or f"{T.COST_DEFAULT_LABEL}{n + 1}"
        purse = (_purse_id(yc.purse) or "kommune") if yc.purse else "kommune"
        groups: dict[float, list[int]] = {}
        for off, amount in sorted(yc.amounts.items()):
            if amount != 0:
                groups.setdefault(amount, []).append(inp.start_year + off)
        for amount, years in groups.items():
            costs.append(
                ResolvedCost(
                    label,
                    "once" if len(years) == 1 else "annual",
                    amount * factor,
                    tuple(years),
                    purse,
                    item_label(yc.item),
                )
            )
    for n, pc in enumerate(inp.part_costs):
        if pc is None:
            continue
        r = layout.pcost_rows[n]
        check_choice(T.OMKOSTNINGER, r, L.C_KIND, pc.kind, list(T.COST_KINDS))
        check_choice(T.OMKOSTNINGER, r, L.C_PURSE, pc.purse, purse_names)
        check_choice(T.OMKOSTNINGER, r, L.C_ITEM, pc.item, items)
        check_year(T.OMKOSTNINGER, r, L.C_YEAR, pc.price_year)
        if pr.items or pc.amount == 0:
            continue
        factor = cost_sign(pc.kind) * index_factor(index, inp.price_year, pc.price_year)
        costs.append(
            ResolvedCost(
                pc.label or f"{T.COST_DEFAULT_LABEL}{N_YEAR_COSTS + n + 1}",
                "per_participant",
                pc.amount * factor,
                (),
                (_purse_id(pc.purse) or "kommune") if pc.purse else "kommune",
                item_label(pc.item),
            )
        )

    if pr.items:
        raise InputError(pr.items)
    assert group is not None
    consequences = tuple((sid, _trim(prof)) for sid, prof in profiles.items())
    return Resolved(
        name=inp.name or "Scenarie",
        target_group=group.id,
        target_group_label=group.label,
        success_measure=group.success_measure,
        start_year=inp.start_year,
        horizon_years=inp.horizon,
        price_year=inp.price_year,
        discount_label=discount_label,
        discount_schedule=schedule,
        course_years=inp.course_years,
        participants=participants,
        success_rate=inp.success_rate,
        services=services,
        consequences=consequences,
        costs=tuple(costs),
        kb_fingerprint=bkb.fingerprint or None,
    )


def _trim(profile: Sequence[float]) -> tuple[float, ...]:
    """A profile without trailing zero years (at least one year)."""
    out = list(profile)
    while len(out) > 1 and out[-1] == 0:
        out.pop()
    return tuple(out)


def _resolved_service(
    p: PriceRow, price_year: int, item_label: Callable[[str], str]
) -> ResolvedService:
    local = p.local.prices if p.local is not None else (None, None, None)
    has_local = any(v is not None for v in local)
    if p.national is None:
        origin, status = "own", "local"
        src = tuple(v if v is not None else 0.0 for v in local)
        year = p.local.price_year if p.local and p.local.price_year else price_year
    elif has_local:
        origin, status = "local", "local"
        src = tuple(lv if lv is not None else nv for lv, nv in zip(local, p.national, strict=True))
        year = p.local.price_year if p.local and p.local.price_year else price_year
    else:
        origin, status = "kb", p.status
        src, year = p.national, p.national_year or price_year
    return ResolvedService(
        id=p.id,
        label=p.label,
        unit=p.unit,
        direction=p.direction or "expenditure",
        budget_item=item_label(p.item),
        prices=p.applied,
        origin=origin,
        status=status,
        source_year=year,
        source_prices=tuple(float(v) for v in src),
    )


def resolve_skoen(inp: Inputs, bkb: BookKB) -> Resolved | None:
    """The quick estimate (Hurtigt skøn) as the engine's Resolved; None if it has no rate.

    One cohort in the start year, cost per participant (kommune, the cost budget item), the
    target group's knowledge-base consequences at national prices, the workbook's settings.
    """
    sk = inp.skoen
    group = bkb.group_by_label(sk.target_group)
    if group is None:
        return None
    rate = sk.success_rate if sk.success_rate is not None else group.success_rate
    if rate is None:
        return None
    index = bkb.index_map
    services: dict[str, ResolvedService] = {}
    consequences = []
    for c in bkb.group_consequences(group.id):
        s = bkb.service(c.service)
        applied, _, _ = applied_prices(s.prices, s.price_year, None, index, inp.price_year)
        services[s.id] = ResolvedService(
            s.id,
            s.label,
            s.unit,
            s.direction,
            s.budget_item,
            applied,
            "kb",
            s.status,
            s.price_year,
            s.prices,
        )
        consequences.append((s.id, c.profile))
    schedule = bkb.schedule_by_label(inp.discount)
    steps = schedule.steps if schedule is not None else ((1, inp.fixed_rate),)
    return Resolved(
        name=f"{T.SKOEN_TITLE}: {group.label}",
        target_group=group.id,
        target_group_label=group.label,
        success_measure=group.success_measure,
        start_year=inp.start_year,
        horizon_years=inp.horizon,
        price_year=inp.price_year,
        discount_label=schedule.id if schedule is not None else f"{inp.fixed_rate:g}",
        discount_schedule=steps,
        course_years=inp.course_years,
        participants={inp.start_year: sk.participants},
        success_rate=rate,
        services=services,
        consequences=tuple(consequences),
        costs=(
            ResolvedCost(
                T.SKOEN_INPUTS["pris"], "per_participant", sk.cost, (), "kommune", COST_BUDGET_ITEM
            ),
        ),
        kb_fingerprint=bkb.fingerprint or None,
    )
