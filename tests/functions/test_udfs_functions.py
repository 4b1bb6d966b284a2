"""The package behind the Excel functions (som_xl/functions): its shape, its doctests, and
the origins it gives the resolver for every scenario value it reads from the sheet.

The functions' answers are tested in test_udfs.py (plain calls) and test_udfs_officejs.py
(the Office.js path); here: what the registrations may contain, what the wheel must hold
for xlwings Lite, and the places the range parsers record (the resolver's origins).
"""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
import sys
import tomllib
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from som_xl import functions
from som_xl.errors import InputError
from som_xl.functions import calculations, errors
from som_xl.functions.places import Path, origins
from som_xl.kb import KnowledgeBase
from tests.functions import test_udfs
from tests.functions.test_udfs import ROOT, sheet_scenario
from udfs import som_udfs as u

udf_kb = test_udfs.udf_kb  # the knowledge-base fixture: fixture KB and the real one

MODULES = sorted(m.name for m in pkgutil.iter_modules(functions.__path__))


# --- shape ----------------------------------------------------------------------------------


def test_registration_module_holds_only_registrations() -> None:
    """udfs/som_udfs.py: the decorator and one short registered function per Excel function."""
    tree = ast.parse((ROOT / "udfs" / "som_udfs.py").read_text(encoding="utf-8"))
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert {d.name for d in defs} == {"_excel", *u.__all__}
    for d in defs:
        if d.name == "_excel":
            continue
        assert d.decorator_list, d.name
        assert len(d.body) == 1 and isinstance(d.body[0], ast.Return), d.name
        assert d.end_lineno is not None and d.end_lineno - d.lineno < 20, d.name


@pytest.mark.parametrize("name", MODULES)
def test_modules_are_rooms_a_newcomer_can_read(name: str) -> None:
    """No module over about 500 lines, no function over about 80 (issue 7, item 6)."""
    path = ROOT / "som_xl" / "functions" / f"{name}.py"
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= 500, name
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            assert node.end_lineno is not None
            assert node.end_lineno - node.lineno < 80, f"{name}.{node.name}"


def test_the_functions_package_never_imports_xlwings() -> None:
    """xlwings is an optional dependency of the wheel; only the registrations import it."""
    for name in MODULES:
        tree = ast.parse((ROOT / "som_xl" / "functions" / f"{name}.py").read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("xlwings") for a in node.names), name
            elif isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("xlwings"), name


def test_the_wheel_holds_everything_the_registrations_import() -> None:
    """xlwings Lite users paste udfs/som_udfs.py and install the wheel: every som_xl module
    it imports must be in a package pyproject.toml lists."""
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    importlib.import_module("udfs.som_udfs")
    used = {m for m in sys.modules if m == "som_xl" or m.startswith("som_xl.")}
    assert "som_xl.functions" in listed
    for module in used:
        package = module if hasattr(sys.modules[module], "__path__") else module.rpartition(".")[0]
        assert package in listed, module


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    """The examples in the docstrings run (also: pytest --doctest-modules som_xl/functions)."""
    module = importlib.import_module(f"som_xl.functions.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_public_functions_have_numpy_docstrings_with_examples() -> None:
    for name in MODULES:
        module = importlib.import_module(f"som_xl.functions.{name}")
        for public in getattr(module, "__all__", []):
            obj = getattr(module, public)
            if callable(obj) and getattr(obj, "__module__", "") == module.__name__:
                doc = obj.__doc__ or ""
                assert "Examples\n    --------" in doc and ">>>" in doc, f"{name}.{public}"


# --- places: the resolver's origins ----------------------------------------------------------


def scalar_paths(value: Any, path: Path = ()) -> Iterator[Path]:
    """Every path to a scalar in a scenario dict (list positions from 0)."""
    if isinstance(value, Mapping):
        for key, v in value.items():
            yield from scalar_paths(v, (*path, key))
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from scalar_paths(v, (*path, i))
    else:
        yield path


def test_every_value_read_from_the_sheet_has_its_place(udf_kb: KnowledgeBase) -> None:
    ranges, _ = sheet_scenario(udf_kb)
    consequences = [["Ydelse", "År 1", "År 2"], ["egen", -1, None], ["anden", 1, 2]]
    data, places = functions.scenario_from_ranges(
        ranges["indstillinger"],
        ranges["deltagere"],
        ranges["omkostninger"],
        consequences,
        ranges["ydelser"],
    )
    named = origins("SOM_X", places)
    unnamed = [p for p in scalar_paths(data) if named.place(p) == "SOM_X" and p != ("name",)]
    assert not unnamed
    expected = {
        ("target_group",): "indstillinger, række 2 (målgruppe)",
        ("start_year",): "indstillinger, række 3 (startår)",
        ("discount_rate",): "indstillinger, række 6 (diskonteringsrente)",
        ("participants",): "deltagere",
        ("participants", 2026): "deltagere, kolonne 3",
        ("costs",): "omkostninger",
        ("costs", 1): "omkostninger, række 3",
        ("costs", 1, "amount"): "omkostninger, række 3 (beløb)",
        ("costs", 1, "years", 2): "omkostninger, række 3 (år)",
        ("costs", 3, "budget_item"): "omkostninger, række 5 (udgiftspost)",
        ("consequences", 1, "profile", 1): "konsekvenser, række 3 (år 2)",
        ("consequences", 0, "service"): "konsekvenser, række 2 (ydelse)",
        ("services", 0, "prices", "kommune"): "ydelser, række 2 (priser, kommune)",
    }
    assert {k: named.place(k) for k in expected} == expected


def test_wide_costs_and_defaults_have_places(udf_kb: KnowledgeBase) -> None:
    ranges, _ = sheet_scenario(udf_kb)
    settings = [r for r in ranges["indstillinger"] if r[0] not in ("Startår", "Horisont (år)")]
    wide = [["Omkostning", "Kasse", 2025, 2026], ["Drift", "stat", 100, 0], ["Leje", None, 5, 6]]
    data, places = functions.scenario_from_ranges(settings, [[2025, 3]], wide)
    named = origins("SOM_X", places)
    assert named.place(("start_year",)) == "deltagere (første år)"
    assert data["costs"][2] == {"label": "Leje", "kind": "once", "year": 2026, "amount": 6}
    assert named.place(("costs", 0, "purse")) == "omkostninger, række 2, år 2025 (aktør)"
    assert named.place(("costs", 2, "amount")) == "omkostninger, række 3, år 2026 (beløb)"
    # A field the resolver fills (no cell) is named by its row and the field.
    assert named.place(("costs", 2, "price_year")) == "omkostninger, række 3, år 2026 (prisår)"
    # A setting left to the knowledge base: where it would be written.
    assert named.place(("horizon_years",)) == "indstillinger (horisont)"


def test_the_resolver_names_the_sheet_through_the_origins(udf_kb: KnowledgeBase) -> None:
    """parse_scenario and resolve get the origins: no problem is rewritten afterwards."""
    ranges, _ = sheet_scenario(udf_kb)
    data, places = functions.scenario_from_ranges(
        ranges["indstillinger"], ranges["deltagere"], ranges["omkostninger"]
    )
    data["costs"][1]["amount"] = "mange"  # a value only the validation sees
    data["costs"][2]["purse"] = "amt"
    data["participants"][2099] = 1  # outside the horizon: a relation the resolver checks
    with pytest.raises(InputError) as caught:
        calculations.calculate_scenario(data, places, "SOM_X")
    assert all(p.key == "" for p in caught.value.problems)  # the place says it all
    assert {p.where for p in caught.value.problems} == {
        "omkostninger, række 3 (beløb)",
        "omkostninger, række 4 (aktør)",
    }
    del data["costs"]
    with pytest.raises(InputError) as caught:
        calculations.calculate_scenario(data, places, "SOM_X")
    assert [p.where for p in caught.value.problems] == ["deltagere"]
    assert not hasattr(errors, "_MESSAGE_WORDS")
    for name in MODULES:
        source = (ROOT / "som_xl" / "functions" / f"{name}.py").read_text("utf-8")
        assert "TODO(issue 7, origins)" not in source and "translate(" not in source, name


# --- names: the field table's -------------------------------------------------------------


def test_every_settings_name_the_functions_accepted_still_works() -> None:
    from som_xl.functions.ranges import settings
    from tests.inputs.test_fields import FUNCTION_NAMES

    values = {"name": "x", "target_group": "x", "start_year": 2025, "horizon_years": 10,
              "price_year": 2024, "discount_rate": 0.03, "course_years": 2,
              "success_rate": 0.3}  # fmt: skip
    for name, key in FUNCTION_NAMES[""].items():
        found, _ = settings([[name, values[key]]], "indstillinger")
        assert found == {key: values[key]}, name


@pytest.mark.parametrize("scope", ["costs[]", "services[]", "consequences[]"])
def test_every_header_the_functions_accepted_still_works(scope: str) -> None:
    from som_xl.functions.headers import column
    from tests.inputs.test_fields import FUNCTION_NAMES

    for name, key in FUNCTION_NAMES[scope].items():
        expected = "years" if key == "years[]" else key
        assert column(name, scope) == expected, name
