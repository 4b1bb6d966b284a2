"""*Indsats og målgruppe*: target group, intervention, success rate, participants per year.

The target group and the intervention are dropdowns; the details below each are looked
up live on the VD sheets. The knowledge base's success rate is shown as a suggestion beside
the success-rate input, never copied into it.
"""

from __future__ import annotations

from typing import Any

from ...conventions import STATUS_LABELS
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import YEARS, a1, col, rng
from ..model import BookEffect, BookGroup
from ..style import (
    C_ILLUSTRATIVE,
    C_OUT,
    C_OUT_FONT,
    C_WARNING,
    INT,
    PCT,
    WIDE,
    YEAR,
    height,
    q,
)

__all__ = ["write"]

#: The target group's MATCH on VD Målgrupper.
_GROUP_MATCH = "MATCH(som.maalgruppe,vd.mg_navn,0)"
#: The intervention's MATCH on VD Effekter.
_EFFECT_MATCH = "MATCH(som.indsats,vd.e_navn,0)"


def write(ctx: BuildContext) -> None:
    """Write *Indsats og målgruppe*."""
    s = ctx.sheets[T.INDSATS]
    f = ctx.fmt
    c = ctx.lay.value_col
    s.widths((0, 0, 3), (1, 1, 32), (c, c + 5, 14))
    s.text(0, 1, T.INDSATS_TITLE, f.title())
    s.merged(1, 1, c + 5, T.INDSATS_INTRO, f.wrap(), 30)
    group = ctx.bkb.group_by_label(ctx.inp.target_group)
    assert group is not None
    _group(ctx, s, group)
    rate = _effect(ctx, s, group)
    _success(ctx, s, group, rate)
    _participants(ctx, s)
    s.ws.freeze_panes(3, 0)


def _group(ctx: BuildContext, s: Sheet, group: BookGroup) -> None:
    """The target-group dropdown and its details, looked up on VD Målgrupper."""
    f = ctx.fmt
    b = ctx.bkb
    c = ctx.lay.value_col
    c2 = c + 5
    r0 = ctx.lay.group_row
    s.text(r0 - 1, 1, T.INDSATS_GROUP_HEADER, f.section())
    for i, label in enumerate(T.INDSATS_GROUP_ROWS):
        s.text(r0 + i, 1, label, f(bold=i == 0, valign="top"))
    s.wide(r0, c, c2, ctx.inp.target_group, f.input())
    ctx.name("som.maalgruppe", T.INDSATS, r0, c)
    s.field_cell(r0, c, "target_group", source="=vd.mg_navn")
    s.note(r0, c, T.NOTES["maalgruppe"])
    m = _GROUP_MATCH
    age = (
        f"{group.age_min}-{group.age_max} år"
        if group.age_max is not None
        else f"{group.age_min} år og derover"
    )
    details: list[tuple[str, Any]] = [
        (f"=INDEX(vd.mg_id,{m})", group.id),
        (f"=INDEX(vd.mg_omraade,{m})", group.area),
        (
            f'=INDEX(vd.mg_alder_fra,{m})&IF(INDEX(vd.mg_alder_til,{m})="",'
            f'" år og derover","-"&INDEX(vd.mg_alder_til,{m})&" år")',
            age,
        ),
        (f"=INDEX(vd.mg_register,{m})", group.register_definition),
        (f"=INDEX(vd.mg_succesmaal,{m})", group.success_measure),
        (f"=INDEX(vd.mg_status,{m})", STATUS_LABELS[group.status]),
        (f"=INDEX(vd.mg_kilde,{m})", group.source),
    ]
    texts = {
        3: [g.register_definition for g in b.groups],
        4: [g.success_measure for g in b.groups],
        6: [g.source for g in b.groups],
    }
    for i, (formula, value) in enumerate(details):
        s.wide(r0 + 1 + i, c, c2, value, f.wrap(), formula)
        if i in texts:
            s.ws.set_row(r0 + 1 + i, height(max(len(x) for x in texts[i]), WIDE))
    ctx.name("som.maalgruppe_id", T.INDSATS, r0 + 1, c)
    s.ws.conditional_format(
        r0 + 6,
        c,
        r0 + 6,
        c,
        {
            "type": "cell",
            "criteria": "==",
            "value": q(STATUS_LABELS["illustrative"]),
            "format": f(bg_color=C_ILLUSTRATIVE),
        },
    )


def _effect(ctx: BuildContext, s: Sheet, group: BookGroup) -> Any:
    """The intervention dropdown and its details. Returns its success rate ('' if none)."""
    f = ctx.fmt
    b = ctx.bkb
    inp = ctx.inp
    c = ctx.lay.value_col
    c2 = c + 5
    e0 = ctx.lay.effect_row
    s.text(e0 - 1, 1, T.INDSATS_EFFECT_HEADER, f.section())
    for i, label in enumerate(T.INDSATS_EFFECT_ROWS):
        s.text(e0 + i, 1, label, f(bold=i == 0, valign="top"))
    s.wide(e0, c, c2, inp.intervention, f.input())
    ctx.name("som.indsats", T.INDSATS, e0, c)
    s.validate_cell(e0, c, "indsats", {"validate": "list", "source": "=liste.indsatser"})
    s.note(e0, c, T.NOTES["indsats"])
    effect = next((e for e in b.effects if e.display == inp.intervention), None)
    rate: Any = ""
    if effect is not None and effect.success_rate is not None:
        rate = effect.success_rate
    for i, (formula, value) in enumerate(_effect_details(ctx, group, effect, rate)):
        fm = f.wrap(num_format=PCT, align="left") if i == 4 else f.wrap()
        if i == 7:
            fm = f.wrap(bold=True, font_color=C_WARNING)
        s.wide(e0 + 1 + i, c, c2, value, fm, formula)
    etexts = {
        2: [e.outcome for e in b.effects],
        3: [e.effect_size for e in b.effects],
        5: [e.context for e in b.effects],
        6: [f"{STATUS_LABELS[e.status]}, {e.source}" for e in b.effects],
        7: [T.OTHER_GROUP_WARNING],
    }
    for i, xs in etexts.items():
        s.ws.set_row(e0 + 1 + i, height(max((len(x) for x in xs), default=0), WIDE))
    return rate


def _effect_details(
    ctx: BuildContext, group: BookGroup, effect: BookEffect | None, rate: Any
) -> list[tuple[str, Any]]:
    """Formula and cached value of each detail row below the intervention dropdown."""
    em = _EFFECT_MATCH
    none = f"som.indsats={q(T.INGEN_INDSATS)}"

    def eff(formula: str, value: Any) -> tuple[str, Any]:
        """A detail that is blank when no intervention is chosen."""
        return (f'=IF({none},"",IFERROR({formula},""))', value if effect is not None else "")

    labels = {g.id: g.label for g in ctx.bkb.groups}
    levels = ",".join(q(T.EVIDENCE_LEVELS[k]) for k in (1, 2, 3))
    warn = effect is not None and effect.target_group != group.id
    other = (
        f'=IF({none},"",IF(IFERROR(INDEX(vd.e_mg_id,{em})=som.maalgruppe_id,FALSE),"",'
        f"{q(T.OTHER_GROUP_WARNING)}))"
    )
    return [
        eff(f'INDEX(vd.e_mg,{em})&""', labels.get(effect.target_group, "") if effect else ""),
        eff(
            f"CHOOSE(INDEX(vd.e_evidens,{em}),{levels})",
            T.EVIDENCE_LEVELS[effect.evidence_level] if effect else "",
        ),
        eff(f'INDEX(vd.e_udfald,{em})&""', effect.outcome if effect else ""),
        eff(f'INDEX(vd.e_stoerrelse,{em})&""', effect.effect_size if effect else ""),
        eff(f'IF(INDEX(vd.e_succesrate,{em})="","",INDEX(vd.e_succesrate,{em}))', rate),
        eff(f'INDEX(vd.e_kontekst,{em})&""', effect.context if effect else ""),
        eff(
            f'INDEX(vd.e_status,{em})&", "&INDEX(vd.e_kilde,{em})',
            f"{STATUS_LABELS[effect.status]}, {effect.source}" if effect else "",
        ),
        (other, T.OTHER_GROUP_WARNING if warn else ""),
    ]


def _success(ctx: BuildContext, s: Sheet, group: BookGroup, rate: Any) -> None:
    """The success rate, with the knowledge base's suggestion beside and below it."""
    f = ctx.fmt
    inp = ctx.inp
    c = ctx.lay.value_col
    sr = ctx.lay.success_row
    s.text(sr, 1, T.INDSATS_SUCCESS, f(bold=True))
    s.value(sr, c, inp.success_rate, f.input(PCT, align="left", bold=True))
    ctx.name("som.succesrate", T.INDSATS, sr, c)
    s.field_cell(sr, c, "success_rate")
    s.note(sr, c, T.NOTES["succesrate"])
    erate = a1(ctx.lay.effect_row + 5, c, True)
    level = a1(ctx.lay.effect_row + 2, c, True)
    # A suggestion only from an effect of the chosen intervention for this target group
    # (never from a study of another group, never from the group's default study).
    effect = next((e for e in ctx.bkb.effects if e.display == inp.intervention), None)
    fits = effect is not None and effect.target_group == group.id and rate != ""
    same = f"IFERROR(INDEX(vd.e_mg_id,{_EFFECT_MATCH})=som.maalgruppe_id,FALSE)"
    ok = f"AND(ISNUMBER({erate}),{same})"
    s.formula(
        sr,
        3,
        f'=IF({ok},{erate},"")',
        rate if fits else "",
        f(num_format=PCT, align="left", italic=True),
    )
    hint = T.INDSATS_SUCCESS_HINT
    evidence = T.EVIDENCE_LEVELS[effect.evidence_level] if effect is not None else ""
    source_text = (
        f"{hint}{inp.intervention} ({T.INDSATS_EVIDENCE}{evidence})"
        if fits
        else T.INDSATS_SUCCESS_NONE
    )
    # wrapped, and the row sized for the longest intervention name (a long one was cut off)
    longest = max((len(e.display) for e in ctx.bkb.effects), default=0)
    chars = len(hint) + longest + len(T.INDSATS_EVIDENCE) + 40
    s.ws.set_row(sr + 1, height(max(chars, len(T.INDSATS_SUCCESS_NONE)), WIDE))
    s.wide(
        sr + 1,
        c,
        c + 5,
        source_text,
        f.note(text_wrap=True, valign="top"),
        f'=IF({ok},{q(hint)}&som.indsats&{q(" (" + T.INDSATS_EVIDENCE)}&{level}&")",'
        f"{q(T.INDSATS_SUCCESS_NONE)})",
    )


def _participants(ctx: BuildContext, s: Sheet) -> None:
    """New participants per year (50 rows), greyed after the horizon, with their total."""
    f = ctx.fmt
    lay = ctx.lay
    inp = ctx.inp
    h = lay.part_header_row
    yc_, pc_, nc_ = lay.part_year_col, lay.part_col, lay.part_note_col
    s.text(h - 1, yc_, T.INDSATS_PARTICIPANTS_HEADER, f.section())
    for i, label in enumerate(T.INDSATS_PARTICIPANTS_COLS):
        s.text(h, yc_ + i, label, f.header())
    s.ws.set_row(h, 30)
    for t in range(YEARS):
        r = lay.part_first + t
        s.formula(
            r, yc_, f"=som.startaar+{t}", inp.start_year + t, f(num_format=YEAR, align="left")
        )
        n = inp.participants.get(t)
        s.value(r, pc_, n, f.input(INT))
        outside = n is not None and n != 0 and t >= inp.horizon
        s.formula(
            r,
            nc_,
            f'=IF(AND({a1(r, pc_)}<>0,{a1(r, yc_)}>som.slutaar),{q(T.OUTSIDE_HORIZON)},"")',
            T.OUTSIDE_HORIZON if outside else "",
            f(font_color=C_WARNING),
        )
    first, last = lay.part_first, lay.part_last
    ctx.name("som.deltagere", T.INDSATS, first, pc_, last, pc_)
    p0, y0_ = a1(first, pc_), a1(first, yc_)
    within = f"OR({p0}=0,{y0_}<=som.slutaar)"  # only years within the horizon count
    s.field(first, pc_, last, pc_, "participants.<year>", cell=p0, also=within)
    s.note(first, pc_, T.NOTES["deltagere"])
    s.ws.conditional_format(
        first,
        yc_,
        last,
        nc_,
        {
            "type": "formula",
            "criteria": f"=${col(yc_)}{first + 1}>som.slutaar",
            "format": f(font_color=C_OUT_FONT, bg_color=C_OUT),
        },
    )
    tr = lay.part_total_row
    s.text(tr, yc_, "", f(top=1))
    s.text(tr, nc_, T.INDSATS_PARTICIPANTS_TOTAL, f(bold=True, top=1))
    total = sum(n for t, n in inp.participants.items() if t < inp.horizon)
    s.formula(
        tr,
        pc_,
        f"=SUMIFS({rng(None, first, pc_, last, pc_)},"
        f'{rng(None, first, yc_, last, yc_)},"<="&som.slutaar)',
        total,
        f(num_format=INT, bold=True, top=1),
    )
