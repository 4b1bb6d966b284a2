"""The sheet Usikkerhed starts from the command line's standard and reads back what it shows.

* Its default rows are ``som-xl usikkerhed --standard`` for the workbook's scenario: where the
  chosen effect has a 95 % interval (Housing First 0.36-0.48, Cool Kids 0.267-0.559) the
  success rate is normal with the same mean and sd, otherwise the stated triangular rule.
* The reader turns the cells (a distribution and low, typical, high per row) into the same
  uncertainty block the build-time Monte Carlo table was computed from; bad cells give a
  Danish message naming the cell.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from som_xl import parse_scenario
from som_xl.cli import main
from som_xl.errors import InputError
from som_xl.inputs.uncertainty import (
    Z_95,
    Distribution,
    UncertaintySpec,
    standard_rate_range,
    standard_uncertainty,
)
from som_xl.kb import load_kb
from som_xl.workbook.build import build_workbook
from som_xl.workbook.layout import a1
from som_xl.workbook.read import read_content
from som_xl.workbook.read_sheets import read_uncertainty
from som_xl.workbook.sheets import usikkerhed as U
from tests.paths import ROOT
from tests.workbook.test_eksempler import type_cool_kids
from tests.workbook_edit import Editor, edit

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _same(a: Distribution | None, b: Distribution | None) -> None:
    """The same distribution: the form and every parameter; the sd of a normal one to the
    16th digit (the sheet stores its factors with 16 significant digits)."""
    assert a is not None and b is not None
    assert a.dist == b.dist
    for name in ("low", "mode", "high", "mean"):
        assert getattr(a, name) == getattr(b, name), name
    if a.sd is None or b.sd is None:
        assert a.sd == b.sd
    else:
        assert a.sd == pytest.approx(b.sd, rel=1e-14)


def _sheet_and_cli(data: dict[str, Any]) -> tuple[UncertaintySpec, UncertaintySpec]:
    """The sheet's default block and the command line's standard for one scenario."""
    kb = load_kb()
    spec = parse_scenario(data)
    cli, _ = standard_uncertainty(spec, UncertaintySpec(standard=True), kb)
    s = spec.net_success_rate
    group = spec.target_group if isinstance(spec.target_group, str) else None
    sheet = U.spec_of(U.default_ranges(standard_rate_range(s, group, kb), s), s)
    return sheet, cli


def _example(name: str, **changes: Any) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "examples" / name).read_text(encoding="utf-8"))
    data.pop("uncertainty", None)
    return {**data, **changes}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_sheet_defaults_are_the_cli_standard_for_every_example(path: Path) -> None:
    """Every example as it stands (cool_kids.yaml's 0.26 is not Cool Kids' 0.425: the rule)."""
    sheet, cli = _sheet_and_cli(_example(path.name))
    for name in ("success_rate", "costs", "consequences"):
        _same(getattr(sheet, name), getattr(cli, name))
    assert (sheet.draws, sheet.seed) == (cli.draws, cli.seed)


@pytest.mark.parametrize(
    ("name", "group", "rate", "low", "high"),
    [
        ("cool_kids.yaml", None, 0.425, 0.267, 0.559),
        ("skaeve_boliger.yaml", "voksne_hjemloeshed", 0.42, 0.36, 0.48),  # Housing First
    ],
)
def test_with_an_interval_the_success_rate_is_the_same_normal(
    name: str, group: str | None, rate: float, low: float, high: float
) -> None:
    # Cool Kids: success rate 0.425 with the 95 % interval 0.267-0.559 → a normal with mean
    # 0.425 and sd = (0.559 − 0.267) / (2 × 1.96) = 0.292 / 3.919928 = 0.074491...
    changes: dict[str, Any] = {"success_rate": rate}
    if group:
        changes["target_group"] = group
    sheet, cli = _sheet_and_cli(_example(name, **changes))
    d = sheet.success_rate
    assert d is not None and d.dist == "normal" and d.mean == rate
    assert d.sd == pytest.approx((high - low) / (2 * Z_95), rel=1e-14)
    _same(d, cli.success_rate)
    # the sheet holds factors on the rate; its rates row shows the interval itself
    row = U.default_ranges(
        standard_rate_range(rate, group or "boern_angst_depression_6_13", load_kb()), rate
    )["success_rate"]
    assert row.dist == "normal" and row.mode == 1.0
    assert row.low * rate == pytest.approx(low, rel=1e-15)
    assert row.high * rate == pytest.approx(high, rel=1e-15)


# --- built workbooks: the stamped table, the reader and the command line agree ----------------


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The default workbook (Housing First, 0.42: an interval) and two built from Cool Kids
    typed into it: at its effect's 0.425 (an interval) and at the example's 0.26 (the rule)."""
    tmp = tmp_path_factory.mktemp("standard")
    kb = load_kb()
    default = build_workbook(tmp / "SOM.xlsx", kb=kb)
    out = {"housing_first": default}
    for name, rate in (("cool_kids_0425", 0.425), ("cool_kids_026", 0.26)):

        def typed(e: Editor, rate: float = rate) -> None:
            type_cool_kids(e)
            e.success_rate(rate)

        inputs = read_content(edit(default, tmp / f"{name}-typed.xlsx", typed)).inputs
        out[name] = build_workbook(tmp / f"{name}.xlsx", kb=kb, inputs=inputs)
    return out


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(args) == 0, capsys.readouterr().err
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    ("name", "dist"),
    [("housing_first", "normal"), ("cool_kids_0425", "normal"), ("cool_kids_026", "triangular")],
)
def test_built_sheet_is_the_cli_standard_and_read_back_unchanged(
    books: dict[str, Path],
    name: str,
    dist: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    book = books[name]
    content = read_content(book)
    res = content.resolve()
    s = res.success_rate
    # the cells read back are the rows the build wrote and analysed
    group = content.bkb.group_by_label(content.inputs.target_group)
    assert group is not None
    rows = U.default_ranges(standard_rate_range(s, group.id, load_kb()), s)
    assert rows["success_rate"].dist == dist
    read = read_uncertainty(book, s)
    assert read == U.spec_of(rows, s)
    # som-xl read --usikkerhed is the table stamped at build time (same spec, same seed)
    got = _json(["read", str(book), "--usikkerhed", "--json"], capsys)
    ws = openpyxl.load_workbook(book)[U.SHEET]
    total = next(r for r in range(1, 80) if ws.cell(r, 1).value == "I alt")
    assert ws.cell(total, 2).value == got["p_net_positive"]
    assert ws.cell(total, 3).value == round(got["mean"])
    stamped = [ws.cell(total, 4 + i).value for i in range(5)]
    assert stamped == [round(v) for v in got["quantiles"].values()]
    # ... and som-xl usikkerhed --standard on the workbook's scenario with its knowledge-base
    # target group (the read scenario is self-contained and would get the rule)
    data = content.scenario(res)
    data["target_group"] = group.id
    scenario = tmp_path / "scenarie.json"
    scenario.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    cli = _json(["usikkerhed", str(scenario), "--standard", "--json"], capsys)
    assert cli["central"] == pytest.approx(got["central"], rel=1e-12)
    assert cli["p_net_positive"] == pytest.approx(got["p_net_positive"], abs=1e-4)
    for q, v in cli["quantiles"].items():
        assert v == pytest.approx(got["quantiles"][q], rel=1e-9), q
    tornado = {t["input"]: t for t in got["tornado"]}
    for t in cli["tornado"]:
        for k in ("low", "high", "net_low", "net_high"):
            assert t[k] == pytest.approx(tornado[t["input"]][k], rel=1e-9), (t["input"], k)
    # the note names where the default came from (a live formula since the stamp of the
    # built inputs: its cached value is the note while the inputs match)
    formula = ws.cell(U.R_INTRO + 2, 1).value
    assert formula.startswith("=IF(") and "som-xl usikkerhed --standard" in formula
    note = openpyxl.load_workbook(book, data_only=True)[U.SHEET].cell(U.R_INTRO + 2, 1).value
    assert note.startswith("Standardintervallerne er som i som-xl usikkerhed --standard.")
    assert ("normalfordeling" in note) is (dist == "normal")


def _set_rows(rows: dict[str, tuple[Any, ...]]) -> Any:
    def change(e: Editor) -> None:
        for key, values in rows.items():
            r = U.R_FACTOR if key == "success_rate" else U.ROWS[key]
            for c, v in zip((U.C_DIST, U.C_LOW, U.C_MODE, U.C_HIGH), values, strict=True):
                e.set(U.SHEET, r, c, v)

    return change


def test_the_reader_reads_each_distribution_as_a_scenario_file_gives_it(
    books: dict[str, Path], tmp_path: Path
) -> None:
    book = books["housing_first"]
    rows = {
        "success_rate": ("TREKANT", 0.5, 0.8, 3.0),  # as Excel's "=": any case
        "costs": ("normal (95 %-interval)", 0.8, 1.1, 1.6),
        "consequences": ("trekant", 1.0, 1.0, 1.0),
    }
    changed = edit(book, tmp_path / "aendret.xlsx", _set_rows(rows))
    s = read_content(changed).resolve().success_rate
    got = read_uncertainty(changed, s)
    # the block a scenario file would give for the same rows: the rates are the factors times
    # s (0.42), at most 1; the normal's sd = (1.6 − 0.8) / (2 × 1.959964) = 0.204086
    want = UncertaintySpec.model_validate(
        {
            "success_rate": {
                "dist": "triangular",
                "low": 0.5 * s,
                "mode": 0.8 * s,
                "high": min(1.0, 3.0 * s),
            },
            "costs": {"dist": "normal", "mean": 1.1, "sd": 0.8 / (2 * Z_95)},
            "consequences": {"dist": "triangular", "low": 1.0, "mode": 1.0, "high": 1.0},
        }
    )
    assert got is not None
    for name in ("success_rate", "costs", "consequences"):
        _same(getattr(got, name), getattr(want, name))
    assert math.isclose(got.costs.sd or 0, 0.2040854, rel_tol=1e-6)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("rows", "cell", "words"),
    [
        ({"costs": ("lognormal", 0.9, 1.0, 1.3)}, ("costs", U.C_DIST), "fordelingen skal være"),
        ({"costs": (None, 0.9, 1.0, 1.3)}, ("costs", U.C_DIST), "'normal (95 %-interval)'"),
        (
            {"consequences": ("normal (95 %-interval)", 1.0, 1.0, 1.0)},
            ("consequences", U.C_LOW, U.C_HIGH),
            "lav være mindre end høj",
        ),
        (
            {"success_rate": ("normal (95 %-interval)", 1.2, 0.9, 1.5)},
            ("success_rate", U.C_LOW, U.C_HIGH),
            "lav ≤ typisk ≤ høj",
        ),
        (
            # both bounds times 0.42 reach the ceiling 1: no spread is left
            {"success_rate": ("normal (95 %-interval)", 2.5, 2.6, 3.0)},
            ("success_rate", U.C_LOW, U.C_HIGH),
            "afkortet til højst 1",
        ),
    ],
)
def test_bad_rows_are_danish_problems_naming_the_cell(
    books: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    rows: dict[str, tuple[Any, ...]],
    cell: tuple[Any, ...],
    words: str,
) -> None:
    book = books["housing_first"]
    bad = edit(book, tmp_path / "forkert.xlsx", _set_rows(rows))
    key, *columns = cell
    r = U.R_FACTOR if key == "success_rate" else U.ROWS[key]
    place = ":".join(a1(r, c) for c in columns)
    with pytest.raises(InputError) as exc:
        read_uncertainty(bad, 0.42)
    assert f"{U.SHEET}!{place}" in exc.value.text() and words in exc.value.text()
    assert main(["read", str(bad), "--usikkerhed"]) == 2
    err = capsys.readouterr().err
    assert f"{U.SHEET}!{place}" in err and words in err and "Traceback" not in err
