"""`som-xl read`: --usikkerhed from the sheet Usikkerhed, --scenario-out checks, and the
sheet Kontrol's own count of input errors in the file's cached values."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from som_xl.cli import main
from som_xl.inputs.uncertainty import standard_rate_range
from som_xl.results.uncertainty import analyse
from som_xl.workbook.build import build_workbook
from som_xl.workbook.layout import a1
from som_xl.workbook.read import read_content
from som_xl.workbook.sheets import usikkerhed as U
from tests.workbook_edit import Editor, edit


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("read") / "SOM.xlsx")


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(args) == 0, capsys.readouterr().err
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def test_usikkerhed_analyses_the_sheets_ranges(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    got = _json(["read", str(book), "--usikkerhed", "--json"], capsys)
    content = read_content(book)
    res = content.resolve()
    # the defaults: the knowledge base's standard for the scenario (Housing First's 95 %
    # interval 0.36-0.48 → a normal success rate), as the cells hold them
    group = content.bkb.group_by_label(content.inputs.target_group)
    standard = standard_rate_range(res.success_rate, group.id if group else None, content.kb)
    assert standard.dist == "normal"
    spec = U.spec_of(U.default_ranges(standard, res.success_rate), res.success_rate)
    want = analyse(res, spec).to_dict()
    assert got["p_net_positive"] == want["p_net_positive"]
    assert got["quantiles"] == want["quantiles"]
    # the central value is the one the sheet's Monte Carlo table is stamped with
    wb = openpyxl.load_workbook(book, data_only=True)
    stamped = wb[U.SHEET].cell(row=U.R_STATUS, column=2).value
    assert got["central"] == pytest.approx(stamped, rel=1e-12)
    # the readable form is som-xl usikkerhed's
    assert main(["read", str(book), "--usikkerhed"]) == 0
    assert capsys.readouterr().out.startswith("Usikkerhed: ")


def test_usikkerhed_follows_an_edited_range(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def costs_twice(ed: Editor) -> None:
        for c in (U.C_LOW, U.C_MODE, U.C_HIGH):
            ed.set(U.SHEET, U.ROWS["costs"], c, 2.0)

    changed = edit(book, tmp_path / "dobbelt.xlsx", costs_twice)
    got = _json(["read", str(changed), "--usikkerhed", "--json"], capsys)
    tornado = {row["input"]: row for row in got["tornado"]}  # type: ignore[attr-defined]
    assert tornado["costs"]["low"] == tornado["costs"]["high"] == 2.0

    def backwards(ed: Editor) -> None:
        ed.set(U.SHEET, U.ROWS["consequences"], U.C_LOW, 1.5)

    bad = edit(book, tmp_path / "baglaens.xlsx", backwards)
    assert main(["read", str(bad), "--usikkerhed"]) == 2
    err = capsys.readouterr().err
    row = U.ROWS["consequences"]
    assert f"{U.SHEET}!{a1(row, U.C_LOW)}:{a1(row, U.C_HIGH)}" in err
    assert "lav ≤ typisk ≤ høj" in err and "Traceback" not in err


def test_usikkerhed_is_not_for_csv(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["read", str(book), "--usikkerhed", "--csv"]) == 2
    assert "--usikkerhed" in capsys.readouterr().err


def test_scenario_out_must_be_a_file(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mappe"
    folder.mkdir()
    for extra in ([], ["--overskriv"]):
        assert main(["read", str(book), "--scenario-out", str(folder), *extra]) == 2
        err = capsys.readouterr().err
        assert f"{folder}: er en mappe; angiv et filnavn" in err, err
    assert list(folder.iterdir()) == []


def _with_cached_errors(book: Path, out: Path, message: str) -> Path:
    """The workbook as a calculating program would save it with one failing check: the
    cached count som.inputfejl = 1 and the first check's message (the formulas unchanged)."""
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    names = parts["xl/workbook.xml"].decode()
    rid = re.search(r'<sheet name="Kontrol" sheetId="\d+" r:id="(rId\d+)"', names)
    assert rid is not None
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels)
    assert target is not None
    sheet = f"xl/{target.group(1)}"
    xml = parts[sheet].decode()
    xml, n = re.subn(r'(<c r="C4"[^>]*><f>[^<]*</f>)<v>0</v>', r"\1<v>1</v>", xml)
    assert n == 1
    xml, n = re.subn(
        r'<c r="E6"([^>]*)>(<f>[^<]*</f>)<v></v>', rf'<c r="E6"\1 t="str">\2<v>{message}</v>', xml
    )
    assert n == 1
    parts[sheet] = xml.encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


def test_kontrol_errors_in_the_cached_values_are_refused(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = "Indstillinger!C5: Skriv et år mellem 2000 og 2100."
    bad = _with_cached_errors(book, tmp_path / "fejl.xlsx", message)
    assert main(["read", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "arket Kontrol melder 1 inputfejl" in err
    assert f"{bad}, Kontrol!E6: {message}" in err
    assert "Traceback" not in err
    # the report refuses it too
    assert main(["rapport", str(bad), "--out", str(tmp_path / "r.html")]) == 2
    assert "arket Kontrol melder 1 inputfejl" in capsys.readouterr().err
    # the same file as built (count 0), and a file without cached values, read fine
    assert main(["read", str(book), "--json"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("command", ["read", "sammenlign"])
def test_a_problem_found_in_settling_the_inputs_names_the_workbook(
    command: str, book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An amount in a year column beyond the horizon is found when the inputs are settled,
    after the cells are read; the message still names the workbook before the cell (as the
    fuzz test requires of every message)."""
    from som_xl.workbook.layout import a1

    bad = edit(book, tmp_path / "udenfor.xlsx", lambda e: e.year_cost(0, amounts={26: 2051}))
    assert main([command, str(bad)]) == 2
    err = capsys.readouterr().err
    lay = read_content(book).layout
    cell = a1(lay.ycost_rows[0], lay.cost_year_col + 26)
    assert err.startswith(f"Fejl: {bad}, Omkostninger!{cell}: året ligger uden for horisonten")


def test_scenario_out_says_it_is_written(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """User trial: --scenario-out wrote silently where other writes say "… er skrevet"; with
    the result as JSON on stdout the confirmation goes to stderr (stdout stays JSON)."""
    out = tmp_path / "scenarie.yaml"
    assert main(["read", str(book), "--scenario-out", str(out)]) == 0
    assert f"Scenariet er skrevet: {out}" in capsys.readouterr().out and out.is_file()
    again = tmp_path / "igen.yaml"
    assert main(["read", str(book), "--scenario-out", str(again), "--json"]) == 0
    printed = capsys.readouterr()
    assert json.loads(printed.out)["scenario"]
    assert f"Scenariet er skrevet: {again}" in printed.err
