"""A second independent engine: Gnumeric (``ssconvert --recalc``) recalculates the workbook.

Every formula cell must equal the engine-derived cached value, as in LibreOffice. Gnumeric is
stricter than Excel and LibreOffice in places (``INDEX`` on a one-row range with one index is
read as a row number there), so this keeps the formulas portable. Skips with a reason where
Gnumeric is missing; fails when the environment sets ``CI``.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from som_xl.kb import load_kb
from som_xl.workbook.build import build_workbook
from tests.workbook_edit import edit
from tests.workbook_scenarios import FIXTURE_KB, SCENARIOS

pytestmark = pytest.mark.libreoffice  # a spreadsheet engine outside Python (same marker)


def _ssconvert() -> str:
    found = shutil.which("ssconvert")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Gnumeric (ssconvert) mangler, men CI er sat: installér gnumeric")
        pytest.skip("Gnumeric (ssconvert) er ikke installeret")
    return found


def _recalculated(path: Path, tmp_path: Path) -> Path:
    out = tmp_path / f"{path.stem}-gnumeric.xlsx"
    subprocess.run(
        [_ssconvert(), "--recalc", str(path), str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert out.exists()
    return out


def _mismatches(original: Path, recalculated: Path) -> list[str]:
    forms = openpyxl.load_workbook(original)
    cached = openpyxl.load_workbook(original, data_only=True)
    gnumeric = openpyxl.load_workbook(recalculated, data_only=True)
    out = []
    for ws in forms.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                want = cached[ws.title][cell.coordinate].value
                got = gnumeric[ws.title][cell.coordinate].value
                if isinstance(want, int | float) and isinstance(got, int | float):
                    if not math.isclose(want, got, rel_tol=1e-9, abs_tol=1e-6):
                        out.append(f"{ws.title}!{cell.coordinate}: {want!r} != {got!r}")
                elif (want or "") != (got or ""):
                    out.append(f"{ws.title}!{cell.coordinate}: {want!r} != {got!r}")
    return out


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
@pytest.mark.parametrize(
    "name",
    [
        "default",
        "default_real_kb",
        "horisont_fm",
        "lokale_priser",
        "under_forloeb",
        "haler_30",
        "frafald_doedvaegt_optimisme",
        "omkostningsvurdering_opfoelgning",
    ],
)
def test_gnumeric_agrees_with_the_engine(name: str, tmp_path: Path) -> None:
    if name == "default_real_kb":  # derived rows with and without an assumed year (N() of
        # a blank cell is #NUM! in Gnumeric; the fixture's rows never reached it)
        path = build_workbook(tmp_path / "SOM.xlsx")
        problems = _mismatches(path, _recalculated(path, tmp_path))
        assert not problems, f"{len(problems)} celler: " + "; ".join(problems[:10])
        return
    base = build_workbook(tmp_path / "SOM.xlsx", kb=load_kb(FIXTURE_KB))
    path = base if name == "default" else edit(base, tmp_path / f"{name}.xlsx", SCENARIOS[name])
    if name != "default":  # an edited copy has no cached values: rebuild from its inputs
        from som_xl.workbook.build import build_workbook_bytes
        from som_xl.workbook.read import read_content

        content = read_content(path)
        path = tmp_path / f"{name}-bygget.xlsx"
        path.write_bytes(build_workbook_bytes(load_kb(FIXTURE_KB), content.inputs))
    problems = _mismatches(path, _recalculated(path, tmp_path))
    assert not problems, f"{len(problems)} celler: " + "; ".join(problems[:10])


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_a_workbook_saved_by_gnumeric_is_read(tmp_path: Path) -> None:
    """User trial: Gnumeric wrote each hidden, styled helper row on Varianter out as 16.384
    cells (475.355 in all), and ``som-xl read`` refused the file as too big. The rows carry
    no format now; the saved copy reads to the same result as the original."""
    from som_xl.results import calculate
    from som_xl.workbook.read import read_checked

    base = build_workbook(tmp_path / "SOM.xlsx", kb=load_kb(FIXTURE_KB))
    saved = _recalculated(base, tmp_path)
    original = calculate(read_checked(base).resolve())
    again = calculate(read_checked(saved).resolve())
    assert again.net_discounted == pytest.approx(original.net_discounted, abs=1e-6)
