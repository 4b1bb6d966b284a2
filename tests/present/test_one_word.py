"""One word for each concept on every face (user trial).

The trial found "Tilbagebetalingsår" and "Break-even succesrate" on the sheet Varianter
beside "Break-even-år" and "Break-even-succesrate" in ``calc``/``sammenlign``; a missing
break-even year written "ikke inden for horisonten" (calc, workbook), "ingen" (sammenlign)
and "ikke nået" (report); and "seed" beside "frø". Each is now one wording, from
som_xl.present.da.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from som_xl import calculate, parse_scenario, resolve
from som_xl.cli import main
from som_xl.present import da
from som_xl.present.grid import view
from som_xl.workbook import text as T
from som_xl.workbook.sheets import varianter
from tests.conftest import standalone
from tests.paths import ROOT

#: Spellings that must not reach a user (in Python string literals of som_xl and udfs).
OLD = re.compile(
    r"(?i:tilbagebetalingsår|break-even succesrate|ikke nået|ikke defineret \(ingen)|"
    r"\"Seed\"|trækninger, seed|frø: \{"
)


def test_no_source_writes_an_old_spelling() -> None:
    hits = [
        f"{p.relative_to(ROOT)}:{i}: {line.strip()}"
        for folder in ("som_xl", "udfs")
        for p in sorted((ROOT / folder).rglob("*.py"))
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if OLD.search(line)
    ]
    assert hits == []


def test_every_face_names_the_break_even_figures_alike() -> None:
    year, rate = da.KEY_FIGURES["break_even_year"], da.KEY_FIGURES["break_even_success_rate"]
    assert (year, rate) == ("Break-even-år", "Break-even-succesrate")
    assert (varianter.LABELS["year"], varianter.LABELS["be_rate"]) == (year, rate)
    assert T.RESULT_KEYS["breakeven_aar"][0] == year
    assert T.RESULT_KEYS["breakeven_succesrate"][0] == rate
    for key in ("break_even_year", "break_even_success_rate", "benefit_cost_ratio"):
        assert da.key_figure(key, "function") == da.key_figure(key)
        assert da.not_defined(key, "function") == da.not_defined(key)


@pytest.fixture
def never(tmp_path: Path) -> Path:
    """A scenario that never pays back (no success: no gains)."""
    path = tmp_path / "aldrig.yaml"
    path.write_text(yaml.safe_dump(standalone(success_rate=0.0), allow_unicode=True), "utf-8")
    return path


def test_a_missing_break_even_year_reads_alike(
    never: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = da.not_defined("break_even_year")
    assert words == "ikke inden for horisonten"
    assert da.cap(words) == T.NO_BREAK_EVEN  # the workbook's cells
    assert main(["calc", str(never)]) == 0
    assert f"Break-even-år: {words}" in capsys.readouterr().out
    assert main(["sammenlign", str(never)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("Break-even-år"))
    assert words in row and "ingen" not in row
    # the Excel functions' key figures
    result = calculate(resolve(parse_scenario(standalone(success_rate=0.0)), None))
    figures = {row[0]: row[1] for row in view(result, "nøgletal")}
    assert figures[year_label()] == words
    # JSON stays null
    assert main(["calc", str(never), "--json"]) == 0
    assert '"break_even_year": null' in capsys.readouterr().out


def year_label() -> str:
    return da.KEY_FIGURES["break_even_year"]


def test_the_seed_is_one_word(never: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert da.SEED == "frø (seed)"
    data = standalone(uncertainty={"draws": 200, "seed": 4, "costs": {
        "dist": "uniform", "low": 0.9, "high": 1.1}})  # fmt: skip
    never.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    assert main(["usikkerhed", str(never)]) == 0
    assert "200 trækninger, frø (seed) 4" in capsys.readouterr().out


def test_per_purse_and_committee_tables_say_it_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example's region never pays back (cumulative PV −50.000, −83.333, −50.680,
    −40.314: never ≥ 0); its row read blank in calc's payback table and the functions."""
    from som_xl.functions.views import result_view
    from som_xl.present._example import EXAMPLE, example_result

    words = da.not_defined("break_even_year")
    rows = {row[0]: row[2] for row in result_view(example_result(), "tilbagebetaling")[1:]}
    assert rows == {"Kommune": 2027, "Region": words, "Stat": 2026}
    path = tmp_path / "eksempel.yaml"
    path.write_text(yaml.safe_dump(EXAMPLE, allow_unicode=True), "utf-8")
    assert main(["calc", str(path)]) == 0
    out = capsys.readouterr().out
    region = [line for line in out.splitlines() if line.startswith("Region")]
    assert any(words in line for line in region), region
