"""One module per command; light start-up; the knowledge-base and workbook commands' words."""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from som_xl.cli import main
from som_xl.cli.commands import COMMANDS
from som_xl.present import da
from tests.paths import ROOT


def test_one_module_per_command_in_help_order(capsys: pytest.CaptureFixture[str]) -> None:
    names = [m.__name__.rsplit(".", 1)[1] for m in COMMANDS]
    assert names == [
        "calc",
        "skoen",
        "usikkerhed",
        "sammenlign",
        "opfoelgning",
        "rapport",
        "kb",
        "validate",
        "build",
        "read",
    ]
    for module in COMMANDS:
        assert callable(module.add_parser) and callable(module.run)
        parser = argparse.ArgumentParser()
        module.add_parser(parser.add_subparsers())
    assert main(["--help"]) == 0
    help_text = capsys.readouterr().out
    assert all(name in help_text for name in names)


HEAVY = ("xlsxwriter", "openpyxl", "pandas", "xlwings", "numpy", "pydantic", "yaml", "jinja2")


def test_start_up_loads_no_workbook_library() -> None:
    """`som-xl --help` (and `import som_xl`) load no workbook, numeric or schema library: the
    package's names and the commands' modules are imported on first use."""
    code = (
        "import sys, contextlib, io; from som_xl.cli import main; import som_xl; "
        "out = io.StringIO(); ctx = contextlib.redirect_stdout(out); ctx.__enter__(); "
        "rc = main(['--help']); ctx.__exit__(None, None, None); "
        f"print(rc, sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0 []"
    code = "import som_xl, sys; som_xl.calculate; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"  # a public name still imports what it needs


def test_calc_builds_no_knowledge_base_validator(tmp_path: Path) -> None:
    """With the knowledge base read from its cache, `som-xl calc` builds the validator of the
    scenario model and of no other (models build on first use; issue 9: start-up)."""
    code = (
        "import sys, contextlib, io\n"
        "from som_xl.cli import main\n"
        "from som_xl.validation import Strict\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main(['calc', {str(ROOT / 'examples' / 'cool_kids.yaml')!r}])\n"
        "def subclasses(c):\n"
        "    for s in c.__subclasses__():\n"
        "        yield s\n"
        "        yield from subclasses(s)\n"
        "print(rc, sorted({s.__name__ for s in subclasses(Strict) if s.__pydantic_complete__}))"
    )
    env = {**os.environ, "SOM_XL_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the first run fills the cache
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
    assert out.stdout.strip() == "0 ['ScenarioSpec']"


def test_main_leaves_the_garbage_collector_as_it_found_it() -> None:
    """Called from Python, a command restores the collector's threshold and leaves no object
    frozen (only `som-xl` as a process leaves them frozen for its shutdown)."""
    threshold = gc.get_threshold()
    assert main(["kb", "list", "ting"]) == 2
    assert gc.get_threshold() == threshold
    assert gc.get_freeze_count() == 0


def test_kb_tables_speak_danish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "list", "ydelser"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split()
    assert header == ["Id", "Ydelse", "Enhed", "Kommune", "Region", "Stat", "Prisår", "Status"]
    assert main(["kb", "list", "effekter"]) == 0
    assert "Evidensniveau" in capsys.readouterr().out
    assert main(["kb", "search", "psykiatri"]) == 0
    out = capsys.readouterr().out
    assert f"== {da.KB_KINDS['services']} ==" in out and "services" not in out
    assert main(["kb", "search"]) == 2
    assert "angiv et søgeord" in capsys.readouterr().err


def test_kb_show_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "show", "forsorgshjem_doegn"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ydelse: forsorgshjem_doegn\n")
    assert "  retning: udgift" in out and "  priser: Kommune " in out
    assert main(["kb", "show", "voksne_hjemloeshed"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("målgruppe: ") and "  konsekvenser:" in out


def test_validate_counts_in_danish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "målgrupper" in lines[1] and "kilder" in lines[1]
    assert lines[2].startswith("  værdier: ") and "offentliggjorte" in lines[2]


def test_read_writes_the_rows_as_csv_too(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    book = tmp_path / "SOM.xlsx"
    assert main(["build", "--out", str(book)]) == 0
    out = tmp_path / "r.csv"
    assert main(["read", str(book), "--csv", "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + "år;aktør;".encode())
    assert main(["read", str(book), "--csv", "--out", str(book)]) == 2  # never the workbook
    capsysbinary.readouterr()
    assert book.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["calc", "examples/cool_kids.yaml"],
        ["usikkerhed", "--standard", "--draws", "200", "examples/cool_kids.yaml"],
        ["sammenlign", "examples/cool_kids.yaml", "examples/rr2_adhd.yaml"],
    ],
    ids=["calc", "usikkerhed", "sammenlign"],
)
def test_results_name_the_knowledge_base_edition(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every result carries the knowledge base's edition beside its fingerprint (issue 12,
    Release): the JSON's kb_version and kb_fingerprint, and the text's last line."""
    import json

    from som_xl.kb import load_kb

    kb = load_kb()
    assert kb.version  # the shipped knowledge base has an edition
    monkeypatch.chdir(ROOT)
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["kb_version"], data["kb_fingerprint"]) == (kb.version, kb.fingerprint)
    assert main(args) == 0
    last = capsys.readouterr().out.rstrip().splitlines()[-1]
    assert last == f"Vidensdatabase: version {kb.version}, fingeraftryk {kb.fingerprint}"


@pytest.mark.parametrize(
    "args, name",
    [
        (["calc", "examples/cool_kids.yaml", "--csv"], "rækker.csv"),
        (["calc", "examples/cool_kids.yaml", "--json"], "resultat.json"),
        (["rapport", "examples/cool_kids.yaml", "--kort", "--dato", "2026-12-01"], "sag.html"),
    ],
    ids=["calc-csv", "calc-json", "rapport"],
)
def test_out_never_loses_an_existing_file(
    args: list[str],
    name: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A user's file at --out is kept as NAME.forrige-N.ext before the output is written;
    --overskriv replaces it (the standard: nothing is lost)."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / name
    out.write_bytes(b"brugerens egen fil")
    assert main([*args, "--out", str(out)]) == 0
    kept = out.with_name(f"{out.stem}.forrige-1{out.suffix}")
    assert kept.read_bytes() == b"brugerens egen fil"
    assert out.read_bytes() != b"brugerens egen fil"
    assert f"Den eksisterende fil er gemt som {kept}" in capsys.readouterr().out
    new = out.read_bytes()
    assert main([*args, "--out", str(out), "--overskriv"]) == 0
    assert out.read_bytes() == new  # the same output, written over the file
    assert not out.with_name(f"{out.stem}.forrige-2{out.suffix}").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, kept.name])


def test_texts_name_things_in_words(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The illustrative prices are named by label (with the id to look them up), and
    'kb show' writes a service's refusion rule in words, not as a Python dict."""
    monkeypatch.chdir(ROOT)
    assert main(["calc", "examples/cool_kids.yaml"]) == 0
    out = capsys.readouterr().out
    assert "Kontakt til praktiserende læge, barn 0-17 (laegekontakt_barn)" in out
    assert main(["kb", "show", "forsorgshjem_doegn"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("  refusion:"))
    assert "{" not in line and "'rule'" not in line
    assert "reglen sel_110_dagegraense" in line and "129 enheder pr. borger-år i 2027" in line


def test_validate_a_file_checks_its_variants_and_shows_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """User trial: validate said "gyldigt" where sammenlign found a misspelt key in a variant,
    and kept the resolver's warnings (an intervention from another target group) to itself."""
    path = tmp_path / "s.yaml"
    body = (
        "target_group: voksne_hjemloeshed\nintervention: cool_kids\nstart_year: 2026\n"
        "horizon_years: 10\nparticipants: {2026: 10}\nvariants:\n"
    )
    path.write_text(body + "  lav: {sucess_rate: 0.1}\n  ok: {success_rate: 0.3}\n", "utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "variant 'lav', linje 7, nøgle 'sucess_rate'" in err and "mente du 'success_rate'" in err
    path.write_text(body + "  ok: {success_rate: 0.3}\n", "utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Scenariet er gyldigt" in out and "(og 1 variant)" in out
    # the base's warning once, not again for the variant that shares it
    assert out.count("Advarsel: Indsatsen 'cool_kids'") == 1 and "variant 'ok'" not in out
    assert main(["validate", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["valid"] is True and info["variants"] == ["ok"]
    assert len(info["warnings"]) == 1 and "boern_angst_depression_6_13" in info["warnings"][0]


def test_a_scenario_som_xl_writes_is_never_read_as_thousand_dots(tmp_path: Path) -> None:
    """Helper finding: ``read --scenario-out`` wrote a price 303.872, which ``calc`` then
    refused as a possible 303872 (and the message's own fix was the same text)."""
    from som_xl.cli.commands.read import _save_scenario
    from som_xl.inputs import load_scenario

    data = {
        "start_year": 2025,
        "horizon_years": 3,
        "price_year": 2024,
        "discount_rate": 0.04,
        "participants": {2025: 10},
        "success_rate": 0.3,
        "services": [
            {
                "id": "egen",
                "label": "Egen",
                "unit": "dag",
                "direction": "expenditure",
                "budget_item": "Sociale serviceydelser for voksne",
                "price_year": 2024,
                "prices": {"kommune": 303.872, "region": 0.0, "stat": 1.5},
            }
        ],
        "consequences": [{"service": "egen", "profile": [-1.0]}],
    }
    out = tmp_path / "ud.yaml"
    _save_scenario(data, out)
    assert "303.8720" in out.read_text("utf-8")
    spec, _ = load_scenario(out)
    assert spec.services[0].prices is not None
    assert spec.services[0].prices["kommune"] == 303.872


def test_kb_list_search_and_show_write_json(capsys: pytest.CaptureFixture[str]) -> None:
    """User trial: 'kb search --json' printed the text tables (the flag was diff's only)."""
    assert main(["kb", "search", "hjemløs", "--json"]) == 0
    tables = json.loads(capsys.readouterr().out)
    groups = next(t for t in tables if t["kind"] == "target_groups")
    assert {"id": "voksne_hjemloeshed"}.items() <= groups["rows"][0].items()
    assert main(["kb", "list", "effekter", "--json"]) == 0
    (effects,) = json.loads(capsys.readouterr().out)
    assert "cool_kids" in {r["id"] for r in effects["rows"]}
    assert main(["kb", "show", "voksne_hjemloeshed", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["kind"] == "target_groups" and record["id"] == "voksne_hjemloeshed"
    assert record["consequences"][0]["service"] == "forsorgshjem_doegn"
