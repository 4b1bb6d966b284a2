"""The command line: JSON contract, readable output, knowledge-base browsing, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from som_xl.cli import main
from tests.conftest import STANDALONE


def _calc_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    assert main(["calc", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_calc_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(yaml.safe_dump(STANDALONE, allow_unicode=True), encoding="utf-8")
    data = _calc_json(f, capsys)
    for key in (
        "net_result",
        "years",
        "by_purse",
        "by_budget_item",
        "break_even_year",
        "break_even_success_rate",
        "benefit_cost_ratio",
        "rows",
    ):
        assert key in data
    assert data["net_result"]["undiscounted"] == pytest.approx(106000)
    assert data["net_result"]["discounted"] == pytest.approx(
        -170000 + 6000 / 1.05 + 171000 / 1.05**2 + 99000 / 1.05**3
    )
    assert data["break_even_year"] == 2028
    year = data["years"][1]
    assert set(year) == {
        "year",
        "costs",
        "gains",
        "net",
        "discount_factor",
        "discounted_net",
        "cumulative_discounted_net",
    }
    assert data["kb_fingerprint"] is None  # needed nothing from the knowledge base


def test_calc_json_file_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "s.json"
    f.write_text(json.dumps(STANDALONE), encoding="utf-8")
    assert _calc_json(f, capsys)["net_result"]["undiscounted"] == pytest.approx(106000)


def test_calc_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(yaml.safe_dump(STANDALONE, allow_unicode=True), encoding="utf-8")
    assert main(["calc", str(f)]) == 0
    out = capsys.readouterr().out
    assert "Nettoresultat (udiskonteret):          106.000 kr." in out
    assert "Break-even-år: 2028" in out
    assert "Kommune" in out and "Skatteindtægter" in out


def test_calc_with_target_group(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(
        "name: ACT\ntarget_group: voksne_hjemloeshed\nstart_year: 2025\nhorizon_years: 10\n"
        "participants: {2025: 20, 2026: 20}\nsuccess_rate: 0.3\ndiscount_rate: fm\n"
        "costs:\n  - {label: Drift, kind: annual, years: [2025, 2026], amount: 1000000}\n",
        encoding="utf-8",
    )
    data = _calc_json(f, capsys)
    assert data["kb_fingerprint"]
    assert data["gains"]["undiscounted"] > 0
    assert len(data["consequences"]) >= 3


def test_skoen(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "skoen",
            "--maalgruppe",
            "voksne_hjemloeshed",
            "--deltagere",
            "20",
            "--pris",
            "60000",
            "--succesrate",
            "0.25",
            "--json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["affected_services"]
    assert data["costs"]["undiscounted"] == pytest.approx(20 * 60000)
    assert data["success_rate"] == 0.25
    assert (
        main(
            ["skoen", "--maalgruppe", "voksne_hjemloeshed", "--deltagere", "20", "--pris", "60000"]
        )
        == 0
    )
    assert "BUDGETØKONOMISK SKØN" in capsys.readouterr().out


def test_skoen_warns_of_an_intervention_studied_for_another_group(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """User trial: Cool Kids' 42,5 % for homeless adults went unremarked. skoen goes through
    calc's rule (the resolver's intervention): the same warning, and the intervention block."""
    args = ["--maalgruppe", "voksne_hjemloeshed", "--deltagere", "20", "--pris", "60000"]
    assert main(["skoen", *args, "--indsats", "cool_kids"]) == 0
    warning = "er undersøgt for målgruppen 'boern_angst_depression_6_13'"
    assert "Advarsel: Indsatsen 'cool_kids'" in capsys.readouterr().out
    assert main(["skoen", *args, "--indsats", "cool_kids", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(warning in w for w in data["warnings"])
    assert data["intervention"]["id"] == "cool_kids"
    assert data["intervention"]["success_rate_from_kb"] is True
    assert main(["skoen", *args, "--json"]) == 0  # the group's own best effect: no warning
    data = json.loads(capsys.readouterr().out)
    assert data["intervention"]["target_group"] == "voksne_hjemloeshed"
    assert not any("er undersøgt for målgruppen" in w for w in data["warnings"])


def test_skoen_unknown_group(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["skoen", "--maalgruppe", "hjemloese", "--deltagere", "20", "--pris", "1"]) == 2
    assert "ukendt målgruppe" in capsys.readouterr().err


@pytest.mark.parametrize("what", ["maalgrupper", "ydelser", "konsekvenser", "effekter", "kilder"])
def test_kb_list(what: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "list", what]) == 0
    assert len(capsys.readouterr().out.splitlines()) > 3


def test_kb_show_and_search(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "show", "forsorgshjem_doegn"]) == 0
    out = capsys.readouterr().out
    assert "kilde:" in out and "status" in out
    assert main(["kb", "show", "voksne_hjemloeshed"]) == 0
    assert "konsekvenser" in capsys.readouterr().out
    assert main(["kb", "show", "forsorgshjem_dogn"]) == 2
    assert "mente du 'forsorgshjem_doegn'" in capsys.readouterr().err
    assert main(["kb", "search", "psykiatri"]) == 0
    assert "psykiatri" in capsys.readouterr().out.lower()
    assert main(["kb", "list", "ting"]) == 2


def test_validate_knowledge_base(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "gyldig" in out and "illustrative" in out
    assert "advarsel" not in out


def test_usage_error_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calc"]) == 2
    assert main(["--version"]) == 0


def test_scenario_out_is_written_with_normal_permissions(tmp_path: Path) -> None:
    import os

    from som_xl.files import write_atomic

    target = tmp_path / "ud.yaml"
    old = os.umask(0o022)
    try:
        write_atomic(target, b"x: 1\n")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"x: 1\n"
    assert target.stat().st_mode & 0o777 == 0o644  # like any new file, not mkstemp's 0600
    assert not list(tmp_path.glob(".ud.yaml.*"))  # no temporary file left behind


def test_build_never_loses_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "SOM.xlsx"
    assert main(["build", "--out", str(out)]) == 0
    built = out.read_bytes()
    assert main(["build", "--out", str(out)]) == 0  # identical: nothing to keep
    assert not list(tmp_path.glob("*.forrige-*"))
    # Our own earlier build (unchanged since) is replaced without a copy, even if it differs.
    stamp = tmp_path / ".SOM.xlsx.sha256"
    out.write_bytes(b"an older build")
    import hashlib

    stamp.write_text(hashlib.sha256(b"an older build").hexdigest(), encoding="ascii")
    assert main(["build", "--out", str(out)]) == 0
    assert not list(tmp_path.glob("*.forrige-*"))
    out.write_bytes(b"filled in by a user")
    capsys.readouterr()
    assert main(["build", "--out", str(out)]) == 0
    assert "forrige-1" in capsys.readouterr().out
    assert (tmp_path / "SOM.forrige-1.xlsx").read_bytes() == b"filled in by a user"
    assert out.read_bytes() == built
    out.write_bytes(b"again")
    assert main(["build", "--out", str(out), "--overskriv"]) == 0
    assert not (tmp_path / "SOM.forrige-2.xlsx").exists()
    assert main(["build", "--out", str(tmp_path)]) == 2


def test_write_failures_are_danish_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("x", encoding="utf-8")
    assert main(["build", "--out", str(blocker / "SOM.xlsx")]) == 2
    assert "kan ikke skrives" in capsys.readouterr().err


def test_usage_errors_are_danish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["skoen"]) == 2
    err = capsys.readouterr().err
    assert "disse argumenter mangler" in err and "brug:" in err
    assert main(["skoen", "--maalgruppe", "x", "--deltagere", "abc", "--pris", "1"]) == 2
    assert "--deltagere" in (err := capsys.readouterr().err) and "skal være et tal" in err
    assert main(["calc", "--help"]) == 0
    assert "vis denne hjælp" in capsys.readouterr().out


def test_build_refuses_an_out_that_is_no_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`som-xl build --out SOM` or `--out resultat.csv` would give a workbook Excel does not
    open by its name: refused before anything is built, nothing written."""
    for name in ("SOM", "resultat.csv"):
        assert main(["build", "--out", str(tmp_path / name)]) == 2
        err = capsys.readouterr().err
        assert f"{name}: filnavnet skal ende på .xlsx" in err
    assert list(tmp_path.iterdir()) == []


def test_help_texts_are_danish_and_name_every_argument(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every argument of every command has a help text, argparse's own ones in Danish."""
    import argparse

    from som_xl.cli.main import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = [
        f"{name} {action.dest}"
        for name, command in sub.choices.items()
        for action in command._actions
        if not action.help
    ]
    assert missing == []
    assert main(["--help"]) == 0
    assert "vis versionen og afslut" in capsys.readouterr().out
    assert main(["build", "--help"]) == 0
    assert "--out FIL" in capsys.readouterr().out


def test_kb_show_without_an_id_asks_for_one(capsys: pytest.CaptureFixture[str]) -> None:
    """`som-xl kb show` alone said "ukendt id; kendte værdier: a_dagpenge_uge, … (værdi: '')"."""
    assert main(["kb", "show"]) == 2
    err = capsys.readouterr().err
    assert "angiv et id" in err and "som-xl kb show forsorgshjem_doegn" in err
    assert "værdi: ''" not in err
