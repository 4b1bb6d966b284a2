"""A scenario document as the workbook's inputs: the reverse of :mod:`.scenario`.

``som-xl build --scenario FIL`` fills the yellow cells with a scenario file (som-method §4).
:func:`scenario_to_inputs` turns the validated scenario into :class:`~.model.Inputs`; the
builder then writes the workbook as usual (its cached values from the one resolver and
engine). The consequences, relative profiles, added and dropped consequences and the target
group's defaults are taken from the *resolved* scenario (the one resolver settles them), so
the workbook holds the same profiles in units; everything else maps key by key.

What the sheets hold, and where:

* Indstillinger/Indsats: ``name``, ``start_year``, ``horizon_years``, ``price_year``,
  ``discount_rate`` (a schedule by its name, or a number as *Fast rente*; an own schedule
  of one step is that rate), ``course_years``, ``target_group``, ``success_rate`` (also
  ``{with, without}``), ``consequence_tail``, ``drop_off``, ``optimism_bias``,
  ``participants``;
* Omkostninger: ``costs`` (``once`` and ``annual`` on the yearly rows, a saving as *Sparet
  omkostning*; ``per_participant`` on the rows per participant; each with its purse,
  budget item and price year). Lines with the same label, purse, budget item, price year
  and sign share a row;
* Omkostningsvurdering: ``resources`` (one row per label, form, wage, overhead, purse,
  budget item and price year);
* Konsekvenser: every consequence the scenario resolves to (the target group's rows, own
  values where they differ, tails and during-course values; a service the group lacks, or
  a second profile of one service, on an own row); ``baseline``;
* Priser: local prices of knowledge-base services (``services`` with a knowledge-base id)
  and own services;
* Opfølgning: ``realised``; Udvalg: ``committees``; Varianter: ``variants`` (via
  :func:`.sheets.varianter.file_variants`); Usikkerhed: ``uncertainty`` (the sheet's
  triangular and normal rows, through :attr:`~.model.Inputs.uncertainty`; ``standard`` is
  the sheet's own default).

What the sheets cannot hold, decided per key:

* refused (an :class:`~som_xl.errors.InputError` naming file, line and key; exit code 2):
  ``price_index`` (the workbook uses the knowledge base's index); an own discount schedule
  of several steps; a service of the knowledge base with another ``direction`` or
  ``budget_item`` (give it an own id instead); a budget item or committee the sheets do not
  list; more rows than a sheet has (cost rows, resources, own consequences, own services,
  committees); two own services with one label, or an own service named as a knowledge-base
  service; during-course values past the sheet's five course years; realised costs for
  another purse than the kommune;
* written, with a warning (a lossy detail; the net result is the same):
  an own target group or none (the workbook needs one of the knowledge base's: the first
  group is chosen with its consequences switched off, and the scenario's consequences
  stand on own rows); relative profiles (written in units); a per-participant cost limited
  to some start years (written as yearly amounts, participants × amount); realised costs
  given as cost lines (written as one amount per year); another label or unit of a
  knowledge-base service; statuses of own values (the workbook marks them own); an own
  baseline for a service no row uses; variants the sheet *Varianter* cannot hold (they stay
  in the file, for ``som-xl sammenlign``); uncertainty the sheet *Usikkerhed* cannot hold
  (other distributions than triangular and normal, single services' prices, other draws
  or seed).

Finally the workbook's own reading of the inputs is calculated and compared with the
scenario's, year by year and purse by purse: a difference (a case this mapping does not
foresee) is refused rather than written.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..conventions import COST_BUDGET_ITEM, DIRECTION_LABELS, NO_COMMITTEE, PURSE_LABELS
from ..errors import InputError, Problem
from ..files import LineMap
from ..inputs import Resolved, ScenarioSpec, resolve
from ..inputs.followup import with_realised_participants
from ..inputs.origins import FileOrigins
from ..inputs.profiles import apply_tail
from ..inputs.resolve import REALISED_COST_LABEL
from ..inputs.spec import CostItem, OwnTargetGroup, RateStepSpec
from ..inputs.uncertainty import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    Z_95,
    Distribution,
    standard_uncertainty,
)
from ..kb import KnowledgeBase
from . import text as T
from .book import BookConsequence, BookKB, book_kb, by_text
from .layout import (
    N_COMMITTEES,
    N_DURING,
    N_OWN_CONS,
    N_OWN_SERVICES,
    N_PART_COSTS,
    N_RESOURCES,
    N_YEAR_COSTS,
    Layout,
)
from .model import (
    NO_TAIL,
    Inputs,
    LocalPrice,
    OptPrices3,
    OwnConsequence,
    OwnService,
    PartCost,
    RealisedInput,
    Resource,
    TailCells,
    YearCost,
    block_tail,
    default_inputs,
    index_factor,
    kb_during,
)

__all__ = ["FromScenario", "scenario_to_inputs", "uncertainty_not_on_sheet"]

Path = tuple[str | int, ...]

# --- the Danish texts (what the sheets cannot hold) ----------------------------------------

CANNOT = "kan ikke stå i projektmappen"
MSG_PRICE_INDEX = (
    f"et eget prisindeks {CANNOT}: den bruger vidensdatabasens prisindeks; fjern "
    "'price_index', eller brug 'som-xl calc'"
)
MSG_STEPS = (
    f"et eget renteforløb med flere trin {CANNOT}: den har de navngivne renteforløb og én "
    "fast rente; vælg et af dem, eller brug 'som-xl calc'"
)
MSG_FULL = "der er ikke flere ledige rækker på arket {sheet} (plads til {n}); {what}"
MSG_ITEM = (
    "udgiftsposten findes ikke i projektmappens liste ({known}); vælg en af dem, eller brug "
    "'som-xl calc'"
)
MSG_KB_SERVICE = (
    "vidensdatabasens ydelse med en anden {what} {CANNOT} (arket Priser har kun lokale "
    "priser for den); giv ydelsen sit eget id (en egen ydelse), eller fjern '{key}'"
)
MSG_OWN_LABEL = (
    "en egen ydelse skal have sit eget navn i projektmappen (arket Konsekvenser vælger "
    "ydelser ved navn); navnet bruges allerede af {other}"
)
MSG_DURING = (
    "værdier under forløbet efter forløbsår {n} {CANNOT} (arket Konsekvenser har {n} forløbsår)"
)
MSG_REALISED_PURSE = (
    "realiserede omkostninger for andre end kommunen {CANNOT} (arket Opfølgning har ét "
    "beløb pr. år for kommunen)"
)
MSG_COMMITTEE_ITEM = "udgiftsposten findes ikke i projektmappen ({known})"
MSG_DIFFERENT = (
    "projektmappen ville ikke give scenariets resultat (forskel {diff} kr. i {year} for "
    "{purse}); den er ikke skrevet. Brug 'som-xl calc' til filen"
)
WARN_GROUP = (
    "projektmappen skal have en målgruppe fra vidensdatabasen: den bruger '{label}' med alle "
    "dens konsekvenser slået fra, og scenariets egne konsekvenser står som egne rækker "
    "(resultatet er det samme; målgruppens navn{measure} står ikke i projektmappen)"
)
WARN_RELATIVE = (
    "profilen er skrevet i enheder (andele × udgangsforbruget), ikke som andele: arket "
    "Konsekvenser har ingen relative profiler"
)
WARN_PER_PART_YEARS = (
    "en omkostning pr. deltager i kun nogle startår står som beløb pr. år (deltagere × "
    "beløb) på arket Omkostninger: arkets rækker pr. deltager gælder alle startår"
)
WARN_REALISED_LINES = (
    "de realiserede omkostningslinjer står som ét beløb for året på arket Opfølgning "
    "(deres navne og udgiftsposter står ikke i projektmappen)"
)
WARN_LABEL = (
    "vidensdatabasens ydelse vises med sit eget {what} i projektmappen; '{value}' står ikke i den"
)
WARN_STATUS = (
    "status står ikke i projektmappen: den viser egne værdier som egne ('{status}' går tabt)"
)
WARN_BASELINE = (
    "udgangsforbruget står ikke i projektmappen: ingen række på arket Konsekvenser bruger "
    "ydelsen (det ændrer ikke resultatet)"
)
WARN_UNCERTAIN = "arket Usikkerhed {what}; {then}"
WARN_NOT_ON_SHEET = (
    "arket Usikkerhed viser ikke filens intervaller (en fejl i som-xl: meld den); brug "
    "'som-xl usikkerhed' til filens intervaller"
)
KEEPS_DEFAULT = "arket beholder sit standardinterval for det input"


@dataclass
class FromScenario:
    """The workbook's inputs for a scenario, and the warnings about what they lose."""

    inputs: Inputs
    warnings: list[Problem] = field(default_factory=list)


class _Notes:
    """Problems (refused) and warnings (lossy), each naming file, line and key."""

    def __init__(self, where: str, lines: LineMap | None) -> None:
        self.origins = FileOrigins(where, lines)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def _make(self, path: Sequence[str | int], message: str, value: object) -> Problem:
        o = self.origins
        return Problem(o.place(path), o.key(path), message, value, value is not None)

    def refuse(self, path: Sequence[str | int], message: str, value: object = None) -> None:
        self.problems.append(self._make(path, message, value))

    def warn(self, path: Sequence[str | int], message: str, value: object = None) -> None:
        self.warnings.append(self._make(path, message, value))


def scenario_to_inputs(
    spec: ScenarioSpec,
    kb: KnowledgeBase,
    where: str = "scenariet",
    lines: LineMap | None = None,
) -> FromScenario:
    """The yellow cells that make the workbook calculate ``spec``.

    Parameters
    ----------
    spec : ScenarioSpec
        The validated scenario (:func:`som_xl.inputs.load_scenario`).
    kb : KnowledgeBase
        The knowledge base the workbook is built from.
    where, lines : str, LineMap or None
        The file and its line map: problems and warnings name ``"fil.yaml, linje 12"``.

    Returns
    -------
    FromScenario
        The inputs and the warnings about details the workbook does not hold.

    Raises
    ------
    InputError
        With every problem: the resolver's, and each key the sheets cannot hold (see the
        module's docstring), naming file, line and key.
    """
    notes = _Notes(where, lines)
    if spec.price_index is not None:  # before the resolver, which may miss years in it
        notes.refuse(["price_index"], MSG_PRICE_INDEX)
        raise InputError(notes.problems)
    resolved = resolve(spec, kb, where, lines)
    bkb = book_kb(kb)
    inp = default_inputs(kb, bkb)
    _settings(spec, resolved, bkb, inp, notes)
    inp.participants = {y - spec.start_year: float(n) for y, n in spec.participants.items()}
    _costs(spec, resolved, bkb, inp, notes)
    _resources(spec, resolved, bkb, inp, notes)
    labels = _services(spec, resolved, bkb, inp, notes)
    _consequences(spec, resolved, bkb, inp, notes, labels)
    _realised(spec, resolved, inp, notes)
    _committees(spec, bkb, inp, notes)
    _uncertainty(spec, kb, inp, notes, where, lines)
    inp = _variants(spec, inp, notes)
    if notes.problems:
        raise InputError(notes.problems)
    _same_result(resolved, inp, bkb, kb, notes)
    if notes.problems:
        raise InputError(notes.problems)
    return FromScenario(inp, notes.warnings)


# --- settings -------------------------------------------------------------------------------


def _tail_cells(tail: tuple[str, float]) -> TailCells:
    kind, rate = tail
    return (T.TAIL_LABELS[kind], rate if kind == "decay" else None)


def _settings(spec: ScenarioSpec, res: Resolved, bkb: BookKB, inp: Inputs, notes: _Notes) -> None:
    inp.name = spec.name
    inp.start_year = spec.start_year
    inp.horizon = spec.horizon_years
    inp.price_year = res.price_year
    inp.course_years = spec.course_years
    rate = spec.discount_rate
    if isinstance(rate, str):
        inp.discount = next(s.label for s in bkb.schedules if s.id == rate)
    elif isinstance(rate, tuple):
        steps: tuple[RateStepSpec, ...] = rate
        written = tuple((x.from_year, x.rate) for x in steps)
        same = next((x for x in bkb.schedules if tuple(x.steps) == written), None)
        if same is not None:  # a named schedule written out (som-xl read --scenario-out)
            inp.discount = same.label
        elif len(steps) == 1:
            inp.discount, inp.fixed_rate = T.FAST_RENTE, float(steps[0].rate)
        else:
            notes.refuse(["discount_rate"], MSG_STEPS)
    elif rate is not None:
        inp.discount, inp.fixed_rate = T.FAST_RENTE, float(rate)
    if res.gross_success is not None:
        inp.success_rate, inp.success_without = res.gross_success
    else:  # as written, or the named intervention's (``intervention:``)
        inp.success_rate = float(res.success_rate)
    if spec.consequence_tail is not None:
        tail = spec.consequence_tail
        inp.default_tail = _tail_cells((tail.kind, float(tail.rate or 0.0)))
    inp.drop_off = float(spec.drop_off) if spec.drop_off else None
    if spec.optimism_bias is not None:
        inp.optimism = (spec.optimism_bias.costs, spec.optimism_bias.gains)
    group = _group(spec, bkb, notes)
    inp.target_group = group.label
    s = res.success_rate
    suggested = group.success_rate is not None and math.isclose(group.success_rate, s)
    inp.intervention = group.effect if suggested and group.effect else T.INGEN_INDSATS
    if res.intervention is not None:  # the scenario names it: Indsats shows it
        named = next((e for e in bkb.effects if e.id == res.intervention.id), None)
        inp.intervention = named.display if named is not None else inp.intervention
    # Hurtigt skøn: the same target group (its suggested rate, else the scenario's)
    rate = None if group.success_rate is not None else s
    inp.skoen = replace(inp.skoen, target_group=group.label, success_rate=rate)


def _kb_group(spec: ScenarioSpec, bkb: BookKB) -> Any:
    """The knowledge base's group that an own target group names by its id and label (as
    ``som-xl read --scenario-out`` writes it), else None."""
    tg = spec.target_group
    if not isinstance(tg, OwnTargetGroup):
        return None
    g = next((g for g in bkb.groups if g.id == tg.id), None)
    if g is None or (tg.label or tg.id) != g.label:
        return None
    return g


def _group(spec: ScenarioSpec, bkb: BookKB, notes: _Notes) -> Any:
    """The knowledge base's target group; for one's own (or none) the first, with a warning."""
    tg = spec.target_group
    if isinstance(tg, str):
        return next(g for g in bkb.groups if g.id == tg)
    same = _kb_group(spec, bkb)
    if same is not None:  # the knowledge base's group written out (read --scenario-out)
        return same
    first = bkb.groups[0]
    measure = ""
    if isinstance(tg, OwnTargetGroup):
        measure = " og succesmål" if tg.success_measure else ""
        value: object = tg.label or tg.id
    else:
        value = None
    notes.warn(["target_group"], WARN_GROUP.format(label=first.label, measure=measure), value)
    return first


# --- costs and resources ----------------------------------------------------------------------


def _item(text: str, bkb: BookKB, path: Path, notes: _Notes) -> str:
    """A budget item's label as the workbook lists it (refused if it is not listed)."""
    found = by_text({o: o for o in bkb.item_labels}, text)
    if found is None:
        notes.refuse(path, MSG_ITEM.format(known=", ".join(bkb.item_labels)), text)
        return text
    return str(found)


def _kind(c: CostItem, start_year: int) -> str:
    if c.amount < 0:
        return T.ART_SPARET
    if c.kind == "once":
        return T.ART_OPSTART if c.year == start_year else T.ART_ANDEN
    return T.ART_DRIFT


def _costs(spec: ScenarioSpec, res: Resolved, bkb: BookKB, inp: Inputs, notes: _Notes) -> None:
    """Yearly rows (once, annual, per participant in some start years) and rows per
    participant; lines alike in label, purse, item, price year and sign share a row."""
    start = spec.start_year
    participants = with_realised_participants(spec.participants, res.realised)
    yearly: dict[tuple[Any, ...], YearCost] = {}
    part: dict[tuple[Any, ...], PartCost] = {}
    for i, c in enumerate(spec.costs):
        if c.amount == 0:
            continue
        item = _item(res.costs[i].budget_item, bkb, ("costs", i, "budget_item"), notes)
        purse = PURSE_LABELS[c.purse]
        sign = -1.0 if c.amount < 0 else 1.0
        key = (c.label.casefold(), purse, item, c.price_year, sign)
        if c.kind == "per_participant" and c.year is None and c.years is None:
            if key in part:
                part[key].amount += abs(c.amount)
            elif len(part) == N_PART_COSTS:
                _full(
                    notes, ("costs", i), T.OMKOSTNINGER, N_PART_COSTS, "omkostninger pr. deltager"
                )
            else:
                part[key] = PartCost(
                    c.label, _kind(c, start), purse, item, c.price_year, abs(c.amount)
                )
            continue
        if c.kind == "per_participant":
            notes.warn(
                ["costs", i, "years" if c.years is not None else "year"], WARN_PER_PART_YEARS
            )
            years = list(c.years or (c.year,))
            amounts = {y: abs(c.amount) * participants.get(y, 0.0) for y in years if y is not None}
        elif c.kind == "once":
            amounts = {int(c.year or start): abs(c.amount)}
        else:
            amounts = dict.fromkeys((int(y) for y in c.years or ()), abs(c.amount))
        row = yearly.get(key)
        if row is None:
            if len(yearly) == N_YEAR_COSTS:
                _full(notes, ("costs", i), T.OMKOSTNINGER, N_YEAR_COSTS, "omkostninger pr. år")
                continue
            row = yearly[key] = YearCost(c.label, _kind(c, start), purse, item, c.price_year, {})
        for y, amount in amounts.items():
            row.amounts[y - start] = row.amounts.get(y - start, 0.0) + amount
    inp.year_costs = _pad(list(yearly.values()), N_YEAR_COSTS)
    inp.part_costs = _pad(list(part.values()), N_PART_COSTS)


def _full(notes: _Notes, path: Path, sheet: str, n: int, what: str) -> None:
    message = MSG_FULL.format(
        sheet=sheet, n=n, what=f"læg {what} med samme navn, aktør og udgiftspost sammen"
    )
    notes.refuse(path, message)


def _pad(rows: list[Any], n: int) -> list[Any]:
    return rows + [None] * (n - len(rows))


def _resources(spec: ScenarioSpec, res: Resolved, bkb: BookKB, inp: Inputs, notes: _Notes) -> None:
    """Omkostningsvurdering: one row per label, form, wage, overhead, purse, item, price year."""
    rows: dict[tuple[Any, ...], Resource] = {}
    first = len(spec.costs)
    for i, r in enumerate(spec.resources):
        item = _item(res.costs[first + i].budget_item, bkb, ("resources", i, "budget_item"), notes)
        hours = r.hours is not None
        form = T.FORM_HOURS if hours else T.FORM_FTE
        wage = r.hourly_wage if hours else r.annual_wage
        qty = float((r.hours if hours else r.fte) or 0.0)
        purse = PURSE_LABELS[r.purse]
        key = (r.label.casefold(), form, wage, r.overhead, purse, item, r.price_year)
        row = rows.get(key)
        if row is None:
            if len(rows) == N_RESOURCES:
                _full(notes, ("resources", i), T.OMKOSTNINGSVURDERING, N_RESOURCES, "ressourcer")
                continue
            overhead = r.overhead if r.overhead else None
            row = rows[key] = Resource(r.label, form, wage, overhead, purse, item, r.price_year, {})
        for y in r.years:
            off = int(y) - spec.start_year
            row.amounts[off] = row.amounts.get(off, 0.0) + qty
    inp.resources = _pad(list(rows.values()), N_RESOURCES)


# --- services -------------------------------------------------------------------------------


def _services(
    spec: ScenarioSpec, res: Resolved, bkb: BookKB, inp: Inputs, notes: _Notes
) -> dict[str, str]:
    """Local prices and own services (Priser); returns every service id → its label there."""
    labels = {s.id: s.label for s in bkb.services}
    kb_by_label = {s.label.casefold(): s.id for s in bkb.services}
    own: list[OwnService | None] = []
    for i, o in enumerate(spec.services):
        if o.id in kb_by_label.values():
            _kb_service(o, i, bkb, inp, notes)
            continue
        svc = res.services.get(o.id)
        if svc is None:
            continue
        label = str(o.label)
        if label.casefold() in kb_by_label or any(
            x is not None and x.label.casefold() == label.casefold() for x in own
        ):
            other = "en anden ydelse"
            if label.casefold() in kb_by_label:
                other = f"vidensdatabasens ydelse '{kb_by_label[label.casefold()]}'"
            notes.refuse(["services", i, "label"], MSG_OWN_LABEL.format(other=other), label)
            continue
        if len(own) == N_OWN_SERVICES:
            notes.refuse(
                ["services", i],
                MSG_FULL.format(sheet=T.PRISER, n=N_OWN_SERVICES, what="brug færre egne ydelser"),
            )
            continue
        if o.status is not None:
            notes.warn(["services", i, "status"], WARN_STATUS.format(status=o.status))
        item = _item(svc.budget_item, bkb, ("services", i, "budget_item"), notes)
        prices = o.prices or {}
        own.append(
            OwnService(
                label,
                str(o.unit),
                DIRECTION_LABELS[o.direction or "expenditure"],
                item,
                (prices.get("kommune"), prices.get("region"), prices.get("stat")),
                o.price_year,
            )
        )
        labels[o.id] = label
    inp.own_services = _pad(own, N_OWN_SERVICES)
    return labels


def _kb_service(o: Any, i: int, bkb: BookKB, inp: Inputs, notes: _Notes) -> None:
    """A knowledge-base service's local prices; what else the entry says is checked."""
    s = bkb.service(o.id)
    if o.direction is not None and o.direction != s.direction:
        what = "retning"
        notes.refuse(
            ["services", i, "direction"],
            MSG_KB_SERVICE.format(what=what, CANNOT=CANNOT, key="direction"),
            o.direction,
        )
    if o.budget_item is not None:
        ids = {bid: label for bid, label, _ in bkb.budget_items}
        label = ids.get(o.budget_item) or o.budget_item
        if label.casefold() != s.budget_item.casefold():
            notes.refuse(
                ["services", i, "budget_item"],
                MSG_KB_SERVICE.format(what="udgiftspost", CANNOT=CANNOT, key="budget_item"),
                o.budget_item,
            )
    if o.label is not None and o.label != s.label:
        notes.warn(["services", i, "label"], WARN_LABEL.format(what="navn", value=o.label))
    if o.unit is not None and o.unit != s.unit:
        notes.warn(["services", i, "unit"], WARN_LABEL.format(what="enhed", value=o.unit))
    local = _local_prices(o, s, bkb, inp.price_year)
    if local is not None:
        inp.local_prices[o.id] = LocalPrice(local, o.price_year)
    if o.status is not None and (local is not None or o.status != s.status):
        notes.warn(["services", i, "status"], WARN_STATUS.format(status=o.status))


def _local_prices(o: Any, s: Any, bkb: BookKB, price_year: int) -> OptPrices3 | None:
    """The entry's prices that differ from the national ones at the price level (a national
    price written out, as ``som-xl read --scenario-out`` does, stays national)."""
    index = bkb.index_map
    given = o.prices or {}
    out: list[float | None] = []
    for a, purse in enumerate(PURSE_LABELS):
        value = given.get(purse)
        if value is not None and price_year in index:
            national = s.prices[a] * index_factor(index, price_year, s.price_year)
            year = o.price_year if o.price_year in index else None
            at_level = value * index_factor(index, price_year, year)
            if math.isclose(at_level, national, rel_tol=1e-9, abs_tol=1e-9):
                value = None
        out.append(value)
    return (out[0], out[1], out[2]) if any(v is not None for v in out) else None


# --- consequences ---------------------------------------------------------------------------


@dataclass
class _Line:
    """One resolved consequence: service, profile in units, during-course units, tail."""

    n: int
    service: str
    profile: tuple[float, ...]
    during: tuple[float, ...]
    tail: tuple[str, float]
    origin: Path


def _consequences(
    spec: ScenarioSpec,
    res: Resolved,
    bkb: BookKB,
    inp: Inputs,
    notes: _Notes,
    labels: dict[str, str],
) -> None:
    """The resolved consequences on the group's rows (where the service is there) and own rows."""
    group = bkb.group_by_label(inp.target_group)
    own_group = not isinstance(spec.target_group, str) and _kb_group(spec, bkb) is None
    kb_rows = bkb.group_consequences(group.id) if group is not None and not own_group else []
    max_cons = len(inp.switches)
    inp.switches = [False] * max_cons
    inp.overrides = [{} for _ in range(max_cons)]
    inp.during_overrides = [{} for _ in range(max_cons)]
    inp.tail_overrides = [NO_TAIL] * max_cons
    own_rows: list[OwnConsequence | None] = []
    block_of: dict[str, int] = {}  # service → its first block
    for j, (sid, profile) in enumerate(res.consequences):
        origin = tuple(res.consequence_origins[j])
        line = _Line(
            j, sid, tuple(profile), tuple(res.consequence_during[j]), res.tail_of(j), origin
        )
        written = _written(spec, origin)
        if written is not None and written.relative is not None:
            notes.warn([*origin, "relative"], WARN_RELATIVE)
        if any(line.during[N_DURING:]):
            notes.refuse([*origin, "during_course"], MSG_DURING.format(n=N_DURING, CANNOT=CANNOT))
            continue
        free = next(
            (i for i, c in enumerate(kb_rows) if c.service == sid and not inp.switches[i]), None
        )
        kept = False
        if free is not None:
            _kb_block(inp, free, kb_rows[free], line)
            block_of.setdefault(sid, free)
            unchanged = not (
                inp.overrides[free] or inp.during_overrides[free] or inp.tail_overrides[free][0]
            )
            kept = unchanged and written is not None and written.status == kb_rows[free].status
        elif len(own_rows) == N_OWN_CONS:
            what = "brug færre konsekvenser"
            notes.refuse(
                list(origin), MSG_FULL.format(sheet=T.KONSEKVENSER, n=N_OWN_CONS, what=what)
            )
            continue
        else:
            block_of.setdefault(sid, max_cons + len(own_rows))
            own_rows.append(_own_row(inp, labels.get(sid, sid), line))
        if written is not None and written.status is not None and not kept:
            notes.warn([*origin, "status"], WARN_STATUS.format(status=written.status))
    inp.own_cons = _pad(own_rows, N_OWN_CONS)
    _baselines(spec, res, bkb, inp, notes, block_of, group.id if group else "")


def _written(spec: ScenarioSpec, origin: Path) -> Any:
    """The consequence as the file writes it (None for the target group's defaults)."""
    if len(origin) != 2:
        return None
    key, i = origin
    return (getattr(spec, str(key)) or ())[int(i)]


def _target(line: _Line, width: int) -> list[float]:
    """The line's values for k = 1 … width: its profile, then its tail."""
    if not line.profile:
        return [0.0] * width
    values = apply_tail(list(line.profile), line.tail, max(width, len(line.profile)))
    return [float(v) for v in values[:width]] + [0.0] * (width - len(values))


def _kb_block(inp: Inputs, i: int, c: BookConsequence, line: _Line) -> None:
    """Knowledge-base row i set to the line: own values where they differ, its tail, during."""
    inp.switches[i] = True
    tail = line.tail
    if block_tail(NO_TAIL, c, inp.default_tail) != (
        tail[0],
        tail[1] if tail[0] == "decay" else 0.0,
    ):
        inp.tail_overrides[i] = _tail_cells(tail)
    width = max(len(line.profile), len(c.profile))
    target = _target(line, width)
    own: dict[int, float] = {}
    for k in range(1, width + 1):
        kb_value = c.profile[k - 1] if k <= len(c.profile) else None
        if kb_value is None or kb_value != target[k - 1]:
            own[k] = target[k - 1]
    inp.overrides[i] = own
    kbd = kb_during(c, inp.course_years)
    during: dict[int, float] = {}
    for n in range(min(inp.course_years, N_DURING)):
        want = line.during[n] if n < len(line.during) else 0.0
        have = kbd[n] if n < len(kbd) else 0.0
        if want != have:
            during[n + 1] = want
    inp.during_overrides[i] = during


def _own_row(inp: Inputs, label: str, line: _Line) -> OwnConsequence:
    tail = line.tail
    default = block_tail(NO_TAIL, None, inp.default_tail)
    own_tail = (
        NO_TAIL
        if default == (tail[0], tail[1] if tail[0] == "decay" else 0.0)
        else _tail_cells(tail)
    )
    profile = {k + 1: float(v) for k, v in enumerate(line.profile)}
    during = {n + 1: float(v) for n, v in enumerate(line.during) if v}
    return OwnConsequence(label, True, profile, during, own_tail)


def _baselines(
    spec: ScenarioSpec,
    res: Resolved,
    bkb: BookKB,
    inp: Inputs,
    notes: _Notes,
    block_of: dict[str, int],
    group_id: str,
) -> None:
    """Own baseline use (§3.17) in the first block of its service."""
    kb = {b.key: b.units for b in bkb.baselines}
    inp.baselines = [None] * (len(inp.switches) + N_OWN_CONS)
    given: dict[str, Path] = {}
    tg = spec.target_group
    if isinstance(tg, OwnTargetGroup):
        given |= {sid: ("target_group", "baseline", sid) for sid in tg.baseline or {}}
    given |= {sid: ("baseline", sid) for sid in spec.baseline or {}}
    for sid, units in res.baseline:
        if sid not in given or kb.get(f"{group_id}|{sid}") == units:
            continue
        if sid not in block_of:
            notes.warn(list(given[sid]), WARN_BASELINE, units)
            continue
        inp.baselines[block_of[sid]] = float(units)


# --- follow-up, committees, uncertainty, variants ---------------------------------------------


def _realised(spec: ScenarioSpec, res: Resolved, inp: Inputs, notes: _Notes) -> None:
    participants = with_realised_participants(spec.participants, res.realised)
    out: dict[int, RealisedInput] = {}
    for r in res.realised:
        costs: float | None = None
        if r.costs is not None:
            written = spec.realised[r.year].costs
            if isinstance(written, tuple) and not _one_amount(written):
                notes.warn(["realised", r.year, "costs"], WARN_REALISED_LINES)
            total = 0.0
            for c in r.costs:
                purse = getattr(c, "purse", "kommune")
                if purse != "kommune":
                    notes.refuse(["realised", r.year, "costs"], MSG_REALISED_PURSE, purse)
                amount = float(getattr(c, "amount", 0.0))
                if getattr(c, "kind", "") == "per_participant":
                    amount *= participants.get(r.year, 0.0)
                total += amount
            costs = total
        out[r.year - spec.start_year] = RealisedInput(r.participants, r.successes, costs)
    inp.realised = out


def _one_amount(lines: tuple[CostItem, ...]) -> bool:
    """Realised costs written as the one line the sheet's amount stands for (as ``som-xl read
    --scenario-out`` writes it)."""
    if len(lines) != 1:
        return False
    c = lines[0]
    return (c.label, c.kind, c.purse, c.budget_item, c.price_year) == (
        REALISED_COST_LABEL, "once", "kommune", COST_BUDGET_ITEM, None,
    )  # fmt: skip


def _committees(spec: ScenarioSpec, bkb: BookKB, inp: Inputs, notes: _Notes) -> None:
    """Udvalg: the file's committees over the knowledge base's."""
    if not spec.committees:
        return
    ids = {bid: label for bid, label, _ in bkb.budget_items}
    for key, committee in spec.committees.items():
        label = ids.get(key) or by_text({x: x for x in bkb.item_labels}, key)
        if label is None:
            known = ", ".join(bkb.item_labels)
            notes.refuse(["committees", key], MSG_COMMITTEE_ITEM.format(known=known), key)
            continue
        inp.committee_of[str(label)] = "" if committee == NO_COMMITTEE else committee
    names: list[str] = []
    for name in [*inp.committees, *inp.committee_of.values()]:
        if name and name in inp.committee_of.values() and name not in names:
            names.append(name)
    if len(names) > N_COMMITTEES:
        what = f"højst {N_COMMITTEES} forskellige udvalg"
        notes.refuse(["committees"], MSG_FULL.format(sheet=T.UDVALG, n=N_COMMITTEES, what=what))
        return
    inp.committees = names + [""] * (N_COMMITTEES - len(names))


def _uncertainty(
    spec: ScenarioSpec,
    kb: KnowledgeBase,
    inp: Inputs,
    notes: _Notes,
    where: str,
    lines: LineMap | None,
) -> None:
    """Usikkerhed: the rows the file's block sets (triangular or normal; the success rate as
    factors on it). The standard (``standard: true``) is the sheet's own default, so only the
    distributions the file writes itself are carried; uniform and beta are warned."""
    unc = spec.uncertainty
    if unc is None:
        return
    path = ("uncertainty",)
    if unc.standard:
        standard_uncertainty(spec, unc, kb, where, lines)  # its problems (an unknown effect)
    if unc.draws != DEFAULT_DRAWS or unc.seed != DEFAULT_SEED:
        what = f"regner med {DEFAULT_DRAWS:,} trækninger og frø {DEFAULT_SEED}".replace(",", ".")
        then = "brug 'som-xl usikkerhed' til filens"
        notes.warn(
            [*path, "draws" if unc.draws != DEFAULT_DRAWS else "seed"],
            WARN_UNCERTAIN.format(what=what, then=then),
        )
    if unc.services:
        what = "har ingen intervaller for enkelte ydelsers priser"
        notes.warn(
            [*path, "services"], WARN_UNCERTAIN.format(what=what, then="brug 'som-xl usikkerhed'")
        )
    written_rate = spec.net_success_rate  # None: the intervention's, settled on Indsats
    s = written_rate if written_rate is not None else inp.success_rate
    own: dict[str, tuple[str, float, float, float]] = {}
    for key in ("success_rate", "costs", "consequences"):
        dist: Distribution | None = getattr(unc, key)
        if dist is None:
            continue
        if dist.dist == "triangular":
            row = (float(dist.low or 0.0), float(dist.mode or 0.0), float(dist.high or 0.0))
        elif dist.dist == "normal":  # the sheet holds a normal as its 95 % interval and mean
            mean, half = float(dist.mean or 0.0), Z_95 * float(dist.sd or 0.0)
            row = (mean - half, mean, mean + half)
        else:
            what = f"har kun trekants- og normalfordelinger (ikke {dist.dist})"
            notes.warn([*path, key], WARN_UNCERTAIN.format(what=what, then=KEEPS_DEFAULT))
            continue
        low, mode, high = row
        if key == "success_rate":
            if s <= 0 or max(abs(low), abs(high)) / s > 100:
                what = "holder succesraten som faktorer på den (0-100), og de passer ikke her"
                notes.warn([*path, key], WARN_UNCERTAIN.format(what=what, then=KEEPS_DEFAULT))
                continue
            low, mode, high = low / s, mode / s, high / s
        elif high > 100:
            what = "holder faktorer fra 0 til 100"
            notes.warn([*path, key], WARN_UNCERTAIN.format(what=what, then=KEEPS_DEFAULT))
            continue
        own[key] = (dist.dist, low, mode, high)
    inp.uncertainty = own or None


def _variants(spec: ScenarioSpec, inp: Inputs, notes: _Notes) -> Inputs:
    from .sheets.varianter import file_variants

    out = file_variants(inp, spec.variants)
    names = list(spec.variants or {})
    for note in out.variant_notes:
        name = next((n for n in names if f"'{n.strip()}'" in note), None)
        notes.warn(["variants", name] if name is not None else ["variants"], note)
    return out


# --- the last check -------------------------------------------------------------------------


def _same_result(res: Resolved, inp: Inputs, bkb: BookKB, kb: KnowledgeBase, notes: _Notes) -> None:
    """The workbook's reading of the inputs must give the scenario's result, year by year and
    purse by purse (to the krone)."""
    from ..results import calculate
    from .values import resolve_workbook

    want = _by_year_purse(calculate(res))
    try:
        wb_res, _ = resolve_workbook(inp, bkb, Layout(bkb.counts()), kb)
    except InputError as exc:
        for p in exc.problems:
            notes.refuse([], f"projektmappen kan ikke tage scenariet: {p}")
        return
    got = _by_year_purse(calculate(wb_res))
    for (year, purse), value in sorted(want.items()):
        diff = got.get((year, purse), 0.0) - value
        if abs(diff) > 0.5:
            label = PURSE_LABELS.get(purse, purse).lower()
            message = MSG_DIFFERENT.format(
                diff=f"{diff:,.0f}".replace(",", "."), year=year, purse=label
            )
            notes.refuse([], message)
            return


def _by_year_purse(result: Any) -> dict[tuple[int, str], float]:
    """The net result per year and purse (undiscounted), from the calculation's trace."""
    totals = result.trace.sheet_totals()
    net = totals.gains_by_purse - totals.costs_by_purse
    years = range(result.model.start_year, result.model.start_year + net.shape[0])
    purses: Callable[[int], str] = lambda a: tuple(PURSE_LABELS)[a]  # noqa: E731
    return {
        (y, purses(a)): float(net[t, a]) for t, y in enumerate(years) for a in range(net.shape[1])
    }


def uncertainty_not_on_sheet(
    data: bytes, inputs: Inputs, where: str, lines: LineMap | None
) -> Problem | None:
    """A warning when the built workbook's *Usikkerhed* sheet does not hold the file's ranges.

    Parameters
    ----------
    data : bytes
        The built workbook.
    inputs : Inputs
        Its inputs (:attr:`~.model.Inputs.uncertainty`: the ranges the sheet should hold).
    where, lines : str, LineMap or None
        The scenario file and its line map.

    Returns
    -------
    Problem or None
        None where the sheet holds the ranges (or the file gives none).
    """
    import io

    import openpyxl

    from .sheets import usikkerhed as U

    if inputs.uncertainty is None:
        return None
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        ws = wb[U.SHEET]
        for key, (_dist, *want) in inputs.uncertainty.items():
            r = (U.R_FACTOR if key == "success_rate" else U.ROWS[key]) + 1
            cells = [ws.cell(r, c + 1).value for c in (U.C_LOW, U.C_MODE, U.C_HIGH)]
            if not all(
                isinstance(v, int | float) and math.isclose(v, w, abs_tol=1e-12)
                for v, w in zip(cells, want, strict=True)
            ):
                notes = _Notes(where, lines)
                notes.warn(["uncertainty"], WARN_NOT_ON_SHEET)
                return notes.warnings[0]
    finally:
        wb.close()
    return None
