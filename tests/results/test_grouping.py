"""group(): the (T, A, B) flows by purse, budget item or any mapping (e.g. committees)."""

from __future__ import annotations

import numpy as np
import pytest

from som_xl.results.grouping import (
    BUDGET_ITEM_AXIS,
    PURSE_AXIS,
    Groups,
    by_budget_item,
    by_purse,
    group,
    summary_table,
)

# Two years, three purses, three budget items.
FLOWS = np.arange(18, dtype=float).reshape(2, 3, 3)


def test_by_purse_sums_budget_items() -> None:
    g = by_purse(FLOWS, ["kommune", "region", "stat"])
    assert g.labels == ("kommune", "region", "stat")
    # Year 0, kommune: 0 + 1 + 2 = 3; region: 3 + 4 + 5 = 12; stat: 6 + 7 + 8 = 21.
    assert g.values[0].tolist() == [3.0, 12.0, 21.0]


def test_by_budget_item_sums_purses() -> None:
    g = by_budget_item(FLOWS, ["A", "B", "C"])
    # Year 1, item A: 9 + 12 + 15 = 36.
    assert g.values[1, 0] == 36.0


def test_a_mapping_gathers_items_and_leaves_some_out() -> None:
    # Committees: the kommune's flows only; items A and C belong to one committee, B to none.
    kommune = FLOWS[:, [0], :]
    g = group(kommune, BUDGET_ITEM_AXIS, ["Social", None, "Social"])
    assert g.labels == ("Social",)
    assert g.values[:, 0].tolist() == [0.0 + 2.0, 9.0 + 11.0]


def test_order_gives_empty_groups_too() -> None:
    g = group(FLOWS, PURSE_AXIS, ["kommune", "region", "stat"], order=["stat", "EU", "kommune"])
    assert g.labels == ("stat", "EU", "kommune")
    assert g.values[0].tolist() == [21.0, 0.0, 3.0]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="axis"):
        group(FLOWS, 0, ["a", "b"])
    with pytest.raises(ValueError, match="2 keys for 3"):
        group(FLOWS, PURSE_AXIS, ["a", "b"])
    one = Groups(("a",), np.zeros((2, 1)))
    other = Groups(("b",), np.zeros((2, 1)))
    with pytest.raises(ValueError, match="same groups"):
        summary_table(one, other, np.ones(2), "purse")
