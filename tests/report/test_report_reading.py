"""What a finance officer reads first: the reading guide, P(net > 0) in the workbook's words
for the kommune and the whole public sector, and the knowledge base's version and
fingerprint on every page."""

from __future__ import annotations

from pathlib import Path

from som_xl.kb import load_kb
from som_xl.present import da
from som_xl.report import ReportData, full_document, load_report_data, render, short_document
from som_xl.report.blocks import Callout, Facts, Heading
from som_xl.workbook import text as T
from tests.paths import ROOT
from tests.report.helpers import pdf_page_texts

COOL_KIDS = ROOT / "examples" / "cool_kids.yaml"
DATE = "2026-03-31"


def test_full_report_has_a_reading_guide_early(tmp_path: Path) -> None:
    data = load_report_data(COOL_KIDS, date=DATE)
    pages = pdf_page_texts(render(full_document(data), "pdf"), tmp_path)
    early = " ".join(pages[:2])
    assert "Sådan læses rapporten" in early
    # units, present value with the scenario's start year, the headline's two names
    assert "Alle beløb er i kr. i 2024-priser" in early
    assert "diskonteret til 2025" in early
    assert "»Kommunens nettoresultat (nutidsværdi)« er kommunens del" in early
    assert "»Nettoresultat (nutidsværdi)« er hele den offentlige sektor" in early


def test_chance_uses_the_workbooks_label_for_kommune_and_total(tmp_path: Path) -> None:
    data = load_report_data(COOL_KIDS, date=DATE, standard=True)
    u = data.uncertainty
    assert u is not None
    kommune = next(p for p in u.by_purse if p["purse"] == "kommune")["p_net_positive"]
    label = T.RESULT_KEYS["sandsynlighed"][0]
    assert label == "Sandsynlighed for nettoresultat > 0 (kommunen / hele den offentlige sektor)"
    text = " ".join(pdf_page_texts(render(full_document(data), "pdf"), tmp_path))
    assert f"{da.chance(kommune)} / {da.chance(u.p_net_positive)}" in text
    assert "Sandsynlighed for positivt nettoresultat" not in text  # the old, third wording
    short = " ".join(pdf_page_texts(render(short_document(data), "pdf"), tmp_path / "kort"))
    assert (
        f"er {da.chance(u.p_net_positive)} for den offentlige sektor samlet og "
        f"{da.chance(kommune)} for kommunen" in short
    )


def _facts(data: ReportData) -> dict[str, str]:
    label = T.RESULT_KEYS["sandsynlighed"][0]
    for block in full_document(data).blocks:
        if isinstance(block, Facts) and label in dict(block.rows):
            return dict(block.rows)
    raise AssertionError("nøgletallene mangler sandsynligheden")


def test_without_uncertainty_the_chance_is_not_computed() -> None:
    rows = _facts(load_report_data(COOL_KIDS, date=DATE))
    assert rows[T.RESULT_KEYS["sandsynlighed"][0]] == "ikke beregnet"


def test_every_page_names_the_knowledge_base_version_and_fingerprint(tmp_path: Path) -> None:
    kb = load_kb()
    data = load_report_data(COOL_KIDS, date=DATE)
    assert data.stamp.kb_version and data.stamp.kb_fingerprint == kb.fingerprint
    for page in pdf_page_texts(render(full_document(data), "pdf"), tmp_path):
        assert f"{kb.fingerprint} (version {data.stamp.kb_version})" in page


def test_the_illustrative_caveat_on_the_spread_is_boxed() -> None:
    """With the gains resting on illustrative values the spread looks surer than it is: the
    report says so in a box (a Callout), not in running text; the quantiles have a heading."""
    from som_xl.present.answer import uncertainty_caveat

    data = load_report_data(COOL_KIDS, date=DATE, standard=True)
    u = data.uncertainty
    assert u is not None
    caveat = uncertainty_caveat(u.fixed, u.illustrative_share)
    assert caveat
    blocks = full_document(data).blocks
    assert any(isinstance(b, Callout) and b.text == caveat for b in blocks)
    i = next(
        i for i, b in enumerate(blocks) if isinstance(b, Facts) and "Middelværdi" in dict(b.rows)
    )
    assert isinstance(blocks[i - 1], Heading)


def test_from_a_workbook_the_report_says_its_draws_are_fresh() -> None:
    """The sheet's Monte Carlo table is stamped at build time and may be stale; the report
    draws anew from the sheet's ranges and says so, so the two figures are not confused."""
    import dataclasses

    from som_xl.report.document import WORKBOOK_DRAWS

    data = load_report_data(COOL_KIDS, date=DATE, standard=True)
    assert not any(getattr(b, "text", "") == WORKBOOK_DRAWS for b in full_document(data).blocks)
    book = dataclasses.replace(data, where="projektmappen")
    boxed = [b for b in full_document(book).blocks if isinstance(b, Callout)]
    assert any(b.text == WORKBOOK_DRAWS for b in boxed)
    assert "forældet" in WORKBOOK_DRAWS


def test_html_print_keeps_headings_with_what_follows() -> None:
    """The PDF keeps a heading with its block; the HTML's print style sheet asks the same."""
    html = render(full_document(load_report_data(COOL_KIDS, date=DATE)), "html").decode()
    print_css = html.split("@media print", 1)[1].split("@page", 1)[0]
    assert "h2, h3, h4 { break-after: avoid; }" in print_css
    assert "ol, ul" in print_css


def test_one_word_for_the_chance() -> None:
    """The chance is of a positive net result (nutidsværdi), as in the sentence with figures;
    the heading and the 'not computed' sentence said 'positivt resultat'."""
    for standard in (False, True):
        data = load_report_data(COOL_KIDS, date=DATE, standard=standard)
        for doc in (short_document(data), full_document(data)):
            text = " ".join(str(getattr(b, "text", "")) for b in doc.blocks)
            assert "positivt resultat" not in text
            assert "positivt nettoresultat" in text
