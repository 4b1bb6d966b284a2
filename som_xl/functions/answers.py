"""SOM_UDVALG and SOM_OPFOELGNING: the kommune's committees and the follow-up.

Both read SOM_NETTORESULTAT's ranges (:func:`~.ranges.scenario_from_ranges`) and call the
engine once; the tables are the shared ones of :mod:`som_xl.present.answer` and
:mod:`som_xl.present.followup`, the same figures ``som-xl calc`` and ``som-xl opfoelgning``
print.
"""

from __future__ import annotations

from som_xl.present import answer, followup, grid

from .calculations import calculate_scenario
from .cells import Cell, fail
from .lookup import choice
from .ranges import scenario_from_ranges
from .views import Table

__all__ = ["COMMITTEE_VIEWS", "FOLLOWUP_VIEWS", "committee_result", "followup_result"]

#: SOM_UDVALG's views: normalised name -> canonical name.
COMMITTEE_VIEWS = {
    "udvalg": "udvalg",
    "i_alt": "udvalg",
    "resultat": "udvalg",
    "aar": "år",
    "pr_aar": "år",
    "udvalg_pr_aar": "år",
    "budget": "budget",
    "budgetaar": "budget",
    "overslagsaar": "budget",
}
#: SOM_OPFOELGNING's views: normalised name -> canonical name.
FOLLOWUP_VIEWS = {
    "aar": "år",
    "plan_og_realiseret": "år",
    "noegletal": "nøgletal",
    "prognose": "nøgletal",
    "observeret_succesrate": "observeret succesrate",
    "succesrate": "observeret succesrate",
}


def committee_result(
    indstillinger: Cell,
    deltagere: Cell,
    omkostninger: Cell = None,
    konsekvenser: Cell = None,
    ydelser: Cell = None,
    udvalg: Cell = None,
    visning: Cell = None,
) -> Table:
    """The kommune's result per committee (udvalg), in total or year by year (SOM_UDVALG).

    Parameters
    ----------
    indstillinger, deltagere, omkostninger, konsekvenser, ydelser : Cell
        As for SOM_NETTORESULTAT.
    udvalg : Cell, optional
        ``Udgiftspost | Udvalg``; empty: the knowledge base's mapping.
    visning : Cell, optional
        "udvalg" (default: costs, gains, net, net at present value, break-even year and
        gain per krone per committee, with the kommune's total), "år" (net per committee
        year by year) or "budget" (budget year and three overslagsår per aktør and
        committee).

    Returns
    -------
    Table

    Examples
    --------
    >>> t = committee_result([["Målgruppe", "voksne_hjemloeshed"], ["Succesrate", 0.3]],
    ...                      [[2025, 20]], [["Omkostning", 2025], ["Drift", 1e6]], None, None,
    ...                      [["Udgiftspost", "Udvalg"],
    ...                       ["Indsatsens omkostninger", "Socialudvalget"]])
    >>> t[0][:4], t[-1][0]
    (['udvalg', 'omkostninger', 'gevinster', 'netto'], 'I alt')
    """
    view = choice(visning, COMMITTEE_VIEWS, "visning", "udvalg")
    data, places = scenario_from_ranges(
        indstillinger, deltagere, omkostninger, konsekvenser, ydelser, udvalg
    )
    result = calculate_scenario(data, places, "SOM_UDVALG")
    if view == "år":
        return grid.grid(answer.committee_years(result))
    if view == "budget":
        return grid.grid(answer.budget_view(result))
    return grid.grid(answer.by_committee(result), total=True)


def followup_result(
    indstillinger: Cell,
    deltagere: Cell,
    omkostninger: Cell = None,
    konsekvenser: Cell = None,
    ydelser: Cell = None,
    realiseret: Cell = None,
    visning: Cell = None,
) -> Table | float | str:
    """Plan against realised figures and the new forecast (SOM_OPFOELGNING, §3.19).

    Parameters
    ----------
    indstillinger, deltagere, omkostninger, konsekvenser, ydelser : Cell
        The plan, as for SOM_NETTORESULTAT.
    realiseret : Cell
        ``År | Deltagere | Succeser | Omkostninger`` for the past years (required).
    visning : Cell, optional
        "år" (default: plan against realised and the new forecast year by year),
        "nøgletal" (success rates, net result, break-even year and gain per krone, plan
        against the new forecast) or "observeret succesrate" (one value).

    Returns
    -------
    Table, float or str
        The view; the observed success rate is a share, or a text where no course has
        ended yet.

    Examples
    --------
    >>> t = followup_result([["Målgruppe", "voksne_hjemloeshed"], ["Succesrate", 0.3]],
    ...                     [[2025, 20]], [["Omkostning", 2025], ["Drift", 1e6]], None, None,
    ...                     [["År", "Deltagere", "Succeser"], [2025, 16, 4]],
    ...                     "observeret succesrate")
    >>> t
    0.25
    """
    view = choice(visning, FOLLOWUP_VIEWS, "visning", "år")
    data, places = scenario_from_ranges(
        indstillinger, deltagere, omkostninger, konsekvenser, ydelser, None, realiseret
    )
    if not data.get("realised"):
        raise fail(
            "realiseret",
            "mangler; angiv de realiserede år: år | deltagere | succeser | omkostninger, "
            "fx 2025 | 18 | 4 | 950000",
        )
    result = calculate_scenario(data, places, "SOM_OPFOELGNING")
    if view == "observeret succesrate":
        observed = result.resolved.observed_success_rate
        return float(observed) if observed is not None else followup.NO_OBSERVED_RATE
    if view == "nøgletal":
        return grid.grid(followup.followup_figures(result))
    return grid.grid(followup.followup_years(result))
