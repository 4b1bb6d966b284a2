"""The knowledge base's records (vidensdatabase): documented, strict, immutable.

Each file of ``knowledge/`` has a pydantic model here (unknown keys are errors); the schema
is described in ``knowledge/README.md``. :class:`KnowledgeBase` holds the validated records;
:mod:`som_xl.kb.load` builds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from ..conventions import MAX_DISCOUNT_RATE, MIN_DISCOUNT_RATE, PURSES, Direction, Status
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
    "Service",
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


class Service(Cited):
    id: Id
    label: Label
    unit: Id
    direction: Direction
    budget_item: Id
    price_year: Year
    prices: Prices
    description: str | None = None


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
    context: str | None = None


class PriceIndex(Cited):
    label: Text
    base: Text
    values: dict[Year, Annotated[float, Field(gt=0, allow_inf_nan=False)]]


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


# --- file models ------------------------------------------------------------------------


class _SourcesFile(Strict):
    sources: tuple[Source, ...]


class _UnitsFile(Strict):
    units: tuple[Unit, ...]


class _BudgetItemsFile(Strict):
    budget_items: tuple[BudgetItem, ...]


class _ServicesFile(Strict):
    services: tuple[Service, ...]


class _TargetGroupsFile(Strict):
    target_groups: tuple[TargetGroup, ...]


class _ConsequencesFile(Strict):
    consequences: dict[Id, tuple[Consequence, ...]]


class _EffectsFile(Strict):
    effects: tuple[Effect, ...]


class _PriceIndexFile(Strict):
    price_index: PriceIndex


class _DiscountFile(Strict):
    discount_rates: tuple[DiscountSchedule, ...]


class _DefaultsFile(Strict):
    defaults: Defaults


_FILES: dict[str, type[Strict]] = {
    "units.yaml": _UnitsFile,
    "budget_items.yaml": _BudgetItemsFile,
    "services.yaml": _ServicesFile,
    "target_groups.yaml": _TargetGroupsFile,
    "consequences.yaml": _ConsequencesFile,
    "effects.yaml": _EffectsFile,
    "price_index.yaml": _PriceIndexFile,
    "discount_rates.yaml": _DiscountFile,
    "defaults.yaml": _DefaultsFile,
}


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
        for gid, cons in self.consequences.items():
            out += [(f"konsekvens {gid}/{c.service}", c) for c in cons]
        out += [(f"effekt {e.id}", e) for e in self.effects.values()]
        out.append(("prisindeks", self.price_index))
        out += [(f"diskonteringsrente {d.id}", d) for d in self.discount_rates.values()]
        return out

    def status_counts(self) -> dict[str, int]:
        counts = {"published": 0, "derived": 0, "illustrative": 0}
        for _, value in self.cited_values():
            counts[value.status] += 1
        return counts


_ = PURSES  # purses are validated through Prices' fields
