"""Scenario files (som-method.md §4): load, validate, resolve against the knowledge base.

``load_scenario(path)`` → :class:`ScenarioSpec` (validated input, as written)
``resolve(spec, kb)``   → :class:`Resolved` (every service, price and consequence settled,
                           prices at the scenario's price level; needs no knowledge base after)
``build_model(res)``    → :class:`~som_xl.engine.Model` (arrays for the engine)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from .conventions import (
    COST_BUDGET_ITEM,
    MAX_AMOUNT,
    MAX_DISCOUNT_RATE,
    MAX_PARTICIPANTS,
    MAX_UNITS,
    MIN_DISCOUNT_RATE,
    PURSES,
    Direction,
    Purse,
)
from .engine import Model, discount_factors
from .errors import InputError, Problem, suggest
from .files import LineMap, read_data_file
from .kb import KnowledgeBase
from .validation import Strict, validate_model

__all__ = [
    "CostItem",
    "Resolved",
    "ResolvedCost",
    "ResolvedService",
    "ScenarioSpec",
    "build_model",
    "load_scenario",
    "parse_scenario",
    "resolve",
]

_DOTTED_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+$")
_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}([.,]\d{3})+([.,]\d+)?$")


def _number(
    what: str, hint: str = "", limit: float | None = None, nonnegative: bool = False
) -> Callable[[Any], Any]:
    """A before-validator that explains numbers written as Danish text, with limits."""

    def check(value: Any) -> Any:
        value = parse(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            if limit is not None and abs(value) > limit:
                raise ValueError(f"{what} er urealistisk stort (højst {limit:.0e} i absolut værdi)")
            if nonnegative and value < 0:
                raise ValueError(f"{what} kan ikke være negativ")
        return value

    def parse(value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(f"{what} skal være et tal, ikke {str(value).lower()}")
        if isinstance(value, str):
            text = value.strip()
            if "%" in text:
                raise ValueError(f"{what} skal være et tal uden %-tegn{hint}")
            if "," in text or _THOUSANDS.match(text):
                raise ValueError(
                    f"{what} skal skrives som et tal med punktum som decimaltegn og uden "
                    "tusindtalsseparator, fx 1000.50 (ikke 1.000,50)"
                )
            try:
                return float(text)
            except ValueError:
                raise ValueError(f"{what} skal være et tal") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{what} skal være et endeligt tal")
        return value

    return check


_SHARE_HINT = "; skriv en andel mellem 0 og 1, fx 0.30 for 30 %"
Amount = Annotated[float, BeforeValidator(_number("beløbet", limit=MAX_AMOUNT))]
Price = Annotated[
    float,
    BeforeValidator(_number("prisen", "; fortegnet styres af 'direction'", MAX_AMOUNT, True)),
]
Share = Annotated[float, BeforeValidator(_number("andelen", _SHARE_HINT))]
Year = Annotated[int, Field(ge=1900, le=2200), BeforeValidator(_number("året"))]
Num = Annotated[float, BeforeValidator(_number("værdien", limit=MAX_UNITS))]


def _whole_people(value: Any) -> Any:
    value = _number("antallet af deltagere", limit=MAX_PARTICIPANTS)(value)
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError("antallet af deltagere kan ikke være negativt")
        if abs(value - round(value)) > 1e-9:
            raise ValueError("antallet af deltagere skal være et helt antal personer")
    return value


People = Annotated[float, BeforeValidator(_whole_people)]


class ServiceSpec(Strict):
    """An own service, or own (local) prices for a knowledge-base service (same id)."""

    id: Annotated[str, Field(min_length=1)]
    label: str | None = None
    unit: str | None = None
    direction: Direction | None = None
    budget_item: str | None = None
    price_year: Year | None = None
    prices: dict[Purse, Price] | None = None


class ConsequenceSpec(Strict):
    service: Annotated[str, Field(min_length=1)]
    profile: tuple[Num, ...] = Field(min_length=1)

    @field_validator("profile", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise ValueError(
                "profile skal være en liste af tal, ét pr. år efter forløbet, fx [-60, -50, -40]"
            )
        return value


class CostItem(Strict):
    label: Annotated[str, Field(min_length=1)]
    kind: Literal["once", "annual", "per_participant"]
    amount: Amount
    year: Year | None = None
    years: tuple[Year, ...] | None = None
    purse: Purse = "kommune"
    budget_item: str = COST_BUDGET_ITEM
    price_year: Year | None = None

    @model_validator(mode="after")
    def _years_fit_kind(self) -> CostItem:
        if self.kind == "once" and self.year is None:
            raise ValueError("en omkostning af typen 'once' skal have 'year' (året den falder i)")
        if self.years is not None and not self.years:
            raise ValueError("'years' må ikke være en tom liste")
        if self.kind == "annual" and not self.years:
            raise ValueError(
                "en omkostning af typen 'annual' skal have 'years' "
                "(en liste af år, fx [2025, 2026])"
            )
        if self.kind == "once" and self.years is not None:
            raise ValueError("en omkostning af typen 'once' har 'year', ikke 'years'")
        if self.kind == "annual" and self.year is not None:
            raise ValueError("en omkostning af typen 'annual' har 'years', ikke 'year'")
        if self.kind == "per_participant" and self.year is not None and self.years is not None:
            raise ValueError(
                "en omkostning af typen 'per_participant' har enten 'years' (kun de startår) "
                "eller 'year' (kun det startår) eller ingen af dem (alle startår)"
            )
        return self


def _discount_rate(value: Any) -> Any:
    """A discount rate as a share within the shared limits; text numbers are checked too."""
    value = _number("diskonteringsrenten", "; skriv en andel, fx 0.035 for 3,5 %")(value)
    if isinstance(value, int | float):
        if value >= 1:
            raise ValueError(
                f"diskonteringsrenten skal være en andel, fx 0.035 for 3,5 %, ikke {value:g}"
            )
        if not MIN_DISCOUNT_RATE <= value <= MAX_DISCOUNT_RATE:
            raise ValueError(
                f"diskonteringsrenten skal være en andel mellem {MIN_DISCOUNT_RATE:g} og "
                f"{MAX_DISCOUNT_RATE:g}, fx 0.035"
            )
    return value


Rate = Annotated[float, BeforeValidator(_discount_rate)]


def _steps(value: tuple[Any, ...]) -> tuple[Any, ...]:
    if not value:
        raise ValueError("renteforløbet skal have mindst ét trin, fx [{from_year: 1, rate: 0.035}]")
    return value


def _rate_kind(value: Any) -> str:
    """Which form of discount_rate was written, so errors speak of that form only."""
    if isinstance(value, list | tuple):
        return "form:steps"
    if isinstance(value, str) and not re.fullmatch(r"\s*[-+]?\d+([.,]\d*)?\s*%?\s*", value):
        return "form:name"
    return "form:rate"


class RateStepSpec(Strict):
    from_year: Annotated[int, Field(ge=1)]
    rate: Rate


class OwnTargetGroup(Strict):
    id: Annotated[str, Field(min_length=1)]
    label: str | None = None
    success_measure: str | None = None


class ScenarioSpec(Strict):
    name: str = "Scenarie"
    target_group: str | OwnTargetGroup | None = None
    start_year: Year
    horizon_years: Annotated[int, Field(ge=1, le=100), BeforeValidator(_number("horisonten"))]
    price_year: Year | None = None
    discount_rate: (
        Annotated[
            Annotated[Rate, Tag("form:rate")]
            | Annotated[str, Tag("form:name")]
            | Annotated[tuple[RateStepSpec, ...], AfterValidator(_steps), Tag("form:steps")],
            Discriminator(_rate_kind),
        ]
        | None
    ) = None
    course_years: Annotated[int, Field(ge=1, le=50), BeforeValidator(_number("forløbslængden"))] = 1
    participants: dict[Year, People]
    success_rate: Share
    costs: tuple[CostItem, ...] = ()
    consequences: tuple[ConsequenceSpec, ...] | None = None
    add_consequences: tuple[ConsequenceSpec, ...] = ()
    drop_consequences: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    services: tuple[ServiceSpec, ...] = ()
    price_index: dict[Year, Annotated[float, Field(gt=0)]] | None = None

    @field_validator("success_rate")
    @classmethod
    def _share(cls, value: float) -> float:
        if value > 1 and value <= 100:
            raise ValueError(
                f"succesraten skal være en andel mellem 0 og 1; {value:g} % skrives {value / 100:g}"
            )
        if not 0 <= value <= 1:
            raise ValueError("succesraten skal være en andel mellem 0 og 1, fx 0.30")
        return value

    @field_validator("discount_rate", mode="before")
    @classmethod
    def _rate(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if "%" in text:
                raise ValueError(
                    "diskonteringsrenten skal være en andel uden %-tegn, fx 0.035, eller 'fm'"
                )
            if re.fullmatch(r"[-+]?\d+([.,]\d*)?", text):
                return _discount_rate(text)  # a number written as text
            return text  # the name of a schedule, e.g. "fm"
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _discount_rate(value)
        return value

    @model_validator(mode="before")
    @classmethod
    def _participants_as_list(cls, data: Any) -> Any:
        """participants: [20, 20, 20] means 20 a year from the start year on."""
        if isinstance(data, dict) and isinstance(data.get("participants"), list):
            start = data.get("start_year")
            if isinstance(start, int) and not isinstance(start, bool):
                data = dict(data)
                data["participants"] = {start + i: n for i, n in enumerate(data["participants"])}
        return data

    @field_validator("participants", mode="before")
    @classmethod
    def _participants(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError(
                "participants skal være en opslagstabel år: antal, fx {2025: 20, 2026: 20}, "
                "eller en liste af antal fra startåret, fx [20, 20, 20]"
            )
        return value


def parse_scenario(
    data: object, where: str = "scenariet", lines: LineMap | None = None
) -> ScenarioSpec:
    """Validate a parsed scenario (dict); raise InputError with every problem."""
    if not isinstance(data, dict):
        raise InputError(
            Problem(where, "", "scenariet skal være en opslagstabel (nøgle: værdi) øverst i filen")
        )
    spec, problems = validate_model(ScenarioSpec, data, where, lines)
    if problems or spec is None:
        raise InputError(problems)
    problems = _check_years(spec, where, lines)
    if problems:
        raise InputError(problems)
    return spec


def load_scenario(path: Path | str) -> tuple[ScenarioSpec, LineMap]:
    """Read and validate a YAML or JSON scenario file."""
    path = Path(path)
    data, lines = read_data_file(path, what="scenariefilen")
    return parse_scenario(data, str(path), lines), lines


def _check_years(spec: ScenarioSpec, where: str, lines: LineMap | None) -> list[Problem]:
    first, last = spec.start_year, spec.start_year + spec.horizon_years - 1
    allowed = f"tilladt: {first}-{last} (startår og horisont)"
    problems: list[Problem] = []

    def bad(path: list[str | int], value: object, msg: str) -> None:
        line = lines.line(path) if lines else None
        place = f"{where}, linje {line}" if line else where
        from .errors import format_path

        problems.append(Problem(place, format_path(path), msg, value, True))

    # YAML reads 1.000 as one; a Danish writer meant one thousand. Ask rather than guess.
    if lines is not None:
        money: list[list[str | int]] = [["costs", i, "amount"] for i in range(len(spec.costs))]
        for i, s in enumerate(spec.services):
            money += [["services", i, "prices", p] for p in (s.prices or {})]
        for path in money:
            raw = lines.raw(path)
            if raw is not None and _DOTTED_THOUSANDS.match(raw):
                bad(
                    path,
                    raw,
                    f"ligner et tal med tusindtalspunktum: skriv {raw.replace('.', '')}, hvis "
                    f"du mener {raw.replace('.', '')} kr., eller {float(raw)!r}, hvis du mener "
                    "et decimaltal",
                )
    for year in spec.participants:
        if not first <= year <= last:
            bad(["participants", year], year, f"deltagerår uden for horisonten; {allowed}")
    if not spec.participants:
        bad(["participants"], {}, "der skal være deltagere i mindst ét år")
    for i, cost in enumerate(spec.costs):
        if cost.year is not None and not first <= cost.year <= last:
            bad(["costs", i, "year"], cost.year, f"året ligger uden for horisonten; {allowed}")
        for j, y in enumerate(cost.years or ()):
            if not first <= y <= last:
                bad(["costs", i, "years", j], y, f"året ligger uden for horisonten; {allowed}")
    if spec.target_group is None and spec.consequences is None and not spec.add_consequences:
        bad([], None, "scenariet skal have 'target_group' eller 'consequences' (eller begge)")
        problems[-1] = Problem(problems[-1].where, "target_group", problems[-1].message)
    return problems


# --- resolution ----------------------------------------------------------------------------


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
        from .errors import format_path

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


# --- compile to arrays ----------------------------------------------------------------------


def build_model(res: Resolved) -> Model:
    """Arrays for the engine (som-method.md §3)."""
    years = res.years
    horizon = len(years)
    pos = {y: i for i, y in enumerate(years)}

    items: list[str] = []

    def item_index(label: str) -> int:
        if label not in items:
            items.append(label)
        return items.index(label)

    n_cons = len(res.consequences)
    width = max((len(p) for _, p in res.consequences), default=1)
    profiles = np.zeros((n_cons, max(width, 1)))
    unit_gains = np.zeros((n_cons, len(PURSES)))
    cons_items = np.zeros(n_cons, dtype=np.intp)
    for j, (sid, prof) in enumerate(res.consequences):
        svc = res.services[sid]
        profiles[j, : len(prof)] = prof
        sign = -1.0 if svc.direction == "expenditure" else 1.0
        unit_gains[j] = np.asarray(svc.prices) * sign
        cons_items[j] = item_index(svc.budget_item)

    participants = np.zeros(horizon)
    for y, n in res.participants.items():
        participants[pos[y]] = n

    cost_idx = [item_index(c.budget_item) for c in res.costs]
    costs = np.zeros((horizon, len(PURSES), len(items)))
    for c, b in zip(res.costs, cost_idx, strict=True):
        a = PURSES.index(c.purse)
        if c.kind == "per_participant":
            mask = np.ones(horizon) if not c.years else np.isin(years, c.years).astype(float)
            costs[:, a, b] += c.amount * participants * mask
        else:
            for y in c.years:
                costs[pos[y], a, b] += c.amount

    return Model(
        start_year=res.start_year,
        course_years=res.course_years,
        participants=participants,
        success_rate=res.success_rate,
        profiles=profiles,
        unit_gains=unit_gains,
        consequence_items=cons_items,
        costs=costs,
        discount=discount_factors(horizon, list(res.discount_schedule)),
        budget_items=tuple(items),
        purses=PURSES,
    )


def scenario_from_sequence(values: Sequence[float]) -> tuple[float, ...]:
    """A profile as floats (helper for adapters)."""
    return tuple(float(v) for v in values)
