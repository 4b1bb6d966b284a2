"""The calculating functions: SOM_NUTIDSVAERDI, SOM_NETTORESULTAT and SOM_SKOEN.

Each turns its cells into the engine's inputs and calls it: the engine's discount factors,
``parse_scenario`` → ``resolve`` → ``calculate``, or the quick estimate. Nothing is
calculated here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from som_xl.engine import discount_factors
from som_xl.errors import InputError, Problem, suggest
from som_xl.inputs import parse_scenario, resolve
from som_xl.inputs.quick import quick_estimate
from som_xl.kb import KnowledgeBase
from som_xl.results import Result, calculate

from .cells import Cell, blank, check_errors, fail, grid, has_digit, scalar
from .extras import EXTRA_SETTINGS, nest
from .fieldcells import read, year
from .lookup import choice, knowledge, lookup
from .places import Path, Places, origins
from .ranges import scenario_from_ranges, settings, unset
from .views import NET_VIEWS, QUICK_VIEWS, Table, View, quick_view, result_view
from .years import YearPairs, strip_labels, year_pairs

__all__ = ["calculate_scenario", "net_result", "present_value", "quick"]


def _rate(v: Cell, kb: KnowledgeBase) -> float | list[tuple[int, float]]:
    """A rate as a share, or a named schedule ("fm") as (from year, rate) steps."""
    v = scalar(v, "rente")
    if v is None:
        raise fail("rente", 'mangler; angiv en rente som andel, fx 0,035, eller "fm"')
    if isinstance(v, str) and not has_digit(v):
        key = v.strip().lower()
        if key in kb.discount_rates:
            return [(s.from_year, s.rate) for s in kb.discount_rates[key].schedule]
        raise fail(
            "rente",
            f"skal være en andel, fx 0,035, eller {suggest(key, kb.discount_rates)}",
            v,
            True,
        )
    return float(read("discount_rate", v, "rente"))


def _amounts(pairs: YearPairs, with_years: bool) -> tuple[list[float], list[int]]:
    """The amounts (empty = 0) and, when the values have years, their years."""
    problems: list[Problem] = []
    values: list[float] = []
    years: list[int] = []
    for found, v, where in pairs:
        try:
            if with_years:
                if found is None:
                    if v is not None:
                        raise fail(where, "beløbet mangler et årstal", v, True)
                    continue
                y = year(found, where)
                if y in years:
                    raise fail(where, "året står to gange", y, True)
                years.append(y)
            # one bound for every amount: the field table's for an amount in kr.
            values.append(float(read("costs[].amount", v, where) or 0.0))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return values, years


def _periods(years: list[int], n_values: int, with_years: bool, startaar: Cell) -> list[int]:
    """Each value's period t (t = 0 is not discounted)."""
    start = scalar(startaar, "startaar")
    if start is not None:
        start = year(start, "startaar")
    if not with_years:
        if start is not None:
            raise fail(
                "startaar",
                "bruges kun, når værdierne har årstal; skriv årstallene i rækken eller "
                "kolonnen før beløbene, eller lad startaar være tom (første beløb "
                "diskonteres ikke)",
                start,
                True,
            )
        return list(range(n_values))
    if not years:
        raise fail("vaerdier", "der er ingen beløb med årstal")
    first = start if start is not None else min(years)
    t = [y - first for y in years]
    if min(t) < 0:
        raise fail("startaar", "ligger efter første år i værdierne", first, True)
    return t


def present_value(vaerdier: Cell, rente: Cell, startaar: Cell = None) -> float:
    """Σ value(t) × D(t) with the engine's discount factors; t = 0 is not discounted.

    Parameters
    ----------
    vaerdier : Cell
        One row or column of amounts (the first is not discounted), or two rows or columns
        with the years first (see :func:`~.years.year_pairs`); empty cells count as 0.
    rente : Cell
        A share such as 0.035 (or "0,035"), or a schedule of the knowledge base ("fm").
    startaar : Cell, optional
        Only when the values have years: the year that is not discounted (default: the
        first year). Without years there is no year to name, so it is an error.

    Returns
    -------
    float
        The present value (SOM_NUTIDSVAERDI).

    Examples
    --------
    >>> present_value([[100, 105]], 0.05)
    200.0
    >>> round(present_value([[2026, 2027], [100, 100]], 0.05, 2025), 6)
    185.941043
    """
    schedule = _rate(rente, knowledge())
    cells = grid(vaerdier)
    if not cells or blank(c for row in cells for c in row):
        raise fail("vaerdier", "mangler; angiv årlige beløb i én række eller kolonne")
    check_errors(cells, "vaerdier")
    cells, row_no, col_no, hint = strip_labels(cells)  # labels ("År", "Netto") are ignored
    n_rows, n_cols = len(cells), len(cells[0])
    pairs: YearPairs
    if n_rows == 1 or n_cols == 1:
        line = cells[0] if n_rows == 1 else [r[0] for r in cells]
        pairs = [(None, v, f"vaerdier, værdi nr. {i + 1}") for i, v in enumerate(line)]
    else:
        pairs = year_pairs(cells, row_no, col_no, hint, "vaerdier", "beløb")
    with_years = n_rows > 1 and n_cols > 1
    values, years = _amounts(pairs, with_years)
    t = _periods(years, len(values), with_years, startaar)
    factors = discount_factors(max(t) + 1, schedule)
    return float(sum(v * float(factors[k]) for v, k in zip(values, t, strict=True)))


def calculate_scenario(data: dict[str, Any], places: Mapping[Path, str], func: str) -> Result:
    """The engine: ``parse_scenario`` → ``resolve`` → ``calculate``; problems named in the sheet.

    Parameters
    ----------
    data : dict
        A §4 scenario dict (e.g. from :func:`~.ranges.scenario_from_ranges`).
    places : Mapping
        Where each value came from (:mod:`.places`): the resolver's problems name them.
    func : str
        The function's name, the place of problems without one.

    Returns
    -------
    Result
        The calculated scenario.

    Examples
    --------
    >>> data, places = scenario_from_ranges(
    ...     [["Horisont", 3], ["Succesrate", 0.5], ["Diskonteringsrente", 0]],
    ...     [[2025, 10]], None, [["Ydelse", "År 1"], ["egen", -1]])
    >>> calculate_scenario(data, places, "SOM_X")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: konsekvenser, række 2 (ydelse): ukendt ydelse; ...
    """
    named = origins(func, places)
    spec = parse_scenario(data, func, origins=named)
    return calculate(resolve(spec, knowledge, func, origins=named))


def net_result(
    indstillinger: Cell,
    deltagere: Cell,
    omkostninger: Cell = None,
    konsekvenser: Cell = None,
    ydelser: Cell = None,
    visning: Cell = None,
    udvalg: Cell = None,
    realiseret: Cell = None,
    ressourcer: Cell = None,
) -> View:
    """The whole calculation from ranges in the sheet, as one view (SOM_NETTORESULTAT).

    Parameters
    ----------
    indstillinger, deltagere, omkostninger, konsekvenser, ydelser : Cell
        The ranges (see :func:`~.ranges.scenario_from_ranges`).
    visning : Cell, optional
        A view name (:data:`~.views.NET_VIEWS`); empty: "år".
    udvalg, realiseret, ressourcer : Cell, optional
        Committees per budget item, realised years and resources (:mod:`.extras`); with
        realised years the result is the new forecast.

    Returns
    -------
    Table, str or float
        The view (:func:`~.views.result_view`).

    Examples
    --------
    >>> table = net_result([["Målgruppe", "voksne_hjemloeshed"], ["Succesrate", 0.3]],
    ...                    [[2025, 20]], [["Omkostning", 2025], ["Drift", 1e6]], None, None,
    ...                    "nøgletal")
    >>> table[5]
    ['Omkostninger', 1000000.0]
    """
    view = choice(visning, NET_VIEWS, "visning", "år")
    data, places = scenario_from_ranges(
        indstillinger, deltagere, omkostninger, konsekvenser, ydelser, udvalg, realiseret,
        ressourcer,
    )  # fmt: skip
    return result_view(calculate_scenario(data, places, "SOM_NETTORESULTAT"), view)


_QUICK_SETTINGS = ("start_year", "horizon_years", "price_year", "discount_rate", "course_years")
#: The settings of som-method §3.10–3.19 the quick estimate takes (its success rate is an
#: argument of its own, so the gross rates are not among them).
_QUICK_EXTRAS = tuple(k for k in EXTRA_SETTINGS if not k.startswith("success_rate."))
_QUICK_PLACES: Places = {
    ("target_group",): "maalgruppe",
    ("participants",): "deltagere",
    ("costs", 0, "amount"): "pris_pr_deltager",
    ("success_rate",): "succesrate",
    ("intervention",): "indsats",
}


def _quick_numbers(deltagere: Cell, pris: Cell, succesrate: Cell) -> tuple[Any, Any, Any]:
    """Participants, cost per participant and success rate, read by their fields."""
    problems: list[Problem] = []
    found = []
    for key, v, where in (
        ("participants.<year>", deltagere, "deltagere"),
        ("costs[].amount", pris, "pris_pr_deltager"),
        ("success_rate", succesrate, "succesrate"),
    ):
        try:
            found.append(read(key, scalar(v, where), where))
        except InputError as exc:
            problems += exc.problems
            found.append(None)
    if problems:
        raise InputError(problems)
    return found[0], found[1], found[2]


def quick(
    maalgruppe: Cell,
    deltagere: Cell,
    pris_pr_deltager: Cell,
    succesrate: Cell = None,
    indsats: Cell = None,
    visning: Cell = None,
    indstillinger: Cell = None,
) -> Table:
    """The quick estimate (budgetøkonomisk skøn) from a few cells (SOM_SKOEN).

    Parameters
    ----------
    maalgruppe : Cell
        The target group's id or Danish label.
    deltagere, pris_pr_deltager : Cell
        Participants starting in the start year, and the cost per participant in kr.
    succesrate : Cell, optional
        The share with success; empty: the knowledge base's effect (``indsats`` or the
        target group's best-evidenced one).
    indsats : Cell, optional
        An effect's id in the knowledge base.
    visning : Cell, optional
        "nøgletal" (default), "år" or "ydelser" (:data:`~.views.QUICK_VIEWS`).
    indstillinger : Cell, optional
        Name/value pairs: startår, horisont, prisår, diskonteringsrente, forløbsår; and
        aftagning, optimisme omkostninger/gevinster, hale and halens fald (:mod:`.extras`).

    Returns
    -------
    Table
        The view (:func:`~.views.quick_view`).

    Examples
    --------
    >>> quick("voksne_hjemloeshed", 20, 60000, 0.2)[3:5]
    [['Deltagere', 20.0], ['Succesrate', 0.2]]
    """
    kb = knowledge()
    view = choice(visning, QUICK_VIEWS, "visning", "nøgletal")
    gid = lookup(
        scalar(maalgruppe, "maalgruppe"),
        kb.target_groups,
        lambda g: g.label,
        "maalgruppe",
        "målgruppe",
    )
    participants, cost, rate = _quick_numbers(deltagere, pris_pr_deltager, succesrate)
    effect = scalar(indsats, "indsats")
    if participants is None:
        raise fail("deltagere", "mangler; angiv antal deltagere")
    if cost is None:
        raise fail("pris_pr_deltager", "mangler; angiv prisen pr. deltager i kr.")
    if effect is not None:
        effect = lookup(effect, kb.effects, lambda e: e.intervention, "indsats", "indsats")
    found, places = settings(indstillinger, "indstillinger", (*_QUICK_SETTINGS, *_QUICK_EXTRAS))
    unset(places, "indstillinger", _QUICK_SETTINGS)
    nested = nest(found, places)
    base = {k: v for k, v in nested.items() if k in _QUICK_SETTINGS}
    extra = {k: v for k, v in nested.items() if k not in _QUICK_SETTINGS}
    named = origins("SOM_SKOEN", places | _QUICK_PLACES)
    qe = quick_estimate(
        kb, gid, participants, cost, rate, effect, where="SOM_SKOEN", origins=named,
        extra=extra, **base,
    )  # fmt: skip
    return quick_view(qe, view, rate is None)
