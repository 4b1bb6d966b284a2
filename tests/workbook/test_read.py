"""`som-xl read`: a filled-in workbook back into a scenario, with Danish messages for bad input."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from som_xl.cli import main
from som_xl.conventions import MAX_DISCOUNT_RATE, MIN_DISCOUNT_RATE
from som_xl.errors import InputError
from som_xl.inputs import parse_scenario, resolve
from som_xl.kb import KnowledgeBase, load_kb
from som_xl.results import calculate
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.model import book_kb, default_inputs
from som_xl.workbook.read import read_content, read_workbook
from tests.workbook_edit import Editor, edit
from tests.workbook_scenarios import FIXTURE_KB, SCENARIOS


@pytest.fixture(scope="module")
def fixture_kb() -> KnowledgeBase:
    return load_kb(FIXTURE_KB)


@pytest.fixture(scope="module")
def base(fixture_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("read") / "SOM.xlsx", kb=fixture_kb)


def _same_result(a: Any, b: Any) -> None:
    assert a.net_undiscounted == pytest.approx(b.net_undiscounted, rel=1e-12, abs=1e-6)
    assert a.net_discounted == pytest.approx(b.net_discounted, rel=1e-12, abs=1e-6)
    assert a.break_even_year == b.break_even_year
    for x, y in zip(a.year_rows(), b.year_rows(), strict=True):
        assert x == pytest.approx(y, rel=1e-12, abs=1e-6)


def test_default_round_trip(base: Path, fixture_kb: KnowledgeBase) -> None:
    content = read_content(base)
    bkb = book_kb(fixture_kb)
    assert content.bkb == bkb
    assert content.inputs == default_inputs(fixture_kb, bkb)
    res = content.resolve()
    assert res.kb_fingerprint == fixture_kb.fingerprint
    assert res.target_group == "voksne_hjemloeshed"


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenario_file_needs_no_knowledge_base(name: str, base: Path, tmp_path: Path) -> None:
    """read → to_scenario → parse → resolve without a knowledge base → the same result."""
    path = edit(base, tmp_path / f"{name}.xlsx", SCENARIOS[name])
    res = read_workbook(path)
    again = resolve(parse_scenario(res.to_scenario()), None)
    _same_result(calculate(again), calculate(res))


def test_local_prices_and_own_services(base: Path, tmp_path: Path) -> None:
    res = read_workbook(edit(base, tmp_path / "x.xlsx", SCENARIOS["lokale_priser"]))
    fh = res.services["forsorgshjem_doegn"]
    assert fh.origin == "local"
    assert fh.prices[0] == pytest.approx(1400 * 117.1 / 117.1)  # local, price level 2025
    assert fh.prices[2] == pytest.approx(1250.5 * 117.1 / 115.0)  # national stat price
    kh = res.services["kontanthjaelp_uge"]
    assert kh.prices == pytest.approx((2000 * 117.1 / 109.9, 0, 600 * 117.1 / 109.9))
    own = res.services["egen_ydelse_1"]
    assert (own.label, own.origin, own.direction) == ("Bostøtte, time", "own", "expenditure")
    assert own.prices == pytest.approx((450 * 117.1 / 115.0, 0, 0))
    profiles = dict(res.consequences)
    assert profiles["egen_ydelse_1"] == (-120, -80, -40)  # the switched-off row is left out
    assert profiles["laege_kontakt"] == (-1.5, -1)
    assert res.services["psykiatri_sengedag"].origin == "kb"  # a year alone is no local price


def test_switched_off_and_merged(base: Path, tmp_path: Path) -> None:
    res = read_workbook(edit(base, tmp_path / "x.xlsx", SCENARIOS["fravalg"]))
    profiles: dict[str, list[float]] = {}
    for sid, profile in res.consequences:  # several rows for one service add up
        total = profiles.setdefault(sid, [0.0] * 10)
        for k, value in enumerate(profile):
            total[k] += value
    assert "kontanthjaelp_uge" not in profiles and "psykiatri_sengedag" not in profiles
    # row 1's own values (70, 0, …, 1 in year 5) plus the own duplicate row (−5, −5)
    assert profiles["forsorgshjem_doegn"][:5] == [-75, -5, -40, -30, -1]
    assert profiles["skattepligtig_indkomst_kr"][0] == 9000


def test_input_file_is_not_modified(base: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.xlsx"
    path.write_bytes(base.read_bytes())
    os.chmod(path, 0o444)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    read_workbook(path)
    assert main(["read", str(path), "--json"]) == 0
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


def test_cli_read_json_and_scenario_out(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "scenarie.yaml"
    assert main(["read", str(base), "--json", "--scenario-out", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["net_result"]["discounted"] == pytest.approx(
        calculate(read_workbook(base)).net_discounted
    )
    scenario = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert main(["calc", str(out), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["net_result"] == pytest.approx(data["net_result"])
    assert scenario["target_group"]["id"] == "voksne_hjemloeshed"
    # never overwrite the workbook itself
    assert main(["read", str(base), "--scenario-out", str(base)]) == 2


def _problems(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_workbook(path)
    return info.value.text()


def test_damaged_foreign_and_encrypted_files(tmp_path: Path, base: Path) -> None:
    missing = tmp_path / "findes_ikke.xlsx"
    assert T.READ_MISSING in _problems(missing)
    assert T.READ_DAMAGED in _problems(tmp_path)  # a folder
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"this is not a workbook")
    assert T.READ_DAMAGED in _problems(junk)
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(base.read_bytes()[:20000])
    assert T.READ_DAMAGED in _problems(truncated)
    zipped = tmp_path / "other.xlsx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("hello.txt", "hi")
    assert T.READ_DAMAGED in _problems(zipped)
    foreign = tmp_path / "foreign.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = 1
    wb.save(foreign)
    assert "ikke en SØM-projektmappe" in _problems(foreign)
    encrypted = tmp_path / "encrypted.xlsx"  # Excel's password encryption: an OLE file
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    assert "adgangskode" in _problems(encrypted)
    old = tmp_path / "old.xlsx"
    wb = openpyxl.load_workbook(base)
    wb.defined_names["som.layout"].attr_text = '"v0;services=1"'
    wb.save(old)
    assert "anden version af som-xl (v0)" in _problems(old)
    gone = tmp_path / "gone.xlsx"
    wb = openpyxl.load_workbook(base)
    del wb[T.PRISER]
    wb.save(gone)
    assert "arket 'Priser' mangler" in _problems(gone)


def _bad(base: Path, tmp_path: Path, change: Any) -> str:
    return _problems(edit(base, tmp_path / "bad.xlsx", change))


def test_bad_settings_name_their_cells(base: Path, tmp_path: Path) -> None:
    def change(e: Editor) -> None:
        e.setting("horisont", "ti")
        e.setting("startaar", 1999)
        e.setting("forloebsaar", 2.5)
        e.success_rate(1.5)

    text = _bad(base, tmp_path, change)
    assert "4 fejl i input" in text
    assert "Indstillinger!C6: Tidshorisont (år) skal være et tal, ikke tekst" in text
    assert "Indstillinger!C5: Startår skal ligge mellem 2000 og 2100 (værdi: 1999)" in text
    assert "Indstillinger!C12: Forløbets længde (år) skal være et helt tal" in text
    assert "'Indsats og målgruppe'!C25" not in text  # sheet names are written plainly
    assert (
        "Indsats og målgruppe!C25: Succesrate (netto, efter dødvægt) skal være en andel mellem "
        "0 og 1; 1,5 % skrives 0,015 (værdi: 1.5)"
    ) in text


def test_settings_follow_the_field_table(base: Path, tmp_path: Path) -> None:
    """The bounds are the field table's (som_xl.inputs.fields), as in files and functions."""

    def change(e: Editor) -> None:
        e.setting("horisont", 60)
        e.setting("prisaar", 1990)
        e.setting("forloebsaar", 21)

    text = _bad(base, tmp_path, change)
    assert "3 fejl i input" in text
    assert "Indstillinger!C6: Tidshorisont (år) skal ligge mellem 1 og 50 (værdi: 60)" in text
    assert "Indstillinger!C8: Prisniveau (prisår) skal ligge mellem 2000 og 2100" in text
    assert "Indstillinger!C12: Forløbets længde (år) skal ligge mellem 1 og 20" in text


def test_bad_choices_and_years(base: Path, tmp_path: Path) -> None:
    def change(e: Editor) -> None:
        e.setting("prisaar", 2010)  # a year the table allows, but the index lacks
        e.setting("diskontering", "Renteloft")
        e.target_group("Voksne i hjemløshed (gammel)")

    text = _bad(base, tmp_path, change)
    assert "Indstillinger!C8: prisindekset" in text and "(værdi: 2010)" in text
    assert "Indstillinger!C10: ukendt værdi; vælg fra listen" in text
    assert "Indsats og målgruppe!C5: ukendt værdi" in text and "Voksne med ADHD" in text


def test_bad_participants_and_costs(base: Path, tmp_path: Path) -> None:
    def change(e: Editor) -> None:
        e.participants({0: -3, 1: 2.5, 12: 4})
        e.year_cost(0, purse="Kommunen", amounts={20: 5000})
        e.part_cost(0, price_year=2010, amount="mange")
        e.part_cost(1, price_year=1980)

    text = _bad(base, tmp_path, change)
    assert "Indsats og målgruppe!C30: Deltagere (starter forløb) kan ikke være negativt" in text
    assert (
        "Indsats og målgruppe!C31: Deltagere (starter forløb) skal være et helt antal personer "
        "(værdi: 2.5)"
    ) in text
    assert "Indsats og målgruppe!C42: ligger uden for horisonten (2025-2034)" in text
    assert "ret horisonten eller antallet (værdi: 4)" in text
    assert "Omkostninger!D7: ukendt værdi; vælg fra listen (Kommune, Region, Stat)" in text
    # the horizon rule is the resolver's, shared by every face; the cell is named
    assert "Omkostninger!AB7: året ligger uden for horisonten; tilladt: 2025-2034" in text
    assert "Omkostninger!H20: Beløb pr. deltager skal være et tal, ikke tekst" in text
    assert "Omkostninger!F20: prisindekset (arket VD Indeks og renter) har ikke året" in text
    assert (
        "Omkostninger!F21: Prisår (valgfrit) skal ligge mellem 2000 og 2100 (værdi: 1980)" in text
    )


def test_negative_amounts_are_savings_but_not_of_the_kind_sparet(
    base: Path, tmp_path: Path
) -> None:
    """A negative amount is a saving, as in a scenario file (the field table allows it);
    with the kind 'Sparet omkostning', which makes the amount a saving itself, it would
    turn the saving into a cost, so there it is refused."""

    def change(e: Editor) -> None:
        e.year_cost(2, kind=T.ART_SPARET, amounts={0: -300000})  # would become +300,000 cost
        e.part_cost(1, label="Sparet", kind=T.ART_SPARET, amount=-5000)

    text = _bad(base, tmp_path, change)
    assert "2 fejl i input" in text
    assert (
        "Omkostninger!H9: Beløb må ikke være negativt med arten 'Sparet omkostning', som selv "
        "gør beløbet til en besparelse; skriv besparelsen som et positivt beløb (værdi: -300000)"
    ) in text
    assert "Omkostninger!H21: Beløb pr. deltager må ikke være negativt" in text
    assert "(værdi: -5000)" in text

    def saving(e: Editor, kind: str, amount: float) -> None:
        e.year_cost(2, kind=kind, amounts={0: amount, 1: amount, 2: amount})

    positive = read_workbook(edit(base, tmp_path / "a.xlsx", lambda e: saving(e, T.ART_SPARET, 1)))
    negative = read_workbook(edit(base, tmp_path / "b.xlsx", lambda e: saving(e, T.ART_DRIFT, -1)))
    _same_result(calculate(negative), calculate(positive))


def test_amounts_beyond_the_table_are_refused(base: Path, tmp_path: Path) -> None:
    def change(e: Editor) -> None:
        e.year_cost(0, amounts={0: 2e12})
        e.part_cost(0, amount=-2e12)
        e.override(0, {1: 2e9})
        e.local_price("forsorgshjem_doegn", (-1, None, None))

    text = _bad(base, tmp_path, change)
    assert "4 fejl i input" in text
    assert "Omkostninger!H7: Beløb er urealistisk stort" in text
    assert "Omkostninger!H20: Beløb pr. deltager er urealistisk stort" in text
    assert "Konsekvenser!S9: Egen værdi er urealistisk stort (højst 1.000.000.000" in text
    assert "Priser!K7: Lokal kommune kan ikke være negativ (værdi: -1)" in text


def test_participants_outside_the_horizon_have_their_own_message(
    base: Path, tmp_path: Path
) -> None:
    text = _bad(base, tmp_path, lambda e: e.participants({10: 7}))
    assert (
        "Indsats og målgruppe!C40: ligger uden for horisonten (2025-2034); "
        "ret horisonten eller antallet (værdi: 7)"
    ) in text
    assert "beløbet" not in text


def test_unknown_switch_values_are_reported(base: Path, tmp_path: Path) -> None:
    def change(e: Editor) -> None:
        e.switch(0, "måske")
        e.switch(1, "yes")
        e.set(T.KONSEKVENSER, e.lay.cons_block_row(2), 6, True)  # a TRUE typed in Excel

    text = _bad(base, tmp_path, change)
    assert "3 fejl i input" in text
    assert "Konsekvenser!G8: ukendt værdi; vælg fra listen (Ja, Nej) (værdi: 'måske')" in text
    assert "Konsekvenser!G11: ukendt værdi; vælg fra listen (Ja, Nej) (værdi: 'yes')" in text
    assert "Konsekvenser!G14: ukendt værdi; vælg fra listen (Ja, Nej) (værdi: True)" in text


def test_switch_values_in_any_case_and_blank(base: Path, tmp_path: Path) -> None:
    """Ja/Nej in any case (Excel compares so); a blank switch is off, as in the formulas."""
    default = dict(read_workbook(base).consequences)
    first, second = list(default)[:2]

    def change(e: Editor) -> None:
        e.switch(0, "NEJ")
        e.switch(1, None)
        e.switch(2, "ja")

    profiles = dict(read_workbook(edit(base, tmp_path / "x.xlsx", change)).consequences)
    assert first not in profiles and second not in profiles
    assert len(profiles) == len(default) - 2


@pytest.mark.parametrize("rate", [0.35, 3.5, -0.01])
def test_fixed_rate_uses_the_shared_limits(base: Path, tmp_path: Path, rate: float) -> None:
    def change(e: Editor) -> None:
        e.setting("diskontering", T.FAST_RENTE)
        e.setting("diskonteringsrente", rate)

    text = _bad(base, tmp_path, change)
    allowed = (
        "en andel, fx 0,035 for 3,5 %, ikke 3,5"
        if rate == 3.5
        else "en andel mellem 0 og 0,2, fx 0,035"
    )
    assert text == f"Indstillinger!C11: Fast diskonteringsrente skal være {allowed} (værdi: {rate})"


def test_fixed_rate_at_the_limits_is_read(base: Path, tmp_path: Path) -> None:
    for rate in (MIN_DISCOUNT_RATE, MAX_DISCOUNT_RATE):

        def change(e: Editor, rate: float = rate) -> None:
            e.setting("diskontering", T.FAST_RENTE)
            e.setting("diskonteringsrente", rate)

        res = read_workbook(edit(base, tmp_path / "x.xlsx", change))
        assert res.discount_schedule == ((1, rate),)


def test_no_participants(base: Path, tmp_path: Path) -> None:
    text = _bad(base, tmp_path, lambda e: e.participants({0: None, 1: None, 2: 0}))
    assert "Indsats og målgruppe!C30: der skal være deltagere i mindst ét år" in text


def test_bad_consequences_and_own_services(base: Path, tmp_path: Path) -> None:
    def change(e: Editor) -> None:
        e.own_consequence(0, "Ukendt ydelse", {1: -1})
        e.own_service(0, "Bostøtte", "time", "", "", (400, None, None))
        e.own_consequence(1, "Bostøtte", {1: -10})
        e.own_service(1, "Kontanthjælp, uge", "uge", "udgift", "Indkomstoverførsler", (1, 1, 1))
        e.override(0, {3: "tre"})
        e.own_service(2, "Bo*støtte", "time", "udgift", "Indkomstoverførsler", (1, 0, 0))
        e.override(e.lay.counts.max_cons + 3, {1: -4})  # own values without a service

    text = _bad(base, tmp_path, change)
    assert "Konsekvenser!" in text and "(værdi: 'Ukendt ydelse')" in text
    assert "en egen ydelse skal have retning og udgiftspost (værdi: 'Bostøtte')" in text
    assert "navnet findes allerede blandt ydelserne (værdi: 'Kontanthjælp, uge')" in text
    assert "Konsekvenser!U9: Egen værdi skal være et tal, ikke tekst" in text
    assert "(værdi: 'tre')" in text
    assert "må ikke indeholde * ? ~" in text and "'Bo*støtte'" in text
    assert "vælg ydelsen for de egne værdier" in text


def test_formula_in_input_without_cached_value(base: Path, tmp_path: Path) -> None:
    text = _bad(base, tmp_path, lambda e: e.success_rate("=0.1*3"))
    assert "skal være en værdi, ikke en formel" in text


def test_cli_exit_codes(base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 broken")
    assert main(["read", str(junk)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fejl: ") and "Traceback" not in err
    assert main(["read", str(base)]) == 0
    assert "Nettoresultat (nutidsværdi)" in capsys.readouterr().out


def test_bad_resource_and_follow_up_cells_name_their_cells(base: Path, tmp_path: Path) -> None:
    """Omkostningsvurdering and Opfølgning: Danish messages naming sheet!cell (som-method
    §3.18, §3.19)."""

    def change(e: Editor) -> None:
        e.resource(0, label="Pædagog", form="Måneder", wage=367200, amounts={0: 1})
        e.resource(1, label="Sygeplejerske", amounts={0: 2})  # no wage
        e.resource(2, label="Kursus", form=T.FORM_HOURS, wage="mange", amounts={1: -5})
        e.resource(3, label="Leder", wage=500000, overhead=1.5, amounts={0: 0.5})
        e.realised(0, participants=12.5, successes="tre", costs=900000)
        e.realised(15, participants=10)  # after the 10-year horizon

    text = _bad(base, tmp_path, change)
    assert "8 fejl i input" in text
    assert "Omkostningsvurdering!C12: ukendt værdi; vælg fra listen (Årsværk, Timer)" in text
    assert f"Omkostningsvurdering!D13: {T.READ_OV_WAGE}\n" in text
    assert "Omkostningsvurdering!D14: Løn (kr. pr. årsværk eller time)" in text
    assert "Omkostningsvurdering!L14: Årsværk eller timer pr. år kan ikke være negativ" in text
    assert "Omkostningsvurdering!E15: Overhead (andel) skal være en andel mellem 0 og 1" in text
    assert "Opfølgning!D22: Realiserede deltagere skal være et helt" in text
    assert "Opfølgning!E22: Realiserede succeser skal være et tal, ikke tekst" in text
    assert "Opfølgning!D37: År ligger uden for horisonten (2025-2034)" in text


def test_resources_and_realised_read_back(base: Path, tmp_path: Path) -> None:
    """The scenario's resources and realised years, as the engine reads them."""
    path = edit(base, tmp_path / "opf.xlsx", SCENARIOS["omkostningsvurdering_opfoelgning"])
    res = read_workbook(path)
    real = {r.year: r for r in res.realised}
    assert set(real) == {2025, 2026, 2027}
    assert (real[2025].participants, real[2025].successes) == (14, 3)
    assert real[2026].costs is None and real[2027].participants is None
    social = [c for c in res.costs if c.label == "Socialrådgiver"]
    # 1,5 årsværk in 2025-2026 and 1 in 2027: two annual lines at the price level (2024):
    # 1,5 × 474.528 × 1,15 × 115,0 / 109,9 and 1 × 474.528 × 1,15 × 115,0 / 109,9
    assert [c.years for c in social] == [(2025, 2026), (2027,)]
    factor = 1.15 * 115.0 / 109.9
    assert social[0].amount == pytest.approx(1.5 * 474528 * factor)
    assert social[1].amount == pytest.approx(474528 * factor)
    kursus = next(c for c in res.costs if c.label == "Kursus")
    assert (kursus.amount, kursus.purse, kursus.years) == (120 * 350, "region", (2025,))


def test_a_misspelled_target_group_names_the_nearest(
    kb: KnowledgeBase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real knowledge base has 29 target groups: a misspelled one names the nearest
    ("mente du 'Voksne i hjemløshed'?"), not all 29 in one line."""
    from som_xl.cli import main

    book = build_workbook(tmp_path / "SOM.xlsx", kb=kb)
    bad = edit(book, tmp_path / "bad.xlsx", lambda e: e.target_group("Voksne i hjemlosehed"))
    assert main(["read", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Indsats og målgruppe!C5: ukendt værdi; mente du 'Voksne i hjemløshed'" in err
    assert "Voksne med ADHD," not in err
