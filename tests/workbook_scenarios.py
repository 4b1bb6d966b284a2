"""Changed-input scenarios for the workbook tests (against tests/fixtures/kb)."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from som_xl.workbook import text as T
from tests.workbook_edit import Editor

FIXTURE_KB = Path(__file__).parent / "fixtures" / "kb"


def success_and_flat_rate(e: Editor) -> None:
    """Success rate, a fixed discount rate, other participants, a cost at another price year."""
    e.success_rate(0.35)
    e.setting("diskontering", T.FAST_RENTE)
    e.setting("diskonteringsrente", 0.04)
    e.participants({0: 10, 1: None, 2: 30, 4: 5})
    e.part_cost(
        1, label="Visitation", kind=T.ART_OPSTART, purse="Region", price_year=2022, amount=1200
    )
    e.year_cost(
        3,
        label="Evaluering",
        kind=T.ART_ANDEN,
        purse="Stat",
        item="Undervisning og uddannelse",
        amounts={5: 80000},
    )


def long_horizon_fm(e: Editor) -> None:
    """45 years with the FM schedule (3,5 % → 2,5 % after year 35), 2-year courses."""
    e.setting("startaar", 2030)
    e.setting("horisont", 45)
    e.setting("prisaar", 2026)
    e.setting("forloebsaar", 2)
    e.participants({0: 20, 1: 20, 2: 20, 30: 12})
    e.year_cost(1, amounts={0: 1500000, 1: 1500000, 2: 1500000, 30: 900000, 40: 250000})
    e.year_cost(2, price_year=2024)


def switch_target_group(e: Editor) -> None:
    """Another target group (fewer consequences), its intervention, the old FM rates."""
    e.target_group("Voksne med ADHD")
    e.intervention("R&R2-ADHD – Voksne med ADHD")
    e.success_rate(0.15)
    e.setting("diskontering", "Finansministeriets kalkulationsrente (2013-2020)")
    e.skoen(
        maalgruppe="Børn med angst eller depression (6-13 år)",
        deltagere=55,
        pris=25000,
        succesrate=0.26,
    )


def local_prices(e: Editor) -> None:
    """Local prices (one purse only, another price year), an own service and own consequences."""
    e.setting("prisaar", 2025)
    e.local_price("forsorgshjem_doegn", (1400, None, None))
    e.local_price("kontanthjaelp_uge", (2000, 0, 600), 2022)
    e.local_price("psykiatri_sengedag", (None, None, None), 2023)  # a year alone changes nothing
    e.own_service(
        0,
        "Bostøtte, time",
        "time",
        "udgift",
        "Sociale serviceydelser for voksne",
        (450, None, None),
        2024,
    )
    e.own_service(1, "Ekstra skat", "kr.", "indtægt", "Skatteindtægter", (0.2, 0, 0.1))
    e.own_consequence(0, "Bostøtte, time", {1: -120, 2: -80, 3: -40})
    e.own_consequence(1, "Kontakt til praktiserende læge", {1: -1.5, 2: -1})
    e.own_consequence(2, "Ekstra skat", {2: 5000, 3: 5000})
    e.own_consequence(3, "Bostøtte, time", {1: -999}, on=False)


def switched_off(e: Editor) -> None:
    """Consequences switched off, own values, a duplicate own consequence, a short horizon."""
    e.setting("horisont", 3)
    e.switch(1, False)
    e.switch(3, "nej")
    e.override(0, {1: -70, 2: 0, 5: -1})
    e.override(2, {1: 9000})
    e.own_consequence(0, "Ophold på forsorgshjem (§ 110), døgn", {1: -5, 2: -5})


def no_success(e: Editor) -> None:
    """Success rate 0: no gains, break-even never, the break-even rate still defined."""
    e.success_rate(0)
    e.skoen(succesrate=0)


def negative_amounts(e: Editor) -> None:
    """Savings written as negative amounts (as in a scenario file), beside the kind Sparet."""
    e.year_cost(3, label="Sparet husleje", kind=T.ART_DRIFT, amounts={0: -40000, 1: -40000})
    e.part_cost(1, label="Sparet transport", kind=T.ART_ANDEN, amount=-750)


def resources_and_realised(e: Editor) -> None:
    """Omkostningsvurdering (årsværk and timer, overhead, a wage price year, region) and
    Opfølgning: two realised years (participants, successes, costs), a third with costs only.
    """
    e.resource(
        0, label="Socialrådgiver", form=T.FORM_FTE, wage=474528, overhead=0.15,
        price_year=2022, amounts={0: 1.5, 1: 1.5, 2: 1},
    )  # fmt: skip
    e.resource(
        2, label="Kursus", form=T.FORM_HOURS, wage=350, purse="Region", amounts={0: 120},
    )  # fmt: skip
    e.realised(0, participants=14, successes=3, costs=1800000)
    e.realised(1, participants=18, successes=5)
    e.realised(2, costs=950000)


def during_course(e: Editor) -> None:
    """Consequences during 2-year courses (som-method §3.10): a knowledge-base row's own
    values, an own consequence with during-course units only, and a switched-off row's own
    value, which counts for nothing."""
    e.setting("forloebsaar", 2)
    e.during(0, {1: -30, 2: -10})
    e.own_consequence(0, "Kontakt til praktiserende læge", {})
    e.during(e.lay.counts.max_cons, {1: 2, 2: 1})
    e.switch(1, False)
    e.during(1, {1: -5})


def tails_30_years(e: Editor) -> None:
    """30 years: the knowledge base's tails (hold, decay 20 %), own tails (hold) where the
    knowledge base names none, the setting's tail (decay 50 %) for an own consequence with a
    gap in year 2, and an own value in year 12 after a gap that the own hold fills
    (som-method §3.11)."""
    e.setting("horisont", 30)
    e.setting("hale", "Aftag")
    e.setting("halerate", 0.5)
    e.participants({0: 20, 1: 20, 2: 20, 20: 10})
    e.tail(2, "Fasthold")  # skattepligtig indkomst: holds 8000 from year 11
    e.override(3, {12: -0.25})  # psykiatri: years 9-11 hold -0.5 (the gap), 12 written
    e.tail(3, "Fasthold")
    e.own_consequence(0, "Kontakt til praktiserende læge", {1: -2, 3: -1})


def drop_off_deadweight_bias(e: Editor) -> None:
    """Drop-off 10 % (§3.12), gross success 40 % with 5 % without (§3.13), optimism bias 20 %
    on costs and 10 % on gains (§3.14), over 15 years with consequences during the course
    and a saved cost (the bias shrinks it)."""
    e.setting("horisont", 15)
    e.setting("frafald", 0.1)
    e.success_rate(0.4)
    e.setting("doedvaegt", 0.05)
    e.setting("optimisme_omk", 0.2)
    e.setting("optimisme_gev", 0.1)
    e.during(0, {1: -20})
    e.override(2, {1: -3000})  # a loss on a revenue: the bias makes it larger


def baseline_exceeded(e: Editor) -> None:
    """Own baseline use (§3.17) below the reductions: 45,5 døgn at the forsorgshjem row (its
    profile reduces by 60 and 50), which an own consequence of the same service shares
    (it reduces by 50), and 1.000 uger of kontanthjælp against an own 1.234,25 in year 2.
    Three warnings in the workbook; the engine's list has each of them."""
    e.baseline(0, 45.5)
    e.own_consequence(0, "Ophold på forsorgshjem (§ 110), døgn", {1: -50})
    e.baseline(1, 1000)
    e.override(1, {2: -1234.25})


SCENARIOS: dict[str, Callable[[Editor], None]] = {
    "succes_fast_rente": success_and_flat_rate,
    "horisont_fm": long_horizon_fm,
    "skift_maalgruppe": switch_target_group,
    "lokale_priser": local_prices,
    "fravalg": switched_off,
    "ingen_succes": no_success,
    "negative_beloeb": negative_amounts,
    "omkostningsvurdering_opfoelgning": resources_and_realised,
    "under_forloeb": during_course,
    "haler_30": tails_30_years,
    "frafald_doedvaegt_optimisme": drop_off_deadweight_bias,
    "udgangsforbrug": baseline_exceeded,
}


def formula_values(data: bytes | Path) -> dict[tuple[str, str], Any]:
    """Cached values of every formula cell: (sheet, A1) -> value."""
    src = io.BytesIO(data) if isinstance(data, bytes) else data
    forms = openpyxl.load_workbook(src, data_only=False)
    if isinstance(src, io.BytesIO):
        src.seek(0)
    values = openpyxl.load_workbook(src, data_only=True)
    out: dict[tuple[str, str], Any] = {}
    for ws in forms.worksheets:
        vs = values[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    out[(ws.title, cell.coordinate)] = vs[cell.coordinate].value
    return out


def same(a: Any, b: Any, rel: float = 1e-9, abs_: float = 1e-6) -> bool:
    """Equal as spreadsheet values: numbers within tolerance, blanks and '' alike."""
    if a in ("", None) and b in ("", None):
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_)
    return bool(a == b)


def mismatches(expected: dict[tuple[str, str], Any], got: dict[tuple[str, str], Any]) -> list[str]:
    out = []
    for key, value in expected.items():
        if key not in got:
            out.append(f"{key[0]}!{key[1]}: mangler")
        elif not same(value, got[key]):
            out.append(f"{key[0]}!{key[1]}: forventet {value!r}, fik {got[key]!r}")
    return out


def named_values(path: Path) -> dict[str, Any]:
    """Values of the single-cell som.* names in a (recalculated) workbook."""
    wb = openpyxl.load_workbook(path, data_only=True)
    out: dict[str, Any] = {}
    for name, dn in wb.defined_names.items():
        dests = list(dn.destinations) if dn.attr_text and "!" in dn.attr_text else []
        if len(dests) == 1 and ":" not in dests[0][1]:
            sheet, coord = dests[0]
            out[name] = wb[sheet][coord.replace("$", "")].value
    return out
