"""som-xl calc: the readable tables (pinned), and the tidy rows as a Danish CSV file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from som_xl.cli import main
from tests.conftest import STANDALONE, standalone

ROOT = Path(__file__).resolve().parents[2]
BOM = b"\xef\xbb\xbf"
HEADER = ["år", "aktør", "udgiftspost", "art", "beløb", "beløb (nutidsværdi)"]

#: The whole readable output of the hand-calculated scenario (tests/engine/test_engine_hand.py).
EXPECTED = """\
Scenarie: Håndregnet eksempel
Startår 2025, horisont 4 år, prisniveau 2024, diskontering 5 %, forløb 1 år, succesrate 30,0 %

År    Omkostninger  Gevinster     Netto  Diskfaktor  Netto (NV)  Akkumuleret (NV)
----  ------------  ---------  --------  ----------  ----------  ----------------
2025       170.000          0  -170.000      1,0000    -170.000          -170.000
2026        60.000     66.000     6.000      0,9524       5.714          -164.286
2027             0    171.000   171.000      0,9070     155.102            -9.184
2028             0     99.000    99.000      0,8638      85.520            76.336

Aktør    Omkostninger  Gevinster    Netto  Netto (NV)
-------  ------------  ---------  -------  ----------
Kommune       130.000    231.000  101.000      79.061
Region        100.000     63.000  -37.000     -40.314
Stat                0     42.000   42.000      37.590

Udgiftspost                        Omkostninger  Gevinster     Netto  Netto (NV)
---------------------------------  ------------  ---------  --------  ----------
Sociale serviceydelser for voksne             0    189.000   189.000     171.914
Skatteindtægter                               0    147.000   147.000     131.565
Indsatsens omkostninger                 230.000          0  -230.000    -227.143

Udvalg       Omkostninger  Gevinster    Netto  Netto (NV)  Break-even-år  Gevinst pr. kr.
-----------  ------------  ---------  -------  ----------  -------------  ---------------
Uden udvalg       130.000    231.000  101.000      79.061  2027                      1,61
I alt             130.000    231.000  101.000      79.061

Aktør    Netto (NV)  Break-even-år              Gevinst pr. kr.
-------  ----------  -------------------------  ---------------
Kommune      79.061  2027                                  1,61
Region      -40.314  ikke inden for horisonten             0,59
Stat         37.590  2026

Nettoresultat (udiskonteret):          106.000 kr.
Nettoresultat (nutidsværdi):           76.336 kr.
Kommunens nettoresultat (nutidsværdi): 79.061 kr.
Break-even-år: 2028
Break-even-succesrate: 22,5 %
Gevinst pr. omkostningskrone: 1,34
"""


def _write(tmp_path: Path, data: dict[str, Any], name: str = "s.yaml") -> Path:
    f = tmp_path / name
    f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return f


def test_readable_output_is_pinned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calc", str(_write(tmp_path, STANDALONE))]) == 0
    assert capsys.readouterr().out == EXPECTED


def test_the_headline_says_the_kommunes_own_net(capsys: pytest.CaptureFixture[str]) -> None:
    """Right after the total net at present value: the kommune purse's own, the JSON's
    ``by_purse`` kommune ``discounted_net`` (here negative while the total is positive)."""
    path = ROOT / "examples" / "cool_kids.yaml"
    assert main(["calc", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (kommune,) = [p for p in data["by_purse"] if p["purse"] == "kommune"]
    assert main(["calc", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Nettoresultat (nutidsværdi):"))
    name, _, value = lines[at + 1].partition(":")
    assert name == "Kommunens nettoresultat (nutidsværdi)"
    kr = int(value.strip().removesuffix(" kr.").replace(".", ""))
    assert abs(kr - kommune["discounted_net"]) <= 0.5
    assert kr == round(kommune["discounted_net"])  # -715.377 kr. in this example


def test_undefined_figures_say_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = standalone(consequences=[], costs=[], services=[])
    data["costs"] = [{"label": "Sparet", "kind": "once", "year": 2025, "amount": -1000}]
    assert main(["calc", str(_write(tmp_path, data))]) == 0
    out = capsys.readouterr().out
    assert "Break-even-succesrate: ingen (gevinsterne er ikke positive)" in out
    assert "Gevinst pr. omkostningskrone: ingen (omkostningerne er ikke positive)" in out


def _parse_danish(text: str) -> float:
    assert "." not in text and "e" not in text.lower(), text  # no thousands dots, no exponent
    return float(text.replace(",", "."))


def _rows_from_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(
        csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline=""), delimiter=";")
    )


def _json_rows(path: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    assert main(["calc", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["rows"]  # type: ignore[no-any-return]


def _assert_round_trip(csv_rows: list[list[str]], json_rows: list[dict[str, Any]]) -> None:
    purses = {"kommune": "Kommune", "region": "Region", "stat": "Stat"}
    kinds = {"cost": "omkostning", "gain": "gevinst"}
    assert csv_rows[0] == HEADER
    assert len(csv_rows) - 1 == len(json_rows)
    for row, want in zip(csv_rows[1:], json_rows, strict=True):
        year, purse, item, kind, value, discounted = row
        assert int(year) == want["year"]
        assert (purse, item, kind) == (
            purses[want["purse"]],
            want["budget_item"],
            kinds[want["kind"]],
        )
        assert abs(_parse_danish(value) - want["value"]) <= 0.005  # to the øre
        assert abs(_parse_danish(discounted) - want["discounted_value"]) <= 0.005


@pytest.mark.parametrize("example", ["modificeret_act", "cool_kids", "egen_beregning"])
def test_csv_round_trip_to_the_oere(
    example: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    scenario = ROOT / "examples" / f"{example}.yaml"
    out = tmp_path / "ud" / "rækker.csv"
    assert main(["calc", str(scenario), "--csv", "--out", str(out)]) == 0
    assert str(out) in capsysbinary.readouterr().out.decode("utf-8")
    data = out.read_bytes()
    assert main(["calc", str(scenario), "--csv"]) == 0
    assert capsysbinary.readouterr().out == data  # stdout gives the same bytes
    assert main(["calc", str(scenario), "--json"]) == 0
    json_rows = json.loads(capsysbinary.readouterr().out.decode("utf-8"))["rows"]
    _assert_round_trip(_rows_from_csv(data), json_rows)
    assert b"\r\n" in data and not list(out.parent.glob(".*.tmp"))


def test_csv_quotes_separators_in_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = standalone()
    data["services"][0]["budget_item"] = 'Bolig; "særlige" pladser'
    scenario = _write(tmp_path, data)
    out = tmp_path / "r.CSV"
    assert main(["calc", str(scenario), "--csv", "--out", str(out)]) == 0
    rows = _rows_from_csv(out.read_bytes())
    capsys.readouterr()
    _assert_round_trip(rows, _json_rows(scenario, capsys))
    assert 'Bolig; "særlige" pladser' in {r[2] for r in rows}


def test_json_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = _write(tmp_path, STANDALONE)
    out = tmp_path / "r.json"
    assert main(["calc", str(scenario), "--json", "--out", str(out)]) == 0
    capsys.readouterr()
    assert json.loads(out.read_text(encoding="utf-8"))["rows"] == _json_rows(scenario, capsys)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--csv", "--out", "r.xlsx"], "skal ende på .csv"),
        (["--json", "--out", "r.csv"], "skal ende på .json"),
        (["--out", "r.csv"], "bruges sammen med --csv eller --json"),
        (["--csv", "--json"], "kan ikke bruges sammen med"),
    ],
)
def test_output_options_are_checked(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = _write(tmp_path, STANDALONE)
    args = [str(tmp_path / a) if a.startswith("r.") else a for a in args]
    assert main(["calc", str(scenario), *args]) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("r.*"))


def test_csv_never_overwrites_the_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "s.csv"  # a scenario may have any name; JSON content parses as YAML
    scenario.write_text(json.dumps(STANDALONE), encoding="utf-8")
    before = scenario.read_bytes()
    assert main(["calc", str(scenario), "--csv", "--out", str(scenario)]) == 2
    assert "må ikke overskrive" in capsys.readouterr().err
    assert scenario.read_bytes() == before


def test_a_misspelled_key_in_a_variant_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """User trial: calc exited 0 where validate and sammenlign caught the variant's typo."""
    path = _write(tmp_path, standalone(variants={"hoej": {"succes_rate": 0.4}}))
    assert main(["calc", str(path)]) == 2
    err = capsys.readouterr().err
    assert "variant 'hoej'" in err and "'succes_rate'" in err and "success_rate" in err
    assert (
        main(["calc", str(_write(tmp_path, standalone(variants={"hoej": {"success_rate": 0.4}})))])
        == 0
    )
