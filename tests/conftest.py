"""Shared fixtures: a standalone scenario builder and the knowledge base."""

from __future__ import annotations

import copy
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from som_xl import calculate, load_kb, parse_scenario, resolve
from som_xl.kb import KnowledgeBase
from som_xl.results import Result

# Property tests: no timing deadline or speed health checks (CI machines vary); in CI the
# examples are derived deterministically, so a run can be repeated exactly.
settings.register_profile(
    "som",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("som")

#: A scenario that defines all its services and consequences itself (no knowledge base).
STANDALONE: dict[str, Any] = {
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


def standalone(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(STANDALONE)
    data.update(changes)
    return data


def run(data: dict[str, Any], kb: KnowledgeBase | None = None) -> Result:
    return calculate(resolve(parse_scenario(data), kb))


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()
