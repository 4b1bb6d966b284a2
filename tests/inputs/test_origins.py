"""Every problem names its place: file and line for a file, a cell or an argument elsewhere."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from som_xl.errors import InputError, format_path, parse_path
from som_xl.inputs import (
    FileOrigins,
    MappedOrigins,
    load_scenario,
    parse_scenario,
    resolve,
)
from som_xl.kb import KnowledgeBase
from tests.conftest import STANDALONE

SCENARIO = """\
name: Stedtest
target_group: voksne_hjemloeshed
start_year: 2025
horizon_years: 10
participants: {2025: 20}
success_rate: 0.3
costs:
  - {label: Drift, kind: annual, years: [2025], amount: 1000}
  - {label: Opstart, kind: once, year: 2025, amount: 5000}
consequences:
  - {service: forsorgshjem_doegn, profile: [-60]}
  - {service: forsorgshjem_dogn, profile: [-10]}
"""


def _problems(exc: pytest.ExceptionInfo[InputError]) -> dict[str, str]:
    return {p.key: p.where for p in exc.value.problems}


def _places(exc: pytest.ExceptionInfo[InputError]) -> set[str]:
    """Where mapped problems are: a cell or an argument names them, so they carry no key."""
    assert all(p.key == "" for p in exc.value.problems)
    return {p.where for p in exc.value.problems}


def test_a_file_problem_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SCENARIO.replace("amount: 5000", "amount: 5e13"), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_scenario(path)
    assert _problems(exc) == {"costs[2].amount": f"{path}, linje 9"}


def test_a_resolver_problem_names_file_and_line(tmp_path: Path, kb: KnowledgeBase) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    spec, lines = load_scenario(path)
    with pytest.raises(InputError) as exc:
        resolve(spec, kb, str(path), lines)
    assert _problems(exc) == {"consequences[2].service": f"{path}, linje 12"}
    assert "mente du 'forsorgshjem_doegn'" in exc.value.text()
    # the same with explicit origins
    with pytest.raises(InputError) as again:
        resolve(spec, kb, origins=FileOrigins(str(path), lines))
    assert again.value.problems == exc.value.problems


def _cells() -> MappedOrigins:
    return MappedOrigins(
        "SOM_NETTORESULTAT",
        {
            "horizon_years": "Indstillinger!C6",
            ("success_rate",): "Indsats og målgruppe!C20",
            "costs[1]": "omkostninger, række 1",
            "costs[3]": "omkostninger, række 3",
            "consequences[2]": "konsekvenser, række 2",
            "participants.2026": "deltagere, kolonne 2",
        },
    )


def _data(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(STANDALONE)
    data["costs"].append({"label": "Ekstra", "kind": "once", "year": 2025, "amount": 10})
    data.update(changes)
    return data


def test_mapped_origins_name_the_cell_of_a_nested_path() -> None:
    data = _data()
    data["costs"][2]["amount"] = "1.000,50"
    data["horizon_years"] = 60
    data["participants"][2026] = -1
    with pytest.raises(InputError) as exc:
        parse_scenario(data, origins=_cells())
    assert _places(exc) == {
        "Indstillinger!C6",
        "omkostninger, række 3 (beløb)",
        "deltagere, kolonne 2",
    }


def test_mapped_origins_in_the_relations_and_the_resolver() -> None:
    data = _data()
    data["costs"][0]["year"] = 2040  # outside the horizon: checked after the fields
    with pytest.raises(InputError) as exc:
        parse_scenario(data, origins=_cells())
    assert _places(exc) == {"omkostninger, række 1 (år)"}
    data = _data()
    data["consequences"][1]["service"] = "ukendt"
    spec = parse_scenario(data)
    with pytest.raises(InputError) as exc:
        resolve(spec, None, origins=_cells())
    # a standalone scenario: the unknown service asks for the knowledge base
    assert _places(exc) == {"SOM_NETTORESULTAT"}


def test_mapped_origins_for_an_unknown_service(kb: KnowledgeBase) -> None:
    data = _data()
    data["consequences"][1]["service"] = "ukendt"
    with pytest.raises(InputError) as exc:
        resolve(parse_scenario(data), kb, origins=_cells())
    assert _places(exc) == {"konsekvenser, række 2 (ydelse)"}


def test_mapped_origins_defaults_and_words() -> None:
    o = MappedOrigins("?", {("consequences", 0): "K!A1"})
    assert o.place(("consequences", 0, "profile", 2)) == "K!A1 (år 3)"
    assert o.place(("start_year",)) == "?"
    assert o.place(()) == "?"
    plain = MappedOrigins("?", {("costs", 0): "O!A1"}, words={})
    assert plain.place(("costs", 0, "amount")) == "O!A1"
    whole = MappedOrigins("?", {(): "hele arket"})
    assert whole.place(("costs", 0, "amount")) == "hele arket (omkostninger, beløb)"


def test_file_origins() -> None:
    assert FileOrigins("fil.yaml").place(("costs", 0)) == "fil.yaml"
    assert FileOrigins("fil.yaml").place(()) == "fil.yaml"


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["costs", "amount", "participants", "profile"]),
            st.integers(0, 200),
            st.integers(2000, 2100),
        ),
        min_size=1,
        max_size=5,
    ).filter(lambda p: isinstance(p[0], str))
)
def test_parse_path_inverts_format_path(path: list[str | int]) -> None:
    assert parse_path(format_path(path)) == tuple(path)


def test_resolved_keeps_the_origin_of_each_consequence(kb: KnowledgeBase) -> None:
    data = {
        "target_group": "voksne_hjemloeshed",
        "start_year": 2025,
        "horizon_years": 5,
        "participants": [10],
        "success_rate": 0.3,
    }
    defaults = [c.service for c in kb.consequences["voksne_hjemloeshed"]]
    data["drop_consequences"] = [defaults[1]]
    data["add_consequences"] = [
        {"service": defaults[0], "profile": [-1]},
        {"service": "kontanthjaelp_uge", "profile": [-2]},
    ]
    res = resolve(parse_scenario(data), kb)
    origins = dict(zip((s for s, _ in res.consequences), res.consequence_origins, strict=True))
    statuses = dict(zip((s for s, _ in res.consequences), res.consequence_statuses, strict=True))
    assert origins[defaults[0]] == ("add_consequences", 0)
    assert origins["kontanthjaelp_uge"] == ("add_consequences", 1)
    assert origins[defaults[2]] == ("target_group",)
    assert statuses[defaults[0]] == "own"
    assert statuses[defaults[2]] == kb.consequences["voksne_hjemloeshed"][2].status
    assert len(res.consequence_origins) == len(res.consequences)
