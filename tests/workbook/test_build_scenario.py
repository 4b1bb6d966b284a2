"""``som-xl build --scenario FIL``: the workbook filled with a scenario file, proved by round trips.

The round trip: for every file in examples/ and the hand-made files in
tests/fixtures/build_scenario/ (each exercising a group of keys), build the workbook from the
file, recalculate it with LibreOffice (all files in one run), then

* ``som-xl read`` the recalculated workbook: its net result per year and purse (and in
  total, discounted and not) equals ``som-xl calc`` on the file, to the krone;
* LibreOffice's own figures on the sheet Resultat (net per year and purse, the headline
  figures) equal ``som-xl calc`` on the file as well.

Besides: the Danish refusals of keys the sheets cannot hold (file, line, key; exit code 2,
nothing written), a bad file, the warnings about lossy details, the default file name and
that a user's file is never overwritten.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from som_xl.cli import main
from som_xl.conventions import PURSE_LABELS
from som_xl.inputs import load_scenario
from som_xl.kb import load_kb
from som_xl.workbook import layout as L
from som_xl.workbook import text as T
from som_xl.workbook.book import book_kb
from som_xl.workbook.from_scenario import scenario_to_inputs
from som_xl.workbook.layout import Layout
from tests.libreoffice import recalculate, soffice
from tests.workbook_scenarios import named_values

ROOT = Path(__file__).resolve().parents[2]
HAND = ROOT / "tests" / "fixtures" / "build_scenario"
FILES = sorted((ROOT / "examples").glob("*.yaml")) + sorted(HAND.glob("*.yaml"))
IDS = [f.stem for f in FILES]


def _json(args: list[str], out: Path) -> dict[str, Any]:
    assert main([*args, "--json", "--out", str(out)]) == 0
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Each file's workbook (built by the command line) and what the command printed."""
    import contextlib
    import io

    folder = tmp_path_factory.mktemp("bygget")
    out: dict[str, tuple[Path, str]] = {}
    for f in FILES:
        book = folder / f"{f.stem}.xlsx"
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            rc = main(["build", "--scenario", str(f), "--out", str(book)])
        assert rc == 0, printed.getvalue()
        out[f.stem] = (book, printed.getvalue())
    return out


@pytest.fixture(scope="module")
def recalculated(
    built: dict[str, tuple[Path, str]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Every built workbook recalculated by LibreOffice, in one run."""
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) mangler, men CI er sat")
        pytest.skip("LibreOffice (soffice) er ikke installeret")
    out = tmp_path_factory.mktemp("genberegnet")
    names = list(built)
    done = recalculate([built[n][0] for n in names], out)
    return dict(zip(names, done, strict=True))


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", IDS)
def test_round_trip_equals_calc(name: str, recalculated: dict[str, Path], tmp_path: Path) -> None:
    file = next(f for f in FILES if f.stem == name)
    want = _json(["calc", str(file)], tmp_path / "calc.json")
    got = _json(["read", str(recalculated[name])], tmp_path / "read.json")
    krone = {"abs": 0.5}
    assert got["net_result"] == pytest.approx(want["net_result"], **krone)
    by_purse = {p["purse"]: p for p in want["by_purse"]}
    for p in got["by_purse"]:
        w = by_purse[p["purse"]]
        assert p["net_by_year"] == pytest.approx(w["net_by_year"], **krone), p["purse"]
        assert p["discounted_net"] == pytest.approx(w["discounted_net"], **krone), p["purse"]
    assert set(by_purse) == {p["purse"] for p in got["by_purse"]}

    # LibreOffice's own figures (the formulas, not the reader's engine run)
    values = named_values(recalculated[name])
    assert values["som.nettoresultat"] == pytest.approx(want["net_result"]["undiscounted"], **krone)
    assert values["som.nettoresultat_nv"] == pytest.approx(
        want["net_result"]["discounted"], **krone
    )
    lay = Layout(book_kb(load_kb()).counts())
    ws = openpyxl.load_workbook(recalculated[name], data_only=True)[T.RESULTAT]
    for a, purse in enumerate(PURSE_LABELS):
        nets = by_purse[purse]["net_by_year"] if purse in by_purse else []
        for t, net in enumerate(nets):
            cell = ws.cell(lay.res_year_first + 2 + t, 9 + a).value
            assert cell == pytest.approx(net, **krone), (purse, t)


def test_examples_build_without_warnings_but_the_own_target_group(
    built: dict[str, tuple[Path, str]],
) -> None:
    for f in FILES:
        if f.parent != ROOT / "examples":
            continue
        printed = built[f.stem][1]
        assert printed.endswith(f"Projektmappen er bygget med scenariet {f}: {built[f.stem][0]}\n")
        warnings = [line for line in printed.splitlines() if line.startswith("Advarsel:")]
        if f.stem == "egen_beregning":
            assert len(warnings) == 1 and "nøgle 'target_group'" in warnings[0]
            assert "målgruppe fra vidensdatabasen" in warnings[0]
        else:
            assert warnings == [], warnings


def test_lossy_details_are_warned_with_file_line_and_key(
    built: dict[str, tuple[Path, str]],
) -> None:
    printed = built["andre_noegler"][1]
    file = HAND / "andre_noegler.yaml"
    for key, words in (
        ("costs[1].years", "deltagere × beløb"),
        ("realised.2025.costs", "ét beløb for året"),
        ("uncertainty.seed", "frø 2025"),
        ("uncertainty.services", "enkelte ydelsers priser"),
        ("uncertainty.success_rate", "kun trekants- og normalfordelinger (ikke beta)"),
        ("variants.kort", "ændrer horizon_years"),
    ):
        line = next((x for x in printed.splitlines() if f"nøgle '{key}'" in x), "")
        assert line.startswith(f"Advarsel: {file}, linje "), (key, printed)
        assert words in line, line
    assert "nøgle 'consequences[3].relative'" in built["alle_noegler"][1]


def test_every_hand_made_sheet_is_filled(built: dict[str, tuple[Path, str]]) -> None:
    """The hand-made file's keys land on their sheets (what the round trip cannot see)."""
    wb = openpyxl.load_workbook(built["alle_noegler"][0])
    variants = wb[T.VARIANTER]
    assert variants.cell(L.VAR_FIRST + 1, L.VAR_NAME + 1).value == "lav"
    assert variants.cell(L.VAR_FIRST + 1, L.VAR_RATE + 1).value == pytest.approx(0.1)
    kb = load_kb()
    spec, lines = load_scenario(HAND / "alle_noegler.yaml")
    inp = scenario_to_inputs(spec, kb, "f", lines).inputs
    assert inp.success_rate == 0.35 and inp.success_without == 0.1
    assert inp.drop_off == 0.05 and inp.optimism == (0.1, 0.05)
    assert inp.default_tail == ("Aftag", 0.1)
    assert inp.discount == T.FAST_RENTE and inp.fixed_rate == 0.04
    drift = next(c for c in inp.year_costs if c is not None and c.label == "Drift")
    assert drift.amounts == {0: 1200000, 1: 1200000, 2: 1200000, 3: 300000}
    saving = next(c for c in inp.year_costs if c is not None and c.kind == T.ART_SPARET)
    assert saving.amounts == {0: 300000, 1: 300000}
    assert [r.form for r in inp.resources if r is not None] == [T.FORM_FTE, T.FORM_HOURS]
    assert inp.realised[0].costs == 1800000 and inp.realised[1].participants == 22
    assert inp.committee_of["Indsatsens omkostninger"] == "Økonomiudvalget"
    assert inp.local_prices["forsorgshjem_doegn"].prices == (1400, None, None)
    assert [o.label for o in inp.own_services if o is not None] == ["Mentortime (lokal)"]
    # the success rate's range as factors on the net rate 0,25 (0,15 / 0,25 = 0,6 ...)
    assert inp.uncertainty is not None
    dist, *rate = inp.uncertainty["success_rate"]
    assert dist == "triangular" and rate == pytest.approx([0.6, 1.0, 1.2])
    assert inp.uncertainty["costs"] == ("triangular", 0.9, 1.0, 1.5)


def test_a_normal_range_is_held_as_its_95_interval() -> None:
    """The sheet holds a normal row as its 95 % interval and mean (r-wbnormal): a file's
    normal success rate {mean 0,3, sd 0,05} becomes factors on 0,3: (0,3 ∓ 1,96 × 0,05) / 0,3
    = 0,6733 … 1,3267, typical 1."""
    from som_xl.inputs import parse_scenario

    data = {k: v for k, v in BASE.items() if k != "uncertainty"}
    data.update(
        success_rate=0.3, uncertainty={"success_rate": {"dist": "normal", "mean": 0.3, "sd": 0.05}}
    )
    inp = scenario_to_inputs(parse_scenario(data), load_kb(), "f", None).inputs
    assert inp.uncertainty is not None
    dist, low, mode, high = inp.uncertainty["success_rate"]
    assert dist == "normal" and mode == pytest.approx(1.0)
    assert (low, high) == pytest.approx(
        ((0.3 - 1.959964 * 0.05) / 0.3, (0.3 + 1.959964 * 0.05) / 0.3)
    )


def test_the_files_ranges_are_on_the_sheet_or_warned(built: dict[str, tuple[Path, str]]) -> None:
    """Never silent: the sheet Usikkerhed holds the file's ranges, or the command says it
    does not (until sheets/usikkerhed.py reads Inputs.uncertainty)."""
    from som_xl.workbook.read_sheets import read_uncertainty

    book, printed = built["alle_noegler"]
    unc = read_uncertainty(book, 0.25)
    assert unc is not None and unc.costs is not None
    on_sheet = (unc.costs.low, unc.costs.mode, unc.costs.high) == (0.9, 1.0, 1.5)
    warned = "nøgle 'uncertainty': arket Usikkerhed viser endnu sine standardintervaller" in printed
    assert on_sheet != warned, printed


def test_the_usikkerhed_sheet_holds_the_files_ranges(built: dict[str, tuple[Path, str]]) -> None:
    from som_xl.workbook.read_sheets import read_uncertainty

    unc = read_uncertainty(built["alle_noegler"][0], 0.25)
    assert unc is not None and unc.costs is not None
    assert (unc.costs.low, unc.costs.mode, unc.costs.high) == (0.9, 1.0, 1.5)


# --- refusals -------------------------------------------------------------------------------

BASE: dict[str, Any] = yaml.safe_load((ROOT / "examples" / "cool_kids.yaml").read_text("utf-8"))


def _refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: dict[str, Any]) -> str:
    f = tmp_path / "s.yaml"
    f.write_text(yaml.safe_dump({**BASE, **changes}, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "s.xlsx"
    assert main(["build", "--scenario", str(f), "--out", str(out)]) == 2
    assert not out.exists(), "a refused scenario writes no workbook"
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return captured.err + captured.out


@pytest.mark.parametrize(
    ("changes", "key", "words"),
    [
        ({"price_index": {2023: 100, 2024: 102}}, "price_index", "eget prisindeks"),
        (
            {"discount_rate": [{"from_year": 1, "rate": 0.04}, {"from_year": 5, "rate": 0.03}]},
            "discount_rate",
            "renteforløb med flere trin",
        ),
        (
            {"services": [{"id": "forsorgshjem_doegn", "direction": "revenue"}]},
            "services[1].direction",
            "anden retning",
        ),
        (
            {
                "costs": [
                    {
                        "label": "X",
                        "kind": "once",
                        "year": 2025,
                        "amount": 5,
                        "budget_item": "Egen post",
                    }
                ]
            },
            "costs[1].budget_item",
            "udgiftsposten findes ikke",
        ),
        (
            {
                "costs": [
                    {"label": f"Post {n}", "kind": "once", "year": 2025, "amount": 1000 + n}
                    for n in range(11)
                ]
            },
            "costs[11]",
            "ikke flere ledige rækker på arket Omkostninger (plads til 10)",
        ),
        (
            {
                "add_consequences": [
                    {"service": sid, "profile": [-1]}
                    for sid in (
                        "forsorgshjem_doegn",
                        "bostoette_time",
                        "faengsel_doegn",
                        "skadestue_besoeg",
                        "kontanthjaelp_uge",
                        "somatisk_sengedag",
                        "psykiatrisk_sengedag",
                    )
                ]
            },
            "add_consequences[7]",
            "ikke flere ledige rækker på arket Konsekvenser (plads til 6)",
        ),
        (
            {
                "consequences": [{"service": "egen", "profile": [-1]}],
                "services": [
                    {
                        "id": "egen",
                        "label": "Ophold på forsorgshjem/herberg (SEL § 110)",
                        "unit": "døgn",
                        "direction": "expenditure",
                        "budget_item": "Sociale serviceydelser for voksne",
                        "prices": {"kommune": 100},
                    },
                ],
            },
            "services[1].label",
            "navnet bruges allerede af vidensdatabasens ydelse 'forsorgshjem_doegn'",
        ),
        (
            {
                "realised": {
                    2025: {
                        "costs": [
                            {
                                "label": "X",
                                "kind": "once",
                                "year": 2025,
                                "amount": 5,
                                "purse": "region",
                            }
                        ]
                    }
                }
            },
            "realised.2025.costs",
            "realiserede omkostninger for andre end kommunen",
        ),
    ],
    ids=[
        "price_index",
        "steps",
        "kb_direction",
        "item",
        "rows",
        "own_rows",
        "own_label",
        "realised_purse",
    ],
)
def test_what_the_sheets_cannot_hold_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, Any],
    key: str,
    words: str,
) -> None:
    text = _refused(tmp_path, capsys, changes)
    assert f"{tmp_path / 's.yaml'}, linje " in text, text
    assert f"nøgle '{key}'" in text and words in text, text


def test_a_bad_file_is_refused_in_danish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _refused(tmp_path, capsys, {"horisont": 10})
    assert "nøgle 'horisont'" in text and "ukendt nøgle" in text, text
    f = tmp_path / "brudt.yaml"
    f.write_text("start_year: 2025\nhorizon_years: [10\n", encoding="utf-8")
    assert main(["build", "--scenario", str(f), "--out", str(tmp_path / "b.xlsx")]) == 2
    err = capsys.readouterr().err
    assert str(f) in err and "Traceback" not in err, err
    assert main(["build", "--scenario", str(tmp_path / "findes_ikke.yaml")]) == 2
    assert "findes_ikke.yaml" in capsys.readouterr().err


def test_default_name_and_a_users_file_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "cool.yaml"
    f.write_text(yaml.safe_dump(BASE, allow_unicode=True), encoding="utf-8")
    book = tmp_path / "cool.xlsx"
    book.write_bytes(b"brugerens egen fil")
    assert main(["build", "--scenario", str(f)]) == 0  # default: next to the file
    out = capsys.readouterr().out
    kept = tmp_path / "cool.forrige-1.xlsx"
    assert kept.read_bytes() == b"brugerens egen fil"
    assert f"Den eksisterende fil er gemt som {kept}" in out
    assert book.read_bytes()[:2] == b"PK"
    # our own build at the same place is replaced without keeping a copy
    assert main(["build", "--scenario", str(f)]) == 0
    assert not (tmp_path / "cool.forrige-2.xlsx").exists()


@pytest.mark.parametrize("name", ["alle_noegler", "andre_noegler", "egen_maalgruppe"])
def test_a_read_scenario_builds_again_without_losing_anything(
    name: str, built: dict[str, tuple[Path, str]], tmp_path: Path
) -> None:
    """Workbook → ``som-xl read --scenario-out`` → ``build --scenario``: the scenario the
    reader writes (knowledge-base groups, schedules and prices written out) fills the
    workbook again without a warning, and with the same result (the builder's own check)."""
    import contextlib
    import io

    out = tmp_path / "ud.yaml"
    assert main(["read", str(built[name][0]), "--scenario-out", str(out)]) == 0
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["build", "--scenario", str(out), "--out", str(tmp_path / "ud.xlsx")]) == 0
    assert "Advarsel" not in printed.getvalue(), printed.getvalue()


def test_a_named_intervention_fills_indsats_and_its_rate(tmp_path: Path) -> None:
    """``intervention: cool_kids`` without a success rate: Indsats shows Cool Kids, the rate
    cell holds the knowledge base's 0,425, and the workbook reads back to the file's result."""
    from som_xl.inputs import parse_scenario, resolve
    from som_xl.results import calculate
    from som_xl.workbook.read import read_checked

    kb = load_kb()
    data = {k: v for k, v in BASE.items() if k != "success_rate"}
    data.update(target_group="boern_angst_depression_6_13", intervention="cool_kids")
    f = tmp_path / "indsats.yaml"
    f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    book = tmp_path / "indsats.xlsx"
    assert main(["build", "--scenario", str(f), "--out", str(book)]) == 0
    content = read_checked(book)
    effect = next(e for e in content.bkb.effects if e.id == "cool_kids")
    assert content.inputs.intervention == effect.display
    assert content.inputs.success_rate == pytest.approx(0.425)
    read = calculate(content.resolve())
    want = calculate(resolve(parse_scenario(data), kb))
    assert read.net_discounted == pytest.approx(want.net_discounted, abs=0.01)
    assert read.resolved.intervention is not None
    assert read.resolved.intervention.id == "cool_kids"
