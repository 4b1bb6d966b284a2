"""The tables the functions return: the shared labelled tables, in the functions' words.

SOM_NETTORESULTAT's ``visning``: "år" (default), "år i alt", "nøgletal", "aktør" (also
"kasse", the older word), "aktør pr. år", "udgiftspost", "rækker", and the kommune's answer
(som-method §3.15–3.16): "tilbagebetaling" (break-even year and gain per krone per aktør),
"udvalg", "udvalg pr. år", "budget" (budget year and three overslagsår), "bemærkning" (the
sentence on illustrative values the command line prints), "illustrativ andel" and
"advarsler". SOM_SKOEN's: "nøgletal" (default), "år" and "ydelser". Every table has a
header row. The tables and their Danish words come from :mod:`som_xl.present` (the same
tables the command line, the workbook and reports render), so no face writes its own words.
"""

from __future__ import annotations

from typing import Any

from som_xl.inputs.quick import QuickEstimate
from som_xl.present import answer, grid, tables
from som_xl.results import Result

__all__ = [
    "NET_VIEWS",
    "NO_ILLUSTRATIVE",
    "NO_WARNINGS",
    "QUICK_VIEWS",
    "Table",
    "View",
    "key_figures_view",
    "quick_view",
    "result_view",
]

#: A table for a cell to spill: rows of numbers and texts, the first row headers.
Table = list[list[Any]]
#: What a view gives: a table, or one value for one cell (a sentence, a share).
View = Table | str | float

#: The sentence view where no gain rests on illustrative values.
NO_ILLUSTRATIVE = "Ingen del af gevinsterne bygger på illustrative værdier."
#: The warnings view without warnings.
NO_WARNINGS = "ingen advarsler"
#: The key-figure rows the functions add after the shared key figures.
SHARE_LABEL = "Andel af gevinsterne på illustrative værdier"
NOTE_LABEL = "Bemærk"

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
    "aktoer": "aktør",
    "aktoerer": "aktør",
    "kasse": "aktør",
    "kasser": "aktør",
    "aktoer_pr_aar": "aktør pr. år",
    "aktoerer_pr_aar": "aktør pr. år",
    "kasse_pr_aar": "aktør pr. år",
    "kasser_pr_aar": "aktør pr. år",
    "udgiftspost": "udgiftspost",
    "udgiftsposter": "udgiftspost",
    "raekker": "rækker",
    "data": "rækker",
    "tilbagebetaling": "tilbagebetaling",
    "break_even": "tilbagebetaling",
    "udvalg": "udvalg",
    "udvalg_pr_aar": "udvalg pr. år",
    "budget": "budget",
    "budgetaar": "budget",
    "overslagsaar": "budget",
    "bemaerkning": "bemærkning",
    "saetning": "bemærkning",
    "illustrativ_andel": "illustrativ andel",
    "andel_illustrativ": "illustrativ andel",
    "advarsler": "advarsler",
    "advarsel": "advarsler",
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


def key_figures_view(result: Result) -> Table:
    """The key figures, then the share of the gains resting on illustrative values and,
    where it is above 0, the sentence the command line prints beside the net result.

    Parameters
    ----------
    result : Result

    Returns
    -------
    Table
        Two columns: key figure and value.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> key_figures_view(example_result())[-1]
    ['Andel af gevinsterne på illustrative værdier', 0.0]
    """
    return _with_provenance(grid.view(result, "nøgletal"), result)


def _with_provenance(rows: Table, result: Result) -> Table:
    """Key figures, then the illustrative share and (above 0) the sentence about it."""
    rows.append([SHARE_LABEL, float(result.provenance["illustrative_share"])])
    sentence = answer.provenance_sentence(result)
    if sentence:
        rows.append([NOTE_LABEL, sentence])
    return rows


def _warnings(result: Result) -> Table:
    return [["advarsel"], *([w] for w in result.warnings)] if result.warnings else [
        ["advarsel"], [NO_WARNINGS]
    ]  # fmt: skip


def result_view(result: Result, view: str) -> View:
    """One of SOM_NETTORESULTAT's views of a result.

    Parameters
    ----------
    result : Result
        A calculated scenario.
    view : str
        A canonical view name (a value of :data:`NET_VIEWS`).

    Returns
    -------
    Table, str or float
        The view's table; the sentence ("bemærkning") and the share ("illustrativ andel")
        are one value for one cell.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> result_view(example_result(), "aktør pr. år")[:2]
    [['år', 'Kommune', 'Region', 'Stat', 'I alt'], [2025, -120000.0, -50000.0, 0.0, -170000.0]]
    >>> result_view(example_result(), "rækker")[1]
    [2025, 'Kommune', 'Indsatsens omkostninger', 'omkostning', 120000.0, 120000.0]
    >>> result_view(example_result(), "tilbagebetaling")[1]
    ['Kommune', 79060.576611597, 2027, 1.6103941576630652]
    >>> result_view(example_result(), "bemærkning") == NO_ILLUSTRATIVE
    True
    """
    if view == "nøgletal":
        return key_figures_view(result)
    if view in grid.FUNCTION_VIEWS:
        return grid.view(result, view)
    if view == "tilbagebetaling":
        return grid.grid(answer.purse_payback(result))
    if view == "udvalg":
        return grid.grid(answer.by_committee(result), total=True)
    if view == "udvalg pr. år":
        return grid.grid(answer.committee_years(result))
    if view == "budget":
        return grid.grid(answer.budget_view(result))
    if view == "bemærkning":
        return answer.provenance_sentence(result) or NO_ILLUSTRATIVE
    if view == "illustrativ andel":
        return float(result.provenance["illustrative_share"])
    return _warnings(result)


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
        The key figures with participants and success rate (then the share of the gains on
        illustrative values and, above 0, the sentence about it), the year table, or the
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
    rows = grid.grid(tables.quick_key_figures(qe, rate_given=not rate_from_kb))
    return _with_provenance(rows, qe.result)
