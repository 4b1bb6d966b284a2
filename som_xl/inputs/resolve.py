"""The resolver: settle a :class:`ScenarioSpec` against the knowledge base, in named steps.

``resolve(spec, kb)`` → :class:`Resolved`: every service, price and consequence settled,
prices at the scenario's price level; it needs no knowledge base after. The steps, in order
(each collects its problems; every problem names its place through the origins):

1. :func:`settle_settings`: the price year and the discount schedule (knowledge-base
   defaults where the scenario gives none);
2. :class:`PriceLevel`: the price index, and amounts moved from their price year;
3. :func:`settle_target_group`: the target group (from the knowledge base, or one's own) and
   its default consequences;
4. :func:`settle_consequences`: the scenario's own consequences, then dropped and added ones;
5. :func:`settle_services`: the services the consequences use, local prices, own services;
6. :func:`settle_costs`: the cost lines at the price level;
7. :func:`settle_success`: the success rate, the named intervention's where the scenario
   writes none (``intervention:``).

The knowledge base is loaded only when a step needs it (``kb`` may be a loader).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..conventions import COST_BUDGET_ITEM, NO_COMMITTEE, PURSES
from ..errors import InputError, suggest
from ..files import LineMap
from .context import Context, KbSource
from .followup import Realised, deadweight_warning
from .origins import FileOrigins, Origins, Path
from .profiles import ConsequenceLine, settle_profiles
from .resolved import Intervention, Resolved, ResolvedCost, ResolvedService
from .spec import (
    ConsequenceSpec,
    FromIntervention,
    GrossSuccess,
    OwnTargetGroup,
    ScenarioSpec,
    ServiceSpec,
)

__all__ = [
    "ConsequenceLine",
    "Context",
    "Group",
    "PriceLevel",
    "Resolved",
    "ResolvedCost",
    "ResolvedService",
    "Settings",
    "resolve",
    "settle_consequences",
    "settle_costs",
    "settle_services",
    "settle_settings",
    "settle_success",
    "settle_target_group",
]

# --- 1. settings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """The settled price year and discount schedule ``((from_year, rate), ...)``."""

    price_year: int
    discount_label: str
    schedule: tuple[tuple[int, float], ...]


def settle_settings(spec: ScenarioSpec, ctx: Context) -> Settings:
    """The price year and the discount schedule, with knowledge-base defaults.

    Parameters
    ----------
    spec : ScenarioSpec
        The validated scenario (:func:`~som_xl.inputs.spec.parse_scenario`).
    ctx : Context
        The knowledge base (loaded on first use), the origins, and the problems found so
        far; this step adds its own.

    Returns
    -------
    Settings
        The price year; the discount rate's label (a schedule's name, ``'eget forløb'`` for
        the scenario's own steps, or the rate); and the schedule ``((from_year, rate), ...)``.
        An unknown schedule is a problem in ``ctx``, and settles as a rate of 0.

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario
    >>> spec = parse_scenario({"start_year": 2025, "horizon_years": 3, "price_year": 2024,
    ...     "discount_rate": [{"from_year": 1, "rate": 0.04}, {"from_year": 3, "rate": 0.02}],
    ...     "participants": [1], "success_rate": 0.5,
    ...     "consequences": [{"service": "s", "profile": [1]}]})
    >>> settle_settings(spec, Context(None))
    Settings(price_year=2024, discount_label='eget forløb', schedule=((1, 0.04), (3, 0.02)))
    """
    price_year = spec.price_year if spec.price_year is not None else ctx.kb().defaults.price_year
    rate = spec.discount_rate if spec.discount_rate is not None else ctx.kb().defaults.discount_rate
    if isinstance(rate, str):
        schedules = ctx.kb().discount_rates
        if rate not in schedules:
            message = f"ukendt renteforløb; brug et tal som 0.035 eller {suggest(rate, schedules)}"
            ctx.problem(["discount_rate"], message, rate)
            return Settings(price_year, rate, ((1, 0.0),))
        steps = tuple((s.from_year, s.rate) for s in schedules[rate].schedule)
        return Settings(price_year, rate, steps)
    if isinstance(rate, tuple):
        steps = tuple((s.from_year, s.rate) for s in rate)
        starts = [f for f, _ in steps]
        if starts[0] != 1 or starts != sorted(set(starts)):
            message = "renteforløbet skal starte med from_year: 1 og stige"
            ctx.problem(["discount_rate"], message, None, False)
        return Settings(price_year, "eget forløb", steps)
    return Settings(price_year, f"{float(rate):g}", ((1, float(rate)),))


# --- 2. price index and conversion ------------------------------------------------------


class PriceLevel:
    """Moves amounts to the scenario's price year with the price index (som-method.md §3.4).

    The scenario's own ``price_index`` replaces the knowledge base's (two bases never mix);
    the index is looked up only when an amount has to move.

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario
    >>> spec = parse_scenario({"start_year": 2025, "horizon_years": 3, "price_year": 2024,
    ...     "price_index": {2023: 100, 2024: 110}, "participants": [1], "success_rate": 0.5,
    ...     "consequences": [{"service": "s", "profile": [1]}]})
    >>> PriceLevel(spec, Context(None), 2024).convert(1000, 2023, ["costs", 0, "price_year"])
    1100.0
    """

    def __init__(self, spec: ScenarioSpec, ctx: Context, price_year: int) -> None:
        self.spec = spec
        self.ctx = ctx
        self.price_year = price_year
        self._index: dict[int, float] | None = None

    def index(self) -> dict[int, float]:
        """The index in use: the scenario's own, else the knowledge base's."""
        if self._index is None:
            own = self.spec.price_index
            self._index = dict(own) if own is not None else dict(self.ctx.kb().price_index.values)
        return self._index

    def convert(self, amount: float, from_year: int, path: Sequence[str | int]) -> float:
        """``amount`` in ``from_year`` prices at the price level; a missing year is a problem."""
        if from_year == self.price_year:
            return amount
        idx = self.index()
        missing = [y for y in (from_year, self.price_year) if y not in idx]
        if missing:
            known = f"{min(idx)}-{max(idx)}" if idx else "ingen"
            own_index = self.ctx.origins.name("price_index")
            whose = (
                f"scenariets eget prisindeks ({own_index})"
                if self.spec.price_index
                else "vidensdatabasens prisindeks"
            )
            hint = f" eller angiv et fuldt prisindeks under {own_index}" if own_index else ""
            at_price_year = missing[0] == self.price_year and self.spec.price_year
            self.ctx.problem(
                ["price_year"] if at_price_year else path,
                f"{whose} har ikke året {missing[0]} (kendte år: {known}); vælg et andet "
                f"prisår{hint}",
                missing[0],
            )
            return amount
        return amount * idx[self.price_year] / idx[from_year]


# --- 3. target group ------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """The settled target group and its knowledge-base consequences (none for one's own)."""

    id: str | None = None
    label: str | None = None
    success_measure: str | None = None
    defaults: tuple[ConsequenceLine, ...] = ()
    #: every knowledge-base consequence of the group, the ones not recommended too
    available: tuple[ConsequenceLine, ...] = ()
    #: baseline use per service id (§3.17), from the knowledge base or one's own group
    baseline: tuple[tuple[str, float], ...] = ()


def settle_target_group(spec: ScenarioSpec, ctx: Context) -> Group:
    """The target group: one's own, or the knowledge base's with its default consequences.

    Parameters
    ----------
    spec : ScenarioSpec
        The validated scenario (:func:`~som_xl.inputs.spec.parse_scenario`).
    ctx : Context
        The knowledge base (loaded on first use), the origins, and the problems found so
        far; this step adds its own.

    Returns
    -------
    Group
        The group's id, label and success measure, and its knowledge-base consequences
        (none for one's own group, or when the scenario lists its own consequences). An
        empty Group when the scenario has no target group, or an unknown one (a problem in
        ``ctx``).

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario
    >>> spec = parse_scenario({"start_year": 2025, "horizon_years": 3, "participants": [1],
    ...     "success_rate": 0.5, "target_group": {"id": "egen", "label": "Egen gruppe"},
    ...     "consequences": [{"service": "s", "profile": [1]}]})
    >>> group = settle_target_group(spec, Context(None))
    >>> group.id, group.label, group.defaults
    ('egen', 'Egen gruppe', ())
    """
    tg = spec.target_group
    if isinstance(tg, OwnTargetGroup):
        if spec.consequences is None and not spec.add_consequences:
            message = "en egen målgruppe kræver egne 'consequences'"
            ctx.problem(["consequences"], message, None, False)
        own_base = tuple((k, float(v)) for k, v in (tg.baseline or {}).items())
        return Group(tg.id, tg.label or tg.id, tg.success_measure, baseline=own_base)
    if tg is None:
        return Group()
    groups = ctx.kb().target_groups
    if tg not in groups:
        ctx.problem(["target_group"], f"ukendt målgruppe; {suggest(tg, groups)}", tg)
        return Group()
    g = groups[tg]
    available = tuple(
        ConsequenceLine(
            c.service,
            tuple(c.profile),
            c.status,
            ("target_group",),
            during=tuple(c.during_course or ()),
            tail=(c.tail.kind, float(c.tail.rate or 0.0)) if c.tail is not None else None,
            recommended=c.recommended,
            reason=c.recommended_reason,
            assumed_from=c.assumed_from,
        )
        for c in ctx.kb().consequences.get(g.id, ())
    )
    defaults = tuple(c for c in available if c.recommended) if spec.consequences is None else ()
    baseline = tuple((sid, float(b.units)) for sid, b in g.baseline.items())
    return Group(g.id, g.label, g.success_measure, defaults, available, baseline)


# --- 4. consequences ------------------------------------------------------------------------


def settle_consequences(spec: ScenarioSpec, ctx: Context, group: Group) -> list[ConsequenceLine]:
    """The scenario's consequences: its own (or the group's), minus dropped, plus added ones.

    An added service that is already there replaces its profile.

    Parameters
    ----------
    spec : ScenarioSpec
        The validated scenario (:func:`~som_xl.inputs.spec.parse_scenario`).
    ctx : Context
        The knowledge base (loaded on first use), the origins, and the problems found so
        far; this step adds its own.
    group : Group
        The settled target group (:func:`settle_target_group`): its consequences are the
        start when the scenario lists none of its own.

    Returns
    -------
    list of ConsequenceLine
        The consequences in order, each with its service, profile, status and origin. A
        dropped service that is not there is a problem in ``ctx``.

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario
    >>> spec = parse_scenario({"start_year": 2025, "horizon_years": 3, "participants": [1],
    ...     "success_rate": 0.5, "consequences": [{"service": "a", "profile": [1]},
    ...     {"service": "b", "profile": [2]}], "drop_consequences": ["a"],
    ...     "add_consequences": [{"service": "b", "profile": [3]}]})
    >>> lines = settle_consequences(spec, Context(None), Group())
    >>> [(c.service, c.profile, c.origin) for c in lines]
    [('b', (3.0,), ('add_consequences', 0))]
    """
    if spec.consequences is not None:
        lines = [
            _own_line(c, ("consequences", i), group, ctx) for i, c in enumerate(spec.consequences)
        ]
    else:
        lines = list(group.defaults)
    for i, sid in enumerate(spec.drop_consequences):
        present = [c.service for c in lines]
        if sid not in present:
            message = "ydelsen er ikke blandt scenariets konsekvenser; " + suggest(sid, present)
            ctx.problem(["drop_consequences", i], message, sid)
            continue
        del lines[present.index(sid)]
    for i, added in enumerate(spec.add_consequences):
        line = _own_line(added, ("add_consequences", i), group, ctx)
        present = [c.service for c in lines]
        if added.service in present:
            lines[present.index(added.service)] = line
        else:
            lines.append(line)
    return lines


def _own_line(c: ConsequenceSpec, origin: Path, group: Group, ctx: Context) -> ConsequenceLine:
    """A consequence the scenario writes; with no values of its own, the group's (§3.17 and
    the recommended consequences: a consequence the knowledge base does not recommend is
    added by naming its service)."""
    tail = (c.tail.kind, float(c.tail.rate or 0.0)) if c.tail is not None else None
    if c.profile is None and c.relative is None and c.during_course is None:
        known = {x.service: x for x in group.available}
        if c.service not in known:
            where = "målgruppens konsekvenser i vidensdatabasen"
            message = (
                f"konsekvensen har ingen 'profile', og ydelsen er ikke blandt {where}; "
                f"skriv en profil eller {suggest(c.service, known)}"
            )
            ctx.problem([*origin, "service"], message, c.service)
            return ConsequenceLine(c.service, (), "own", origin)
        kb_line = known[c.service]
        return ConsequenceLine(
            c.service, kb_line.profile, kb_line.status, origin, kb_line.during,
            tail if tail is not None else kb_line.tail, None, kb_line.recommended, kb_line.reason,
            kb_line.assumed_from,
        )  # fmt: skip
    return ConsequenceLine(
        c.service,
        tuple(c.profile or ()),
        c.status or "own",
        origin,
        during=tuple(c.during_course or ()),
        tail=tail,
        relative=tuple(c.relative) if c.relative is not None else None,
        assumed_from=c.assumed_from,
    )


# --- 5. services and prices -------------------------------------------------------------


def settle_services(
    spec: ScenarioSpec, ctx: Context, lines: Sequence[ConsequenceLine], prices: PriceLevel
) -> dict[str, ResolvedService]:
    """The services: the knowledge base's (national or local prices) and one's own.

    Parameters
    ----------
    spec : ScenarioSpec
        The validated scenario (:func:`~som_xl.inputs.spec.parse_scenario`).
    ctx : Context
        The knowledge base (loaded on first use), the origins, and the problems found so
        far; this step adds its own.
    lines : sequence of ConsequenceLine
        The settled consequences (:func:`settle_consequences`): the services they use.
    prices : PriceLevel
        Moves amounts from their price year to the scenario's price level.

    Returns
    -------
    dict of str to ResolvedService
        Service id → the service with its prices per purse at the price level: the
        knowledge base's (with the scenario's local values where given) for each service
        the consequences use, then every service the scenario lists (its own, or local
        values for one of the knowledge base's). An unknown or doubled service is a
        problem in ``ctx``.

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario
    >>> spec = parse_scenario({"start_year": 2025, "horizon_years": 3, "participants": [1],
    ...     "success_rate": 0.5, "price_year": 2024, "price_index": {2023: 100, 2024: 110},
    ...     "consequences": [{"service": "s", "profile": [1]}],
    ...     "services": [{"id": "s", "label": "S", "unit": "dag", "direction": "revenue",
    ...                   "budget_item": "Post", "price_year": 2023, "prices": {"stat": 10}}]})
    >>> ctx = Context(None)
    >>> lines = settle_consequences(spec, ctx, Group())
    >>> settle_services(spec, ctx, lines, PriceLevel(spec, ctx, 2024))["s"].prices
    (0.0, 0.0, 11.0)
    """
    own: dict[str, tuple[int, ServiceSpec]] = {}
    for i, o in enumerate(spec.services):
        if o.id in own:
            where = ctx.origins.name("services")
            twice = f"ydelsen står to gange under {where}" if where else "ydelsen står to gange"
            ctx.problem(["services", i, "id"], twice, o.id)
        own.setdefault(o.id, (i, o))
    services: dict[str, ResolvedService] = {}
    for line in lines:
        sid = line.service
        if sid in services or (sid in own and _complete(own[sid][1])):
            continue  # a service may carry several profiles; own services come below
        kbs = ctx.kb().services
        if sid not in kbs:
            message = f"ukendt ydelse; {suggest(sid, [*kbs, *own])}{_define_it(ctx)}"
            ctx.problem(line.service_path, message, sid)
            continue
        local = own.get(sid)
        path: Path = ("services", local[0]) if local else line.origin
        services[sid] = _kb_service(kbs[sid], local[1] if local else None, ctx, prices, path)
    for sid, (i, o) in own.items():
        if sid in services:
            continue
        if _complete(o):
            services[sid] = _own_service(o, i, ctx, prices)
            continue
        kbs = ctx.kb().services
        if sid not in kbs:
            keys = ("label", "unit", "direction", "budget_item", "prices")
            missing = ", ".join(k for k in keys if getattr(o, k) is None)
            message = f"ukendt ydelse i vidensdatabasen; en egen ydelse skal have {missing}"
            ctx.problem(["services", i, "id"], f"{message} ({suggest(sid, kbs)})", sid)
            continue
        services[sid] = _kb_service(kbs[sid], o, ctx, prices, ("services", i))
    return services


def _complete(o: ServiceSpec) -> bool:
    """An own service that needs nothing from the knowledge base."""
    return None not in (o.label, o.unit, o.direction, o.budget_item, o.prices)


def _own_service(o: ServiceSpec, i: int, ctx: Context, prices: PriceLevel) -> ResolvedService:
    """A service of the scenario's own, its prices moved from its own price year."""
    src = tuple(float((o.prices or {}).get(p, 0.0)) for p in PURSES)
    year = o.price_year if o.price_year is not None else prices.price_year
    moved = tuple(prices.convert(p, year, ["services", i, "price_year"]) for p in src)
    item = ctx.item_label(str(o.budget_item))
    direction = o.direction or "expenditure"
    status = o.status or "local"
    return ResolvedService(
        o.id, str(o.label), str(o.unit), direction, item, moved, "own", status, year, src
    )


def _kb_service(
    s: Any, own: ServiceSpec | None, ctx: Context, prices: PriceLevel, path: Path
) -> ResolvedService:
    """A knowledge-base service, with the scenario's own (local) values where given."""
    kb = ctx.kb()
    national = s.prices.as_tuple()
    if own is not None and own.prices is not None:
        # Local prices win purse by purse; each price moves from its own price year.
        year = own.price_year if own.price_year is not None else prices.price_year
        local = {p: float(v) for p, v in own.prices.items()}
        src = tuple(local.get(p, national[k]) for k, p in enumerate(PURSES))
        years = tuple(year if p in local else s.price_year for p in PURSES)
        origin, status = "local", "local"
    else:
        src, year, origin, status = national, s.price_year, "kb", s.status
        years = (year,) * len(PURSES)
    moved = tuple(
        prices.convert(p, y, [*path, "price_year"]) for p, y in zip(src, years, strict=True)
    )
    label = (own.label if own and own.label else None) or s.label
    unit = (own.unit if own and own.unit else None) or kb.units[s.unit].label
    direction = (own.direction if own and own.direction else None) or s.direction
    item = (
        ctx.item_label(own.budget_item)
        if own and own.budget_item
        else kb.budget_item_label(s.budget_item)
    )
    return ResolvedService(s.id, label, unit, direction, item, moved, origin, status, year, src)


# --- 6. costs -------------------------------------------------------------------------------


def settle_costs(spec: ScenarioSpec, ctx: Context, prices: PriceLevel) -> tuple[ResolvedCost, ...]:
    """The cost lines at the price level, with the years each falls in.

    Parameters
    ----------
    spec : ScenarioSpec
        The validated scenario (:func:`~som_xl.inputs.spec.parse_scenario`).
    ctx : Context
        The knowledge base (loaded on first use), the origins, and the problems found so
        far; this step adds its own.
    prices : PriceLevel
        Moves amounts from their price year to the scenario's price level.

    Returns
    -------
    tuple of ResolvedCost
        The cost lines in order, each amount at the price level, with its years (``once``:
        its year; ``annual``: its years; ``per_participant``: its start years, ``()`` for
        all) and its budget item's label.

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario
    >>> spec = parse_scenario({"start_year": 2025, "horizon_years": 3, "participants": [1],
    ...     "success_rate": 0.5, "price_year": 2024, "price_index": {2023: 100, 2024: 110},
    ...     "consequences": [{"service": "s", "profile": [1]}],
    ...     "costs": [{"label": "Drift", "kind": "annual", "years": [2025, 2026],
    ...                "amount": 1000, "price_year": 2023, "purse": "region"}]})
    >>> settle_costs(spec, Context(None), PriceLevel(spec, Context(None), 2024))
    (ResolvedCost(label='Drift', kind='annual', amount=1100.0, years=(2025, 2026), \
purse='region', budget_item='Indsatsens omkostninger'),)
    """
    costs: list[ResolvedCost] = []
    for i, c in enumerate(spec.costs):
        amount = c.amount
        if c.price_year is not None:
            amount = prices.convert(c.amount, c.price_year, ["costs", i, "price_year"])
        years: tuple[int, ...] = ()
        if c.kind == "once" and c.year is not None:
            years = (int(c.year),)
        elif c.kind == "annual" or c.years is not None:
            years = tuple(int(y) for y in c.years or ())
        elif c.year is not None:  # per_participant in one start year only
            years = (int(c.year),)
        item = ctx.item_label(c.budget_item)
        costs.append(ResolvedCost(c.label, c.kind, amount, years, c.purse, item))
    for i, r in enumerate(spec.resources):  # the cost assessment (§3.18): annual lines
        amount = r.annual_cost
        if r.price_year is not None:
            amount = prices.convert(amount, r.price_year, ["resources", i, "price_year"])
        years = tuple(int(y) for y in r.years)
        item = ctx.item_label(r.budget_item)
        costs.append(ResolvedCost(r.label, "annual", amount, years, r.purse, item))
    return tuple(costs)


# --- 7. follow-up and committees ------------------------------------------------------------

#: The label of a realised cost given as one amount (§3.19).
REALISED_COST_LABEL = "Realiserede omkostninger"


def settle_realised(spec: ScenarioSpec, ctx: Context, prices: PriceLevel) -> tuple[Realised, ...]:
    """The realised years (§3.19), each with its costs as cost lines falling in that year.

    Parameters
    ----------
    spec : ScenarioSpec
    ctx : Context
    prices : PriceLevel

    Returns
    -------
    tuple of Realised
        In year order. A cost given as one amount is booked to the kommune and
        "Indsatsens omkostninger"; a list of cost items falls in the realised year.
    """
    out = []
    for year, real in sorted(spec.realised.items()):
        costs: tuple[object, ...] | None = None
        if isinstance(real.costs, int | float):
            line = ResolvedCost(
                REALISED_COST_LABEL, "once", float(real.costs), (int(year),), "kommune",
                COST_BUDGET_ITEM,
            )  # fmt: skip
            costs = (line,)
        elif real.costs is not None:
            lines = []
            for i, c in enumerate(real.costs):
                amount = c.amount
                if c.price_year is not None:
                    path: list[str | int] = ["realised", year, "costs", i, "price_year"]
                    amount = prices.convert(c.amount, c.price_year, path)
                kind = "per_participant" if c.kind == "per_participant" else "once"
                item = ctx.item_label(c.budget_item)
                lines.append(ResolvedCost(c.label, kind, amount, (int(year),), c.purse, item))
            costs = tuple(lines)
        out.append(Realised(int(year), real.participants, real.successes, costs))
    return tuple(out)


def settle_committees(
    spec: ScenarioSpec,
    ctx: Context,
    services: dict[str, ResolvedService],
    costs: Sequence[ResolvedCost],
) -> dict[str, str]:
    """The committee of every budget item the scenario uses (§3.15).

    The scenario's ``committees`` win; then the knowledge base's default (where a knowledge
    base was used: a scenario that needs none stays free of it); an item no mapping names
    belongs to :data:`NO_COMMITTEE`.

    Parameters
    ----------
    spec : ScenarioSpec
    ctx : Context
    services : dict of str to ResolvedService
    costs : sequence of ResolvedCost

    Returns
    -------
    dict of str to str
        Budget item label → committee.
    """
    items = [s.budget_item for s in services.values()] + [c.budget_item for c in costs]
    for r in spec.realised.values():
        if isinstance(r.costs, tuple):
            items += [ctx.item_label(c.budget_item) for c in r.costs]
        elif r.costs is not None:
            items.append(COST_BUDGET_ITEM)
    own = {ctx.item_label(k): v for k, v in spec.committees.items()}
    defaults = ctx.loaded.committees if ctx.loaded is not None else {}
    return {
        item: own.get(item) or defaults.get(item) or NO_COMMITTEE for item in dict.fromkeys(items)
    }


# --- 7. the success rate and the intervention ---------------------------------------------


@dataclass(frozen=True)
class Success:
    """The settled net success rate, the gross rates where given, and the intervention."""

    net: float
    gross: tuple[float, float] | None = None
    intervention: Intervention | None = None
    warnings: tuple[str, ...] = ()


def settle_success(spec: ScenarioSpec, ctx: Context, group: str | None) -> Success:
    """The success rate: as written, or the named intervention's (``intervention:``).

    An intervention must be one of the knowledge base's effects. Where the scenario writes no
    ``success_rate``, the effect's net success rate is used, and an effect without one is a
    problem (say which rate to use). An effect studied for another target group than the
    scenario's gives a warning.

    Parameters
    ----------
    spec : ScenarioSpec
        The validated scenario.
    ctx : Context
        The knowledge base and the problems found so far.
    group : str or None
        The settled target group's id (:func:`settle_target_group`).

    Returns
    -------
    Success
        The net rate (0 where a problem was found: the resolver then raises), the gross rates,
        the intervention and any warning.

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario
    >>> from som_xl.kb import load_kb
    >>> spec = parse_scenario({"start_year": 2025, "horizon_years": 3, "participants": [1],
    ...     "target_group": "boern_angst_depression_6_13", "intervention": "cool_kids"})
    >>> s = settle_success(spec, Context(load_kb()), "boern_angst_depression_6_13")
    >>> s.net, s.intervention.id, s.intervention.rate_used, s.warnings
    (0.425, 'cool_kids', True, ())
    """
    rate = spec.success_rate
    gross = (rate.with_, rate.without) if isinstance(rate, GrossSuccess) else None
    written = spec.net_success_rate
    if spec.intervention is None:
        return Success(float(written or 0.0), gross)
    effects = ctx.kb().effects
    e = effects.get(spec.intervention)
    if e is None:
        message = f"ukendt indsats; {suggest(spec.intervention, effects)}"
        ctx.problem(["intervention"], message, spec.intervention)
        return Success(float(written or 0.0), gross)
    warnings: tuple[str, ...] = ()
    if e.target_group is not None and group is not None and e.target_group != group:
        warnings = (
            f"Indsatsen '{e.id}' ({e.intervention}) er undersøgt for målgruppen "
            f"'{e.target_group}', ikke scenariets '{group}'; dens succesrate og interval "
            "gælder måske ikke her.",
        )
    used = isinstance(rate, FromIntervention)
    if used and e.success_rate is None:
        message = (
            "indsatsen har ingen standard-succesrate i vidensdatabasen (kilden giver ingen "
            "nettorate mod en kontrolgruppe); angiv 'success_rate' selv, fx 0.30"
        )
        ctx.problem(["intervention"], message, spec.intervention)
    net = float(e.success_rate or 0.0) if used else float(written or 0.0)
    same = e.success_rate is not None and math.isclose(net, e.success_rate, abs_tol=1e-12)
    info = Intervention(
        e.id,
        e.intervention,
        e.target_group,
        int(e.evidence_level),
        e.outcome,
        e.success_rate,
        used or same,
        e.status,
        e.source,
    )
    return Success(net, gross, info, warnings)


# --- the resolver -------------------------------------------------------------------------


def resolve(
    spec: ScenarioSpec,
    kb: KbSource,
    where: str = "scenariet",
    lines: LineMap | None = None,
    *,
    origins: Origins | None = None,
) -> Resolved:
    """Settle the scenario against the knowledge base (loaded only if it is needed).

    Parameters
    ----------
    spec : ScenarioSpec
        The validated scenario (:func:`~som_xl.inputs.spec.parse_scenario`).
    kb : KnowledgeBase, a loader of one, or None
        A loader is called only when the scenario refers to the knowledge base.
    where, lines : str, LineMap or None
        The scenario file and its line map, for problems in a file.
    origins : Origins, optional
        The place of each spec path instead (a cell, an argument).

    Returns
    -------
    Resolved
        The settled scenario; raises InputError with every problem found.

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario
    >>> spec = parse_scenario({"start_year": 2025, "horizon_years": 3, "participants": [1],
    ...     "success_rate": 0.5, "price_year": 2024, "discount_rate": 0.04,
    ...     "consequences": [{"service": "ukendt", "profile": [1]}]})
    >>> resolve(spec, None)
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: scenariet: scenariet kræver vidensdatabasen
    """
    ctx = Context(kb, origins if origins is not None else FileOrigins(where, lines))
    settings = settle_settings(spec, ctx)
    prices = PriceLevel(spec, ctx, settings.price_year)
    group = settle_target_group(spec, ctx)
    settled = settle_consequences(spec, ctx, group)
    services = settle_services(spec, ctx, settled, prices)
    units = {sid: svc.unit for sid, svc in services.items()}
    profiles = settle_profiles(spec, ctx, settled, group.baseline, units)
    consequences = profiles.lines
    costs = settle_costs(spec, ctx, prices)
    realised = settle_realised(spec, ctx, prices)
    committees = settle_committees(spec, ctx, services, costs)
    success = settle_success(spec, ctx, group.id)
    if ctx.problems:
        raise InputError(ctx.problems)
    kb_version = getattr(ctx.loaded, "version", None) if ctx.loaded is not None else None
    return Resolved(
        name=spec.name,
        target_group=group.id,
        target_group_label=group.label,
        success_measure=group.success_measure,
        start_year=spec.start_year,
        horizon_years=spec.horizon_years,
        price_year=settings.price_year,
        discount_label=settings.discount_label,
        discount_schedule=settings.schedule,
        course_years=spec.course_years,
        participants={int(y): float(n) for y, n in sorted(spec.participants.items())},
        success_rate=success.net,
        services=services,
        consequences=tuple((c.service, c.profile) for c in consequences),
        costs=costs,
        kb_fingerprint=ctx.fingerprint,
        consequence_statuses=tuple(c.status for c in consequences),
        consequence_origins=tuple(c.origin for c in consequences),
        consequence_during=tuple(c.during for c in consequences),
        consequence_assumed_from=tuple(c.assumed_from for c in consequences),
        consequence_tails=profiles.tails,
        drop_off=float(spec.drop_off),
        optimism_bias=(
            (spec.optimism_bias.costs, spec.optimism_bias.gains)
            if spec.optimism_bias is not None
            else (0.0, 0.0)
        ),
        gross_success=success.gross,
        committees=committees,
        baseline=profiles.baseline,
        warnings=(
            *profiles.warnings,
            *success.warnings,
            *deadweight_warning(success.gross[1] if success.gross else None, realised),
        ),
        realised=realised,
        kb_version=kb_version,
        intervention=success.intervention,
    )


def _define_it(ctx: Context) -> str:
    """The hint after an unknown service: where this face defines its own services."""
    where = ctx.origins.name("services")
    return f" (eller definér den under {where})" if where else ""
