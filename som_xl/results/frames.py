"""The result's tables as pandas DataFrames, for analysts (``Result.frame(name)``).

Each frame is one table of the JSON contract (``Result.to_dict()``) with the same English
column names as its JSON keys, one row per entry:

========================  =============================================================
name                      columns
========================  =============================================================
``years``                 year, costs, gains, net, discount_factor, discounted_net,
                          cumulative_discounted_net
``by_purse``              purse, costs, gains, net, discounted_costs, discounted_gains,
                          discounted_net, break_even_year, benefit_cost_ratio
``by_committee``          committee, and the columns of ``by_purse``
``by_budget_item``        budget_item, costs, gains, net, discounted_costs,
                          discounted_gains, discounted_net
``consequences``          service, label, budget_item, gains, discounted_gains
``rows``                  year, purse, budget_item, kind (cost | gain), value,
                          discounted_value — the tidy rows as a long frame
========================  =============================================================

``by_purse``, ``by_committee`` and ``by_budget_item`` leave out the JSON's ``net_by_year``
lists (a list per cell is no use in a frame): the same figures per year are in ``rows``,
e.g. the costs per year and purse are ``rows[rows.kind == "cost"].pivot_table(index="year",
columns="purse", values="value", aggfunc="sum")``. pandas is imported when a frame is asked
for, not when som_xl is imported, so the command line does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .result import YEAR_FIELDS

if TYPE_CHECKING:
    import pandas as pd

    from .result import Result

__all__ = ["COLUMNS", "FRAMES", "frame"]

_SPLIT = ["costs", "gains", "net", "discounted_costs", "discounted_gains", "discounted_net"]

#: The columns of each frame, in order.
COLUMNS: dict[str, list[str]] = {
    "years": list(YEAR_FIELDS),
    "by_purse": ["purse", *_SPLIT, "break_even_year", "benefit_cost_ratio"],
    "by_committee": ["committee", *_SPLIT, "break_even_year", "benefit_cost_ratio"],
    "by_budget_item": ["budget_item", *_SPLIT],
    "consequences": ["service", "label", "budget_item", "gains", "discounted_gains"],
    "rows": ["year", "purse", "budget_item", "kind", "value", "discounted_value"],
}

#: The frame names.
FRAMES = tuple(COLUMNS)


def _records(result: Result, name: str) -> list[dict[str, Any]]:
    if name == "years":
        return list(result.year_rows())
    if name == "by_purse":
        return result.by_purse()
    if name == "by_committee":
        return result.by_committee()
    if name == "by_budget_item":
        return result.by_budget_item()
    if name == "consequences":
        return result.consequence_rows()
    return result.rows()


def frame(result: Result, name: str) -> pd.DataFrame:
    """One of a result's tables as a DataFrame.

    Parameters
    ----------
    result : Result
    name : str
        One of :data:`FRAMES`.

    Returns
    -------
    pandas.DataFrame
        The columns :data:`COLUMNS` ``[name]``, one row per table entry (also when there
        are none: an empty frame keeps its columns).

    Raises
    ------
    ValueError
        For an unknown name.

    Examples
    --------
    >>> from som_xl.inputs import parse_scenario, resolve
    >>> from som_xl.results import calculate
    >>> spec = parse_scenario({
    ...     "start_year": 2025, "horizon_years": 3, "discount_rate": 0.0,
    ...     "price_year": 2024, "participants": {2025: 10}, "success_rate": 0.5,
    ...     "costs": [{"label": "Drift", "kind": "once", "year": 2025, "amount": 1000}],
    ...     "consequences": [{"service": "x", "profile": [-2, -1]}],
    ...     "services": [{"id": "x", "label": "X", "unit": "stk",
    ...                   "direction": "expenditure", "budget_item": "Post",
    ...                   "price_year": 2024, "prices": {"kommune": 100}}]})
    >>> result = calculate(resolve(spec, None))
    >>> frame(result, "rows")
       year    purse              budget_item  kind   value  discounted_value
    0  2025  kommune  Indsatsens omkostninger  cost  1000.0            1000.0
    1  2026  kommune                     Post  gain  1000.0            1000.0
    2  2027  kommune                     Post  gain   500.0             500.0
    >>> frame(result, "by_purse").columns.tolist() == COLUMNS["by_purse"]
    True
    >>> frame(result, "totals")
    Traceback (most recent call last):
    ...
    ValueError: no result table 'totals'; tables: years, by_purse, by_committee, ...
    """
    if name not in COLUMNS:
        raise ValueError(f"no result table {name!r}; tables: {', '.join(FRAMES)}")
    import pandas as pd

    columns = COLUMNS[name]
    records = [{c: row[c] for c in columns} for row in _records(result, name)]
    df = pd.DataFrame.from_records(records, columns=columns)
    for c in _MAYBE_NONE:  # a year or ratio that may be undefined stays None, not NaN
        if c in df.columns:
            df[c] = pd.Series([r[c] for r in records], index=df.index, dtype=object)
    return df


#: Columns whose value may be None (undefined): kept as objects.
_MAYBE_NONE = ("break_even_year", "benefit_cost_ratio")
