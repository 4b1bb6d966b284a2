"""A small hand-calculated result for the doctests of som_xl.present (no knowledge base).

The scenario is the tests' STANDALONE one (tests/conftest.py): two cohorts, four years,
5 % discount rate, two own services; its figures are worked out by hand in
tests/engine/test_engine_hand.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..results import Result

__all__ = ["EXAMPLE", "example_result"]

EXAMPLE: dict[str, Any] = {
    "name": "Håndregnet eksempel",
    "start_year": 2025,
    "horizon_years": 4,
    "price_year": 2024,
    "discount_rate": 0.05,
    "course_years": 1,
    "participants": {2025: 10, 2026: 20},
    "success_rate": 0.3,
    "costs": [
        {"label": "Opstart", "kind": "once", "year": 2025, "amount": 100000},
        {
            "label": "Drift",
            "kind": "annual",
            "years": [2025, 2026],
            "amount": 50000,
            "purse": "region",
        },
        {"label": "Materialer", "kind": "per_participant", "amount": 2000},
        {"label": "Sparet støtte", "kind": "annual", "years": [2026], "amount": -30000},
    ],
    "consequences": [
        {"service": "egen_botilbud", "profile": [-10, -4]},
        {"service": "egen_indkomst", "profile": [20000, 20000, 20000]},
    ],
    "services": [
        {
            "id": "egen_botilbud",
            "label": "Botilbud, døgn",
            "unit": "døgn",
            "direction": "expenditure",
            "budget_item": "Sociale serviceydelser for voksne",
            "price_year": 2024,
            "prices": {"kommune": 1000, "region": 500, "stat": 0},
        },
        {
            "id": "egen_indkomst",
            "label": "Skattepligtig indkomst",
            "unit": "kr.",
            "direction": "revenue",
            "budget_item": "Skatteindtægter",
            "price_year": 2024,
            "prices": {"kommune": 0.25, "region": 0, "stat": 0.1},
        },
    ],
}


def example_result() -> Result:
    """The example's result.

    Returns
    -------
    Result
        :data:`EXAMPLE` resolved without a knowledge base and calculated.

    Examples
    --------
    >>> example_result().net_undiscounted
    106000.0
    """
    from ..inputs import parse_scenario, resolve
    from ..results import calculate

    return calculate(resolve(parse_scenario(EXAMPLE), None))
