"""The knowledge base's records (vidensdatabase): documented, strict, immutable.

Each file of ``knowledge/`` has a pydantic model here (unknown keys are errors); the schema
is described in ``knowledge/README.md``. :class:`KnowledgeBase` holds the validated records;
:mod:`som_xl.kb.load` builds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from ..conventions import (
    MAX_DISCOUNT_RATE,
    MIN_DISCOUNT_RATE,
    PURSES,
    Direction,
    Status,
    assumed_from_problem,
)
from ..inputs import fields
from ..validation import Strict

__all__ = [
    "Baseline",
    "BudgetItem",
    "Consequence",
    "Defaults",
    "DiscountSchedule",
    "Effect",
    "KnowledgeBase",
    "PriceIndex",
    "Prices",
    "RateStep",
    "RefusionPeriod",
    "RefusionRule",
    "RefusionStep",
    "Service",
    "ServiceRefusion",
    "Source",
    "Tail",
    "TargetGroup",
    "Unit",
]

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]


def _excel_safe(text: str) -> str:
    """Labels are looked up by Excel's MATCH in the workbook: no wildcards or formula start."""
    if any(ch in text for ch in "*?~") or text[:1] in ("=", "<", ">", "+", "-", "@"):
        raise ValueError(
            "teksten må ikke indeholde *, ? eller ~ og ikke begynde med =, <, >, +, - eller @ "
            "(den bruges til opslag i Excel)"
        )
    return text


Label = Annotated[str, StringConstraints(min_length=1), AfterValidator(_excel_safe)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Number = Annotated[float, Field(allow_inf_nan=False)]


class Source(Strict):
    id: Id
    title: Text
    publisher: Text
    year: Year
    url: Text
    accessed: Text
    note: str | None = None


class Cited(Strict):
    """The citation block carried by every value."""

    status: Status
    source: Id
    locator: str | None = None
    derivation: str | None = None
    note: str | None = None
    also: tuple[Id, ...] = ()

    @model_validator(mode="after")
    def _status_needs_text(self) -> Cited:
        if self.status == "derived" and not self.derivation:
            raise ValueError("status 'derived' kræver 'derivation' med udregningen skrevet ud")
        if self.status == "illustrative" and not self.note:
            raise ValueError("status 'illustrative' kræver 'note' om hvad værdien bygger på")
        return self


class Unit(Strict):
    id: Id
    label: Label


class BudgetItem(Strict):
    id: Id
    label: Label
    area: Text
    #: the kommune's committee (udvalg) the item belongs to by default (som-method §3.15)
    committee: Label | None = None


class Prices(Strict):
    kommune: Number
    region: Number
    stat: Number

    def as_tuple(self) -> tuple[float, float, float]:
        return (self.kommune, self.region, self.stat)


class ServiceRefusion(Strict):
    """The refusion rule that splits a service's price between kommune and stat.

    The rule splits the kommune's gross price (``prices.kommune + prices.stat``); the
    region's part is untouched. The static ``prices`` are the rule applied at
    ``reference_units`` per citizen-year in ``reference_year`` (:mod:`som_xl.kb.refusion`).
    """

    rule: Id
    #: ladder rules: weeks of the spell already used before the citizen-year's first week
    prior_weeks: Annotated[float, Field(ge=0, allow_inf_nan=False)] = 0
    #: ladder rules: weeks in one unit of the service (52 for a year, 1 for a week)
    weeks_per_unit: Annotated[float, Field(gt=0, allow_inf_nan=False)] = 1
    reference_units: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    reference_year: Year


class Service(Cited):
    id: Id
    label: Label
    unit: Id
    direction: Direction
    budget_item: Id
    price_year: Year
    prices: Prices
    description: str | None = None
    #: the refusion rule applied per citizen-year (knowledge/refusion.yaml)
    refusion: ServiceRefusion | None = None


class TargetGroup(Cited):
    id: Id
    label: Label
    area: Literal["voksne", "boern_unge"]
    age_min: Annotated[int, Field(ge=0, le=120)]
    age_max: Annotated[int, Field(ge=0, le=120)] | None
    register_definition: Text
    success_measure: Text
    #: baseline use per service id (som-method §3.17)
    baseline: dict[Id, Baseline] = Field(default_factory=dict)


class Tail(Strict):
    """What a profile does after its last year (som-method §3.11): stop, hold or decay."""

    kind: Literal["stop", "hold", "decay"]
    rate: Annotated[float, Field(gt=0, le=1)] | None = None
    reason: str | None = None

    @model_validator(mode="after")
    def _rate_fits_kind(self) -> Tail:
        if self.kind == "decay" and self.rate is None:
            raise ValueError("en hale af typen 'decay' skal have 'rate' (andel pr. år, fx 0.2)")
        if self.kind != "decay" and self.rate is not None:
            raise ValueError("kun en hale af typen 'decay' har 'rate'")
        return self


class Consequence(Cited):
    service: Id
    profile: tuple[Number, ...] = Field(min_length=1, max_length=50)
    #: units per participant in each course year (som-method §3.10); None = none
    during_course: tuple[Number, ...] | None = None
    #: the years after the profile (som-method §3.11); None = stop
    tail: Tail | None = None
    #: SØM's recommendation to include the consequence for the group, and why
    recommended: bool = True
    recommended_reason: str | None = None
    #: the first profile year (1-based) from which a published or derived row's values are
    #: an illustrative assumption (provenance, som-method §4); None = none
    assumed_from: int | None = None

    @model_validator(mode="after")
    def _assumed_from_fits(self) -> Consequence:
        if self.assumed_from is not None:
            problem = assumed_from_problem(self.assumed_from, self.status, len(self.profile))
            if problem:
                raise ValueError(problem)
        return self


class Baseline(Cited):
    """Units of a service a citizen of the target group uses per year before the
    intervention (som-method §3.17)."""

    units: Annotated[float, Field(ge=0, allow_inf_nan=False)]


class Effect(Cited):
    id: Id
    intervention: Label
    target_group: Id | None = None
    evidence_level: Literal[1, 2, 3]
    outcome: Text
    effect_size: Text
    success_rate: Annotated[float, Field(ge=0, le=1)] | None = None
    #: a published range or confidence interval of the success rate (for the uncertainty
    #: analysis, som-method §3.20); cited in ``range_source``/``range_locator``
    success_rate_low: Annotated[float, Field(ge=0, le=1)] | None = None
    success_rate_high: Annotated[float, Field(ge=0, le=1)] | None = None
    range_source: Id | None = None
    range_locator: str | None = None
    context: str | None = None

    @model_validator(mode="after")
    def _range(self) -> Effect:
        low, high = self.success_rate_low, self.success_rate_high
        if (low is None) != (high is None):
            raise ValueError("success_rate_low og success_rate_high skal angives sammen")
        if low is not None and high is not None:
            if low > high:
                raise ValueError("success_rate_low er større end success_rate_high")
            if self.success_rate is not None and not low <= self.success_rate <= high:
                raise ValueError("success_rate ligger uden for success_rate_low-success_rate_high")
            if self.range_source is None:
                raise ValueError("et interval (success_rate_low/high) kræver range_source")
        return self


class RefusionStep(Strict):
    """One step of a rule: the stat's share of the gross cost from a week or an amount on."""

    #: ladder: the first week of the spell the step covers (1, 5, 27, 53)
    from_week: Annotated[int, Field(ge=1)] | None = None
    #: thresholds: the yearly cost per case above which the step's share applies (kr.)
    above: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    stat_share: Annotated[float, Field(ge=0, le=1)]


class RefusionPeriod(Strict):
    """A rule's content while in force, from ``valid_from`` to ``valid_to`` (both included)."""

    valid_from: dt.date
    valid_to: dt.date | None = None
    #: day_limit: the stat's share of the days up to ``day_limit`` per running year
    stat_share: Annotated[float, Field(ge=0, le=1)] | None = None
    #: day_limit: the days per running year that carry refusion; None = all days
    day_limit: Annotated[int, Field(ge=1, le=366)] | None = None
    #: ladder and thresholds: the steps in rising order
    steps: tuple[RefusionStep, ...] = ()
    #: thresholds: the price level of the amounts (kr. in that year's prices)
    price_level: Year | None = None
    #: the source and where in it, if it is not the rule's own
    source: Id | None = None
    locator: str | None = None


class RefusionRule(Cited):
    """A refusion rule with validity periods (som-method §3; knowledge/refusion.yaml).

    - ``day_limit``: the stat refunds ``stat_share`` of the gross cost of the first
      ``day_limit`` days of use per running year (serviceloven § 110);
    - ``ladder``: the stat's share falls by week of the spell (refusionstrappen);
    - ``thresholds``: the stat refunds each step's share of the part of a case's yearly
      cost above the step's amount (særligt dyre enkeltsager).
    """

    id: Id
    label: Label
    kind: Literal["day_limit", "ladder", "thresholds"]
    periods: tuple[RefusionPeriod, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _periods_fit_kind(self) -> RefusionRule:
        previous: dt.date | None = None
        for p in self.periods:
            if p.valid_to is not None and p.valid_to < p.valid_from:
                raise ValueError("valid_to ligger før valid_from")
            if previous is not None and p.valid_from <= previous:
                raise ValueError("perioderne skal komme i rækkefølge og må ikke overlappe")
            previous = p.valid_to if p.valid_to is not None else dt.date.max
            if self.kind == "day_limit" and (p.stat_share is None or p.steps):
                raise ValueError("en regel af typen 'day_limit' har stat_share og ingen steps")
            if self.kind == "ladder":
                weeks = [s.from_week for s in p.steps]
                if not weeks or weeks[0] != 1 or None in weeks or weeks != sorted(set(weeks)):  # type: ignore[type-var]
                    raise ValueError("en trappe skal have steps med stigende from_week fra 1")
            if self.kind == "thresholds":
                amounts = [s.above for s in p.steps]
                if not amounts or None in amounts or amounts != sorted(set(amounts)):  # type: ignore[type-var]
                    raise ValueError("tærskler skal have steps med stigende 'above'")
                if p.price_level is None:
                    raise ValueError("tærskler skal have price_level (beløbenes prisniveau)")
        return self


class PriceIndex(Cited):
    label: Text
    base: Text
    values: dict[Year, Annotated[float, Field(gt=0, allow_inf_nan=False)]]


class Wage(Cited):
    """A default wage for the cost assessment (som-method §3.18): kr. per årsværk."""

    id: Id
    label: Label
    annual_wage: Annotated[float, Field(gt=0, le=1e8, allow_inf_nan=False)]
    price_year: Year


class RateStep(Strict):
    from_year: Annotated[int, Field(ge=1)]
    rate: Annotated[float, Field(ge=MIN_DISCOUNT_RATE, le=MAX_DISCOUNT_RATE)]


class DiscountSchedule(Cited):
    id: Id
    label: Text
    schedule: tuple[RateStep, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> DiscountSchedule:
        starts = [s.from_year for s in self.schedule]
        if starts[0] != 1 or starts != sorted(set(starts)):
            raise ValueError("schedule skal starte med from_year: 1 og have stigende from_year")
        return self


class Defaults(Strict):
    """Default settings of new scenarios: bounds as every scenario's (the field table)."""

    start_year: Annotated[int, fields.validator("start_year")]
    horizon_years: Annotated[int, fields.validator("horizon_years")]
    price_year: Annotated[int, fields.validator("price_year")]
    discount_rate: Annotated[float, fields.validator("discount_rate")] | str
    course_years: Annotated[int, fields.validator("course_years")]


@dataclass(frozen=True)
class KnowledgeBase:
    """The validated knowledge base. Mappings are keyed by id, in file order."""

    sources: Mapping[str, Source]
    units: Mapping[str, Unit]
    budget_items: Mapping[str, BudgetItem]
    services: Mapping[str, Service]
    target_groups: Mapping[str, TargetGroup]
    consequences: Mapping[str, tuple[Consequence, ...]]
    effects: Mapping[str, Effect]
    price_index: PriceIndex
    discount_rates: Mapping[str, DiscountSchedule]
    defaults: Defaults
    fingerprint: str
    path: Path = field(compare=False)
    #: the edition (calendar versioning, e.g. "2026.12"; knowledge/VERSION)
    version: str = ""
    refusion_rules: Mapping[str, RefusionRule] = field(default_factory=dict)
    #: default wages for the cost assessment (optional file wages.yaml)
    wages: Mapping[str, Wage] = field(default_factory=dict)

    def budget_item_label(self, item_id: str) -> str:
        return self.budget_items[item_id].label

    @property
    def committees(self) -> dict[str, str]:
        """The default committee of each budget item, by the item's label (§3.15)."""
        return {b.label: b.committee for b in self.budget_items.values() if b.committee}

    def cited_values(self) -> list[tuple[str, Cited]]:
        """Every value that carries a citation block, with a Danish name for it."""
        out: list[tuple[str, Cited]] = []
        out += [(f"ydelse {s.id}", s) for s in self.services.values()]
        out += [(f"målgruppe {g.id}", g) for g in self.target_groups.values()]
        for g in self.target_groups.values():
            out += [(f"grundforbrug {g.id}/{sid}", b) for sid, b in g.baseline.items()]
        for gid, cons in self.consequences.items():
            out += [(f"konsekvens {gid}/{c.service}", c) for c in cons]
        out += [(f"effekt {e.id}", e) for e in self.effects.values()]
        out.append(("prisindeks", self.price_index))
        out += [(f"diskonteringsrente {d.id}", d) for d in self.discount_rates.values()]
        out += [(f"refusionsregel {r.id}", r) for r in self.refusion_rules.values()]
        out += [(f"løn {w.id}", w) for w in self.wages.values()]
        return out

    def status_counts(self) -> dict[str, int]:
        """Values per status over every cited value (:meth:`cited_values`)."""
        counts = {"published": 0, "derived": 0, "illustrative": 0}
        for _, value in self.cited_values():
            counts[value.status] += 1
        return counts

    def price_status_counts(self) -> dict[str, int]:
        """Services (prices) per status."""
        counts = {"published": 0, "derived": 0, "illustrative": 0}
        for s in self.services.values():
            counts[s.status] += 1
        return counts


_ = PURSES  # purses are validated through Prices' fields
