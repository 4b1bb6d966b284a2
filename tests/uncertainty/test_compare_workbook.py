"""som-xl sammenlign on filled-in workbooks: read as `som-xl read` reads them, mixed with
scenario files, problems named by workbook, sheet and cell."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from som_xl.cli import main
from som_xl.results import calculate
from som_xl.results.compare import load_cases
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.read import read_content, read_workbook
from tests.workbook_edit import edit


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("cmp") / "SOM.xlsx")


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(args) == 0, capsys.readouterr().err
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def test_a_workbook_with_a_changed_cell_against_a_scenario_file(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = read_workbook(book)
    # the YAML file: the built workbook's own scenario, as `som-xl read --scenario-out` saves it
    yml = tmp_path / "basis.yaml"
    yml.write_text(yaml.safe_dump(base.to_scenario(), allow_unicode=True), encoding="utf-8")
    # the workbook: the same, with one yellow cell changed (the net success rate)
    s_new = round(base.success_rate + 0.05, 4)
    changed = edit(book, tmp_path / "lokal.xlsx", lambda e: e.success_rate(s_new))
    got = _json(["sammenlign", str(changed), str(yml), "--json"], capsys)

    wb_case, yml_case = got["cases"]
    # the same scenario name twice: each label gets its file's name
    assert wb_case["label"] == f"{base.name} (lokal.xlsx)"
    assert yml_case["label"] == f"{base.name} (basis.yaml)"
    assert wb_case["file"] == str(changed) and wb_case["variant"] is None
    # the workbook's figures are the engine's on what `som-xl read` reads
    want = calculate(read_workbook(changed))
    assert read_workbook(changed).success_rate == pytest.approx(s_new)
    assert wb_case["discounted_net"] == pytest.approx(want.net_discounted, rel=1e-12)
    assert wb_case["discounted_costs"] == pytest.approx(want.pv_costs, rel=1e-12)
    assert wb_case["break_even_year"] == want.break_even_year
    ref = calculate(base)
    assert yml_case["discounted_net"] == pytest.approx(ref.net_discounted, rel=1e-12)
    # only the success rate differs, and the net result is linear in it (som-method §3.8):
    # the difference of the YAML case from the base (the workbook) is
    # (s_base − s_new) × PV(the after-course gains at s = 1)
    pv_g1 = ref.trace.pv_gains_at_full_success
    want_diff = (base.success_rate - s_new) * pv_g1
    assert yml_case["difference"]["discounted_net"] == pytest.approx(want_diff, rel=1e-9)
    assert yml_case["discounted_costs"] == pytest.approx(wb_case["discounted_costs"], rel=1e-12)


def test_the_workbooks_scenario_name_is_its_label(book: Path, tmp_path: Path) -> None:
    named = edit(book, tmp_path / "navn.xlsx", lambda e: e.setting("navn", "Vores ACT-team"))
    cases = load_cases([named, Path("examples/cool_kids.yaml")])
    assert [c.label for c in cases] == [
        "Vores ACT-team",
        "Cool Kids (eksempel efter Ikast-Brande)",
    ]
    assert read_content(named).resolve().name == "Vores ACT-team"


def test_a_bad_cell_is_named_as_som_xl_read_names_it(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = edit(book, tmp_path / "forkert.xlsx", lambda e: e.success_rate(45))
    assert main(["read", str(bad)]) == 2
    read_err = capsys.readouterr().err
    assert main(["sammenlign", str(bad), "examples/cool_kids.yaml"]) == 2
    err = capsys.readouterr().err
    lay = read_content(book).layout
    cell = f"{bad}, {T.INDSATS}!{openpyxl.utils.get_column_letter(lay.value_col + 1)}"
    assert f"{cell}{lay.success_row + 1}" in err
    assert err == read_err and "Traceback" not in err


@pytest.mark.parametrize("kind", ["text", "zip", "foreign"])
def test_a_damaged_or_foreign_xlsx_is_a_danish_message(
    kind: str, book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.xlsx"
    if kind == "text":
        path.write_text("name: ikke en projektmappe\n", encoding="utf-8")
    elif kind == "zip":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hej.txt", "ingen projektmappe")
    else:
        openpyxl.Workbook().save(path)
    assert main(["sammenlign", "examples/cool_kids.yaml", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "Traceback" not in err
    if kind == "foreign":
        assert "ikke en SØM-projektmappe" in err
    else:
        assert "ikke en gyldig Excel-projektmappe" in err
