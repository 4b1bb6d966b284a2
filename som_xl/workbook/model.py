"""The workbook's content as data: its inputs and the lookups its sheets show.

* :class:`~som_xl.workbook.book.BookKB` (in :mod:`.book`, re-exported here) is the
  knowledge base as the workbook's knowledge-base sheets hold it.
* :class:`Inputs` is everything a user can type into the workbook (the yellow cells).
* :func:`price_rows` and :func:`cons_rows` are the Priser and Konsekvenser sheets' rows as
  lookups (prices at the price level, the profile each block applies).

The inputs are not resolved here: :mod:`.scenario` turns them into a scenario document
and the one resolver settles it (:func:`som_xl.workbook.values.resolve_workbook`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..conventions import COST_BUDGET_ITEM, DIRECTION_LABELS, PURSE_LABELS, Direction
from ..errors import Problem
from ..inputs.profiles import apply_tail
from ..kb import KnowledgeBase
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
    N_COMMITTEES,
    N_DURING,
    N_OWN_CONS,
    N_OWN_SERVICES,
    N_PART_COSTS,
    N_RESOURCES,
    N_YEAR_COSTS,
    YEARS,
    a1,
    cons_years,
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
    "RealisedInput",
    "Resource",
    "SkoenInputs",
    "YearCost",
    "applied_prices",
    "block_baselines",
    "book_kb",
    "default_inputs",
    "lookup_safe",
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
class Resource:
    """A resource row of Omkostningsvurdering (som-method §3.18)."""

    label: str
    form: str  # T.FORM_FTE (årsværk × årsløn) or T.FORM_HOURS (timer × timeløn)
    wage: float | None  # annual wage per FTE or hourly wage, kr.
    overhead: float | None  # share
    purse: str  # label
    item: str  # budget-item label
    price_year: int | None  # of the wage
    amounts: dict[int, float]  # year offset -> årsværk or timer


@dataclass
class RealisedInput:
    """A realised year on Opfølgning (som-method §3.19): None where not given."""

    participants: float | None = None
    successes: float | None = None
    costs: float | None = None


@dataclass
class OwnService:
    label: str
    unit: str
    direction: str  # Danish: udgift | indtægt ("" if not given)
    item: str
    prices: OptPrices3
    price_year: int | None


#: A tail as typed on the sheet: its Danish label ('' for none) and rate (None for none).
TailCells = tuple[str, float | None]
NO_TAIL: TailCells = ("", None)


@dataclass
class OwnConsequence:
    service: str  # label of a service on the Priser sheet
    on: bool
    profile: dict[int, float]  # k (1-based) -> units
    during: dict[int, float] = field(default_factory=dict)  # course year l (1-based) -> units
    tail: TailCells = NO_TAIL


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
    #: Udvalg: the committee names (N_COMMITTEES slots, "" for a blank slot) and each
    #: budget item's committee (by the item's label).
    committees: list[str] = field(default_factory=list)
    committee_of: dict[str, str] = field(default_factory=dict)
    #: Udvalg: the first year of the budget view (None: the start year).
    budget_year: int | None = None
    #: Omkostningsvurdering: N_RESOURCES rows (None for an empty row).
    resources: list[Resource | None] = field(default_factory=list)
    #: Opfølgning: realised figures by year offset (only the years with a figure).
    realised: dict[int, RealisedInput] = field(default_factory=dict)
    #: Per knowledge-base consequence row: own units per participant in course year l
    #: (1-based), som-method §3.10 (empty: the knowledge base's values).
    during_overrides: list[dict[int, float]] = field(default_factory=list)
    #: Per knowledge-base consequence row: an own tail (som-method §3.11), NO_TAIL for none.
    tail_overrides: list[TailCells] = field(default_factory=list)
    #: Indstillinger: the tail where neither the knowledge base nor an own value gives one.
    default_tail: TailCells = ("Stop", None)
    #: Indstillinger: drop-off (§3.12), the success rate without the intervention (§3.13;
    #: None: success_rate is net) and the optimism bias on costs and gains (§3.14).
    drop_off: float | None = None
    success_without: float | None = None
    optimism: tuple[float | None, float | None] = (None, None)
    #: Konsekvenser, per block (the target group's rows, then the own rows): an own baseline
    #: use of the block's service (som-method §3.17), None where the cell is blank.
    baselines: list[float | None] = field(default_factory=list)
    #: Varianter: the filled rows (name, net success rate), at most N_VARIANTS, and the notes
    #: on a scenario file's variants the sheet cannot hold (see sheets.varianter.from_file).
    variants: list[tuple[str, float]] = field(default_factory=list)
    variant_notes: list[str] = field(default_factory=list)
    #: Usikkerhed: the rows a scenario file sets, by input: (distribution "triangular" or
    #: "normal", low, typical, high) as the yellow cells hold them (``success_rate`` as factors
    #: on the success rate, ``costs`` and ``consequences`` as factors; for a normal row low and
    #: high are its 95 % interval); an input not here, or None, keeps the sheet's default
    #: (sheets.usikkerhed.default_ranges, the command line's standard).
    uncertainty: dict[str, tuple[str, float, float, float]] | None = None

    def baseline_of(self, i: int) -> float | None:
        """Block i's own baseline use (None for none)."""
        return self.baselines[i] if i < len(self.baselines) else None

    def during_of(self, i: int) -> dict[int, float]:
        """Knowledge-base row i's own during-course values (l → units)."""
        return self.during_overrides[i] if i < len(self.during_overrides) else {}

    def tail_of(self, i: int) -> TailCells:
        """Knowledge-base row i's own tail (NO_TAIL for none)."""
        return self.tail_overrides[i] if i < len(self.tail_overrides) else NO_TAIL


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
    committees, committee_of = default_committees(kb, bkb)
    # the switches follow SØM's recommendation for the group's consequences
    recommended = [c.recommended for c in bkb.group_consequences(group.id)]
    switches = recommended + [True] * (max_cons - len(recommended))
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
        switches=switches,
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
        committees=committees,
        committee_of=committee_of,
        resources=[None] * N_RESOURCES,
        during_overrides=[{} for _ in range(max_cons)],
        tail_overrides=[NO_TAIL] * max_cons,
        baselines=[None] * (max_cons + N_OWN_CONS),
    )


def default_committees(kb: KnowledgeBase, bkb: BookKB) -> tuple[list[str], dict[str, str]]:
    """The knowledge base's committees (first use first) and each budget item's committee."""
    mapping = kb.committees
    by_label = {label: mapping.get(label, "") for _, label, _ in bkb.budget_items}
    names: list[str] = []
    for name in by_label.values():
        if name and name not in names:
            names.append(name)
    names = names[:N_COMMITTEES]
    return names + [""] * (N_COMMITTEES - len(names)), by_label


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
    applied: tuple[float, ...]  # values over the sheet's years (tail too), 0 where off
    on: bool
    #: N_DURING values per participant in course years 1.., 0 where switched off or past
    #: the course's length.
    during: tuple[float, ...] = (0.0,) * N_DURING
    #: The tail the block applies after its written years: (kind id, rate).
    tail: tuple[str, float] = ("stop", 0.0)


def cons_rows(inp: Inputs, bkb: BookKB, prices: Sequence[PriceRow | None]) -> list[ConsRow]:
    """Every consequence block: the target group's rows, then the own rows."""
    k_len = cons_years(bkb.profile_len)
    max_cons = bkb.counts().max_cons
    group = bkb.group_by_label(inp.target_group)
    cons = bkb.group_consequences(group.id) if group else []
    by_id = {p.id: i for i, p in enumerate(prices) if p is not None}
    by_label = {p.label: i for i, p in enumerate(prices) if p is not None}
    zeros = (0.0,) * k_len
    out: list[ConsRow] = []
    for i in range(max_cons):
        if i >= len(cons):
            out.append(ConsRow("", -1, None, zeros, inp.switches[i]))
            continue
        c = cons[i]
        on = inp.switches[i]
        tail = block_tail(inp.tail_of(i), c, inp.default_tail)
        written = written_profile(c.profile, inp.overrides[i], tail)
        applied = extend(written, tail, k_len) if on else zeros
        kbd = kb_during(c, inp.course_years)
        during = _during(inp.during_of(i), kbd, on, inp.course_years)
        row = ConsRow(c.service, by_id.get(c.service, -1), tuple(c.profile), applied, on, during)
        out.append(replace(row, tail=tail))
    for oc in inp.own_cons:
        if oc is None or not oc.service:
            out.append(ConsRow("", -1, None, zeros, oc.on if oc else True))
            continue
        p = by_text(by_label, oc.service)
        pr = prices[p] if p is not None else None
        sid = pr.id if pr is not None else ""
        tail = block_tail(oc.tail, None, inp.default_tail)
        written = written_profile((), oc.profile, tail)
        applied = extend(written, tail, k_len) if oc.on and sid else zeros
        during = _during(oc.during, (), oc.on and bool(sid), inp.course_years)
        row = ConsRow(sid, p if p is not None else -1, None, applied, oc.on, during)
        out.append(replace(row, tail=tail))
    return out


def block_baselines(inp: Inputs, bkb: BookKB, rows: Sequence[ConsRow]) -> list[float | None]:
    """The baseline use each block applies, as its 'Anvendt' row shows it (§3.17).

    Its own value; else an own value another block gives the same service (a service has one
    baseline; two different own values are an input error); else the knowledge base's value
    for the chosen target group and the service; else None.
    """
    group = bkb.group_by_label(inp.target_group)
    kb = {b.key: b.units for b in bkb.baselines}
    own: dict[str, float] = {}
    for i, row in enumerate(rows):
        value = inp.baseline_of(i)
        if row.service and value is not None:
            own.setdefault(row.service, value)
    out: list[float | None] = []
    for i, row in enumerate(rows):
        value = inp.baseline_of(i)
        if value is None and row.service:
            key = f"{group.id if group else ''}|{row.service}"
            value = own.get(row.service, kb.get(key))
        out.append(value)
    return out


def extend(written: Sequence[float], tail: tuple[str, float], width: int) -> tuple[float, ...]:
    """Written values continued by their tail over ``width`` years (zeros if none)."""
    values = apply_tail(written, tail, width) if written else []
    return tuple(values) + (0.0,) * (width - len(values))


def tail_id(label: str) -> str | None:
    """A tail's Danish label (any case) → its id (stop, hold, decay); None if unknown."""
    found: str | None = by_text({v: k for k, v in T.TAIL_LABELS.items()}, label)
    return found


def block_tail(own: TailCells, kb: BookConsequence | None, default: TailCells) -> tuple[str, float]:
    """The tail a block applies, as its 'Anvendt' row picks it: its own tail where a kind is
    typed, else the knowledge base's, else the setting's; an unknown kind stops."""
    if own[0]:
        return (tail_id(own[0]) or "stop", own[1] or 0.0)
    if kb is not None and kb.tail:
        return (kb.tail, kb.tail_rate or 0.0)
    return (tail_id(default[0]) or "stop", default[1] or 0.0)


def written_profile(
    kb: Sequence[float], own: Mapping[int, float], tail: tuple[str, float]
) -> list[float]:
    """A block's values for k = 1 … K, the last year with a knowledge-base or own value: the
    own value, else the knowledge base's, else (a gap) the tail one year on from the year
    before, as the sheet's 'Anvendt' row computes it (0 in year 1)."""
    out: list[float] = []
    for k in range(1, max([len(kb), *own], default=0) + 1):
        if k in own:
            out.append(float(own[k]))
        elif k <= len(kb):
            out.append(float(kb[k - 1]))
        else:
            out.append(apply_tail(out[-1:], tail, 2)[-1] if out else 0.0)
    return out


def kb_during(c: BookConsequence, course_years: int) -> tuple[float, ...]:
    """A knowledge-base consequence's during-course units within the course's length."""
    return tuple(c.during[: max(0, min(course_years, N_DURING))])


def _during(
    own: Mapping[int, float], kb: Sequence[float], on: bool, course_years: int
) -> tuple[float, ...]:
    """The during-course values a block applies, as the sheet's 'Anvendt' row computes them."""
    out = []
    for n in range(N_DURING):
        base = kb[n] if n < len(kb) else 0.0
        inside = on and n < course_years
        out.append(float(own.get(n + 1, base)) if inside else 0.0)
    return tuple(out)
