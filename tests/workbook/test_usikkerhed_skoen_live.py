"""Usikkerhed and Hurtigt skøn after a user changes inputs (LibreOffice recalculates).

Found by a user trial: (1) Usikkerhed's default rows and its note A3 stayed Housing First's
after the intervention changed (first a warning in A3; since the second trial the success
rate's row follows the chosen intervention live, as ``som-xl usikkerhed --standard``
does); (2) its stale check missed a change of who pays (the total
net result is the same, the per-purse P(net > 0) is not); (3) an input error filled the sheet
with #N/A and #VALUE!; (4) Hurtigt skøn without a success rate showed #VALUE! and "Ikke inden
for horisonten", and its list of services was not sorted by its own rank.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from som_xl.cli import main
from som_xl.inputs.quick import quick_estimate
from som_xl.inputs.uncertainty import RULE_TEXT
from som_xl.workbook import layout as L
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.layout import a1
from som_xl.workbook.read import read_content
from som_xl.workbook.sheets import usikkerhed as U
from tests.libreoffice import recalculate, soffice
from tests.workbook_edit import Editor, edit

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(soffice() is None, reason="LibreOffice er ikke installeret"),
]

OTHER = "CTI (Critical Time Intervention), 9-måneders forløb – Voksne i hjemløshed"
ADHD = "Børn og unge med ADHD eller adfærdsforstyrrelse (14-17 år)"
COOL_KIDS = (
    "Cool Kids (kognitiv adfærdsterapi i gruppe for børn med angst) – Børn og unge med angst, "
    "depression eller anden affektiv lidelse (6-13 år)"
)


def _cool_kids(e: Editor) -> None:
    """Cool Kids (its 95 % interval 0,267-0,559) at its own rate 0,425, for the homeless."""
    e.intervention(COOL_KIDS)
    e.success_rate(0.425)


def _region(e: Editor) -> None:
    """The first yearly cost (Omkostninger D8, Drift) paid by the region instead."""
    e.set(T.OMKOSTNINGER, e.lay.ycost_rows[0], L.C_PURSE, "Region")


CHANGES: dict[str, Any] = {
    "indsats": lambda e: e.intervention(OTHER),
    "succesrate": lambda e: e.success_rate(0.3),
    "region": _region,
    "inputfejl": lambda e: e.success_rate(30),  # 30 instead of 0,3
    "skoen_uden_rate": lambda e: e.skoen(maalgruppe=ADHD, succesrate=None),
    "cool_kids": _cool_kids,
    "ingen_indsats": lambda e: e.intervention(T.INGEN_INDSATS),  # the group's effect at 42 %
    "skoen_rate_0": lambda e: e.skoen(succesrate=0),
}


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("usik")
    src = build_workbook(tmp / "SOM.xlsx")
    files = [src] + [edit(src, tmp / f"{k}.xlsx", v) for k, v in CHANGES.items()]
    out = recalculate(files, tmp / "lo")
    names = ["standard", *CHANGES]
    got: dict[str, Any] = {
        n: openpyxl.load_workbook(p, data_only=True) for n, p in zip(names, out, strict=True)
    }
    content = read_content(src)
    got["layout"], got["inputs"] = content.layout, content.inputs
    got["bkb"], got["kb"] = content.bkb, content.kb
    got["paths"] = dict(zip(names, out, strict=True))
    return got


def _u(wb: Any, cell: str) -> Any:
    return wb[U.SHEET][cell].value


def _status(wb: Any) -> Any:
    return _u(wb, U.STATUS_CELL[1])


def test_the_built_book_claims_the_standard_and_a_fresh_table(books: dict[str, Any]) -> None:
    wb = books["standard"]
    assert str(_u(wb, U.NOTE_CELL[1])).startswith("Standardintervallerne er som i som-xl")
    assert _u(wb, a1(U.R_BUILT_MATCH, U.C_STAMP)) == 1
    assert _status(wb) == U.FRESH


@pytest.mark.parametrize("name", ["indsats", "succesrate", "cool_kids", "ingen_indsats"])
def test_a_changed_intervention_or_rate_turns_the_note_into_the_live_rule(
    books: dict[str, Any], name: str
) -> None:
    """A3 no longer claims the built default's source; it names the rule the success rate's
    row now follows (the interval of the chosen effect, or the stated rule)."""
    note = str(_u(books[name], U.NOTE_CELL[1]))
    assert note.startswith(U.LIVE_HEAD), note
    assert "Standardintervallerne er som i" not in note
    interval = name in ("cool_kids", "ingen_indsats")
    assert ("95 %-konfidensintervallet for effekten" in note) is interval, note
    assert (RULE_TEXT in note) is not interval, note
    if name == "cool_kids":
        assert COOL_KIDS in note
    if name == "ingen_indsats":  # the group's effect whose rate is 42 %: the RCT
        assert books["bkb"].effects[4].display in note  # housing_first_act_rct
    assert _u(books[name], a1(U.R_BUILT_MATCH, U.C_STAMP)) == 0
    # the Monte Carlo table stays stamped: stale where its rows or results changed (without
    # an intervention the group's effect at 42 % gives the same rows and the same result)
    assert (_status(books[name]) == U.STALE) is (name != "ingen_indsats")


def _cli(path: Path, capsys: pytest.CaptureFixture[str], tmp: Path, group: str) -> Any:
    """``som-xl usikkerhed --standard --json`` for the scenario the recalculated book holds
    (with its knowledge-base target group: the read scenario is self-contained)."""
    content = read_content(path)
    res = content.resolve()
    data = content.scenario(res)
    data["target_group"] = group
    if res.intervention is not None:
        data["intervention"] = res.intervention.id
    scenario = tmp / f"{path.stem}.json"
    scenario.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["usikkerhed", str(scenario), "--standard", "--json", "--draws", "10"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("name", "dist"),
    [
        ("standard", "normal"),  # Housing First at its own 42 %
        ("indsats", "triangular"),  # CTI has no rate: 42 % is the user's own, the rule
        ("succesrate", "triangular"),  # Housing First at 30 %: the rule
        ("cool_kids", "normal"),  # Cool Kids at its own 42,5 %: its interval 26,7-55,9 %
        ("ingen_indsats", "normal"),  # no intervention: the group's effect at 42 %
    ],
)
def test_the_success_rate_row_follows_the_inputs_as_the_engine(
    books: dict[str, Any],
    name: str,
    dist: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """The yellow success-rate cells are live defaults: after LibreOffice recalculates a book
    whose intervention or rate changed, the row and the tornado equal ``som-xl usikkerhed
    --standard`` for the same scenario (before the fix the row kept Housing First's
    interval, 0,36-0,48, whatever the inputs)."""
    ws = books[name][U.SHEET]
    group = books["bkb"].group_by_label(books["inputs"].target_group).id
    cli = _cli(books["paths"][name], capsys, tmp_path, group)
    assert ws.cell(U.R_FACTOR + 1, U.C_DIST + 1).value == U.DIST_LABELS[dist]  # type: ignore[index]
    r = U.ROWS["success_rate"]
    tornado = {t["input"]: t for t in cli["tornado"]}
    for i, key in enumerate(U.INPUTS):
        t = tornado[key]
        row = [ws.cell(U.R_TOR_HEAD + 2 + i, c + 1).value for c in range(1, 7)]
        low, high, net_low, net_high, _swing, switch = row
        assert low == pytest.approx(t["low"], rel=1e-9), (name, key)
        assert high == pytest.approx(t["high"], rel=1e-9), (name, key)
        assert net_low == pytest.approx(t["net_low"], abs=1), (name, key)  # to the krone
        assert net_high == pytest.approx(t["net_high"], abs=1), (name, key)
        if t["switching_value"] is None:
            assert switch == "ingen"
        else:
            assert switch == pytest.approx(t["switching_value"], rel=1e-9)
    # the rates row: the interval itself (normal) or 0, s, 2s (the rule)
    s = read_content(books["paths"][name]).resolve().success_rate
    rates = [ws.cell(r + 1, c + 1).value for c in (U.C_LOW, U.C_MODE, U.C_HIGH)]
    if dist == "triangular":
        assert rates == pytest.approx([0.0, s, min(1.0, 2 * s)], rel=1e-12)
    elif name == "cool_kids":
        assert rates == pytest.approx([0.267, 0.425, 0.559], rel=1e-12)
    else:
        assert rates == pytest.approx([0.36, 0.42, 0.48], rel=1e-12)


def test_a_changed_purse_makes_the_table_stale(books: dict[str, Any]) -> None:
    """Region instead of kommune: the total net result is unchanged (only who pays moves),
    so a check of the total alone says "passer"; the per-purse stamp catches it."""
    wb, std = books["region"], books["standard"]
    first = U.R_MC_HEAD + 3 + len(U.INPUTS)  # the stamped central net result
    central = _u(std, a1(first, 1))
    assert central == _u(wb, a1(first, 1))  # the stamp itself is a constant
    nv_std = std.defined_names["som.nettoresultat_nv"]
    sheet, cell = next(iter(nv_std.destinations))
    assert wb[sheet][cell.replace("$", "")].value == pytest.approx(
        std[sheet][cell.replace("$", "")].value, rel=1e-9
    )
    assert _status(wb) == U.STALE
    assert _status(books["succesrate"]) == U.STALE


def test_an_input_error_shows_the_short_text_not_errors(books: dict[str, Any]) -> None:
    ws = books["inputfejl"][U.SHEET]
    errors = [
        (c.coordinate, c.value)
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("#")
    ]
    assert not errors, errors
    r = U.ROWS["success_rate"]
    for cell in (a1(r, U.C_Q10), a1(r, U.C_Q90), U.STATUS_CELL[1]):
        assert ws[cell].value == T.INPUT_ERROR_SHORT, cell
    for i in range(len(U.INPUTS)):
        for c in range(1, 7):
            assert ws.cell(U.R_TOR_HEAD + 2 + i, c + 1).value == T.INPUT_ERROR_SHORT
    assert ws.cell(U.R_CHECK + 1, 1).value in (None, "")


def test_skoen_without_a_success_rate_says_so(books: dict[str, Any]) -> None:
    """ADHD 14-17 has no suggested rate: B10 asks for one, and so do the figures that need
    it (before: #VALUE!, and the break-even year "Ikke inden for horisonten")."""
    ws = books["skoen_uden_rate"][T.SKOEN]
    lay = books["layout"]
    assert ws.cell(lay.skoen_rows["anvendt"] + 1, 2).value == T.NO_SUCCESS_RATE
    need = ("nettoresultat", "nettoresultat_nv", "gevinster_nv", "breakeven_aar", "bcr")
    for key in need:
        assert ws.cell(lay.skoen_key(key) + 1, 2).value == T.NO_SUCCESS_RATE, key
    assert isinstance(ws.cell(lay.skoen_key("omkostninger_nv") + 1, 2).value, int | float)
    top = lay.skoen_services_first + lay.counts.max_cons
    bad = {
        c.coordinate: c.value
        for row in ws.iter_rows(max_row=top)
        for c in row
        if isinstance(c.value, str) and c.value.startswith("#")
    }
    assert not bad, bad


def test_skoen_list_is_sorted_largest_first(books: dict[str, Any]) -> None:
    for name in ("standard", "skoen_uden_rate"):
        ws = books[name][T.SKOEN]
        header = next(r for r in range(1, 80) if ws.cell(r, 1).value == T.SKOEN_SERVICES_HEADER)
        ranks, values = [], []
        r = header + 2
        while ws.cell(r, 1).value:
            ranks.append(ws.cell(r, 4).value)
            values.append(ws.cell(r, 3).value)
            r += 1
        assert ranks == list(range(1, len(ranks) + 1)), (name, ranks)
        if name == "standard":
            sizes = [abs(v) for v in values]
            assert sizes == sorted(sizes, reverse=True) and len(sizes) > 2
            # the order of `som-xl skoen` for the same inputs (the workbook's defaults)
            sk = books["inputs"].skoen
            group = books["bkb"].group_by_label(sk.target_group)
            est = quick_estimate(books["kb"], group.id, sk.participants, sk.cost)
            labels = [ws.cell(header + 2 + i, 1).value for i in range(len(ranks))]
            assert labels == [x["label"] for x in est.services][: len(labels)]
        else:
            assert all(v in (None, "") for v in values)


def test_skoen_at_rate_0_lists_in_the_clis_order(books: dict[str, Any]) -> None:
    """At a success rate of 0 every service's value is 0: `som-xl skoen` keeps its order
    (a stable sort of equal values), and so must the sheet (before the fix the sheet sorted
    by the value at 100 % success, an order the values shown do not explain)."""
    ws = books["skoen_rate_0"][T.SKOEN]
    header = next(r for r in range(1, 80) if ws.cell(r, 1).value == T.SKOEN_SERVICES_HEADER)
    labels, values = [], []
    r = header + 2
    while ws.cell(r, 1).value:
        labels.append(ws.cell(r, 1).value)
        values.append(ws.cell(r, 3).value)
        r += 1
    assert len(labels) > 2 and all(v == 0 for v in values), values
    sk = books["inputs"].skoen
    group = books["bkb"].group_by_label(sk.target_group)
    est = quick_estimate(books["kb"], group.id, sk.participants, sk.cost, 0.0)
    assert all(x["discounted_gains"] == 0 for x in est.services)
    assert labels == [x["label"] for x in est.services][: len(labels)]
