"""The SØM workbook: generated with xlsxwriter from the knowledge base, live native formulas.

``build_workbook(path)`` writes ``workbooks/SOM.xlsx``: Danish sheets in the order a user
works, inputs in yellow unlocked cells, every result a native formula of the inputs
(functions that Excel 2010 and LibreOffice 7.4 both compute), each formula cell with the
engine's value as its cached result, defined names (``som.*``) for inputs and headline
outputs, and the knowledge base on locked sheets with source and status for every value.

The build is deterministic: the same knowledge base and version give identical bytes.

Where things are: :mod:`.sheets` holds one module per sheet, :mod:`.kb_columns` the
knowledge-base tables' columns (shared with the reader), :mod:`.layout` every position
(shared with the reader), :mod:`.style` colours and number formats, :mod:`.cells` the cell
writers, :mod:`.text` the Danish texts. This module runs the sheet writers and finishes
the file: document properties, protection, tab colours and print set-up.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path

import xlsxwriter

from .._version import __version__
from ..files import write_atomic
from ..kb import KnowledgeBase, load_kb
from . import printing
from . import text as T
from .context import BuildContext
from .layout import Layout
from .model import Inputs, book_kb, default_inputs
from .sheets import WRITERS
from .style import (
    C_TAB_INPUT,
    C_TAB_KB,
    C_TAB_RESULT,
    FACTOR,
    INT,
    KR,
    KR2,
    KR_KEY,
    PCT,
    UNITS,
    YEAR,
)
from .values import compute

# The number formats (now in style.py) and values.compute are re-exported for imports of
# their old place (tests/present/test_faces_agree.py, tests/engine/test_workbook_parity.py).
__all__ = [
    "BUILD_DATE",
    "FACTOR",
    "INT",
    "KR",
    "KR2",
    "KR_KEY",
    "NAMES",
    "PCT",
    "UNITS",
    "YEAR",
    "build_workbook",
    "build_workbook_bytes",
    "compute",
]

#: Fixed creation date in the workbook's properties (deterministic builds).
BUILD_DATE = dt.datetime(2026, 1, 1, 0, 0, 0)

#: The documented defined names (README "Projektmappen"): name -> Danish description.
NAMES: dict[str, str] = {
    "som.navn": "scenariets navn",
    "som.startaar": "startår",
    "som.horisont": "tidshorisont i år (1-50)",
    "som.slutaar": "sidste år i beregningen (formel)",
    "som.prisaar": "prisniveau (prisår)",
    "som.prisindeks": "prisindeks for prisniveauet (formel)",
    "som.diskontering": "valgt diskontering (renteforløb eller fast rente)",
    "som.diskonteringsrente": "den faste diskonteringsrente (bruges ved 'Fast rente')",
    "som.forloebsaar": "forløbets længde i år",
    "som.maalgruppe": "valgt målgruppe (navn)",
    "som.maalgruppe_id": "valgt målgruppes id (formel)",
    "som.indsats": "valgt indsats (effektstudie), kun som forslag",
    "som.succesrate": "succesrate (andel, netto efter dødvægt)",
    "som.deltagere": "nye deltagere pr. år (50 celler, startåret først)",
    "som.nettoresultat": "nettoresultat, udiskonteret (kr.)",
    "som.nettoresultat_nv": "nettoresultat, nutidsværdi (kr.)",
    "som.nettoresultat_nv_kommune": "kommunens nettoresultat, nutidsværdi (kr.)",
    "som.omkostninger_nv": "omkostninger, nutidsværdi (kr.)",
    "som.gevinster_nv": "gevinster, nutidsværdi (kr.)",
    "som.breakeven_aar": "break-even-år (tekst hvis intet inden for horisonten)",
    "som.breakeven_succesrate": "break-even-succesrate (andel)",
    "som.bcr": "gevinst pr. omkostningskrone (nutidsværdi)",
    "som.skoen_maalgruppe": "hurtigt skøn: målgruppe",
    "som.skoen_deltagere": "hurtigt skøn: deltagere",
    "som.skoen_pris": "hurtigt skøn: omkostning pr. deltager (kr.)",
    "som.skoen_succesrate": "hurtigt skøn: anvendt succesrate",
    "som.skoen_nettoresultat": "hurtigt skøn: nettoresultat, udiskonteret (kr.)",
    "som.skoen_nettoresultat_nv": "hurtigt skøn: nettoresultat, nutidsværdi (kr.)",
    "som.omkostningsvurdering": "omkostningsvurdering: personale m.m. i alt (kr.)",
    "som.real_deltagere": "opfølgning: realiserede deltagere pr. år (50 celler)",
    "som.real_succeser": "opfølgning: realiserede succeser pr. år (50 celler)",
    "som.real_omkostninger": "opfølgning: realiserede omkostninger pr. år (50 celler)",
    "som.observeret_succesrate": "opfølgning: observeret succesrate (tekst hvis ingen)",
    "som.prognose_succesrate": "opfølgning: succesraten i den nye prognose",
    "som.plan_nettoresultat": "opfølgning: planens nettoresultat, udiskonteret (kr.)",
    "som.plan_nettoresultat_nv": "opfølgning: planens nettoresultat, nutidsværdi (kr.)",
    "som.version": "som-xl-versionen, der byggede projektmappen",
    "som.vidensdatabase": "vidensdatabasens fingeraftryk",
    "som.eksempel": "valgt eksempel på arket Eksempler (id; ændrer ingen indtastning)",
}

#: Tab colours: input sheets yellow, result sheets green (VD sheets and Lister grey).
TABS = {
    T.INDSTILLINGER: C_TAB_INPUT,
    T.INDSATS: C_TAB_INPUT,
    T.OMKOSTNINGER: C_TAB_INPUT,
    T.OMKOSTNINGSVURDERING: C_TAB_INPUT,
    T.OPFOELGNING: C_TAB_INPUT,
    T.KONSEKVENSER: C_TAB_INPUT,
    T.PRISER: C_TAB_INPUT,
    T.FORUDSAETNINGER: C_TAB_INPUT,
    T.RESULTAT: C_TAB_RESULT,
    T.SKOEN: C_TAB_RESULT,
}


def build_workbook_bytes(kb: KnowledgeBase | None = None, inputs: Inputs | None = None) -> bytes:
    """The workbook as bytes (xlsxwriter warnings are errors).

    Parameters
    ----------
    kb : KnowledgeBase, optional
        The knowledge base (default: :func:`som_xl.kb.load_kb`).
    inputs : Inputs, optional
        The yellow cells' contents (default: the knowledge base's defaults and a worked
        example, :func:`som_xl.workbook.model.default_inputs`).

    Returns
    -------
    bytes
        The .xlsx file; the same arguments give the same bytes.

    Examples
    --------
    >>> data = build_workbook_bytes()
    >>> data[:2]
    b'PK'
    """
    kb = kb if kb is not None else load_kb()
    bkb = book_kb(kb)
    inp = inputs if inputs is not None else default_inputs(kb, bkb)
    values = compute(inp, bkb, Layout(bkb.counts()), kb)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wb = xlsxwriter.Workbook(
            buffer,
            {
                "in_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        ctx = BuildContext.create(wb, bkb, inp, values)
        for write in WRITERS:
            write(ctx)
        finish(ctx)
        wb.close()
    return buffer.getvalue()


def build_workbook(
    path: Path, *, kb: KnowledgeBase | None = None, inputs: Inputs | None = None
) -> Path:
    """Build the workbook at ``path`` (folders are created; written atomically).

    Parameters
    ----------
    path : Path
        Where to write the .xlsx file.
    kb, inputs
        As for :func:`build_workbook_bytes`.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    data = build_workbook_bytes(kb, inputs)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    return path


def finish(ctx: BuildContext) -> None:
    """Document properties and stamps, then protection, tab colours and print set-up."""
    wb = ctx.wb
    lay = ctx.lay
    fingerprint = ctx.bkb.fingerprint
    wb.set_properties(
        {
            "title": T.TITLE,
            "subject": "Socialøkonomisk investeringsmodel (SØM)",
            "author": "som-xl",
            "company": "som-xl",
            "comments": f"som-xl {__version__}; vidensdatabase {fingerprint}",
            "keywords": "SØM, socialøkonomi, budget",
            "created": BUILD_DATE,
        }
    )
    wb.set_custom_property("som_xl_version", __version__)
    wb.set_custom_property("som_xl_vidensdatabase", fingerprint)
    wb.set_custom_property("som_xl_layout", lay.counts.stamp())
    wb.define_name("som.layout", f'="{lay.counts.stamp()}"')
    for name, sheet in ctx.sheets.items():
        ws = sheet.ws
        if name in TABS:
            ws.set_tab_color(TABS[name])
        elif name.startswith("VD ") or name == T.LISTER:
            ws.set_tab_color(C_TAB_KB)
        ws.protect(
            "",
            {
                "format_columns": True,
                "format_rows": True,
                "select_locked_cells": True,
                "select_unlocked_cells": True,
            },
        )
        ws.set_header(f"&L&8{T.TITLE}&C&8&A&R&8Udskrevet &D")
        ws.set_footer(f"&L&8som-xl {__version__} · vidensdatabase {fingerprint}&R&8Side &P af &N")
    printing.setup(ctx)
    res = ctx.sheets[T.RESULTAT].ws
    res.set_header(f"&L&8{T.TITLE} · {T.RESULT_PRINT_HEADER}&R&8Udskrevet &D")
    ctx.sheets[T.FORSIDE].ws.activate()
