"""*Indstillinger*: start year, horizon, price level, discounting and course length.

Every input has a ``som.<key>`` name, Danish data validation and a help text beside it.
The validation of a scenario setting comes from the field table
(:mod:`som_xl.inputs.fields`); the choice of discounting is the workbook's own list.
"""

from __future__ import annotations

from typing import Any

from .. import text as T
from ..context import BuildContext
from ..style import C_OUT, C_OUT_FONT, INT, PCT, YEAR, height, q

__all__ = ["FIELDS", "METHOD_FIELDS", "write"]

#: The scenario field of each input, by the input's key (``som.<key>``); the price level
#: is chosen from the years of the price index.
FIELDS: dict[str, tuple[str, dict[str, Any]]] = {
    "startaar": ("start_year", {}),
    "horisont": ("horizon_years", {}),
    "prisaar": ("price_year", {"source": "=liste.prisaar"}),
    "diskonteringsrente": ("discount_rate", {}),
    "forloebsaar": ("course_years", {}),
}


#: The settings of som-method §3.11–3.14 and their fields (validation and bounds).
METHOD_FIELDS: dict[str, str] = {
    "halerate": "consequence_tail.rate",
    "frafald": "drop_off",
    "doedvaegt": "success_rate.without",
    "optimisme_omk": "optimism_bias.costs",
    "optimisme_gev": "optimism_bias.gains",
}


#: The width of the help texts' column (characters).
HELP_WIDTH = 100


def write(ctx: BuildContext) -> None:
    """Write *Indstillinger*: labels and help, the inputs, their validation and notes."""
    s = ctx.sheets[T.INDSTILLINGER]
    f = ctx.fmt
    lay = ctx.lay
    c = lay.settings_col
    s.widths((0, 0, 3), (1, 1, 44), (2, 2, 62), (3, 3, HELP_WIDTH))
    s.text(0, 1, T.SETTINGS_TITLE, f.title())
    s.merged(1, 1, 3, T.SETTINGS_INTRO, f.wrap(), 18)
    rows = lay.settings_rows
    for key, r in rows.items():
        label, help_text = T.SETTINGS_INPUTS[key]
        s.text(r, 1, label, f(bold=True))
        s.text(r, 3, help_text, f.note(text_wrap=True))
        if len(help_text) > HELP_WIDTH:  # a taller row, or the lines run over the next rows
            s.ws.set_row(r, height(len(help_text), HELP_WIDTH))
        ctx.name(f"som.{key}", T.INDSTILLINGER, r, c)
    _values(ctx)
    for key in ("startaar", "horisont", "prisaar"):
        field, how = FIELDS[key]
        s.field_cell(rows[key], c, field, **how)
    choice = {"validate": "list", "source": "=liste.diskontering"}
    s.validate_cell(rows["diskontering"], c, "diskontering", choice)
    for key in ("diskonteringsrente", "forloebsaar"):
        field, how = FIELDS[key]
        s.field_cell(rows[key], c, field, **how)
    rate = rows["diskonteringsrente"]
    s.ws.conditional_format(
        rate,
        c,
        rate,
        c,
        {
            "type": "formula",
            "criteria": f"=som.diskontering<>{q(T.FAST_RENTE)}",
            "format": f(font_color=C_OUT_FONT, bg_color=C_OUT),
        },
    )
    tail_list = {"validate": "list", "source": "=liste.haler"}
    s.validate_cell(rows["hale"], c, "hale", tail_list)
    for key, field in METHOD_FIELDS.items():
        s.field_cell(rows[key], c, field)
    decay = rows["halerate"]
    s.ws.conditional_format(
        decay,
        c,
        decay,
        c,
        {
            "type": "formula",
            "criteria": f"=som.hale<>{q(T.TAIL_LABELS['decay'])}",
            "format": f(font_color=C_OUT_FONT, bg_color=C_OUT),
        },
    )
    keys = ("horisont", "diskontering", "forloebsaar", "prisaar", "hale", "halerate")
    for key in (*keys, "frafald", "doedvaegt", "optimisme_omk", "optimisme_gev"):
        s.note(rows[key], c, T.SETTINGS_INPUTS[key][1])
    s.note(rows["startaar"], c, T.NOTES["startaar"])
    s.note(rate, c, T.NOTES["diskonteringsrente"])


def _values(ctx: BuildContext) -> None:
    """The inputs and the two formulas among them (last year, price index)."""
    s = ctx.sheets[T.INDSTILLINGER]
    f = ctx.fmt
    inp = ctx.inp
    rows = ctx.lay.settings_rows
    c = ctx.lay.settings_col
    # a long name wraps in its cell (printed and on screen) instead of being cut at column D
    s.value(rows["navn"], c, inp.name, f.input(text_wrap=True, valign="top"))
    if len(str(inp.name)) > 60:
        s.ws.set_row(rows["navn"], height(len(str(inp.name)), 68))
    s.value(rows["startaar"], c, inp.start_year, f.input(YEAR, align="left"))
    s.value(rows["horisont"], c, inp.horizon, f.input(INT, align="left"))
    s.formula(
        rows["slutaar"],
        c,
        "=som.startaar+som.horisont-1",
        inp.start_year + inp.horizon - 1,
        f(num_format=YEAR, align="left"),
    )
    s.value(rows["prisaar"], c, inp.price_year, f.input(YEAR, align="left"))
    s.formula(
        rows["prisindeks"],
        c,
        "=INDEX(vd.indeks,MATCH(som.prisaar,vd.indeks_aar,0))",
        ctx.bkb.index_map[inp.price_year],
        f(num_format="0.0##", align="left"),
    )
    s.value(rows["diskontering"], c, inp.discount, f.input())
    s.value(rows["diskonteringsrente"], c, inp.fixed_rate, f.input(PCT, align="left"))
    s.value(rows["forloebsaar"], c, inp.course_years, f.input(INT, align="left"))
    s.value(rows["hale"], c, inp.default_tail[0] or None, f.input())
    s.value(rows["halerate"], c, inp.default_tail[1], f.input(PCT, align="left"))
    s.value(rows["frafald"], c, inp.drop_off, f.input(PCT, align="left"))
    s.value(rows["doedvaegt"], c, inp.success_without, f.input(PCT, align="left"))
    s.formula(
        rows["succesrate_netto"],
        c,
        "=som.succesrate-som.doedvaegt",
        inp.success_rate - (inp.success_without or 0.0),
        f(num_format=PCT, align="left"),
    )
    s.value(rows["optimisme_omk"], c, inp.optimism[0], f.input(PCT, align="left"))
    s.value(rows["optimisme_gev"], c, inp.optimism[1], f.input(PCT, align="left"))
