"""som-xl sammenlign: files and named variants side by side, differences, shared groups."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from som_xl.cli import main
from som_xl.errors import InputError
from som_xl.results.compare import cases_from_data, compare, load_cases
from tests.conftest import run, standalone

ROOT = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_variants_are_the_base_with_overrides() -> None:
    data = standalone(variants={"lav": {"success_rate": 0.1}, "høj": {"success_rate": 0.5}})
    cmp = compare(cases_from_data(data, "f.yaml"), None)
    assert [c.case.label for c in cmp.cases] == ["Håndregnet eksempel", "lav", "høj"]
    base = run(standalone())
    low = run(standalone(success_rate=0.1))
    assert cmp.cases[1].net == pytest.approx(low.net_discounted, rel=1e-12)
    assert cmp.cases[1].difference == pytest.approx(
        low.net_discounted - base.net_discounted, rel=1e-12
    )
    # per purse: the variant's discounted net minus the base's, purse by purse
    for row_low, row_base in zip(low.by_purse(), base.by_purse(), strict=True):
        p = row_low["purse"]
        assert cmp.cases[1].difference_by_purse[p] == pytest.approx(
            row_low["discounted_net"] - row_base["discounted_net"], rel=1e-12, abs=1e-9
        )
    assert cmp.cases[0].difference == 0.0
    assert cmp.warnings == ()


def test_a_bad_variant_names_file_and_variant() -> None:
    data = standalone(variants={"lav": {"success_rate": 1.5}})
    with pytest.raises(InputError) as exc:
        cases_from_data(data, "f.yaml")
    assert "f.yaml, variant 'lav', nøgle 'success_rate'" in exc.value.text()


def test_unknown_base_is_a_danish_problem() -> None:
    cases = cases_from_data(standalone(variants={"lav": {"success_rate": 0.1}}), "f.yaml")
    with pytest.raises(InputError) as exc:
        compare(cases, None, base="lv")
    assert "--basis" in exc.value.text() and "lav" in exc.value.text()


def test_shared_target_group_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = ROOT / "examples" / "modificeret_act.yaml"
    b = ROOT / "examples" / "skaeve_boliger.yaml"
    c = ROOT / "examples" / "cool_kids.yaml"
    assert main(["sammenlign", str(a), str(b), str(c), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert len(d["warnings"]) == 1 and "voksne_hjemloeshed" in d["warnings"][0]
    assert d["cases"][0]["difference"]["discounted_net"] == 0.0
    assert {"by_purse", "by_committee", "difference"} <= set(d["cases"][1])
    # variants of one file are alternatives, not a portfolio: no warning
    path = _write(
        tmp_path,
        "v.yaml",
        standalone(target_group="voksne_hjemloeshed", variants={"b": {"success_rate": 0.2}}),
    )
    cases = load_cases([path])
    from som_xl import load_kb

    assert compare(cases, load_kb).warnings == ()


def test_cli_text_side_by_side(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(
        tmp_path,
        "s.yaml",
        standalone(variants={"lav": {"success_rate": 0.1}, "høj": {"success_rate": 0.5}}),
    )
    assert main(["sammenlign", str(path), "--basis", "lav"]) == 0
    out = capsys.readouterr().out
    assert "basis: lav" in out
    assert "Kommune (nutidsværdi)" in out and "høj − basis" in out
    # the variants change the success rate: it is the first row, the difference in points
    # (user trial: the workbook's Varianter shows it, sammenlign did not)
    first = next(line for line in out.splitlines() if line.startswith("Succesrate"))
    for cell in ("10,0 %", "30,0 %", "50,0 %", "20,0 %-point", "40,0 %-point"):
        assert cell in first, first  # basis lav 0,1; base 0,3 (+0,2); høj 0,5 (+0,4)
    assert main(["sammenlign", str(path), "--json"]) == 0
    cases = json.loads(capsys.readouterr().out)["cases"]
    rates = {c["variant"]: c["success_rate"] for c in cases}
    assert rates == pytest.approx({None: 0.3, "lav": 0.1, "høj": 0.5})


def test_same_label_twice_gets_the_file_name(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.yaml", standalone())
    b = _write(tmp_path, "b.yaml", standalone(success_rate=0.2))
    labels = [c.label for c in load_cases([a, b])]
    assert labels == ["Håndregnet eksempel (a.yaml)", "Håndregnet eksempel (b.yaml)"]


def test_the_same_file_twice_gets_numbered_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """User trial: sammenlign A.yaml A.yaml labelled both "… (adhd.yaml)"."""
    a = _write(tmp_path, "adhd.yaml", standalone())
    labels = [c.label for c in load_cases([a, a])]
    assert labels == ["1: Håndregnet eksempel (adhd.yaml)", "2: Håndregnet eksempel (adhd.yaml)"]
    assert main(["sammenlign", str(a), str(a)]) == 0
    out = capsys.readouterr().out
    assert "A: 1: Håndregnet eksempel" in out and "B: 2: Håndregnet eksempel" in out


def test_committees_side_by_side_add_up_to_the_kommune(kb: Any) -> None:
    # a committee's result is the kommune's flows over its budget items (§3.15), so the
    # committees of a case add up to its kommune, and so do their differences from the base
    cases = load_cases(
        [ROOT / "examples" / "modificeret_act.yaml", ROOT / "examples" / "skaeve_boliger.yaml"]
    )
    cmp = compare(cases, kb)
    for c in cmp.cases:
        assert c.by_committee, "the result offers committees"
        assert sum(c.by_committee.values()) == pytest.approx(c.by_purse["kommune"], rel=1e-9)
        assert sum(c.difference_by_committee.values()) == pytest.approx(
            c.difference_by_purse["kommune"], rel=1e-9, abs=1e-6
        )


def test_cli_text_uses_the_key_figures_words_of_calc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`sammenlign` names the break-even year and rate as `calc` does ("Break-even-år",
    "Break-even-succesrate"), not "Tilbagebetalingsår" and "Break-even succesrate"."""
    from som_xl.present import da

    path = _write(tmp_path, "s.yaml", standalone(variants={"nul": {"success_rate": 0.0}}))
    assert main(["sammenlign", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Tilbagebetalingsår" not in out and "Break-even succesrate" not in out
    assert da.KEY_FIGURES["break_even_year"] in out
    assert da.KEY_FIGURES["break_even_success_rate"] in out
