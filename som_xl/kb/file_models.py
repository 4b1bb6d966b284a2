"""The knowledge files as written: one model per file, around the records of
:mod:`som_xl.kb.schema` (unknown keys are errors).

Only reading the knowledge folder needs them (:func:`som_xl.kb.load.load_kb` when its disk
cache misses), so they are kept apart from the records, which every command needs (issue 9:
start-up).
"""

from __future__ import annotations

from ..validation import Strict
from .schema import (
    BudgetItem,
    Consequence,
    Defaults,
    DiscountSchedule,
    Effect,
    Id,
    PriceIndex,
    RefusionRule,
    Service,
    Source,
    TargetGroup,
    Unit,
    Wage,
)

__all__ = ["FILES", "RefusionFile", "SourcesFile", "WagesFile"]


class WagesFile(Strict):
    wages: tuple[Wage, ...]


class SourcesFile(Strict):
    sources: tuple[Source, ...]


class UnitsFile(Strict):
    units: tuple[Unit, ...]


class BudgetItemsFile(Strict):
    budget_items: tuple[BudgetItem, ...]


class ServicesFile(Strict):
    services: tuple[Service, ...]


class TargetGroupsFile(Strict):
    target_groups: tuple[TargetGroup, ...]


class ConsequencesFile(Strict):
    consequences: dict[Id, tuple[Consequence, ...]]


class EffectsFile(Strict):
    effects: tuple[Effect, ...]


class PriceIndexFile(Strict):
    price_index: PriceIndex


class DiscountFile(Strict):
    discount_rates: tuple[DiscountSchedule, ...]


class DefaultsFile(Strict):
    defaults: Defaults


class RefusionFile(Strict):
    refusion_rules: tuple[RefusionRule, ...]


FILES: dict[str, type[Strict]] = {
    "units.yaml": UnitsFile,
    "budget_items.yaml": BudgetItemsFile,
    "services.yaml": ServicesFile,
    "target_groups.yaml": TargetGroupsFile,
    "consequences.yaml": ConsequencesFile,
    "effects.yaml": EffectsFile,
    "price_index.yaml": PriceIndexFile,
    "discount_rates.yaml": DiscountFile,
    "defaults.yaml": DefaultsFile,
}
