"""Budgetøkonomisk skøn (quick estimate, som-method.md §3.9).

From a target group, a number of participants, a cost per participant and a success rate
(by default the knowledge base's effect for the chosen intervention), with the target
group's consequences and the default settings, the ordinary calculation gives a first net
result and the list of public services likely to be affected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import InputError, Problem, suggest
from ..kb import Effect, KnowledgeBase
from ..results import Result, calculate
from .resolve import resolve
from .spec import parse_scenario

__all__ = ["QuickEstimate", "default_effect", "quick_estimate"]


@dataclass(frozen=True)
class QuickEstimate:
    result: Result
    effect: Effect | None  # the effect whose success rate was used, if any
    services: list[dict[str, Any]]  # services likely affected, largest discounted value first


def default_effect(kb: KnowledgeBase, target_group: str) -> Effect | None:
    """The best-evidenced effect with a success rate for the target group (level 1 first)."""
    candidates = [
        e
        for e in kb.effects.values()
        if e.target_group == target_group and e.success_rate is not None
    ]
    candidates.sort(key=lambda e: e.evidence_level)
    return candidates[0] if candidates else None


def quick_estimate(
    kb: KnowledgeBase,
    target_group: str,
    participants: float,
    cost_per_participant: float,
    success_rate: float | None = None,
    intervention: str | None = None,
    *,
    start_year: int | None = None,
    horizon_years: int | None = None,
    price_year: int | None = None,
    discount_rate: float | str | None = None,
    course_years: int | None = None,
    where: str = "skøn",
) -> QuickEstimate:
    """The quick estimate: one cohort starting in the start year, cost per participant."""
    if target_group not in kb.target_groups:
        raise InputError(
            Problem(
                where,
                "target_group",
                f"ukendt målgruppe; {suggest(target_group, kb.target_groups)}",
                target_group,
                True,
            )
        )
    effect: Effect | None = None
    if intervention is not None:
        if intervention not in kb.effects:
            raise InputError(
                Problem(
                    where,
                    "intervention",
                    f"ukendt indsats; {suggest(intervention, kb.effects)}",
                    intervention,
                    True,
                )
            )
        effect = kb.effects[intervention]
    if success_rate is None:
        effect = effect or default_effect(kb, target_group)
        if effect is None or effect.success_rate is None:
            raise InputError(
                Problem(
                    where,
                    "success_rate",
                    "angiv en succesrate: vidensdatabasen har ingen succesrate for "
                    + (
                        f"indsatsen '{intervention}'"
                        if intervention
                        else f"målgruppen '{target_group}'"
                    ),
                )
            )
        success_rate = effect.success_rate
    d = kb.defaults
    start = d.start_year if start_year is None else start_year
    data: dict[str, Any] = {
        "name": f"Budgetøkonomisk skøn: {kb.target_groups[target_group].label}",
        "target_group": target_group,
        "start_year": start,
        "horizon_years": d.horizon_years if horizon_years is None else horizon_years,
        "price_year": d.price_year if price_year is None else price_year,
        "discount_rate": d.discount_rate if discount_rate is None else discount_rate,
        "course_years": d.course_years if course_years is None else course_years,
        "participants": {start: participants},
        "success_rate": success_rate,
        "costs": [
            {
                "label": "Indsatsen pr. deltager",
                "kind": "per_participant",
                "amount": cost_per_participant,
            }
        ],
    }
    spec = parse_scenario(data, where)
    result = calculate(resolve(spec, kb, where))
    services = sorted(result.consequence_rows(), key=lambda r: -abs(r["discounted_gains"]))
    return QuickEstimate(result, effect, services)
