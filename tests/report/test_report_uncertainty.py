"""The report's uncertainty and scenario comparison are the engine's: `som-xl usikkerhed`
and `som-xl sammenlign` give the same figures for the same file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from som_xl.cli import main
from som_xl.present import da
from som_xl.present._example import EXAMPLE
from som_xl.report import full_document, load_report_data, render, short_document
from tests.paths import ROOT
from tests.report.helpers import html_charts, pdf_pages, pdf_text, png_ink

DATE = "2026-03-31"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-computed example with an uncertainty block and two variants."""
    data: dict[str, Any] = {
        **EXAMPLE,
        "uncertainty": {
            "draws": 2000,
            "seed": 11,
            "success_rate": {"dist": "triangular", "low": 0.1, "mode": 0.3, "high": 0.4},
            "costs": {"dist": "uniform", "low": 0.9, "high": 1.3},
            "services": {"egen_botilbud": {"dist": "normal", "mean": 1.0, "sd": 0.2}},
        },
        "variants": {"Lav succesrate": {"success_rate": 0.1}, "Høj": {"success_rate": 0.5}},
    }
    path = tmp_path_factory.mktemp("usikker") / "usikker.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


def test_uncertainty_is_som_xl_usikkerhed(
    scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    u = _json(["usikkerhed", str(scenario), "--json"], capsys)
    data = load_report_data(scenario, date=DATE)
    assert data.uncertainty is not None
    assert data.uncertainty.p_net_positive == u["p_net_positive"]
    assert dict(data.uncertainty.quantiles) == u["quantiles"]
    assert data.stamp.seed == 11
    assert data.uncertainty.samples is not None and len(data.uncertainty.samples) == 2000
    short = short_document(data)
    text = " ".join(b.text for b in short.blocks if b.kind == "paragraph")
    kommune = next(p for p in u["by_purse"] if p["purse"] == "kommune")["p_net_positive"]
    assert (
        f"er {da.chance(u['p_net_positive'])} for den offentlige sektor samlet og "
        f"{da.chance(kommune)} for kommunen, vurderet ud fra 2.000 simulerede" in text
    )
    assert f"mellem {da.money(u['quantiles']['5'])} og {da.money(u['quantiles']['95'])}" in text
    # the three assumptions follow the tornado, widest first
    bullets = next(b for b in short.blocks if b.kind == "bullets")
    widest = sorted(u["tornado"], key=lambda r: -abs(r["net_high"] - r["net_low"]))
    assert len(bullets.items) == 3
    for item, row in zip(bullets.items, widest, strict=False):
        assert item.startswith(row["label"] + ": fra ")


def test_variants_are_som_xl_sammenlign(scenario: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cmp = _json(["sammenlign", str(scenario), "--json"], capsys)
    data = load_report_data(scenario, date=DATE)
    assert data.variants is not None
    assert [v.name for v in data.variants] == [c["label"] for c in cmp["cases"]]
    assert [v.net_discounted for v in data.variants] == [c["discounted_net"] for c in cmp["cases"]]
    assert data.variants[0].net_discounted == data.result["net_result"]["discounted"]


def test_full_report_with_uncertainty_and_variants(scenario: Path, tmp_path: Path) -> None:
    doc = full_document(load_report_data(scenario, date=DATE))
    keys = [c.key for c in doc.charts()]
    assert {"histogram", "band", "tornado", "variants"} <= set(keys)
    html = render(doc, "html").decode("utf-8")
    svgs = html_charts(html)
    assert list(svgs) == keys
    assert all(svg.count(b"<path") > 20 for svg in svgs.values())
    pdf = render(doc, "pdf")
    assert all(png_ink(p) > 0.005 for p in pdf_pages(pdf, tmp_path / "sider"))
    text = pdf_text(pdf, tmp_path)
    for chart in doc.charts():
        assert chart.title in text
    assert "Lav succesrate" in text and "trekantfordeling: lav 0,1, typisk 0,3, høj 0,4" in text
    assert render(full_document(load_report_data(scenario, date=DATE)), "pdf") == pdf


def test_standard_ranges_on_request(tmp_path: Path) -> None:
    path = ROOT / "examples" / "cool_kids.yaml"
    assert load_report_data(path, date=DATE).uncertainty is None
    data = load_report_data(path, date=DATE, standard=True)
    assert data.uncertainty is not None and data.uncertainty.notes
    text = " ".join(b.text for b in short_document(data).blocks if b.kind == "paragraph")
    assert "er standardintervaller (illustrativ)" in text  # three, said in one sentence
    out = tmp_path / "sag.pdf"
    args = ["rapport", str(path), "--kort", "--standard", "--dato", DATE, "--out", str(out)]
    assert main(args) == 0
    assert len(pdf_pages(out.read_bytes(), tmp_path / "sider")) == 1


def test_rapport_command_carries_the_uncertainty(
    scenario: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`som-xl rapport` on a file with an uncertainty block prints som-xl usikkerhed's P."""
    u = _json(["usikkerhed", str(scenario), "--json"], capsys)
    out = tmp_path / "sag.html"
    assert main(["rapport", str(scenario), "--kort", "--dato", DATE, "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert f"er {da.chance(u['p_net_positive'])} for den offentlige sektor samlet" in html
    assert "vurderet ud fra 2.000 simulerede" in html
