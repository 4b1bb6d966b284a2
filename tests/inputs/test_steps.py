"""The resolver's steps, each on a small case worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from som_xl.errors import InputError
from som_xl.inputs import FileOrigins, parse_scenario, resolve
from som_xl.inputs.quick import COST_LABEL, QuickNotes, quick_estimate, quick_spec
from som_xl.inputs.resolve import (
    ConsequenceLine,
    Context,
    Group,
    PriceLevel,
    Settings,
    settle_consequences,
    settle_costs,
    settle_services,
    settle_settings,
    settle_target_group,
)
from som_xl.inputs.spec import ScenarioSpec
from som_xl.kb import KnowledgeBase
from som_xl.results import calculate

OWN = {
    "id": "egen",
    "label": "Egen",
    "unit": "dag",
    "direction": "expenditure",
    "budget_item": "Post",
    "prices": {"kommune": 100},
}


def spec(**changes: Any) -> ScenarioSpec:
    data: dict[str, Any] = {
        "start_year": 2025,
        "horizon_years": 3,
        "price_year": 2024,
        "discount_rate": 0.05,
        "participants": [10],
        "success_rate": 0.5,
        "consequences": [{"service": "egen", "profile": [-1]}],
        "services": [OWN],
        "price_index": {2022: 80, 2023: 100, 2024: 110},
    }
    data.update(changes)
    return parse_scenario({k: v for k, v in data.items() if v is not None})


def ctx(kb: KnowledgeBase | None = None) -> Context:
    return Context(kb, FileOrigins("t.yaml"))


# --- 1. settings ----------------------------------------------------------------------------


def test_settings_one_rate() -> None:
    assert settle_settings(spec(), ctx()) == Settings(2024, "0.05", ((1, 0.05),))


def test_settings_own_schedule_must_start_at_year_1() -> None:
    c = ctx()
    steps = [{"from_year": 2, "rate": 0.03}]
    assert settle_settings(spec(discount_rate=steps), c).schedule == ((2, 0.03),)
    assert [p.message for p in c.problems] == [
        "renteforløbet skal starte med from_year: 1 og stige"
    ]


def test_settings_from_the_knowledge_base(kb: KnowledgeBase) -> None:
    s = settle_settings(spec(price_year=None, discount_rate=None), ctx(kb))
    fm = tuple((r.from_year, r.rate) for r in kb.discount_rates["fm"].schedule)
    assert (s.price_year, s.discount_label, s.schedule) == (kb.defaults.price_year, "fm", fm)
    c = ctx(kb)
    settle_settings(spec(discount_rate="fn"), c)
    assert "mente du 'fm'" in c.problems[0].message


def test_settings_need_the_knowledge_base() -> None:
    with pytest.raises(InputError, match="kræver vidensdatabasen"):
        settle_settings(spec(price_year=None), ctx())


# --- 2. price level -------------------------------------------------------------------------


def test_price_level_moves_amounts_by_the_index() -> None:
    p = PriceLevel(spec(), ctx(), 2024)
    assert p.convert(1000, 2022, ["costs", 0, "price_year"]) == pytest.approx(1375.0)  # 110/80
    assert p.convert(1000, 2024, ["x"]) == 1000  # the price year itself: no index needed


def test_price_level_names_a_missing_year() -> None:
    c = ctx()
    p = PriceLevel(spec(), c, 2024)
    assert p.convert(1000, 2021, ["costs", 0, "price_year"]) == 1000
    (problem,) = c.problems
    assert problem.key == "costs[1].price_year"
    assert problem.message.startswith(
        "scenariets eget prisindeks ('price_index') har ikke året 2021 (kendte år: 2022-2024)"
    )
    # the price year itself missing is the scenario's price_year's problem
    c = ctx()
    PriceLevel(spec(price_year=2025), c, 2025).convert(1, 2024, ["services", 0, "price_year"])
    assert [p.key for p in c.problems] == ["price_year"]


# --- 3. target group -----------------------------------------------------------------------


def test_target_group_from_the_knowledge_base(kb: KnowledgeBase) -> None:
    g = settle_target_group(spec(consequences=None, target_group="voksne_hjemloeshed"), ctx(kb))
    kb_lines = kb.consequences["voksne_hjemloeshed"]
    assert g.id == "voksne_hjemloeshed"
    assert g.label == kb.target_groups["voksne_hjemloeshed"].label
    assert [line.service for line in g.defaults] == [c.service for c in kb_lines]
    assert {line.origin for line in g.defaults} == {("target_group",)}
    assert [line.status for line in g.defaults] == [c.status for c in kb_lines]
    # own consequences: the group's defaults are not needed
    assert settle_target_group(spec(target_group="voksne_hjemloeshed"), ctx(kb)).defaults == ()


def test_target_group_unknown_and_own(kb: KnowledgeBase) -> None:
    c = ctx(kb)
    assert settle_target_group(spec(target_group="voksne_hjemlos"), c) == Group()
    assert "mente du 'voksne_hjemloeshed'" in c.problems[0].message
    c = ctx()
    own = {"id": "g", "label": "G"}
    g = settle_target_group(spec(target_group=own, consequences=None, add_consequences=[]), c)
    assert (g.id, g.label) == ("g", "G")
    assert c.problems[0].message == "en egen målgruppe kræver egne 'consequences'"


# --- 4. consequences ------------------------------------------------------------------------


def test_consequences_drop_and_add() -> None:
    group = Group(
        "g",
        defaults=(
            ConsequenceLine("a", (1.0,), "published", ("target_group",)),
            ConsequenceLine("b", (2.0,), "illustrative", ("target_group",)),
            ConsequenceLine("c", (3.0,), "derived", ("target_group",)),
        ),
    )
    s = spec(
        consequences=None,
        target_group="g",
        drop_consequences=["b", "x"],
        add_consequences=[{"service": "c", "profile": [-3]}, {"service": "d", "profile": [4]}],
    )
    c = ctx()
    lines = settle_consequences(s, c, group)
    assert [(x.service, x.profile, x.status, x.origin) for x in lines] == [
        ("a", (1.0,), "published", ("target_group",)),
        ("c", (-3.0,), "own", ("add_consequences", 0)),
        ("d", (4.0,), "own", ("add_consequences", 1)),
    ]
    assert [p.key for p in c.problems] == ["drop_consequences[2]"]
    assert lines[1].service_path == ("add_consequences", 0, "service")
    assert group.defaults[0].service_path == ("target_group",)


# --- 5. services ----------------------------------------------------------------------------


def test_own_service_prices_move_from_their_year() -> None:
    own = {**OWN, "price_year": 2022, "prices": {"kommune": 80, "stat": 8}}
    s = spec(services=[own])
    c = ctx()
    services = settle_services(s, c, settle_consequences(s, c, Group()), PriceLevel(s, c, 2024))
    egen = services["egen"]
    assert egen.prices == pytest.approx((110.0, 0.0, 11.0))  # × 110/80
    assert (egen.origin, egen.status, egen.source_year) == ("own", "local", 2022)
    assert egen.source_prices == (80.0, 0.0, 8.0)


def test_local_price_for_a_knowledge_base_service(kb: KnowledgeBase) -> None:
    national = kb.services["forsorgshjem_doegn"]
    s = spec(
        price_index=None,
        consequences=[{"service": "forsorgshjem_doegn", "profile": [-1]}],
        services=[{"id": "forsorgshjem_doegn", "prices": {"kommune": 1000}}],
    )
    c = ctx(kb)
    lines = settle_consequences(s, c, Group())
    svc = settle_services(s, c, lines, PriceLevel(s, c, 2024))["forsorgshjem_doegn"]
    idx = kb.price_index.values
    assert svc.prices[0] == 1000  # given at the price level
    assert svc.prices[1] == pytest.approx(
        national.prices.region * idx[2024] / idx[national.price_year]
    )
    assert (svc.origin, svc.status, svc.label) == ("local", "local", national.label)


def test_services_twice_and_unknown(kb: KnowledgeBase) -> None:
    s = spec(
        consequences=[{"service": "ukendt", "profile": [1]}],
        services=[OWN, OWN, {"id": "ny", "label": "Ny"}],
    )
    c = ctx(kb)
    settle_services(s, c, settle_consequences(s, c, Group()), PriceLevel(s, c, 2024))
    assert [p.key for p in c.problems] == [
        "services[2].id",
        "consequences[1].service",
        "services[3].id",
    ]
    assert c.problems[2].message.startswith(
        "ukendt ydelse i vidensdatabasen; en egen ydelse skal have unit, direction, "
        "budget_item, prices"
    )


# --- 6. costs -------------------------------------------------------------------------------


def test_costs_years_by_kind_and_price_year(kb: KnowledgeBase) -> None:
    s = spec(
        horizon_years=5,
        participants=[10, 10],
        costs=[
            {"label": "a", "kind": "once", "year": 2026, "amount": 100},
            {"label": "b", "kind": "annual", "years": [2025, 2027], "amount": 200},
            {"label": "c", "kind": "per_participant", "amount": 5},
            {"label": "d", "kind": "per_participant", "year": 2026, "amount": 5},
            {"label": "e", "kind": "once", "year": 2025, "amount": 80, "price_year": 2022,
             "purse": "stat", "budget_item": "sociale_voksne"},
        ],
    )  # fmt: skip
    costs = settle_costs(s, ctx(kb), PriceLevel(s, ctx(kb), 2024))
    assert [(x.label, x.years) for x in costs] == [
        ("a", (2026,)),
        ("b", (2025, 2027)),
        ("c", ()),
        ("d", (2026,)),
        ("e", (2025,)),
    ]
    assert costs[4].amount == pytest.approx(110.0)  # 80 × 110/80
    assert (costs[4].purse, costs[4].budget_item) == ("stat", "Sociale serviceydelser for voksne")
    assert costs[0].budget_item == "Indsatsens omkostninger"


def test_resolve_runs_the_steps_in_order() -> None:
    r = resolve(spec(), None)
    assert r.consequences == (("egen", (-1.0,)),)
    assert (r.consequence_statuses, r.consequence_origins) == (("own",), (("consequences", 0),))
    assert r.kb_fingerprint is None
    # all problems of all steps come together
    bad = spec(discount_rate=[{"from_year": 3, "rate": 0.1}], drop_consequences=["x"])
    with pytest.raises(InputError) as exc:
        resolve(bad, None, "t.yaml")
    assert [p.key for p in exc.value.problems] == ["discount_rate", "drop_consequences[1]"]


# --- the quick estimate as a spec builder ----------------------------------------------------


def test_quick_spec_builds_one_cohort(kb: KnowledgeBase) -> None:
    s, notes = quick_spec(kb, "voksne_hjemloeshed", 20, 50000, 0.25, horizon_years=5)
    d = kb.defaults
    assert notes == QuickNotes(None, False)
    assert s.participants == {d.start_year: 20.0}
    assert (s.start_year, s.horizon_years, s.price_year) == (d.start_year, 5, d.price_year)
    (cost,) = s.costs
    assert (cost.label, cost.kind, cost.amount, cost.purse) == (
        COST_LABEL,
        "per_participant",
        50000.0,
        "kommune",
    )
    assert s.target_group == "voksne_hjemloeshed" and s.consequences is None


def test_quick_spec_success_rate_from_the_knowledge_base(kb: KnowledgeBase) -> None:
    s, notes = quick_spec(kb, "voksne_hjemloeshed", 20, 50000)
    assert notes.success_rate_from_kb and notes.effect is not None
    assert s.success_rate == notes.effect.success_rate
    with pytest.raises(InputError, match="ukendt indsats"):
        quick_spec(kb, "voksne_hjemloeshed", 20, 50000, intervention="nej")
    with pytest.raises(InputError) as exc:
        quick_spec(kb, "voksne_hjemloeshed", 20, 50000, horizon_years=60, where="som-xl skoen")
    assert str(exc.value) == (
        "som-xl skoen, nøgle 'horizon_years': skal ligge mellem 1 og 50 (værdi: 60)"
    )


def test_quick_estimate_is_the_spec_resolved_and_calculated(kb: KnowledgeBase) -> None:
    s, _ = quick_spec(kb, "voksne_hjemloeshed", 20, 50000, 0.25)
    est = quick_estimate(kb, "voksne_hjemloeshed", 20, 50000, 0.25)
    assert est.result.to_dict() == calculate(resolve(s, kb)).to_dict()
