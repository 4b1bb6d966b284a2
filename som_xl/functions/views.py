"""The tables the functions return: the shared labelled tables, in the functions' words.

SOM_NETTORESULTAT's ``visning``: "år" (default), "år i alt", "nøgletal", "kasse",
"kasse pr. år", "udgiftspost" and "rækker"; SOM_SKOEN's: "nøgletal" (default), "år" and
"ydelser". Every table has a header row. The tables and their Danish headers come from
:mod:`som_xl.present.tables` (the same tables the command line, the workbook and reports
render), so no face writes its own words.
"""

from __future__ import annotations

from typing import Any

from som_xl.inputs.quick import QuickEstimate
from som_xl.present import grid, tables
from som_xl.results import Result

__all__ = [
    "NET_VIEWS",
    "QUICK_VIEWS",
    "Table",
    "quick_view",
    "result_view",
]

#: A table for a cell to spill: rows of numbers and texts, the first row headers.
Table = list[list[Any]]

#: Views of SOM_NETTORESULTAT: normalised name -> canonical name.
NET_VIEWS = {
    "aar": "år",
    "aarstabel": "år",
    "aar_i_alt": "år i alt",
    "aar_og_i_alt": "år i alt",
    "aar_total": "år i alt",
    "noegletal": "nøgletal",
    "i_alt": "nøgletal",
    "total": "nøgletal",
    "resultat": "nøgletal",
    "kasse": "kasse",
    "kasser": "kasse",
    "kasse_pr_aar": "kasse pr. år",
    "kasser_pr_aar": "kasse pr. år",
    "udgiftspost": "udgiftspost",
    "udgiftsposter": "udgiftspost",
    "raekker": "rækker",
    "data": "rækker",
}
#: Views of SOM_SKOEN: normalised name -> canonical name.
QUICK_VIEWS = {
    "noegletal": "nøgletal",
    "i_alt": "nøgletal",
    "resultat": "nøgletal",
    "aar": "år",
    "aarstabel": "år",
    "ydelser": "ydelser",
}


def result_view(result: Result, view: str) -> Table:
    """One of SOM_NETTORESULTAT's views of a result.

    Parameters
    ----------
    result : Result
        A calculated scenario.
    view : str
        A canonical view name (a value of :data:`NET_VIEWS`).

    Returns
    -------
    Table
        The view's table.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> result_view(example_result(), "kasse pr. år")[:2]
    [['år', 'Kommune', 'Region', 'Stat', 'I alt'], [2025, -120000.0, -50000.0, 0.0, -170000.0]]
    >>> result_view(example_result(), "rækker")[1]
    [2025, 'Kommune', 'Indsatsens omkostninger', 'omkostning', 120000.0, 120000.0]
    """
    return grid.view(result, view)


def quick_view(qe: QuickEstimate, view: str, rate_from_kb: bool) -> Table:
    """One of SOM_SKOEN's views of a quick estimate.

    Parameters
    ----------
    qe : QuickEstimate
        The quick estimate.
    view : str
        "nøgletal", "år" or "ydelser" (a value of :data:`QUICK_VIEWS`).
    rate_from_kb : bool
        Whether the success rate came from the knowledge base (then its effect is named).

    Returns
    -------
    Table
        The key figures with participants and success rate, the year table, or the
        services likely affected (largest discounted gain first).

    Examples
    --------
    >>> from som_xl.functions.lookup import knowledge
    >>> from som_xl.inputs.quick import quick_estimate
    >>> qe = quick_estimate(knowledge(), "voksne_hjemloeshed", 20, 60000, 0.2)
    >>> [row[0] for row in quick_view(qe, "nøgletal", False)[3:6]]
    ['Deltagere', 'Succesrate', 'Succesrate fra']
    """
    if view == "år":
        return grid.view(qe.result, "år")
    if view == "ydelser":
        return grid.grid(tables.consequences(qe.result, qe.services))
    return grid.grid(tables.quick_key_figures(qe, rate_given=not rate_from_kb))
