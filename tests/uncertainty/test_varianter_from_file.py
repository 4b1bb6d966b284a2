"""A scenario file's ``variants:`` into the sheet Varianter, and back (user trial).

The rows stayed empty when a workbook was built for a scenario with variants that only
change the success rate, which the sheet holds. ``varianter.file_variants`` writes them
into the rows (at most three); any other variant gets a Danish note on the sheet saying it
is only in the file. Round trip: build with the variants, recalculate with LibreOffice,
``som-xl read`` gives the same variants, and ``som-xl sammenlign`` on the workbook prints
what it prints for the scenario file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from som_xl.cli import main
from som_xl.kb import load_kb
from som_xl.workbook.build import build_workbook
from som_xl.workbook.layout import VAR_FIRST, VAR_NAME, VAR_RATE
from som_xl.workbook.model import book_kb, default_inputs
from som_xl.workbook.read import read_content
from som_xl.workbook.sheets import varianter as V
from tests.libreoffice import recalculate, soffice
from tests.workbook_scenarios import FIXTURE_KB

VARIANTS: dict[str, Any] = {
    "lav": {"success_rate": 0.1},
    "høj": {"success_rate": 0.55},
    "lang": {"horizon_years": 12},  # changes more than the rate: only in the file
    "central": {"success_rate": 0.3},
    "ekstra": {"success_rate": 0.4},  # a fourth rate variant: no row left
}


def test_rate_variants_fill_the_rows_and_the_rest_get_notes() -> None:
    kb = load_kb(FIXTURE_KB)
    inp = V.file_variants(default_inputs(kb, book_kb(kb)), VARIANTS)
    assert inp.variants == [("lav", 0.1), ("høj", 0.55), ("central", 0.3)]
    lang, ekstra = inp.variant_notes
    assert lang.startswith("Varianten 'lang' ændrer horizon_years; den er ikke skrevet i arket")
    assert ekstra.startswith("Varianten 'ekstra' er nummer 4, og arket har plads til 3")
    assert all("findes kun i scenariefilen" in n and "som-xl sammenlign" in n for n in [lang])
    odd = V.file_variants(inp, {"x": {"success_rate": 1.5}, inp.name: {"success_rate": 0.2}})
    assert odd.variants == []
    assert "netto-succesrate mellem 0 og 1" in odd.variant_notes[0]
    assert "hvert navn én gang" in odd.variant_notes[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The workbook's own scenario as a file with VARIANTS, the workbook built with them,
    and LibreOffice's recalculation of it."""
    if soffice() is None:
        pytest.skip("LibreOffice er ikke installeret")
    src = tmp_path_factory.mktemp("fil")
    kb = load_kb(FIXTURE_KB)
    inp = default_inputs(kb, book_kb(kb))
    plain = build_workbook(src / "uden.xlsx", kb=kb, inputs=inp)
    scenario = {**read_content(plain).scenario(), "variants": VARIANTS}
    file = src / "scenarie.yaml"
    file.write_text(yaml.safe_dump(scenario, allow_unicode=True, sort_keys=False), "utf-8")
    book = build_workbook(src / "med.xlsx", kb=kb, inputs=V.file_variants(inp, VARIANTS))
    (done,) = recalculate([book], tmp_path_factory.mktemp("lo"))
    return file, book, done


def _rows(path: Path) -> list[tuple[Any, Any]]:
    ws = openpyxl.load_workbook(path, data_only=True)[V.SHEET]
    return [
        (
            ws.cell(VAR_FIRST + k + 1, VAR_NAME + 1).value,
            ws.cell(VAR_FIRST + k + 1, VAR_RATE + 1).value,
        )
        for k in range(3)
    ]


def test_round_trip(built: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    file, book, done = built
    assert _rows(done) == [("lav", 0.1), ("høj", 0.55), ("central", 0.3)]
    want = {k: v for k, v in VARIANTS.items() if k in ("lav", "høj", "central")}
    assert read_content(done).variants == want
    assert read_content(book).variants == want
    # the note on the sheet names the variants left out
    ws = openpyxl.load_workbook(done, data_only=True)[V.SHEET]
    note = str(ws.cell(V.R_CHECK + 2, 1).value)
    assert "'lang'" in note and "'ekstra'" in note and "findes kun i scenariefilen" in note
    # sammenlign on the workbook = sammenlign on the file (its three rate variants)
    only = yaml.safe_load(file.read_text("utf-8"))
    only["variants"] = want
    file.write_text(yaml.safe_dump(only, allow_unicode=True, sort_keys=False), "utf-8")

    def cases(path: Path) -> list[dict[str, Any]]:
        assert main(["sammenlign", str(path), "--json"]) == 0
        out = json.loads(capsys.readouterr().out)["cases"]
        for c in out:
            c.pop("file")
        return out

    from_book, from_file = cases(done), cases(file)
    assert [c["label"] for c in from_book] == [from_file[0]["label"], "lav", "høj", "central"]
    assert from_book == from_file
    # the recalculated sheet shows what the build wrote (cached values = the engine's)
    live, cached = _sheet(done), _sheet(book)
    assert len(live) == len(cached)
    for a, b in zip(live, cached, strict=True):
        if isinstance(a, int | float) and isinstance(b, int | float):
            assert a == pytest.approx(b, rel=1e-9, abs=1e-6)
        else:
            assert a == b


def _sheet(path: Path) -> list[Any]:
    ws = openpyxl.load_workbook(path, data_only=True)[V.SHEET]
    out: list[Any] = []
    for n, _ in enumerate(V.ROWS):
        r = V.R_CMP_HEAD + 1 + n
        out += [ws.cell(r + 1, c + 1).value for c in range(1, 8)]
    return [v if v is not None else "" for v in out]
