"""`som-xl rapport` on the command line: from a scenario file and from a filled-in workbook,
with Danish messages and exit code 2 for bad input; the wheel carries the templates."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from som_xl.cli import main
from som_xl.present import da
from som_xl.results import calculate
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.read import read_workbook
from tests.paths import ROOT
from tests.report.helpers import html_charts, html_text, pdf_pages, pdf_text, png_ink
from tests.workbook_edit import Editor, edit

EXAMPLE = ROOT / "examples" / "cool_kids.yaml"
ANSWER = "Succesraten er fra vores eget forsøg i 2024 (12 % med og 2 % uden indsatsen)."


def test_writes_pdf_and_html_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("sag.pdf", "sag.html", "SAG.PDF"):
        out = tmp_path / name
        args = ["rapport", str(EXAMPLE), "--out", str(out), "--dato", "2026-03-31"]
        assert main(args) == 0
        assert f"Rapporten er skrevet: {out}" in capsys.readouterr().out
    assert (tmp_path / "sag.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "sag.html").read_bytes().startswith(b"<!DOCTYPE html>")
    assert main(["rapport", str(EXAMPLE), "--kort", "--out", str(tmp_path / "k.pdf")]) == 0


def test_same_command_twice_gives_the_same_file(tmp_path: Path) -> None:
    outs = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for out in outs:
        args = ["rapport", str(EXAMPLE), "--kort", "--dato", "2026-03-31", "--out", str(out)]
        assert main(args) == 0
    assert outs[0].read_bytes() == outs[1].read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "{tmp}/sag.docx"], "sag.docx: filnavnet skal ende på .pdf eller .html"),
        (["--out", "{tmp}/sag.pdf", "--dato", "31-03-2026"], "--dato: skal være en dato"),
        (["--out", "{tmp}/sag.pdf", "--dato", "2026-02-30"], "(værdi: '2026-02-30')"),
        (["--out", str(EXAMPLE).replace(".yaml", ".pdf")], None),
    ],
    ids=["suffiks", "datoformat", "ugyldig-dato", "ok-ved-siden-af"],
)
def test_bad_options_are_refused_in_danish(
    args: list[str], message: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["rapport", str(EXAMPLE), *(a.format(tmp=tmp_path) for a in args)]
    if message is None:  # a report beside the input is fine (and removed again)
        out = Path(argv[argv.index("--out") + 1])
        try:
            assert main(argv) == 0
        finally:
            out.unlink(missing_ok=True)
        return
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fejl: ") and message in err
    assert "Traceback" not in err


def test_missing_or_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rapport", str(tmp_path / "findes_ikke.yaml"), "--out", "x.pdf"]) == 2
    assert "findes_ikke.yaml" in capsys.readouterr().err
    bad = tmp_path / "forkert.yaml"
    bad.write_text("start_year: 2025\nhorizon_years: 99\n", encoding="utf-8")
    assert main(["rapport", str(bad), "--out", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "forkert.yaml" in err and "Traceback" not in err
    not_a_book = tmp_path / "ikke.xlsx"
    not_a_book.write_bytes(b"hej")
    assert main(["rapport", str(not_a_book), "--out", str(tmp_path / "x.pdf")]) == 2
    assert "ikke.xlsx" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_out_must_not_be_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "scenarie.html"
    src.write_text("x", encoding="utf-8")
    assert main(["rapport", str(src), "--out", str(src)]) == 2
    assert "må ikke overskrive inddata-filen" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == "x"


def test_missing_out_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rapport", str(EXAMPLE)]) == 2
    assert "--out" in capsys.readouterr().err


# --- from a filled-in workbook ------------------------------------------------------------


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default workbook with a changed success rate and two checklist answers."""
    folder = tmp_path_factory.mktemp("rapport")
    base = build_workbook(folder / "SOM.xlsx")

    def change(ed: Editor) -> None:
        ed.success_rate(0.25)
        ed.set(T.FORUDSAETNINGER, ed.lay.check_first + 2, 2, ANSWER)
        ed.set(T.FORUDSAETNINGER, ed.lay.check_first + 10, 2, "Anna Jensen, 31. marts 2026")

    return edit(base, folder / "udfyldt.xlsx", change)


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_report_from_a_workbook(filled: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"rapport.{fmt}"
    assert main(["rapport", str(filled), "--out", str(out), "--dato", "2026-03-31"]) == 0
    data = out.read_bytes()
    if fmt == "pdf":
        pages = pdf_pages(data, tmp_path / "sider")
        assert all(png_ink(p) > 0.005 for p in pages)
        text = pdf_text(data, tmp_path)
    else:
        html = data.decode("utf-8")
        assert len(html_charts(html)) >= 4
        text = html_text(html)
    result = calculate(read_workbook(filled)).to_dict()
    assert result["success_rate"] == 0.25
    for figure in (
        da.money(result["net_result"]["discounted"]),
        da.money(result["net_result"]["undiscounted"]),
        da.money(result["costs"]["discounted"]),
    ):
        assert figure in text
    assert "Succesrate (netto efter dødvægt) 25,0 %" in text
    assert ANSWER in text
    assert "Anna Jensen, 31. marts 2026" in text
    assert "(ikke besvaret)" in text
    assert "angivet i projektmappen" in text
    assert "udfyldt.xlsx" in text


def test_short_report_from_a_workbook_is_one_page(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "sag.pdf"
    assert main(["rapport", str(filled), "--kort", "--out", str(out), "--dato", "2026-03-31"]) == 0
    assert len(pdf_pages(out.read_bytes(), tmp_path / "sider")) == 1


# --- the wheel ----------------------------------------------------------------------------


def test_wheel_carries_the_templates_and_renders_from_them(tmp_path: Path) -> None:
    from tests.test_packaging import build_wheel

    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path / "site")
    templates = sorted((ROOT / "som_xl" / "report" / "templates").iterdir())
    assert templates
    for t in templates:
        assert f"som_xl/report/templates/{t.name}" in names
    script = (
        "import sys\n"
        "from som_xl.report import make_report\n"
        "from pathlib import Path\n"
        "import som_xl.report.html as h\n"
        "assert h.__file__.startswith(sys.argv[2]), h.__file__\n"
        "sys.stdout.buffer.write(make_report(Path(sys.argv[1]), fmt='html', short=True,"
        " date='2026-03-31')[:15])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(tmp_path / "site")
    proc = subprocess.run(
        [sys.executable, "-c", script, str(EXAMPLE), str(tmp_path / "site")],
        capture_output=True,
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b"<!DOCTYPE html>"


def test_workbook_consequences_keep_their_knowledge_base_status(filled: Path) -> None:
    """The reader passes every consequence row as the scenario's own; a row equal to the
    knowledge base's profile rests on that value and keeps its status (an edited one is own)."""
    from som_xl.kb import load_kb
    from som_xl.report import load_report_data

    data = load_report_data(filled, date="2026-03-31")
    group = read_workbook(filled).target_group
    assert group is not None
    kb_cons = load_kb().consequences[group]
    n_ill = sum(1 for c in kb_cons if c.status == "illustrative")
    assert n_ill > 0
    assert data.illustrative_counts[:2] == (n_ill, len(kb_cons))
    statuses = [a.status for a in data.assumptions if a.group == "consequence"]
    assert statuses == [c.status for c in kb_cons]
    # the illustrative share counts them too, and the reader's own result agrees with it
    provenance = data.result["provenance"]
    assert provenance["illustrative_consequences"] == n_ill
    read_share = calculate(read_workbook(filled)).to_dict()["provenance"]["illustrative_share"]
    assert data.illustrative_share is not None
    assert data.illustrative_share > 0
    assert data.illustrative_share == pytest.approx(read_share)
    # and the figures are the same
    assert data.result["net_result"] == calculate(read_workbook(filled)).to_dict()["net_result"]


def test_workbook_uncertainty_is_its_sheets(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --standard the report analyses the ranges on the sheet Usikkerhed, as
    `som-xl read --usikkerhed` does."""
    import json

    from som_xl.report import load_report_data

    data = load_report_data(filled, date="2026-03-31")
    assert data.uncertainty is not None
    assert main(["read", str(filled), "--usikkerhed", "--json"]) == 0
    read = json.loads(capsys.readouterr().out)
    assert data.uncertainty.p_net_positive == read["p_net_positive"]
    assert dict(data.uncertainty.quantiles) == read["quantiles"]
    assert [t.input for t in data.uncertainty.tornado] == [r["input"] for r in read["tornado"]]


def test_standard_uncertainty_for_a_workbook(filled: Path) -> None:
    from som_xl.report import load_report_data

    data = load_report_data(filled, date="2026-03-31", standard=True)
    assert data.uncertainty is not None
    tornado = {t.input: t for t in data.uncertainty.tornado}
    assert sorted(tornado) == ["consequences", "costs", "success_rate"]
    # the tornado's central value is the workbook's success rate
    row = tornado["success_rate"]
    assert row.low < 0.25 < row.high
