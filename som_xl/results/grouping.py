"""Split the flows (year × purse × budget item) into groups: purses, budget items, committees.

One general operation, :func:`group`, sums a ``(T, A, B)`` tensor of costs or gains over
one axis and gathers the indices of the other axis into named groups; the splits by purse
and by budget item are its two simplest uses, and a committee grouping (som-method §3.15:
the kommune's flows, budget items gathered by committee) is a third::

    kommune = flows[:, [purses.index("kommune")], :]
    group(kommune, BUDGET_ITEM_AXIS, [committee_of.get(item) for item in budget_items])

:func:`summary_table` turns a grouped pair (costs, gains) into the rows of the result
contract's ``by_purse`` and ``by_budget_item`` tables.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..engine.core import break_even_index

__all__ = [
    "BUDGET_ITEM_AXIS",
    "PURSE_AXIS",
    "Groups",
    "by_budget_item",
    "by_purse",
    "group",
    "summary_table",
]

FloatArray = NDArray[np.float64]

#: The axes of a (T, A, B) flow tensor that :func:`group` can split.
PURSE_AXIS = 1
BUDGET_ITEM_AXIS = 2


@dataclass(frozen=True, eq=False)
class Groups:
    """Flows per year and group.

    labels: (G,)    the groups' names
    values: (T, G)  kr. per year and group
    """

    labels: tuple[str, ...]
    values: FloatArray


def group(
    flows: FloatArray,
    axis: int,
    keys: Sequence[str | None],
    *,
    order: Sequence[str] | None = None,
) -> Groups:
    """Sum a ``(T, A, B)`` flow tensor by purse or budget item into named groups.

    The tensor is first summed over the other of the two axes (budget items when splitting
    purses, purses when splitting budget items); then the indices along ``axis`` are
    gathered by their key.

    Parameters
    ----------
    flows : ndarray, shape (T, A, B)
        Costs or gains per year, purse and budget item.
    axis : int
        ``PURSE_AXIS`` (1) or ``BUDGET_ITEM_AXIS`` (2).
    keys : sequence of str or None, length ``flows.shape[axis]``
        The group of each index along ``axis``; None leaves the index out of every group.
    order : sequence of str, optional
        The groups to return, in this order (a group without members is all zeros).
        Default: every key, in the order of first appearance.

    Returns
    -------
    Groups

    Examples
    --------
    >>> flows = np.zeros((2, 3, 3))          # 2 years, 3 purses, 3 budget items
    >>> flows[0, 0] = [1.0, 2.0, 4.0]        # kommune, year 0
    >>> flows[1, 1] = [8.0, 0.0, 0.0]        # region, year 1
    >>> g = group(flows, BUDGET_ITEM_AXIS, ["Skole", "Social", "Skole"])
    >>> g.labels, g.values.tolist()
    (('Skole', 'Social'), [[5.0, 2.0], [8.0, 0.0]])

    A committee grouping takes the kommune's flows only:

    >>> group(flows[:, [0], :], BUDGET_ITEM_AXIS, ["BUU", None, "BUU"]).values.tolist()
    [[5.0], [0.0]]
    """
    if axis not in (PURSE_AXIS, BUDGET_ITEM_AXIS):
        raise ValueError(f"axis must be {PURSE_AXIS} or {BUDGET_ITEM_AXIS}, not {axis}")
    if len(keys) != flows.shape[axis]:
        raise ValueError(f"{len(keys)} keys for {flows.shape[axis]} entries along axis {axis}")
    summed = flows.sum(axis=PURSE_AXIS + BUDGET_ITEM_AXIS - axis)  # (T, n)
    labels = (
        tuple(order)
        if order is not None
        else tuple(dict.fromkeys(k for k in keys if k is not None))
    )
    values = np.zeros((summed.shape[0], len(labels)))
    for g, label in enumerate(labels):
        members = [i for i, k in enumerate(keys) if k == label]
        if len(members) == 1:  # a group of one is its column, to the last bit
            values[:, g] = summed[:, members[0]]
        elif members:
            values[:, g] = summed[:, members].sum(axis=1)
    return Groups(labels, values)


def by_purse(flows: FloatArray, purses: Sequence[str]) -> Groups:
    """The flows per year and purse.

    Parameters
    ----------
    flows : ndarray, shape (T, A, B)
    purses : sequence of str, length A

    Returns
    -------
    Groups

    Examples
    --------
    >>> by_purse(np.ones((1, 3, 2)), ["kommune", "region", "stat"]).values.tolist()
    [[2.0, 2.0, 2.0]]
    """
    return group(flows, PURSE_AXIS, list(purses))


def by_budget_item(flows: FloatArray, budget_items: Sequence[str]) -> Groups:
    """The flows per year and budget item.

    Parameters
    ----------
    flows : ndarray, shape (T, A, B)
    budget_items : sequence of str, length B

    Returns
    -------
    Groups

    Examples
    --------
    >>> by_budget_item(np.ones((1, 3, 2)), ["Skole", "Social"]).values.tolist()
    [[3.0, 3.0]]
    """
    return group(flows, BUDGET_ITEM_AXIS, list(budget_items))


def summary_table(
    costs: Groups,
    gains: Groups,
    discount: FloatArray,
    key: str,
    *,
    activity: Groups | None = None,
    years: Sequence[int] | None = None,
) -> list[dict[str, Any]]:
    """One result-contract row per group: totals, present values and the net per year.

    Parameters
    ----------
    costs, gains : Groups
        The same groups, for costs and for gains.
    discount : ndarray, shape (T,)
        The discount factors D(t).
    key : str
        The name of the group column (``"purse"``, ``"budget_item"``, ``"committee"``).
    activity : Groups, optional
        The same groups summed over absolute flows (> 0 where a year has a flow of the
        group); with ``years``, each row also gets its ``break_even_year`` (counting from
        the group's first year with a flow) and ``benefit_cost_ratio`` (som-method §3.16).
    years : sequence of int, optional
        The calendar years of the rows.

    Returns
    -------
    list of dict
        Keys: ``key``, ``costs``, ``gains``, ``net``, ``discounted_costs``,
        ``discounted_gains``, ``discounted_net``, ``net_by_year`` (and ``break_even_year``,
        ``benefit_cost_ratio`` with ``activity``).

    Examples
    --------
    >>> c = Groups(("kommune",), np.array([[100.0], [0.0]]))
    >>> g = Groups(("kommune",), np.array([[0.0], [220.0]]))
    >>> row = summary_table(c, g, np.array([1.0, 0.5]), "purse")[0]
    >>> row["net"], row["discounted_net"], row["net_by_year"]
    (120.0, 10.0, [-100.0, 220.0])
    """
    if costs.labels != gains.labels:
        raise ValueError("costs and gains must be split into the same groups")
    out = []
    for i, label in enumerate(costs.labels):
        c, g = costs.values[:, i], gains.values[:, i]
        row: dict[str, Any] = {
            key: label,
            "costs": float(c.sum()),
            "gains": float(g.sum()),
            "net": float((g - c).sum()),
            "discounted_costs": float((c * discount).sum()),
            "discounted_gains": float((g * discount).sum()),
            "discounted_net": float(((g - c) * discount).sum()),
            "net_by_year": [float(v) for v in (g - c)],
        }
        if activity is not None and years is not None:
            cumulative = np.cumsum((g - c) * discount)[None, :]
            idx = int(break_even_index(cumulative, activity.values[None, :, i] > 0)[0])
            row["break_even_year"] = None if idx < 0 else int(years[idx])
            pv_c, pv_g = row["discounted_costs"], row["discounted_gains"]
            ratio = pv_g / pv_c if pv_c > 0 else math.nan
            row["benefit_cost_ratio"] = ratio if math.isfinite(ratio) else None
        out.append(row)
    return out
