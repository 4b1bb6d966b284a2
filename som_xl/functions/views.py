"""The tables the functions return, all from :class:`som_xl.results.Result`.

SOM_NETTORESULTAT's ``visning``: "år" (default), "år i alt", "nøgletal", "kasse",
"kasse pr. år", "udgiftspost" and "rækker"; SOM_SKOEN's: "nøgletal" (default), "år" and
"ydelser". Every table has a header row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from som_xl.conventions import PURSE_LABELS
from som_xl.inputs.quick import QuickEstimate
from som_xl.results import Result

from .vocabulary import KIND_LABELS, ROW_HEADERS, SPLIT_HEADERS, TOTAL, YEAR_HEADERS

__all__ = [
    "NET_VIEWS",
    "QUICK_VIEWS",
    "Table",
    "key_figures",
    "quick_view",
    "result_view",
    "year_table",
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

_SPLIT_FIELDS = ("costs", "gains", "net", "discounted_costs", "discounted_gains", "discounted_net")


def _example() -> Result:
    """A small calculated scenario for the examples (own service, no knowledge base)."""
    from som_xl import calculate, parse_scenario, resolve

    data = {
        "name": "Eksempel",
        "start_year": 2025,
        "horizon_years": 3,
        "price_year": 2024,
        "discount_rate": 0.05,
        "participants": {2025: 10},
        "success_rate": 0.5,
        "costs": [{"label": "Drift", "kind": "once", "year": 2025, "amount": 1000}],
        "consequences": [{"service": "egen", "profile": [-2, -2]}],
        "services": [
            {
                "id": "egen",
                "label": "Egen ydelse",
                "unit": "uge",
                "direction": "expenditure",
                "budget_item": "Egen post",
                "prices": {"kommune": 100},
            }
        ],
    }
    return calculate(resolve(parse_scenario(data), None))


def year_table(result: Result, totals: bool = False) -> Table:
    """The year table: år, omkostninger, gevinster, netto, diskonteringsfaktor, …

    Parameters
    ----------
    result : Result
        A calculated scenario.
    totals : bool, default False
        Add a line "I alt" (undiscounted and discounted totals).

    Returns
    -------
    Table
        :data:`~.vocabulary.YEAR_HEADERS`, then one row per year.

    Examples
    --------
    >>> table = year_table(_example(), totals=True)
    >>> table[1], table[-1]
    ([2025, 1000.0, 0.0, -1000.0, 1.0, -1000.0, -1000.0], ['I alt', 1000.0, 2000.0, 1000.0, '', 859.4104308390021, ''])
    """  # noqa: E501
    rows: Table = [list(YEAR_HEADERS)]
    for r in result.year_rows():
        rows.append(
            [
                r["year"],
                r["costs"],
                r["gains"],
                r["net"],
                r["discount_factor"],
                r["discounted_net"],
                r["cumulative_discounted_net"],
            ]
        )
    if totals:
        d = result.to_dict()
        rows.append(
            [
                TOTAL,
                d["costs"]["undiscounted"],
                d["gains"]["undiscounted"],
                result.net_undiscounted,
                "",
                result.net_discounted,
                "",
            ]
        )
    return rows


def _split(parts: list[dict[str, Any]], key: str, head: str, labels: Mapping[str, str]) -> Table:
    """One row per purse or budget item, and a total line."""
    rows: Table = [[head, *SPLIT_HEADERS]]
    for part in parts:
        rows.append([labels.get(part[key], part[key]), *(part[f] for f in _SPLIT_FIELDS)])
    rows.append([TOTAL, *(sum(p[f] for p in parts) for f in _SPLIT_FIELDS)])
    return rows


def _purse_years(result: Result) -> Table:
    """Net per year for each purse and in all."""
    parts = result.by_purse()
    rows: Table = [["år", *(PURSE_LABELS[p["purse"]] for p in parts), TOTAL]]
    for t, year in enumerate(result.resolved.years):
        values = [p["net_by_year"][t] for p in parts]
        rows.append([year, *values, sum(values)])
    return rows


def _tidy(result: Result) -> Table:
    """The tidy rows: år, kasse, udgiftspost, art, beløb, beløb (nutidsværdi)."""
    rows: Table = [list(ROW_HEADERS)]
    for r in result.rows():
        rows.append(
            [
                r["year"],
                PURSE_LABELS.get(r["purse"], r["purse"]),
                r["budget_item"],
                KIND_LABELS[r["kind"]],
                r["value"],
                r["discounted_value"],
            ]
        )
    return rows


def key_figures(result: Result) -> Table:
    """The key figures: name, target group, totals, payback year, break-even, ratio.

    An undefined figure (no payback within the horizon, no gains, no costs) is a Danish
    text, never inf or NaN.

    Parameters
    ----------
    result : Result
        A calculated scenario.

    Returns
    -------
    Table
        Two columns, "nøgletal" | "værdi".

    Examples
    --------
    >>> figures = dict(key_figures(_example()))
    >>> figures["Nettoresultat"], figures["Tilbagebetalingsår"], figures["Vidensdatabase"]
    (1000.0, 2027, 'ikke brugt')
    """
    r = result.resolved
    d = result.to_dict()
    bey = result.break_even_year
    besr = result.break_even_success_rate
    bcr = result.benefit_cost_ratio
    return [
        ["nøgletal", "værdi"],
        ["Scenarie", r.name],
        ["Målgruppe", r.target_group_label or r.target_group or "egne konsekvenser"],
        ["Prisniveau (år)", r.price_year],
        ["Diskontering", r.discount_label],
        ["Omkostninger", d["costs"]["undiscounted"]],
        ["Gevinster", d["gains"]["undiscounted"]],
        ["Nettoresultat", result.net_undiscounted],
        ["Omkostninger (nutidsværdi)", result.pv_costs],
        ["Gevinster (nutidsværdi)", result.pv_gains],
        ["Nettoresultat (nutidsværdi)", result.net_discounted],
        ["Tilbagebetalingsår", bey if bey is not None else "ikke inden for horisonten"],
        [
            "Break-even-succesrate",
            besr if besr is not None else "ikke defineret (ingen gevinster)",
        ],
        [
            "Gevinst pr. omkostningskrone",
            bcr if bcr is not None else "ikke defineret (ingen omkostninger)",
        ],
        ["Vidensdatabase", r.kb_fingerprint or "ikke brugt"],
    ]


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
    >>> result_view(_example(), "kasse pr. år")[:2]
    [['år', 'Kommune', 'Region', 'Stat', 'I alt'], [2025, -1000.0, 0.0, 0.0, -1000.0]]
    >>> result_view(_example(), "rækker")[1]
    [2025, 'Kommune', 'Indsatsens omkostninger', 'omkostning', 1000.0, 1000.0]
    """
    if view == "år":
        return year_table(result)
    if view == "år i alt":
        return year_table(result, totals=True)
    if view == "nøgletal":
        return key_figures(result)
    if view == "kasse":
        return _split(result.by_purse(), "purse", "kasse", PURSE_LABELS)
    if view == "kasse pr. år":
        return _purse_years(result)
    if view == "udgiftspost":
        return _split(result.by_budget_item(), "budget_item", "udgiftspost", {})
    if view == "rækker":
        return _tidy(result)
    raise ValueError(view)


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
    result = qe.result
    if view == "år":
        return year_table(result)
    if view == "ydelser":
        rows: Table = [["ydelse", "navn", "udgiftspost", "gevinster", "gevinster (nutidsværdi)"]]
        rows += [
            [s["service"], s["label"], s["budget_item"], s["gains"], s["discounted_gains"]]
            for s in qe.services
        ]
        return rows
    r = result.resolved
    source = (
        f"vidensdatabasen: {qe.effect.intervention} ({qe.effect.id})"
        if rate_from_kb and qe.effect is not None
        else "angivet"
    )
    table = key_figures(result)
    extra: Table = [
        ["Deltagere", sum(r.participants.values())],
        ["Succesrate", r.success_rate],
        ["Succesrate fra", source],
    ]
    return [*table[:3], *extra, *table[3:]]
