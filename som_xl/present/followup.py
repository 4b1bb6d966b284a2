"""Follow-up (opfølgning, som-method §3.19) as labelled tables: plan against realised figures
year by year, and the plan's and the new forecast's key figures side by side.

Built from :meth:`~som_xl.results.Result.followup` (the same figures ``som-xl opfoelgning
--json`` prints), so the Excel functions and the command line cannot drift.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from . import da
from .labelled import Cell, Format, Table, make_table

if TYPE_CHECKING:
    from ..results import Result

__all__ = [
    "COSTS_NOT_GIVEN",
    "COSTS_NOT_GIVEN_NOTE",
    "FIGURE_FORMATS",
    "NO_OBSERVED_RATE",
    "costs_not_given_note",
    "followup_figures",
    "followup_text",
    "followup_years",
    "note_for_years",
]

#: The format of each row of :func:`followup_figures` (its plan and forecast columns).
FIGURE_FORMATS: tuple[Format, ...] = ("pct", "pct", "kr", "kr", "year", "ratio")

#: What the observed success rate shows before any course has ended.
NO_OBSERVED_RATE = "ingen forløb er afsluttet endnu"

#: The realised costs of a realised year without ``costs`` (user trial: the forecast's cost
#: of that year, the plan's, was read as an actual figure).
COSTS_NOT_GIVEN = "ikke oplyst"

#: Below the year table where a realised year gives no costs; ``{years}`` lists them.
COSTS_NOT_GIVEN_NOTE = (
    "Omkostninger ikke oplyst for {years}: den nye prognose bruger planens omkostninger for "
    "året (udgifter pr. deltager med årets deltagere); det er ikke realiserede tal."
)

_YEAR_HEADERS = (
    "År",
    "Deltagere (plan)",
    "Deltagere (realiseret)",
    "Succeser (realiseret)",
    "Omkostninger (realiseret)",
    "Omkostninger (plan)",
    "Omkostninger (ny prognose)",
    "Netto (plan)",
    "Netto (ny prognose)",
)


def _followup(result: Result) -> dict[str, Any]:
    found = result.followup()
    if found is None:
        raise ValueError("the scenario has no realised years")
    return found


def followup_years(result: Result) -> Table:
    """Plan against realised and the new forecast, one row per year of the horizon.

    Parameters
    ----------
    result : Result
        A result with realised years (``realised:``).

    Returns
    -------
    Table
        Year, participants planned and realised, successes, realised costs, costs and net
        (undiscounted) as planned and in the new forecast; a realised figure not given is
        None, except the costs of a realised year: :data:`COSTS_NOT_GIVEN` (the forecast
        keeps the plan's costs there, §3.19).

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from dataclasses import replace
    >>> from som_xl.inputs.followup import Realised
    >>> from som_xl.results import calculate
    >>> r = example_result()
    >>> fu = calculate(replace(r.resolved, realised=(Realised(2025, 8, 2),)))
    >>> followup_years(fu).rows[0][:5]
    (2025, 10.0, 8, 2, 'ikke oplyst')
    """
    f = _followup(result)
    plan, forecast = f["plan"], f["forecast"]
    real = {y["year"]: y for y in f["realised"]["years"]}
    body = []
    for t, year in enumerate(result.resolved.years):
        r = real.get(year, {})
        costs = r.get("costs", None) if r else None
        if r and costs is None:
            costs = COSTS_NOT_GIVEN
        plan_net = plan["gains_by_year"][t] - plan["costs_by_year"][t]
        fc_net = forecast["gains_by_year"][t] - forecast["costs_by_year"][t]
        body.append(
            (year, plan["participants"].get(year, 0.0), r.get("participants"),
             r.get("successes"), costs, plan["costs_by_year"][t], forecast["costs_by_year"][t],
             plan_net, fc_net)
        )  # fmt: skip
    columns = (
        "year", "planned_participants", "participants", "successes", "realised_costs",
        "planned_costs", "costs", "planned_net", "net",
    )  # fmt: skip
    formats: tuple[Format, ...] = ("year", "int", "int", "int", "kr", "kr", "kr", "kr", "kr")
    return make_table("followup_years", columns, formats, body, headers=_YEAR_HEADERS)


def _or(value: Cell, key: str) -> Cell:
    return value if value is not None else da.not_defined(key)


def followup_figures(result: Result) -> Table:
    """The plan's and the new forecast's key figures side by side, with the observed rate.

    Parameters
    ----------
    result : Result
        A result with realised years.

    Returns
    -------
    Table
        Columns: key figure, plan, new forecast. Rows: the success rate (the forecast's is
        the observed one where a course has ended), the observed success rate, the net
        result undiscounted and at present value, the break-even year and the gain per krone.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from dataclasses import replace
    >>> from som_xl.inputs.followup import Realised
    >>> from som_xl.results import calculate
    >>> r = example_result()
    >>> fu = calculate(replace(r.resolved, realised=(Realised(2025, 10, 2),)))
    >>> followup_figures(fu).rows[1]
    ('Observeret succesrate', '', 0.2)
    """
    f = _followup(result)
    plan, fc = f["plan"], f["forecast"]
    observed = f["realised"]["observed_success_rate"]
    k = da.KEY_FIGURES
    body: list[tuple[Cell, Cell, Cell]] = [
        (k["success_rate"], plan["success_rate"], fc["success_rate"]),
        ("Observeret succesrate", "", observed if observed is not None else NO_OBSERVED_RATE),
        (k["net_result"], plan["net_result"]["undiscounted"], fc["net_result"]["undiscounted"]),
        (k["discounted_net_result"], plan["net_result"]["discounted"],
         fc["net_result"]["discounted"]),
        (k["break_even_year"], _or(plan["break_even_year"], "break_even_year"),
         _or(fc["break_even_year"], "break_even_year")),
        (k["benefit_cost_ratio"], _or(plan["benefit_cost_ratio"], "benefit_cost_ratio"),
         _or(fc["benefit_cost_ratio"], "benefit_cost_ratio")),
    ]  # fmt: skip
    formats: tuple[Format, ...] = ("text", "text", "text")
    return make_table(
        "followup_figures", ("key_figure", "plan", "forecast"), formats, body,
        headers=(da.label("key_figure"), "Plan", "Ny prognose"),
    )  # fmt: skip


def followup_text(result: Result) -> list[str]:
    """Both tables as the command line prints them (``som-xl opfoelgning`` and ``calc``).

    Parameters
    ----------
    result : Result
        A result with realised years.

    Returns
    -------
    list of str
        A heading, the year table, a blank line and the key figures, each row of the key
        figures in its own format.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from dataclasses import replace
    >>> from som_xl.inputs.followup import Realised
    >>> from som_xl.results import calculate
    >>> fu = calculate(replace(example_result().resolved, realised=(Realised(2025, 10, 2),)))
    >>> print(followup_text(fu)[-1].splitlines()[3])
    Observeret succesrate                                     20,0 %
    """
    from .text import format_cell, table, text_table

    t = followup_figures(result)
    rows = [
        [str(r[0]), *(format_cell(v, f) for v in r[1:])]
        for r, f in zip(t.rows, FIGURE_FORMATS, strict=True)
    ]
    note = costs_not_given_note(result)
    return [
        "Plan mod realiseret og ny prognose pr. år (kr., udiskonteret):",
        text_table(followup_years(result)),
        *([note] if note else []),
        "",
        table(t.headers_for("text"), rows, [False, True, True]),
    ]


def costs_not_given_note(result: Result) -> str:
    """The note where realised years give no costs (:data:`COSTS_NOT_GIVEN_NOTE`), or "".

    Parameters
    ----------
    result : Result
        A result with realised years.

    Returns
    -------
    str

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from dataclasses import replace
    >>> from som_xl.inputs.followup import Realised
    >>> from som_xl.results import calculate
    >>> fu = calculate(replace(example_result().resolved, realised=(Realised(2025, 10, 2),)))
    >>> costs_not_given_note(fu)[:38]
    'Omkostninger ikke oplyst for 2025: den'
    """
    return note_for_years(_followup(result)["realised"]["years"])


def note_for_years(years: Sequence[Mapping[str, Any]]) -> str:
    """:data:`COSTS_NOT_GIVEN_NOTE` for the realised years (``followup()["realised"]["years"]``)
    whose costs are None, or "" (the command line's and the report's note).

    Parameters
    ----------
    years : sequence of mappings
        Each with ``year`` and ``costs`` (None where the year gives no costs).

    Returns
    -------
    str

    Examples
    --------
    >>> note_for_years([{"year": 2025, "costs": None}, {"year": 2026, "costs": None}])[:42]
    'Omkostninger ikke oplyst for 2025 og 2026:'
    >>> note_for_years([{"year": 2025, "costs": 1.0}])
    ''
    """
    missing = [str(y["year"]) for y in years if y["costs"] is None]
    if not missing:
        return ""
    shown = ", ".join(missing[:-1]) + " og " + missing[-1] if len(missing) > 1 else missing[0]
    return COSTS_NOT_GIVEN_NOTE.format(years=shown)
