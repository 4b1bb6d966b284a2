"""Labelled result tables: the views of a result that every face renders.

Each function takes a :class:`som_xl.results.Result` and returns a :class:`Table`: a
title, column keys, the Danish headers (from :mod:`som_xl.present.da`), rows of plain
values (numbers stay numbers, words are Danish) and the format of each column. The command
line (:func:`som_xl.present.text.text_table`), the Excel functions and the CSV file
(:mod:`som_xl.present.grid`), the workbook and the report render these tables, so their
headers cannot drift apart.

============================  ===================  ========================================
function                      Excel view           rows
============================  ===================  ========================================
:func:`key_figures`           ``nøgletal``         one per key figure (``row_keys``)
:func:`years`                 ``år``, ``år i alt`` one per year; ``total`` holds the sums
:func:`by_purse`              ``aktør``            one per purse; ``total``
:func:`purse_years`           ``aktør pr. år``     one per year, a column per purse
:func:`by_budget_item`        ``udgiftspost``      one per budget item; ``total``
:func:`consequences`          (``ydelser``)        one per consequence; ``total``
:func:`tidy_rows`             ``rækker``           year × purse × budget item × kind
============================  ===================  ========================================

>>> [name for name in TABLES]
['key_figures', 'years', 'by_purse', 'purse_years', 'by_budget_item', 'consequences', 'tidy_rows']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..results.result import YEAR_FIELDS
from . import da
from .labelled import Cell, Format, Table, make_table

if TYPE_CHECKING:
    from ..inputs.quick import QuickEstimate
    from ..results import Result

__all__ = [
    "TABLES",
    "Cell",
    "Format",
    "Table",
    "by_budget_item",
    "by_purse",
    "consequences",
    "key_figures",
    "kommune_net",
    "make_table",
    "purse_years",
    "quick_key_figures",
    "tidy_rows",
    "years",
]

_SPLIT = ("costs", "gains", "net", "discounted_costs", "discounted_gains", "discounted_net")


def _undiscounted(result: Result, what: str) -> float:
    """Total costs or gains over the horizon (the JSON's ``costs.undiscounted``)."""
    return float(result.batch.by_year(what)[0].sum())


#: Key figure -> its format.
_FIGURE_FORMATS: dict[str, Format] = {
    "scenario": "text",
    "target_group": "text",
    "price_year": "year",
    "discount_rate": "text",
    "costs": "kr",
    "gains": "kr",
    "net_result": "kr",
    "discounted_costs": "kr",
    "discounted_gains": "kr",
    "discounted_net_result": "kr",
    "discounted_net_kommune": "kr",
    "break_even_year": "year",
    "break_even_success_rate": "pct",
    "benefit_cost_ratio": "ratio",
    "kb_fingerprint": "text",
}


def kommune_net(result: Result) -> float:
    """The kommune's own net result at present value: the kommune purse's ``discounted_net``
    (the JSON's ``by_purse``, the purse table's *Kommune, Netto (NV)*).

    Parameters
    ----------
    result : Result

    Returns
    -------
    float

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> round(kommune_net(example_result()))
    79061
    """
    return float(next(p for p in result.by_purse() if p["purse"] == "kommune")["discounted_net"])


def key_figures(result: Result) -> Table:
    """The key figures (nøgletal): one row per figure, ``None`` where it is not defined.

    Parameters
    ----------
    result : Result

    Returns
    -------
    Table
        Columns ``key_figure`` (its Danish name) and ``figure`` (the value); ``row_keys``
        are the keys of :data:`som_xl.present.da.KEY_FIGURES`, ``row_formats`` their
        formats. The money figures equal the JSON contract's.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> t = key_figures(example_result())
    >>> dict(zip(t.row_keys, t.column("figure")))["net_result"]
    106000.0
    >>> t.rows[-3][0], round(t.rows[-3][1], 4)
    ('Break-even-succesrate', 0.2245)
    """
    r = result.resolved
    values: dict[str, Cell] = {
        "scenario": r.name,
        "target_group": r.target_group_label or r.target_group or None,
        "price_year": r.price_year,
        "discount_rate": r.discount_label,
        "costs": _undiscounted(result, "costs"),
        "gains": _undiscounted(result, "gains"),
        "net_result": result.net_undiscounted,
        "discounted_costs": result.pv_costs,
        "discounted_gains": result.pv_gains,
        "discounted_net_result": result.net_discounted,
        "discounted_net_kommune": kommune_net(result),
        "break_even_year": result.break_even_year,
        "break_even_success_rate": result.break_even_success_rate,
        "benefit_cost_ratio": result.benefit_cost_ratio,
        "kb_fingerprint": r.kb_fingerprint or None,
    }
    return make_table(
        "key_figures",
        ("key_figure", "figure"),
        ("text", "text"),
        [(da.key_figure(k), v) for k, v in values.items()],
        row_keys=list(values),
        row_formats=[_FIGURE_FORMATS[k] for k in values],
    )


def quick_key_figures(est: QuickEstimate, rate_given: bool) -> Table:
    """The quick estimate's key figures: the result's, with participants and success rate.

    Parameters
    ----------
    est : QuickEstimate
    rate_given : bool
        Whether the user gave the success rate (else it came from the knowledge base's
        effect, ``est.effect``, which is then named).

    Returns
    -------
    Table
        As :func:`key_figures`, with ``participants``, ``success_rate`` and
        ``success_rate_source`` after the target group.

    Examples
    --------
    >>> from som_xl.inputs.quick import quick_estimate
    >>> from som_xl.kb import load_kb
    >>> est = quick_estimate(load_kb(), "voksne_hjemloeshed", 20, 60000, 0.25)
    >>> t = quick_key_figures(est, rate_given=True)
    >>> t.row_keys[2:5]
    ('participants', 'success_rate', 'success_rate_source')
    >>> t.rows[2:5]
    (('Deltagere', 20.0), ('Succesrate', 0.25), ('Succesrate fra', 'angivet'))
    """
    t = key_figures(est.result)
    r = est.result.resolved
    source = da.SUCCESS_RATE_GIVEN
    if not rate_given and est.effect is not None:
        source = da.SUCCESS_RATE_FROM_KB.format(
            intervention=est.effect.intervention, id=est.effect.id
        )
    extra: list[tuple[str, Cell, Format]] = [
        ("participants", sum(r.participants.values()), "int"),
        ("success_rate", r.success_rate, "pct"),
        ("success_rate_source", source, "text"),
    ]
    at = t.row_keys.index("target_group") + 1
    return replace(
        t,
        rows=(*t.rows[:at], *((da.key_figure(k), v) for k, v, _ in extra), *t.rows[at:]),
        row_keys=(*t.row_keys[:at], *(k for k, _, _ in extra), *t.row_keys[at:]),
        row_formats=(*t.row_formats[:at], *(f for _, _, f in extra), *t.row_formats[at:]),
    )


_YEAR_COLUMNS = YEAR_FIELDS


def years(result: Result) -> Table:
    """Year by year (år): costs, gains, net, discount factor, discounted and cumulative net.

    The total line sums the money columns that can be summed (the factor and the
    cumulative column are left empty).

    Parameters
    ----------
    result : Result

    Returns
    -------
    Table
        One row per year of the horizon; columns ``year``, ``costs``, ``gains``, ``net``,
        ``discount_factor``, ``discounted_net``, ``cumulative_discounted_net``; a total line.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> t = years(example_result())
    >>> t.headers[:4], t.rows[0][:4]
    (('År', 'Omkostninger', 'Gevinster', 'Netto'), (2025, 170000.0, 0.0, -170000.0))
    >>> t.total[:4], round(t.total[5], 2)
    (('I alt', 230000.0, 336000.0, 106000.0), 76336.25)
    """
    body = [tuple(y[c] for c in _YEAR_COLUMNS) for y in result.year_rows()]
    total: tuple[Cell, ...] = (
        da.TOTAL,
        _undiscounted(result, "costs"),
        _undiscounted(result, "gains"),
        result.net_undiscounted,
        None,
        result.net_discounted,
        None,
    )
    formats: tuple[Format, ...] = ("year", "kr", "kr", "kr", "factor", "kr", "kr")
    return make_table("years", _YEAR_COLUMNS, formats, body, total=total)


def _split(name: str, key: str, parts: list[dict[str, Any]], labels: Mapping[str, str]) -> Table:
    body = [(labels.get(p[key], p[key]), *(p[f] for f in _SPLIT)) for p in parts]
    total = (da.TOTAL, *(sum(p[f] for p in parts) for f in _SPLIT))
    formats: tuple[Format, ...] = ("text", "kr", "kr", "kr", "kr", "kr", "kr")
    return make_table(
        name, (key, *_SPLIT), formats, body, total=total, row_keys=[p[key] for p in parts]
    )


def by_purse(result: Result) -> Table:
    """Split by purse (aktør): costs, gains and net, undiscounted and at present value.

    Parameters
    ----------
    result : Result

    Returns
    -------
    Table
        One row per purse (``row_keys`` the purse ids, the first column its Danish name);
        columns ``costs``, ``gains``, ``net`` and their ``discounted_`` twins; a total line.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> t = by_purse(example_result())
    >>> t.column("purse"), t.row_keys
    (['Kommune', 'Region', 'Stat'], ('kommune', 'region', 'stat'))
    """
    return _split("by_purse", "purse", result.by_purse(), da.PURSE_LABELS)


def by_budget_item(result: Result) -> Table:
    """Split by budget item (udgiftspost), as :func:`by_purse`.

    Parameters
    ----------
    result : Result

    Returns
    -------
    Table
        One row per budget item (the first column its name, as ``row_keys``), the columns
        and total line of :func:`by_purse`.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> by_budget_item(example_result()).column("budget_item")[-1]
    'Indsatsens omkostninger'
    """
    return _split("by_budget_item", "budget_item", result.by_budget_item(), {})


def purse_years(result: Result) -> Table:
    """The net result per purse year by year (aktør pr. år), with a total column.

    Parameters
    ----------
    result : Result

    Returns
    -------
    Table
        One row per year; a column of net amounts per purse and the ``total`` column.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> t = purse_years(example_result())
    >>> t.headers
    ('År', 'Kommune', 'Region', 'Stat', 'I alt')
    """
    parts = result.by_purse()
    body = []
    for t, year in enumerate(result.resolved.years):
        values = [p["net_by_year"][t] for p in parts]
        body.append((year, *values, sum(values)))
    columns = ("year", *(p["purse"] for p in parts), "total")
    money: list[Format] = ["kr"] * (len(parts) + 1)
    formats: tuple[Format, ...] = ("year", *money)
    return make_table("purse_years", columns, formats, body)


def consequences(result: Result, rows: Sequence[Mapping[str, Any]] | None = None) -> Table:
    """Gains per consequence: service id and name, budget item, gains undiscounted and at PV.

    Parameters
    ----------
    result : Result
    rows : sequence of dict, optional
        Consequence rows in the shape of ``Result.consequence_rows()`` (the quick
        estimate's ``services``, sorted largest first); default: the result's own.

    Returns
    -------
    Table
        One row per consequence (``row_keys`` the service ids); columns ``service``,
        ``service_label``, ``budget_item``, ``gains``, ``discounted_gains``; a total line.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> t = consequences(example_result())
    >>> t.column("service_label")
    ['Botilbud, døgn', 'Skattepligtig indkomst']
    """
    parts = result.consequence_rows() if rows is None else rows
    columns = ("service", "service_label", "budget_item", "gains", "discounted_gains")
    body = [
        (p["service"], p["label"], p["budget_item"], p["gains"], p["discounted_gains"])
        for p in parts
    ]
    total = (da.TOTAL, None, None, *(sum(p[f] for p in parts) for f in columns[3:]))
    formats: tuple[Format, ...] = ("text", "text", "text", "kr", "kr")
    return make_table(
        "consequences", columns, formats, body, total=total, row_keys=[p["service"] for p in parts]
    )


_TIDY_COLUMNS = ("year", "purse", "budget_item", "kind", "value", "discounted_value")


def tidy_rows(result: Result) -> Table:
    """The tidy rows (rækker): year × purse × budget item × kind, non-zero amounts only.

    The rows of the JSON contract's ``rows`` with Danish words for purse and kind; the
    amounts are the same numbers.

    Parameters
    ----------
    result : Result

    Returns
    -------
    Table
        Columns ``year``, ``purse``, ``budget_item``, ``kind``, ``value``,
        ``discounted_value``; no total line (the rows mix costs and gains).

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> tidy_rows(example_result()).rows[0]
    (2025, 'Kommune', 'Indsatsens omkostninger', 'omkostning', 120000.0, 120000.0)
    """
    body = [
        (
            r["year"],
            da.PURSE_LABELS.get(r["purse"], r["purse"]),
            r["budget_item"],
            da.KIND_LABELS[r["kind"]],
            r["value"],
            r["discounted_value"],
        )
        for r in result.rows()
    ]
    formats: tuple[Format, ...] = ("year", "text", "text", "text", "kr", "kr")
    return make_table("tidy_rows", _TIDY_COLUMNS, formats, body)


#: Every result view by its key (da.TABLE_TITLES has their titles).
TABLES: dict[str, Callable[[Result], Table]] = {
    "key_figures": key_figures,
    "years": years,
    "by_purse": by_purse,
    "purse_years": purse_years,
    "by_budget_item": by_budget_item,
    "consequences": consequences,
    "tidy_rows": tidy_rows,
}
