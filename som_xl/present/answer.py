"""The kommune's own answer: payback per purse and committee, the budget view, and how much
of the result rests on illustrative values (issue: "An answer the kommune can act on").

Each view is a labelled :class:`~som_xl.present.labelled.Table` (or a Danish sentence), so
the command line, the report and the Excel functions show the same figures in the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import da
from .labelled import Format, Table, make_table

if TYPE_CHECKING:
    from ..results import Result

__all__ = [
    "BUDGET_YEARS",
    "budget_view",
    "by_committee",
    "committee_years",
    "provenance_sentence",
    "purse_payback",
    "uncertainty_caveat",
]

#: The inputs an uncertainty analysis may hold fixed, in Danish (as the tornado names them).
FIXED_WORDS = {
    "success_rate": "succesraten",
    "costs": "omkostningerne",
    "consequences": "gevinsterne",
}

#: The budget view's years: the budget year and three overslagsår.
BUDGET_YEARS = 4


def purse_payback(result: Result) -> Table:
    """Per purse: the net result at present value, break-even year and gain per krone.

    Parameters
    ----------
    result : Result

    Returns
    -------
    Table
        One row per purse (``row_keys`` the purse ids); a break-even year not reached reads
        as every face writes it (:func:`~som_xl.present.da.not_defined`), a ratio that is
        not defined is None.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> t = purse_payback(example_result())
    >>> t.column("purse"), t.column("break_even_year")
    (['Kommune', 'Region', 'Stat'], [2027, 'ikke inden for horisonten', 2026])
    """
    parts = result.by_purse()
    body = [
        (da.PURSE_LABELS[p["purse"]], p["discounted_net"], _year(p["break_even_year"]),
         p["benefit_cost_ratio"])
        for p in parts
    ]  # fmt: skip
    columns = ("purse", "discounted_net", "break_even_year", "benefit_cost_ratio")
    formats: tuple[Format, ...] = ("text", "kr", "year", "ratio")
    return make_table("purse_payback", columns, formats, body, row_keys=[p["purse"] for p in parts])


def _year(year: int | None) -> int | str:
    """A break-even year, or the words for none within the horizon."""
    return year if year is not None else da.not_defined("break_even_year")


def by_committee(result: Result) -> Table:
    """The kommune's flows per committee (udvalg), costs included (som-method §3.15–3.16).

    Parameters
    ----------
    result : Result

    Returns
    -------
    Table
        One row per committee: costs, gains, net, net at present value, break-even year and
        gain per krone; a total line (the kommune's).

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> by_committee(example_result()).column("committee")
    ['Uden udvalg']
    """
    parts = result.by_committee()
    money = ("costs", "gains", "net", "discounted_net")
    body = [
        (
            p["committee"],
            *(p[k] for k in money),
            _year(p["break_even_year"]),
            p["benefit_cost_ratio"],
        )
        for p in parts
    ]
    total = (da.TOTAL, *(sum(p[k] for p in parts) for k in money), None, None)
    columns = ("committee", *money, "break_even_year", "benefit_cost_ratio")
    formats: tuple[Format, ...] = ("text", "kr", "kr", "kr", "kr", "year", "ratio")
    return make_table(
        "by_committee", columns, formats, body, total=total,
        row_keys=[p["committee"] for p in parts],
    )  # fmt: skip


def committee_years(result: Result) -> Table:
    """The kommune's net result per committee (udvalg) year by year, with a total column.

    Parameters
    ----------
    result : Result

    Returns
    -------
    Table
        One row per year; a column of net amounts (undiscounted) per committee and the
        ``total`` column (the kommune's net).

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> t = committee_years(example_result())
    >>> t.headers, t.rows[0]
    (('År', 'Uden udvalg', 'I alt'), (2025, -120000.0, -120000.0))
    """
    parts = result.by_committee()
    body = []
    for t, year in enumerate(result.resolved.years):
        values = [p["net_by_year"][t] for p in parts]
        body.append((year, *values, sum(values)))
    names = [str(p["committee"]) for p in parts]
    columns = ("year", *(f"committee:{n}" for n in names), "total")
    money: list[Format] = ["kr"] * (len(parts) + 1)
    formats: tuple[Format, ...] = ("year", *money)
    headers = (da.label("year"), *names, da.TOTAL)
    return make_table("committee_years", columns, formats, body, headers=headers)


def budget_view(result: Result) -> Table:
    """The net result (undiscounted) of the budget year and the three overslagsår, per purse
    and per committee of the kommune.

    Parameters
    ----------
    result : Result

    Returns
    -------
    Table
        Rows: the purses, then the committees (``"Udvalg: …"``); columns: the first four
        years of the horizon (fewer with a shorter horizon).

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> t = budget_view(example_result())
    >>> t.headers[1:], t.rows[0][1]
    (('2025', '2026', '2027', '2028'), -120000.0)
    """
    years = [row["year"] for row in result.year_rows()][:BUDGET_YEARS]
    n = len(years)
    rows: list[tuple[Any, ...]] = []
    keys: list[str] = []
    for p in result.by_purse():
        rows.append((da.PURSE_LABELS[p["purse"]], *p["net_by_year"][:n]))
        keys.append(p["purse"])
    for c in result.by_committee():
        rows.append((f"{da.FIELDS['committee']}: {c['committee']}", *c["net_by_year"][:n]))
        keys.append(f"committee:{c['committee']}")
    columns = ("group", *(str(y) for y in years))
    kr: Format = "kr"
    formats: tuple[Format, ...] = ("text", *([kr] * n))
    headers = ("", *(str(y) for y in years))
    return make_table("budget_view", columns, formats, rows, row_keys=keys, headers=headers)


def provenance_sentence(result: Result) -> str | None:
    """One plain Danish sentence on how much of the gains rests on illustrative values.

    Parameters
    ----------
    result : Result

    Returns
    -------
    str or None
        None where no part of the gains rests on illustrative values.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> provenance_sentence(example_result()) is None
    True
    """
    share = result.provenance["illustrative_share"]
    if share <= 0:
        return None
    return (
        f"Bemærk: {da.pct(share)} af gevinsternes nutidsværdi bygger på illustrative værdier "
        "(projektets skøn, ikke offentliggjorte tal), så resultatet er usikkert; erstat dem "
        "med lokale eller officielle tal, før det bruges til en beslutning."
    )


def uncertainty_caveat(fixed: Sequence[str], illustrative_share: float | None) -> str | None:
    """What an uncertainty analysis leaves out, in Danish: the inputs it holds fixed and how
    much of the gains rests on illustrative values (the same words in the command line and
    the report).

    Parameters
    ----------
    fixed : sequence of str
        The inputs without a distribution (``success_rate``, ``costs``, ``consequences``).
    illustrative_share : float or None
        The share of the gains' present value resting on illustrative values (0-1).

    Returns
    -------
    str or None
        None where every input is uncertain and nothing rests on illustrative values.

    Examples
    --------
    >>> import textwrap
    >>> print(textwrap.fill(uncertainty_caveat(["costs", "consequences"], 0.25), 88))
    Holdt faste (uden usikkerhed i analysen): omkostningerne og gevinsterne.
    25,0 % af gevinsternes nutidsværdi bygger på illustrative værdier, og gevinsternes
    usikkerhed er ikke med, ...
    >>> print(textwrap.fill(uncertainty_caveat([], 0.25), 88))
    25,0 % af gevinsternes nutidsværdi bygger på illustrative værdier; fordelingen regner
    kun med, at gevinsterne ligger inden for deres interval, men en pladsholderværdi kan
    ligge længere fra det rigtige tal.
    >>> uncertainty_caveat([], 0.0) is None
    True
    """
    parts = []
    if fixed:
        words = [FIXED_WORDS.get(f, f) for f in fixed]
        listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " og " + words[-1]
        parts.append(f"Holdt faste (uden usikkerhed i analysen): {listed}.")
    share = illustrative_share or 0.0
    if share > 0:
        lead = f"{da.pct(share)} af gevinsternes nutidsværdi bygger på illustrative værdier"
        if "consequences" in fixed:
            parts.append(
                f"{lead}, og gevinsternes usikkerhed er ikke med, så fordelingen ser sikrere "
                "ud, end den er: giv gevinsterne en fordeling under 'uncertainty: "
                "consequences:' eller brug standardintervallerne (--standard)."
            )
        else:
            parts.append(
                f"{lead}; fordelingen regner kun med, at gevinsterne ligger inden for deres "
                "interval, men en pladsholderværdi kan ligge længere fra det rigtige tal."
            )
    return " ".join(parts) or None
