"""The workbook's inputs as a scenario document: every part knows its cell."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from som_xl.errors import InputError
from som_xl.kb import KnowledgeBase, load_kb
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.layout import a1
from som_xl.workbook.read import read_content, read_workbook
from som_xl.workbook.scenario import inputs_to_scenario
from tests.workbook_edit import Editor, edit
from tests.workbook_scenarios import FIXTURE_KB, SCENARIOS


@pytest.fixture(scope="module")
def fixture_kb() -> KnowledgeBase:
    return load_kb(FIXTURE_KB)


@pytest.fixture(scope="module")
def base(fixture_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("scn") / "SOM.xlsx", kb=fixture_kb)


@pytest.mark.parametrize("name", ["default", *SCENARIOS])
def test_every_part_of_the_scenario_has_a_cell(name: str, base: Path, tmp_path: Path) -> None:
    path = base if name == "default" else edit(base, tmp_path / f"{name}.xlsx", SCENARIOS[name])
    content = read_content(path)
    scn = inputs_to_scenario(content.inputs, content.bkb, content.layout)
    for key in ("start_year", "horizon_years", "success_rate", "target_group"):
        assert (key,) in scn.places
    for year in scn.data["participants"]:
        assert ("participants", year) in scn.places
    for i, cost in enumerate(scn.data["costs"]):
        assert ("costs", i, "amount") in scn.places, cost
    for i in range(len(scn.data["consequences"])):
        assert ("consequences", i) in scn.places
    # one consequence per active block, and the blocks point at them in order
    active = [j for j in scn.blocks if j is not None]
    assert active == sorted(active) == list(range(len(active)))
    for i, res in enumerate(scn.data.get("resources", [])):
        assert ("resources", i) in scn.places, res
        assert ("resources", i, "years", 0) in scn.places, res
    for year, real in scn.data.get("realised", {}).items():
        for key in real:
            assert ("realised", year, key) in scn.places
    # each cost row's lines, in order, cover every cost line once: the cost items, the
    # resources (Omkostningsvurdering), then one realised line per year with costs
    lines = [i for row in scn.cost_rows for i in row]
    real_costs = sum("costs" in r for r in scn.data.get("realised", {}).values())
    n_lines = len(scn.data["costs"]) + len(scn.data.get("resources", [])) + real_costs
    assert lines == list(range(n_lines))


def test_the_resolver_names_the_workbook_cell(base: Path, tmp_path: Path) -> None:
    """Years outside the horizon are the resolver's rule; the message names the cell."""

    def change(e: Editor) -> None:
        e.setting("horisont", 2)  # the third year of participants and costs falls outside

    path = edit(base, tmp_path / "x.xlsx", change)
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    places = [p.where for p in caught.value.problems]
    assert all("!" in p for p in places), places
    assert all(p.key == "" for p in caught.value.problems)
    assert "uden for horisonten" in caught.value.text()


def test_the_chosen_intervention_is_named_with_its_cell(base: Path) -> None:
    """Indsats's dropdown becomes ``intervention:`` (with its cell); none chosen, none named."""
    content = read_content(base)
    lay = content.layout
    scn = inputs_to_scenario(content.inputs, content.bkb, lay)
    chosen = next(e for e in content.bkb.effects if e.display == content.inputs.intervention)
    assert scn.data["intervention"] == chosen.id
    assert scn.places[("intervention",)] == f"{T.INDSATS}!{a1(lay.effect_row, lay.value_col)}"
    none = replace(content.inputs, intervention=T.INGEN_INDSATS)
    assert "intervention" not in inputs_to_scenario(none, content.bkb, lay).data
