"""The resolver: settle a :class:`ScenarioSpec` against the knowledge base.

``resolve(spec, kb)`` → :class:`Resolved` (every service, price and consequence settled, prices
at the scenario's price level; needs no knowledge base after).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..conventions import PURSES, Direction
from ..errors import InputError, Problem, format_path, suggest
from ..files import LineMap
from ..kb import KnowledgeBase
from .spec import OwnTargetGroup, ScenarioSpec, ServiceSpec

__all__ = ["Resolved", "ResolvedCost", "ResolvedService", "resolve"]


@dataclass(frozen=True)
class ResolvedService:
    id: str
    label: str
    unit: str
    direction: Direction
    budget_item: str  # label
    prices: tuple[float, ...]  # kommune, region, stat; kr. per unit at the price level
    origin: str  # "kb" (national), "local" (own price for a kb service), "own"
    status: str  # published | derived | illustrative | local
    source_year: int
    source_prices: tuple[float, ...]


@dataclass(frozen=True)
class ResolvedCost:
    label: str
    kind: str
    amount: float  # at the scenario's price level
    years: tuple[int, ...]  # once: (year,); annual: years; per_participant: start years, () = all
    purse: str
    budget_item: str


@dataclass(frozen=True)
class Resolved:
    """A scenario with everything settled; needs no knowledge base to calculate."""

    name: str
    target_group: str | None
    target_group_label: str | None
    success_measure: str | None
    start_year: int
    horizon_years: int
    price_year: int
    discount_label: str
    discount_schedule: tuple[tuple[int, float], ...]
    course_years: int
    participants: Mapping[int, float]
    success_rate: float
    services: Mapping[str, ResolvedService]
    consequences: tuple[tuple[str, tuple[float, ...]], ...]
    costs: tuple[ResolvedCost, ...]
    kb_fingerprint: str | None = None
    notes: tuple[str, ...] = field(default=())
    #: status of each consequence (published | derived | illustrative | own), parallel to
    #: ``consequences``; empty when unknown
    consequence_statuses: tuple[str, ...] = ()

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.start_year + self.horizon_years))

    def to_scenario(self) -> dict[str, Any]:
        """A §4 scenario dict that reproduces this calculation with no knowledge base."""
        out: dict[str, Any] = {"name": self.name}
        if self.target_group:
            out["target_group"] = {
                "id": self.target_group,
                "label": self.target_group_label,
                "success_measure": self.success_measure,
            }
        out |= {
            "start_year": self.start_year,
            "horizon_years": self.horizon_years,
            "price_year": self.price_year,
            "discount_rate": (
                self.discount_schedule[0][1]
                if len(self.discount_schedule) == 1
                else [{"from_year": f, "rate": r} for f, r in self.discount_schedule]
            ),
            "course_years": self.course_years,
            "participants": {int(y): _plain(n) for y, n in self.participants.items()},
            "success_rate": self.success_rate,
            "costs": [_cost_dict(c) for c in self.costs],
            "consequences": [
                {"service": sid, "profile": [_plain(v) for v in prof]}
                for sid, prof in self.consequences
            ],
            "services": [
                {
                    "id": s.id,
                    "label": s.label,
                    "unit": s.unit,
                    "direction": s.direction,
                    "budget_item": s.budget_item,
                    "price_year": self.price_year,
                    "prices": dict(zip(PURSES, (_plain(p) for p in s.prices), strict=True)),
                }
                for s in self.services.values()
            ],
        }
        return out


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)


def _cost_dict(c: ResolvedCost) -> dict[str, Any]:
    d: dict[str, Any] = {"label": c.label, "kind": c.kind, "amount": _plain(c.amount)}
    if c.kind == "once":
        d["year"] = c.years[0]
    elif c.years:  # annual, or per_participant limited to some start years
        d["years"] = list(c.years)
    d["purse"] = c.purse
    d["budget_item"] = c.budget_item
    return d


def resolve(
    spec: ScenarioSpec,
    kb: KnowledgeBase | Callable[[], KnowledgeBase] | None,
    where: str = "scenariet",
    lines: LineMap | None = None,
) -> Resolved:
    """Settle the scenario against the knowledge base (loaded only if it is needed).

    ``kb`` may be a loader; it is called only when the scenario refers to the knowledge base.
    """
    problems: list[Problem] = []
    cache: list[KnowledgeBase] = []

    def get_kb() -> KnowledgeBase:
        if not cache:
            if kb is None:
                raise InputError(Problem(where, "", "scenariet kræver vidensdatabasen"))
            cache.append(kb() if callable(kb) else kb)
        return cache[0]

    def problem(path: list[str | int], msg: str, value: object = None, has: bool = True) -> None:
        line = lines.line(path) if lines else None
        place = f"{where}, linje {line}" if line else where
        found = Problem(place, format_path(path), msg, value, has)
        if found not in problems:  # e.g. one price year converting three purses
            problems.append(found)

    # Settings with knowledge-base defaults.
    price_year = spec.price_year if spec.price_year is not None else get_kb().defaults.price_year
    rate = spec.discount_rate
    if rate is None:
        rate = get_kb().defaults.discount_rate
    schedule: tuple[tuple[int, float], ...]
    if isinstance(rate, str):
        schedules = get_kb().discount_rates
        if rate in schedules:
            schedule = tuple((s.from_year, s.rate) for s in schedules[rate].schedule)
            discount_label = rate
        else:
            problem(
                ["discount_rate"],
                f"ukendt renteforløb; brug et tal som 0.035 eller {suggest(rate, schedules)}",
                rate,
            )
            schedule, discount_label = ((1, 0.0),), rate
    elif isinstance(rate, tuple):
        schedule = tuple((s.from_year, s.rate) for s in rate)
        discount_label = "eget forløb"
        if schedule[0][0] != 1 or [f for f, _ in schedule] != sorted({f for f, _ in schedule}):
            problem(
                ["discount_rate"],
                "renteforløbet skal starte med from_year: 1 og stige",
                None,
                False,
            )
    else:
        schedule, discount_label = ((1, float(rate)),), f"{float(rate):g}"

    # Price index: the scenario's own values extend or replace the knowledge base's.
    index_cache: list[dict[int, float]] = []

    def index() -> dict[int, float]:
        """The scenario's own index replaces the knowledge base's (never mix two bases)."""
        if not index_cache:
            own = spec.price_index
            index_cache.append(dict(own) if own is not None else dict(get_kb().price_index.values))
        return index_cache[0]

    def convert(amount: float, from_year: int, path: list[str | int]) -> float:
        if from_year == price_year:
            return amount
        idx = index()
        missing = [y for y in (from_year, price_year) if y not in idx]
        if missing:
            known = f"{min(idx)}-{max(idx)}" if idx else "ingen"
            whose = (
                "scenariets eget prisindeks ('price_index')"
                if spec.price_index
                else ("vidensdatabasens prisindeks")
            )
            problem(
                ["price_year"] if missing[0] == price_year and spec.price_year else path,
                f"{whose} har ikke året {missing[0]} (kendte år: {known}); vælg et andet "
                "prisår eller angiv et fuldt prisindeks under 'price_index'",
                missing[0],
            )
            return amount
        return amount * idx[price_year] / idx[from_year]

    # Target group and consequences.
    tg_id: str | None = None
    tg_label: str | None = None
    success_measure: str | None = None
    consequences: list[tuple[str, tuple[float, ...]]] = []
    statuses: list[str] = []
    if isinstance(spec.target_group, OwnTargetGroup):
        tg_id, tg_label = spec.target_group.id, spec.target_group.label or spec.target_group.id
        success_measure = spec.target_group.success_measure
        if spec.consequences is None and not spec.add_consequences:
            problem(["consequences"], "en egen målgruppe kræver egne 'consequences'", None, False)
    elif spec.target_group is not None:
        groups = get_kb().target_groups
        if spec.target_group not in groups:
            problem(
                ["target_group"],
                f"ukendt målgruppe; {suggest(spec.target_group, groups)}",
                spec.target_group,
            )
        else:
            g = groups[spec.target_group]
            tg_id, tg_label, success_measure = g.id, g.label, g.success_measure
            if spec.consequences is None:
                defaults = get_kb().consequences.get(g.id, ())
                consequences = [(c.service, tuple(c.profile)) for c in defaults]
                statuses = [c.status for c in defaults]
    origins: list[list[str | int]] = [["target_group"]] * len(consequences)
    if spec.consequences is not None:
        consequences = [(c.service, tuple(c.profile)) for c in spec.consequences]
        statuses = ["own"] * len(consequences)
        origins = [["consequences", i, "service"] for i in range(len(consequences))]
    # Switch consequences off, then add own ones (an added service replaces its profile).
    for i, sid in enumerate(spec.drop_consequences):
        present = [s for s, _ in consequences]
        if sid not in present:
            problem(
                ["drop_consequences", i],
                "ydelsen er ikke blandt scenariets konsekvenser; " + suggest(sid, present),
                sid,
            )
            continue
        k = present.index(sid)
        del consequences[k], statuses[k], origins[k]
    for i, added in enumerate(spec.add_consequences):
        present = [s for s, _ in consequences]
        entry = (added.service, tuple(added.profile))
        if added.service in present:
            k = present.index(added.service)
            consequences[k], statuses[k] = entry, "own"
            origins[k] = ["add_consequences", i, "service"]
        else:
            consequences.append(entry)
            statuses.append("own")
            origins.append(["add_consequences", i, "service"])

    # Services: knowledge-base ones used by consequences, local prices, own services.
    def item_label(text: str) -> str:
        """A budget-item id ('sociale_voksne') becomes its label; other text is kept."""
        if re.fullmatch(r"[a-z0-9_]+", text):
            items = get_kb().budget_items
            if text in items:
                return items[text].label
        return text

    own_specs: dict[str, tuple[int, ServiceSpec]] = {}
    for i, own_spec in enumerate(spec.services):
        if own_spec.id in own_specs:
            problem(["services", i, "id"], "ydelsen står to gange under 'services'", own_spec.id)
        own_specs.setdefault(own_spec.id, (i, own_spec))
    services: dict[str, ResolvedService] = {}
    for j, (sid, _prof) in enumerate(consequences):
        if sid in services:
            continue  # a service may carry several profiles: their effects add up
        if sid in own_specs and _complete(own_specs[sid][1]):
            continue  # resolved below with the other own services
        kbs = get_kb().services
        if sid not in kbs:
            problem(
                origins[j],
                f"ukendt ydelse; {suggest(sid, [*kbs, *own_specs])} "
                "(eller definér den under 'services')",
                sid,
            )
            continue
        s = kbs[sid]
        own = own_specs.get(sid)
        services[sid] = _kb_service(
            s,
            own[1] if own else None,
            get_kb(),
            price_year,
            convert,
            ["services", own[0]] if own else origins[j][:2],
            item_label,
        )
    for sid, (i, o) in own_specs.items():
        if sid in services:
            continue
        if _complete(o):
            src = tuple(float((o.prices or {}).get(p, 0.0)) for p in PURSES)
            year = o.price_year if o.price_year is not None else price_year
            prices = tuple(convert(p, year, ["services", i, "price_year"]) for p in src)
            services[sid] = ResolvedService(
                sid,
                str(o.label),
                str(o.unit),
                o.direction or "expenditure",
                item_label(str(o.budget_item)),
                prices,
                "own",
                "local",
                year,
                src,
            )
            continue
        kbs = get_kb().services
        if sid not in kbs:
            missing = [
                k
                for k in ("label", "unit", "direction", "budget_item", "prices")
                if getattr(o, k) is None
            ]
            problem(
                ["services", i, "id"],
                "ukendt ydelse i vidensdatabasen; en egen ydelse skal have "
                + ", ".join(missing)
                + f" ({suggest(sid, kbs)})",
                sid,
            )
            continue
        services[sid] = _kb_service(
            kbs[sid], o, get_kb(), price_year, convert, ["services", i], item_label
        )

    # Costs.
    costs: list[ResolvedCost] = []
    for i, c in enumerate(spec.costs):
        amount = c.amount
        if c.price_year is not None:
            amount = convert(c.amount, c.price_year, ["costs", i, "price_year"])
        years: tuple[int, ...] = ()
        if c.kind == "once" and c.year is not None:
            years = (int(c.year),)
        elif c.kind == "annual" or c.years is not None:
            years = tuple(int(y) for y in c.years or ())
        elif c.year is not None:  # per_participant in one start year only
            years = (int(c.year),)
        costs.append(
            ResolvedCost(c.label, c.kind, amount, years, c.purse, item_label(c.budget_item))
        )

    if problems:
        raise InputError(problems)

    return Resolved(
        name=spec.name,
        target_group=tg_id,
        target_group_label=tg_label,
        success_measure=success_measure,
        start_year=spec.start_year,
        horizon_years=spec.horizon_years,
        price_year=price_year,
        discount_label=discount_label,
        discount_schedule=schedule,
        course_years=spec.course_years,
        participants={int(y): float(n) for y, n in sorted(spec.participants.items())},
        success_rate=spec.success_rate,
        services=services,
        consequences=tuple(consequences),
        costs=tuple(costs),
        kb_fingerprint=cache[0].fingerprint if cache else None,
        consequence_statuses=tuple(statuses),
    )


def _complete(o: ServiceSpec) -> bool:
    """An own service that needs nothing from the knowledge base."""
    return None not in (o.label, o.unit, o.direction, o.budget_item, o.prices)


def _kb_service(
    s: Any,
    own: ServiceSpec | None,
    kb: KnowledgeBase,
    price_year: int,
    convert: Callable[[float, int, list[str | int]], float],
    path: list[str | int],
    item_label: Callable[[str], str],
) -> ResolvedService:
    """A knowledge-base service, with the scenario's own (local) values where given."""
    national = s.prices.as_tuple()
    if own is not None and own.prices is not None:
        # Local prices win purse by purse; each price moves from its own price year.
        year = own.price_year if own.price_year is not None else price_year
        local = {p: float(v) for p, v in own.prices.items()}
        src = tuple(local.get(p, national[k]) for k, p in enumerate(PURSES))
        years = tuple(year if p in local else s.price_year for p in PURSES)
        origin, status = "local", "local"
    else:
        src, year, origin, status = national, s.price_year, "kb", s.status
        years = (year,) * len(PURSES)
    prices = tuple(convert(p, y, [*path, "price_year"]) for p, y in zip(src, years, strict=True))
    label = (own.label if own and own.label else None) or s.label
    unit = (own.unit if own and own.unit else None) or kb.units[s.unit].label
    direction = (own.direction if own and own.direction else None) or s.direction
    item = (
        item_label(own.budget_item)
        if own and own.budget_item
        else kb.budget_item_label(s.budget_item)
    )
    return ResolvedService(
        s.id,
        label,
        unit,
        direction,
        item,
        prices,
        origin,
        status,
        year,
        src,
    )
