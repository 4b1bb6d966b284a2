"""Refusion rules applied per citizen-year: the kommune/region/stat split of a price.

A service in ``knowledge/services.yaml`` may name a refusion rule
(``refusion: {rule, reference_units, reference_year, prior_weeks}``; the rules are in
``knowledge/refusion.yaml``). The rule splits the kommune's gross price (the service's
``kommune + stat`` price per unit) between kommune and stat; the region's part is untouched.
The split depends on how much a citizen uses in a year and on the year, so it is computed
where the use is known, not baked into a price:

- ``day_limit`` (serviceloven § 110): the stat pays ``stat_share`` of the first
  ``day_limit`` days a citizen uses in a year, nothing of the days after;
- ``ladder`` (refusionstrappen): the stat's share falls with the week of the spell
  (80 % in weeks 1-4, 40 % in 5-26, 30 % in 27-52, 20 % from week 53); the citizen-year's
  weeks are weeks ``prior_weeks + 1, …`` of the spell;
- ``thresholds`` (særligt dyre enkeltsager): the stat refunds each step's share of the part
  of the case's yearly cost above the step's amount (like tax brackets).

:func:`split_price` gives the prices per unit of a change in use (a consequence's profile
value) from a citizen's baseline use; :func:`stat_amount` the stat's refusion for a given
yearly use. A year in which several periods apply (the § 110 limit changes on 1 April 2026)
is weighted by the days each period is in force; the part of a year before a rule's first
period keeps the service's static split.

Examples
--------
The § 110 rule in 2025 (120 days with 50 % refusion). A citizen of the homeless group uses
129 shelter days a year (Danmarks Statistik 2020); a successful citizen uses none, a change of
-129 days. The stat's share of the change: 50 % of min(129, 120) = 60 days' gross price,
spread over 129 days, i.e. 60/129 = 0.4651 of the gross price per day saved:

>>> from som_xl.kb import load_kb
>>> kb = load_kb()
>>> p = split_price(kb, "forsorgshjem_doegn", 2025, -129, baseline=129)
>>> gross = kb.services["forsorgshjem_doegn"].prices.kommune + kb.services[
...     "forsorgshjem_doegn"].prices.stat
>>> round(p.stat / gross, 4), round(p.kommune / gross, 4), p.region
(0.4651, 0.5349, 0.0)

From 2027 the limit is 90 days: 45/129 = 0.3488 to the stat.

>>> p = split_price(kb, "forsorgshjem_doegn", 2027, -129, baseline=129)
>>> round(p.stat / gross, 4)
0.3488
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .schema import KnowledgeBase, Prices, RefusionPeriod, RefusionRule, Service

__all__ = ["period_weights", "split_price", "stat_amount"]


def period_weights(rule: RefusionRule, year: int) -> list[tuple[RefusionPeriod, float]]:
    """The periods of ``rule`` in force in ``year``, each with its share of the year's days.

    Parameters
    ----------
    rule : RefusionRule
    year : int
        A calendar year.

    Returns
    -------
    list of (RefusionPeriod, float)
        The shares sum to 1 when the rule covers the whole year, less when the year starts
        before the rule's first period.

    Examples
    --------
    >>> from som_xl.kb import load_kb
    >>> rule = load_kb().refusion_rules["sel_110_dagegraense"]
    >>> [(p.day_limit, round(w, 4)) for p, w in period_weights(rule, 2026)]
    [(120, 0.2466), (90, 0.7534)]
    >>> [(p.day_limit, w) for p, w in period_weights(rule, 2025)]
    [(120, 1.0)]
    """
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days = (last - first).days + 1
    out: list[tuple[RefusionPeriod, float]] = []
    for p in rule.periods:
        start = max(p.valid_from, first)
        end = min(p.valid_to or last, last)
        if end >= start:
            out.append((p, ((end - start).days + 1) / days))
    return out


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _ladder(period: RefusionPeriod, prior: float, units: float) -> float:
    """Refunded weeks (in gross weeks) for weeks ``prior + 1 … prior + units`` of a spell."""
    steps = period.steps
    total = 0.0
    for i, step in enumerate(steps):
        start = float(step.from_week or 1) - 1
        nxt = steps[i + 1].from_week if i + 1 < len(steps) else None
        end = float(nxt) - 1 if nxt is not None else float("inf")
        total += step.stat_share * _overlap(prior, prior + units, start, end)
    return total


def _thresholds(steps: Sequence[tuple[float, float]], cost: float) -> float:
    """The stat's refusion of a yearly case cost: each share of the part above its amount."""
    total = 0.0
    for i, (above, share) in enumerate(steps):
        top = steps[i + 1][0] if i + 1 < len(steps) else float("inf")
        total += share * max(0.0, min(cost, top) - above)
    return total


def stat_amount(
    kb: KnowledgeBase, service: Service, year: int, units: float
) -> tuple[float, float]:
    """The stat's refusion (kr. at the service's price year) of ``units`` used in ``year``.

    Parameters
    ----------
    kb : KnowledgeBase
        For the rule and, for thresholds, the price index.
    service : Service
        A service with a ``refusion`` rule.
    year : int
        The calendar year of the use.
    units : float
        The citizen's use in the year (≥ 0).

    Returns
    -------
    (float, float)
        The stat's refusion by the rule, and the share of the year the rule covers (0-1);
        the rest of the year keeps the static split (:func:`split_price`).

    Examples
    --------
    A placement of 365 days at 3,178.08 kr. (2019 prices) costs 1,160,000 kr. a year, in
    the thresholds' 2022 prices (index 113.5 / 103.5) 1,272,077 kr., of which 412,077 kr.
    lie above 860,000: 25 % = 103,019 kr., which is 93,943 kr. in 2019 prices.

    >>> from som_xl.kb import load_kb
    >>> kb = load_kb()
    >>> s = kb.services["anbringelse_institution_doegn"]
    >>> refund, covered = stat_amount(kb, s, 2024, 365)
    >>> round(refund), covered
    (93943, 1.0)
    """
    assert service.refusion is not None
    rule = kb.refusion_rules[service.refusion.rule]
    gross = service.prices.kommune + service.prices.stat
    units = max(0.0, units)
    refund = 0.0
    covered = 0.0
    for period, weight in period_weights(rule, year):
        covered += weight
        if rule.kind == "day_limit":
            share = period.stat_share or 0.0
            days = units if period.day_limit is None else min(units, float(period.day_limit))
            refund += weight * share * days * gross
        elif rule.kind == "ladder":
            per = service.refusion.weeks_per_unit
            weeks = _ladder(period, service.refusion.prior_weeks, units * per)
            refund += weight * weeks / per * gross
        else:
            index = kb.price_index.values
            level = period.price_level or service.price_year
            factor = index[level] / index[service.price_year]
            cost = units * gross * factor
            steps = [(s.above or 0.0, s.stat_share) for s in period.steps]
            refund += weight * _thresholds(steps, cost) / factor
    return refund, covered


def split_price(
    kb: KnowledgeBase,
    service_id: str,
    year: int,
    units: float,
    baseline: float | None = None,
) -> Prices:
    """The prices per unit of a change in use, split by the service's refusion rule.

    Parameters
    ----------
    kb : KnowledgeBase
    service_id : str
        A service of ``kb``. A service without a rule gets its static prices.
    year : int
        The calendar year of the use (a scenario year).
    units : float
        The change in units per citizen in the year (a profile value; negative = less use).
    baseline : float, optional
        The citizen's use per year before the change (the target group's baseline). None:
        the change is the citizen's whole use, i.e. from 0 to ``abs(units)`` units.

    Returns
    -------
    Prices
        kr. per unit at the service's price year: ``kommune + stat`` equals the static
        ``kommune + stat`` and ``region`` the static region price, so only the kommune/stat
        split changes. With no change of use (``units == 0``) the split of the baseline use
        is returned (of one unit when there is no baseline).

    Examples
    --------
    Sickness benefit with no earlier weeks in the spell: a citizen on sygedagpenge for 10
    weeks of a year gets 80 % refusion in weeks 1-4 and 40 % in weeks 5-10:
    (4 × 0.8 + 6 × 0.4) / 10 = 0.56 of the price to the stat.

    >>> from som_xl.kb import load_kb
    >>> kb = load_kb()
    >>> p = split_price(kb, "sygedagpenge_uge", 2025, 10)
    >>> round(p.stat / (p.kommune + p.stat), 4)
    0.56

    Cash benefit for the long-term unemployed (52 weeks already in the spell): step 4.

    >>> p = split_price(kb, "kontanthjaelp_uge", 2025, -8, baseline=40)
    >>> round(p.stat / (p.kommune + p.stat), 4)
    0.2
    >>> split_price(kb, "somatisk_sengedag", 2025, -3) == kb.services["somatisk_sengedag"].prices
    True
    """
    service = kb.services[service_id]
    static = service.prices
    if service.refusion is None:
        return static
    gross = static.kommune + static.stat
    static_share = static.stat / gross if gross else 0.0
    if baseline is None:
        a, b = 0.0, abs(units)
    else:
        a, b = max(0.0, baseline), max(0.0, baseline + units)
    if a == b:  # no change of use: the split of the use itself
        a, b = 0.0, (a if a > 0 else 1.0)
    lo, hi = min(a, b), max(a, b)
    refund_hi, covered = stat_amount(kb, service, year, hi)
    refund_lo, _ = stat_amount(kb, service, year, lo)
    span = (hi - lo) * gross
    share = (refund_hi - refund_lo) / span if span else 0.0
    share += (1.0 - covered) * static_share
    stat = gross * share
    return Prices(kommune=gross - stat, region=static.region, stat=stat)
