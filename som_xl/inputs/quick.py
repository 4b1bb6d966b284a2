"""Budgetøkonomisk skøn (quick estimate, som-method.md §3.9).

From a target group, a number of participants, a cost per participant and a success rate
(by default the knowledge base's effect for the chosen intervention), with the target
group's consequences and the default settings, the ordinary calculation gives a first net
result and the list of public services likely to be affected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, Problem, suggest
from ..kb import Effect, KnowledgeBase
from ..results import Result, calculate
from .origins import FileOrigins, Origins
from .resolve import resolve
from .spec import ScenarioSpec, parse_scenario

__all__ = ["QuickEstimate", "QuickNotes", "default_effect", "quick_estimate", "quick_spec"]

#: The cost line of the quick estimate: the cost per participant, on the kommune.
COST_LABEL = "Indsatsen pr. deltager"


@dataclass(frozen=True)
class QuickEstimate:
    result: Result
    effect: Effect | None  # the effect whose success rate was used, if any
    services: list[dict[str, Any]]  # services likely affected, largest discounted value first


@dataclass(frozen=True)
class QuickNotes:
    """What the quick estimate chose for the user."""

    effect: Effect | None  # the effect named or whose success rate was used, if any
    success_rate_from_kb: bool  # the success rate is the knowledge base's, not the user's


def default_effect(kb: KnowledgeBase, target_group: str) -> Effect | None:
    """The best-evidenced effect with a success rate for the target group (level 1 first).

    Parameters
    ----------
    kb : KnowledgeBase
    target_group : str
        The target group's id in the knowledge base.

    Returns
    -------
    Effect or None
        Of the group's effects with a success rate, one with the best (lowest) evidence
        level, the first in the knowledge base's order among equals; None when the group has
        none.

    Examples
    --------
    >>> from som_xl import load_kb
    >>> kb = load_kb()
    >>> effect = default_effect(kb, "voksne_hjemloeshed")
    >>> effect.target_group, 0 <= effect.success_rate <= 1
    ('voksne_hjemloeshed', True)
    """
    candidates = [
        e
        for e in kb.effects.values()
        if e.target_group == target_group and e.success_rate is not None
    ]
    candidates.sort(key=lambda e: e.evidence_level)
    return candidates[0] if candidates else None


def quick_spec(
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
    extra: Mapping[str, Any] | None = None,
    where: str = "skøn",
    origins: Origins | None = None,
) -> tuple[ScenarioSpec, QuickNotes]:
    """The quick estimate's scenario (som-method.md §3.9), ready for the resolver.

    One cohort of ``participants`` starting in the start year, one cost per participant on
    the kommune, the target group's knowledge-base consequences and the knowledge base's
    default settings where none are given. Without a success rate, the named intervention's
    or else the group's best-evidenced effect gives it.

    Parameters
    ----------
    kb : KnowledgeBase
    target_group : str
        The target group's id in the knowledge base.
    participants : float
        Citizens starting in the start year (whole persons).
    cost_per_participant : float
        Kr. per participant, at the price level.
    success_rate : float, optional
        Net success rate (a share); default: the knowledge base's effect.
    intervention : str, optional
        An effect's id; its success rate is used when none is given.
    start_year, horizon_years, price_year, discount_rate, course_years : optional
        Settings; default: the knowledge base's defaults.
    extra : mapping, optional
        More scenario keys of som-method §3.10–3.19 (``drop_off``, ``optimism_bias``,
        ``consequence_tail``, ``committees``), as in a scenario file.
    where, origins : optional
        The place named in problems (``where``), or the place of each key (``origins``).

    Returns
    -------
    (ScenarioSpec, QuickNotes)
        The validated scenario, and which effect (if any) it used.

    Examples
    --------
    >>> from som_xl import load_kb
    >>> spec, notes = quick_spec(load_kb(), "voksne_hjemloeshed", 20, 50000, 0.2)
    >>> spec.participants, spec.success_rate, spec.costs[0].amount, notes.success_rate_from_kb
    ({2025: 20.0}, 0.2, 50000.0, False)
    """
    origins = origins if origins is not None else FileOrigins(where)

    def fail(key: str, message: str, value: object = None, has_value: bool = True) -> InputError:
        return InputError(Problem(origins.place((key,)), key, message, value, has_value))

    if target_group not in kb.target_groups:
        message = f"ukendt målgruppe; {suggest(target_group, kb.target_groups)}"
        raise fail("target_group", message, target_group)
    effect, rate = _success_rate(kb, target_group, success_rate, intervention, fail)
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
        "success_rate": rate,
        # the effect named or used goes to the resolver as calc's does: its rule warns
        # where the effect was studied for another target group (one place, §3.9)
        **({"intervention": effect.id} if effect is not None else {}),
        "costs": [{"label": COST_LABEL, "kind": "per_participant", "amount": cost_per_participant}],
        **(extra or {}),
    }
    return parse_scenario(data, where, origins=origins), QuickNotes(effect, success_rate is None)


def _success_rate(
    kb: KnowledgeBase,
    target_group: str,
    success_rate: float | None,
    intervention: str | None,
    fail: Callable[..., InputError],
) -> tuple[Effect | None, float]:
    """The effect named (or, without a success rate, the group's best) and the rate to use."""
    effect: Effect | None = None
    if intervention is not None:
        if intervention not in kb.effects:
            message = f"ukendt indsats; {suggest(intervention, kb.effects)}"
            raise fail("intervention", message, intervention)
        effect = kb.effects[intervention]
    if success_rate is not None:
        return effect, success_rate
    effect = effect or default_effect(kb, target_group)
    if effect is None or effect.success_rate is None:
        named = f"indsatsen '{intervention}'" if intervention else f"målgruppen '{target_group}'"
        message = "angiv en succesrate: vidensdatabasen har ingen succesrate for " + named
        raise fail("success_rate", message, None, False)
    return effect, effect.success_rate


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
    extra: Mapping[str, Any] | None = None,
    where: str = "skøn",
    origins: Origins | None = None,
) -> QuickEstimate:
    """The quick estimate: :func:`quick_spec` → resolve → calculate.

    Returns the result, the effect used and the services likely affected (largest
    discounted value first). Arguments as for :func:`quick_spec`.

    Parameters
    ----------
    kb : KnowledgeBase
    target_group : str
        The target group's id in the knowledge base.
    participants : float
        Citizens starting in the start year (whole persons).
    cost_per_participant : float
        Kr. per participant, at the price level.
    success_rate : float, optional
        Net success rate (a share); default: the knowledge base's effect.
    intervention : str, optional
        An effect's id; its success rate is used when none is given.
    start_year, horizon_years, price_year, discount_rate, course_years, extra : optional
        Settings; default: the knowledge base's defaults (see :func:`quick_spec`).
    where, origins : optional
        The place named in problems (``where``), or the place of each key (``origins``).

    Returns
    -------
    QuickEstimate
        The calculated ``result``; the ``effect`` named or whose success rate was used (None
        if neither); and ``services``, the result's consequence rows (service, label, budget
        item, gains, discounted gains), largest absolute discounted gains first.

    Raises
    ------
    InputError
        An unknown target group or intervention, no success rate to be found, or a value
        the scenario's rules or the resolver refuse.

    Examples
    --------
    >>> from som_xl import load_kb
    >>> est = quick_estimate(load_kb(), "voksne_hjemloeshed", 20, 50000, 0.2)
    >>> est.result.resolved.costs[0].label
    'Indsatsen pr. deltager'
    >>> est.services[0]["discounted_gains"] >= est.services[-1]["discounted_gains"]
    True
    """
    spec, notes = quick_spec(
        kb,
        target_group,
        participants,
        cost_per_participant,
        success_rate,
        intervention,
        start_year=start_year,
        horizon_years=horizon_years,
        price_year=price_year,
        discount_rate=discount_rate,
        course_years=course_years,
        extra=extra,
        where=where,
        origins=origins,
    )
    origins = origins if origins is not None else FileOrigins(where)
    result = calculate(resolve(spec, kb, where, origins=origins))
    services = sorted(result.consequence_rows(), key=lambda r: -abs(r["discounted_gains"]))
    return QuickEstimate(result, notes.effect, services)
