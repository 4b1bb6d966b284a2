"""The example workbook workbooks/SOM-funktioner.xlsx (udfs/build_example.py).

The strongest check: LibreOffice cannot run the SØM functions, so each function cell is
replaced by the function's Python result (computed from the input cells as they stand in
the file), then LibreOffice recalculates the ordinary formulas that depend on them (totals,
SUMIFS budget lines, INDEX/MATCH, MIN of a helper column) and they must equal the engine's
figures — also
after inputs in the file are changed.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

from som_xl.kb import KnowledgeBase
from som_xl.results import Result
from tests.functions import test_udfs
from tests.functions.test_udfs import assert_clean, engine
from udfs import build_example
from udfs import som_udfs as u

udf_kb = test_udfs.udf_kb  # the knowledge-base fixture: fixture KB and the real one

_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop>
 </item>
</oor:items>
"""


@pytest.fixture
def built(udf_kb: KnowledgeBase, tmp_path: Path) -> tuple[Path, list[build_example.UdfCall]]:
    out = tmp_path / "SOM-funktioner.xlsx"
    calls = build_example.build(out, udf_kb)
    return out, calls


def formula_text(value: Any) -> str:
    return value.text if isinstance(value, ArrayFormula) else str(value)


def test_workbook_contains_every_function_with_cached_results(
    built: tuple[Path, list[build_example.UdfCall]], udf_kb: KnowledgeBase, tmp_path: Path
) -> None:
    path, calls = built
    assert {c.func for c in calls} == set(u.__all__)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["Læs mig", "Budget"]
    for call in calls:
        assert formula_text(wb[call.sheet][call.cell].value) == call.formula
    cached = openpyxl.load_workbook(path, data_only=True)
    for call in calls:
        value = cached[call.sheet][call.cell].value
        assert value is not None and not (isinstance(value, str) and value.startswith("SØM-fejl"))
    readme = " ".join(str(c.value) for row in wb["Læs mig"].iter_rows() for c in row if c.value)
    for name in u.__all__:
        assert name in readme and u.HELP[name][0] in readme
    for sheet, cell in build_example.CHECKS.values():
        assert str(wb[sheet][cell].value).startswith("="), (sheet, cell)
    # The same input gives the same bytes (fixed creation date).
    again = tmp_path / "again.xlsx"
    build_example.build(again, udf_kb)
    assert again.read_bytes() == path.read_bytes()


def test_ordinary_formulas_cache_the_engines_figures(
    built: tuple[Path, list[build_example.UdfCall]], udf_kb: KnowledgeBase
) -> None:
    """A viewer without the functions (and without recalculation) shows the real figures:
    every ordinary formula's cached value is what it evaluates to (issue 8, point 6)."""
    path, _ = built
    ex = build_example.EXAMPLE
    expected = expected_checks(engine(build_example.example_scenario(ex), udf_kb), udf_kb, ex)
    cached = openpyxl.load_workbook(path, data_only=True)
    for name, (sheet, cell) in build_example.CHECKS.items():
        got, want = cached[sheet][cell].value, expected[name]
        if isinstance(want, str):
            assert got == want, (name, got, want)
        else:
            assert isinstance(got, int | float), (name, sheet, cell, got)
            assert float(got) == pytest.approx(want, rel=1e-9, abs=1e-6), (name, got, want)
    formulas = openpyxl.load_workbook(path)
    empty = []
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                text = c.value if isinstance(c.value, str) else ""
                if text.startswith("=") and "SOM_" not in text:
                    value = cached[ws.title][c.coordinate].value
                    if value is None and "IF(ISNUMBER(" not in text:  # the helper's ""
                        empty.append((ws.title, c.coordinate, text))
    assert not empty


# --- LibreOffice ------------------------------------------------------------------------------


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) mangler i CI; .ci/run installerer libreoffice-calc")
        pytest.skip("LibreOffice (soffice) er ikke installeret")
    return exe


def recalc(src: Path, workdir: Path) -> Path:
    """Let LibreOffice recalculate every formula (OOXMLRecalcMode=0) and save a copy."""
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_XCU, encoding="utf-8")
    out = workdir / "lo-out"
    out.mkdir(exist_ok=True)
    cmd = [
        _soffice(),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        str(out),
        str(src),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    result = out / src.name
    assert result.exists(), f"LibreOffice skrev ingen fil:\n{proc.stdout}\n{proc.stderr}"
    return result


def _split_args(inner: str) -> list[str]:
    args, depth, quoted, current = [], 0, False, ""
    for ch in inner:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
        if ch == "," and not quoted and depth == 0:
            args.append(current)
            current = ""
        else:
            current += ch
    return [*args, current] if inner else []


def _arg_value(wb: openpyxl.Workbook, sheet: str, text: str) -> Any:
    """Evaluate a function argument as Excel would pass it: a literal, a cell or a range."""
    text = text.strip()
    if text == "":
        return None
    if text.startswith('"'):
        return text[1:-1]
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return float(text)
    if "!" in text:
        sheet, text = text.split("!")
        sheet = sheet.strip("'")
    ws = wb[sheet]

    def value(c: Any) -> Any:
        assert not (isinstance(c.value, str) and c.value.startswith("=")), (
            f"input {sheet}!{c.coordinate} er en formel; eksemplets input skal være tal og tekst"
        )
        return c.value

    ref = text.replace("$", "")
    if ":" not in ref:
        return value(ws[ref])
    return [[value(c) for c in row] for row in ws[ref]]


def substitute(
    path: Path,
    out: Path,
    calls: list[build_example.UdfCall],
    changes: dict[tuple[str, str], Any] | None = None,
) -> None:
    """Replace each SØM function cell by its Python result, computed from the file's inputs."""
    wb = openpyxl.load_workbook(path)
    for (sheet, cell), value in (changes or {}).items():
        wb[sheet][cell].value = value
    for call in calls:
        ws: Worksheet = wb[call.sheet]
        text = formula_text(ws[call.cell].value)
        m = re.fullmatch(r"=(SOM_[A-Z]+)\((.*)\)", text)
        assert m, text
        args = [_arg_value(wb, call.sheet, a) for a in _split_args(m.group(2))]
        result = getattr(u, m.group(1))(*args)
        assert_clean(result)
        if isinstance(result, str):
            assert not result.startswith("SØM-fejl"), result
        table = result if isinstance(result, list) else [[result]]
        assert len(table) <= call.rows + 200  # the sheet leaves room for the spill
        top = ws[call.cell]
        for i, row in enumerate(table):
            for j, v in enumerate(row):
                ws.cell(top.row + i, top.column + j).value = v if v != "" else None
    wb.save(out)


def expected_checks(result: Result, kb: KnowledgeBase, ex: build_example.Example) -> dict[str, Any]:
    d = result.to_dict()
    out: dict[str, Any] = {
        "total_costs": d["costs"]["undiscounted"],
        "total_gains": d["gains"]["undiscounted"],
        "total_net": result.net_undiscounted,
        "total_discounted_net": result.net_discounted,
        "pv_difference": 0.0,
        "payback_year": result.break_even_year or "ikke inden for horisonten",
        "kommune_discounted_net": next(
            p["discounted_net"] for p in result.by_purse() if p["purse"] == "kommune"
        ),
        "n_target_groups": len(kb.target_groups),
        "n_services": len(kb.services),
    }
    idx = kb.price_index.values
    for i, (sid, purse, qty) in enumerate(ex.price_lines):
        s = kb.services[sid]
        price = getattr(s.prices, purse) * idx[ex.price_year] / idx[s.price_year]
        out[f"price_line_{i + 1}"] = price * qty
    rows = result.rows()
    for year in ex.budget_years:

        def total(kind: str, purse: str | None, year: int = year) -> float:
            return sum(
                r["value"]
                for r in rows
                if r["year"] == year and r["kind"] == kind and purse in (None, r["purse"])
            )

        out[f"budget_kommune_cost_{year}"] = total("cost", "kommune")
        out[f"budget_kommune_gain_{year}"] = total("gain", "kommune")
        out[f"budget_kommune_net_{year}"] = total("gain", "kommune") - total("cost", "kommune")
        out[f"budget_public_net_{year}"] = total("gain", None) - total("cost", None)
    return out


def _compare(recalculated: Path, expected: dict[str, Any]) -> None:
    wb = openpyxl.load_workbook(recalculated, data_only=True)
    assert set(expected) == set(build_example.CHECKS)
    for name, (sheet, cell) in build_example.CHECKS.items():
        got, want = wb[sheet][cell].value, expected[name]
        if isinstance(want, str):
            assert got == want, (name, got, want)
        else:
            assert got is not None, (name, sheet, cell)
            assert float(got) == pytest.approx(want, rel=1e-9, abs=1e-6), (name, got, want)


@pytest.mark.libreoffice
def test_libreoffice_recalculates_the_dependent_formulas(
    built: tuple[Path, list[build_example.UdfCall]], udf_kb: KnowledgeBase, tmp_path: Path
) -> None:
    _soffice()
    path, calls = built
    ex = build_example.EXAMPLE
    substituted = tmp_path / "substitueret.xlsx"
    substitute(path, substituted, calls)
    result = engine(build_example.example_scenario(ex), udf_kb)
    _compare(recalc(substituted, tmp_path), expected_checks(result, udf_kb, ex))


@pytest.mark.libreoffice
def test_libreoffice_after_inputs_are_changed(
    built: tuple[Path, list[build_example.UdfCall]], udf_kb: KnowledgeBase, tmp_path: Path
) -> None:
    _soffice()
    path, calls = built
    wb = openpyxl.load_workbook(path)
    ws = wb["Budget"]
    where = {ws.cell(r, 1).value: r for r in range(1, 40) if ws.cell(r, 1).value}
    cost_row = where["ACT-team, løn og drift"]
    participants_row = where["Deltagere"]
    changes = {
        ("Budget", f"B{where['Succesrate']}"): 0.12,
        ("Budget", f"B{where['Forløbsår']}"): 2,
        ("Budget", f"D{cost_row}"): 1_800_000,
        ("Budget", f"E{participants_row}"): 15,
    }
    ex = dataclasses.replace(
        build_example.EXAMPLE,
        success_rate=0.12,
        course_years=2,
        costs=tuple(
            (label, purse, (a[0], 1_800_000, *a[2:]) if label == "ACT-team, løn og drift" else a)
            for label, purse, a in build_example.EXAMPLE.costs
        ),
        participants=(20, 20, 20, 15),
    )
    substituted = tmp_path / "ændret.xlsx"
    substitute(path, substituted, calls, changes)
    result = engine(build_example.example_scenario(ex), udf_kb)
    _compare(recalc(substituted, tmp_path), expected_checks(result, udf_kb, ex))
