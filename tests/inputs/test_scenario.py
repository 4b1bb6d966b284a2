"""Scenario resolution against the knowledge base: defaults, local prices, own services."""

from __future__ import annotations

from typing import Any

import pytest

from som_xl import calculate, parse_scenario, resolve
from som_xl.errors import InputError
from som_xl.kb import KnowledgeBase


def _base(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "ACT",
        "target_group": "voksne_hjemloeshed",
        "start_year": 2025,
        "horizon_years": 10,
        "price_year": 2024,
        "discount_rate": "fm",
        "participants": {2025: 20, 2026: 20, 2027: 20},
        "success_rate": 0.3,
        "costs": [
            {"label": "Drift", "kind": "annual", "years": [2025, 2026, 2027], "amount": 1500000}
        ],
    }
    data.update(changes)
    return data


def test_target_group_defaults_and_price_conversion(kb: KnowledgeBase) -> None:
    res = resolve(parse_scenario(_base()), kb)
    expected = [c.service for c in kb.consequences["voksne_hjemloeshed"]]
    assert [sid for sid, _ in res.consequences] == expected
    idx = kb.price_index.values
    for sid in expected:
        svc, national = res.services[sid], kb.services[sid]
        factor = idx[2024] / idx[national.price_year]
        assert svc.prices == pytest.approx([p * factor for p in national.prices.as_tuple()])
        assert svc.budget_item == kb.budget_items[national.budget_item].label
    assert res.kb_fingerprint == kb.fingerprint
    assert res.discount_schedule == ((1, 0.035), (36, 0.025), (71, 0.015))


def test_local_price_wins(kb: KnowledgeBase) -> None:
    data = _base(
        services=[{"id": "forsorgshjem_doegn", "prices": {"kommune": 1200}, "price_year": 2024}]
    )
    res = resolve(parse_scenario(data), kb)
    svc = res.services["forsorgshjem_doegn"]
    national = kb.services["forsorgshjem_doegn"]
    factor = kb.price_index.values[2024] / kb.price_index.values[national.price_year]
    assert svc.prices[0] == 1200
    # Purses not given keep the national price, moved from its own price year.
    assert svc.prices[2] == pytest.approx(national.prices.stat * factor)
    assert svc.origin == "local"
    # More expensive shelter nights → more gains.
    base = calculate(resolve(parse_scenario(_base()), kb))
    local = calculate(res)
    assert local.pv_gains > base.pv_gains


def test_own_consequences_replace_defaults(kb: KnowledgeBase) -> None:
    data = _base(consequences=[{"service": "forsorgshjem_doegn", "profile": [-60, -50, -40]}])
    res = resolve(parse_scenario(data), kb)
    assert res.consequences == (("forsorgshjem_doegn", (-60.0, -50.0, -40.0)),)


def test_budget_item_id_becomes_label(kb: KnowledgeBase) -> None:
    data = _base(
        costs=[
            {
                "label": "x",
                "kind": "once",
                "year": 2025,
                "amount": 1,
                "budget_item": "sociale_voksne",
            }
        ]
    )
    res = resolve(parse_scenario(data), kb)
    assert res.costs[0].budget_item == "Sociale serviceydelser for voksne"


def test_defaults_from_knowledge_base(kb: KnowledgeBase) -> None:
    data = _base()
    del data["price_year"], data["discount_rate"]
    res = resolve(parse_scenario(data), kb)
    assert res.price_year == kb.defaults.price_year
    assert res.discount_label == kb.defaults.discount_rate


def test_resolved_scenario_round_trips_without_knowledge_base(kb: KnowledgeBase) -> None:
    data = _base(
        services=[{"id": "forsorgshjem_doegn", "prices": {"kommune": 1200}}],
        costs=[
            {
                "label": "Drift",
                "kind": "annual",
                "years": [2025, 2026],
                "amount": 1500000,
                "purse": "kommune",
            },
            {"label": "Pr. deltager", "kind": "per_participant", "amount": 5000},
            {
                "label": "Opstart",
                "kind": "once",
                "year": 2025,
                "amount": 90000,
                "price_year": 2023,
                "purse": "region",
            },
        ],
    )
    res = resolve(parse_scenario(data), kb)
    again = resolve(parse_scenario(res.to_scenario()), None)  # needs no knowledge base
    a, b = calculate(res), calculate(again)
    assert b.net_discounted == pytest.approx(a.net_discounted, rel=1e-12)
    for row_a, row_b in zip(a.year_rows(), b.year_rows(), strict=True):
        assert row_b == pytest.approx(row_a, rel=1e-12)
    assert {x["purse"]: x["net"] for x in b.by_purse()} == pytest.approx(
        {x["purse"]: x["net"] for x in a.by_purse()}
    )


def test_unknown_discount_schedule(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match="mente du 'fm'"):
        resolve(parse_scenario(_base(discount_rate="fn")), kb)


def test_price_year_missing_from_index(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match="prisindeks har ikke året 2099"):
        resolve(parse_scenario(_base(price_year=2099)), kb)
    # Before 2000 is outside the settled bounds of every year (2000-2100).
    with pytest.raises(InputError, match="skal ligge mellem 2000 og 2100"):
        parse_scenario(_base(price_year=1990))


def test_own_service_missing_keys(kb: KnowledgeBase) -> None:
    data = _base(
        consequences=[{"service": "ny", "profile": [1]}],
        services=[{"id": "ny", "label": "Ny", "prices": {"kommune": 1}}],
    )
    with pytest.raises(InputError, match="unit, direction, budget_item"):
        resolve(parse_scenario(data), kb)


def test_fm_before_2021(kb: KnowledgeBase) -> None:
    res = resolve(parse_scenario(_base(discount_rate="fm_foer_2021")), kb)
    assert res.discount_schedule[0] == (1, 0.04)


def test_partial_local_prices_with_own_price_year(kb: KnowledgeBase) -> None:
    # kommune given locally in 2022 prices; stat stays national, moved from its own year.
    data = _base(
        services=[{"id": "forsorgshjem_doegn", "prices": {"kommune": 1000}, "price_year": 2022}]
    )
    svc = resolve(parse_scenario(data), kb).services["forsorgshjem_doegn"]
    idx, national = kb.price_index.values, kb.services["forsorgshjem_doegn"]
    assert svc.prices[0] == pytest.approx(1000 * idx[2024] / idx[2022])
    assert svc.prices[2] == pytest.approx(
        national.prices.stat * idx[2024] / idx[national.price_year]
    )


def test_add_and_drop_consequences(kb: KnowledgeBase) -> None:
    defaults = [c.service for c in kb.consequences["voksne_hjemloeshed"]]
    first, second = defaults[0], defaults[1]
    data = _base(
        drop_consequences=[second],
        add_consequences=[
            {"service": first, "profile": [-10]},  # replaces the default profile
            {"service": "kontanthjaelp_uge", "profile": [-5, -5]},  # a new one
        ],
    )
    res = resolve(parse_scenario(data), kb)
    services = [sid for sid, _ in res.consequences]
    assert second not in services
    assert dict(res.consequences)[first] == (-10.0,)
    assert services[-1] == "kontanthjaelp_uge"
    assert len(services) == len(defaults)  # one dropped, one added
    with pytest.raises(InputError, match="drop_consequences"):
        resolve(parse_scenario(_base(drop_consequences=["kontanthjaelp_uge"])), kb)
    with pytest.raises(InputError, match=r"add_consequences\[1\].service"):
        resolve(parse_scenario(_base(add_consequences=[{"service": "ukendt", "profile": [1]}])), kb)
