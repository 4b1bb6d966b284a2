"""*Eksempler*: the example calculations (SØM's erfaringsdatabase) and a choice among them.

The example files (``examples/*.yaml``, :mod:`som_xl.example_cases`) are read when the
workbook is built: each one's header texts, key inputs and som-xl's result for it (the
engine, with the installed knowledge base) fill one row of the catalogue (section 3).

Loading an example: the workbook always calculates the scenario in its input sheets, and
the reader reads those cells, so a choice never changes an input behind the user's back.
Section 1 holds one yellow cell, the chosen example's id (a dropdown; name
``som.eksempel``). Section 2 looks the chosen example up in the catalogue with INDEX/MATCH
and sets each key input beside the value the input sheets hold now, with ``Ja``/``Nej``;
the status line says whether the workbook now calculates the example. The user types the
example's values into the input sheets; when every row says ``Ja``, the workbook's net
result is som-xl's for the example (tests/workbook/test_eksempler.py checks this with
LibreOffice).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...conventions import PURSE_LABELS
from ...errors import InputError
from ...example_cases import Example, examples_dir, load_examples
from ...inputs import ScenarioSpec, load_scenario, resolve
from ...kb import KnowledgeBase, load_kb
from ...results import calculate
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import a1, rng
from ..style import INT, KR, PCT, YEAR, q
from .key_figures import key_values

__all__ = ["CHOICE_NAME", "ExampleRow", "example_rows", "write"]

#: The defined name of the choice cell.
CHOICE_NAME = "som.eksempel"

# Positions (0-based; the sheet is not read back, so they live here, not in layout.py).
R_TITLE, R_INTRO, R_HOW = 0, 1, 2
R_CHOOSE_HEAD, R_CHOICE, R_STATUS = 4, 5, 6
R_CHOSEN_HEAD = 8
R_CHOSEN_COLS = R_CHOSEN_HEAD + 1
R_CHOSEN_FIRST = R_CHOSEN_COLS + 1
R_ALL_HEAD = R_CHOSEN_FIRST + len(T.EX_FIELDS) + 1
R_ALL_COLS = R_ALL_HEAD + 1
R_ALL_FIRST = R_ALL_COLS + 1
C_LABEL = 1  # labels; the comparison's columns follow
C_EX, C_NOW, C_SAME, C_WHERE = 2, 3, 4, 5
C_FIRST = 1  # the catalogue's first column

#: How each compared input is found in the workbook now, and how it is compared:
#: (formula of the current value, kind) with kind "text", "number", "money" or "" (shown only).
CURRENT: dict[str, tuple[str | None, str]] = {
    "navn": ("=som.navn", ""),
    "maalgruppe": ("=som.maalgruppe", "text"),
    "startaar": ("=som.startaar", "number"),
    "horisont": ("=som.horisont", "number"),
    "prisaar": ("=som.prisaar", "number"),
    "diskontering": ("=som.diskontering", "text"),
    "fast_rente": ("=som.diskonteringsrente", "number"),
    "forloebsaar": ("=som.forloebsaar", "number"),
    "succesrate": ("=som.succesrate", "number"),
    "deltagere_i_alt": ("=SUM(som.deltagere)", "number"),
    "deltagere": (None, ""),
    "omkostninger": (None, ""),
    "omkostninger_nv": ("=som.omkostninger_nv", "money"),
    "konsekvenser": (None, ""),
    "nettoresultat_nv": ("=som.nettoresultat_nv", "money"),
}
#: Number formats of the values, by key (texts have none).
FORMATS: dict[str, str] = {
    "startaar": YEAR,
    "horisont": INT,
    "prisaar": YEAR,
    "fast_rente": PCT,
    "forloebsaar": INT,
    "succesrate": PCT,
    "deltagere_i_alt": "#,##0.##",
    "omkostninger_nv": KR,
    "nettoresultat_nv": KR,
    "nettoresultat": KR,
    "kommune_nv": KR,
    "region_nv": KR,
    "stat_nv": KR,
    "breakeven_aar": YEAR,
    "breakeven_succesrate": PCT,
}
#: Tolerance of a numeric comparison (as the formula writes it): money to the krone, other
#: numbers as typed.
TOLERANCE = {"number": "0.000001", "money": "0.5"}


@dataclass(frozen=True)
class ExampleRow:
    """One example as the catalogue shows it: its values by column key (``T.EX_COLUMNS``)."""

    id: str
    values: Mapping[str, Any]


def _kr(x: float) -> str:
    """A Danish amount: 25.000, −1.250,50."""
    text = f"{abs(x):,.2f}".rstrip("0").rstrip(".").replace(",", "_")
    text = text.replace(".", ",").replace("_", ".")
    return ("−" if x < 0 else "") + text


def _years(years: tuple[int, ...]) -> str:
    """2025-2027 for a run of years, else the years listed."""
    if len(years) > 1 and list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(str(y) for y in years)


def _discount(spec: ScenarioSpec, ctx: BuildContext) -> tuple[str, Any]:
    """The discounting as the workbook's dropdown names it, and the fixed rate (or '–')."""
    rate = spec.discount_rate
    if isinstance(rate, int | float):
        return T.FAST_RENTE, float(rate)
    if isinstance(rate, str):
        label = next((s.label for s in ctx.bkb.schedules if s.id == rate), rate)
        return label, T.EX_NO_COMPARE
    return T.EX_OWN_SCHEDULE, T.EX_NO_COMPARE


def _consequences(spec: ScenarioSpec) -> str:
    if spec.consequences is not None:
        return T.EX_CONS_OWN.format(n=len(spec.consequences))
    if spec.add_consequences or spec.drop_consequences:
        return T.EX_CONS_ADJUSTED
    return T.EX_CONS_KB


def _row(example: Example, ctx: BuildContext, kb: KnowledgeBase) -> ExampleRow:
    """An example's catalogue row: header texts, key inputs and som-xl's result.

    An example the knowledge base cannot resolve (a test's small knowledge base) keeps its
    texts and shows why in place of the figures.
    """
    spec, _lines = load_scenario(example.path)
    texts = {
        "id": example.id,
        "titel": example.title,
        "kilde": example.source,
        "offentliggjort": example.published,
        "offentliggjort_resultat": example.published_result,
        "antaget": example.assumed,
        "forskel": example.difference,
        "fil": f"examples/{example.path.name}",
        "konsekvenser": _consequences(spec),
    }
    try:
        resolved = resolve(spec, kb)
        res = calculate(resolved)
    except InputError as exc:
        why = T.EX_NOT_RESOLVED.format(fingerprint=kb.fingerprint, problem=exc.problems[0])
        blank = dict.fromkeys((k for k, _ in T.EX_COLUMNS), T.EX_NO_COMPARE)
        return ExampleRow(example.id, {**blank, **texts, "nettoresultat_nv": why})
    keys = key_values(res)
    purses = {p["purse"]: float(p["discounted_net"]) for p in res.by_purse()}
    group = resolved.target_group_label or ""
    if not isinstance(spec.target_group, str):
        group = T.EX_OWN_GROUP.format(label=group)
    discount, fixed = _discount(spec, ctx)
    participants = resolved.participants
    costs = "; ".join(
        f"{c.label}: "
        + T.EX_COST_KINDS[c.kind].format(
            amount=_kr(c.amount), year=c.years[0] if c.years else "", years=_years(c.years)
        )
        + ("" if c.purse == "kommune" else f" ({PURSE_LABELS.get(c.purse, c.purse)})")
        for c in resolved.costs
    )
    values = {
        **texts,
        "nettoresultat_nv": res.net_discounted,
        "nettoresultat": res.net_undiscounted,
        "kommune_nv": purses.get("kommune", 0.0),
        "region_nv": purses.get("region", 0.0),
        "stat_nv": purses.get("stat", 0.0),
        "breakeven_aar": keys["breakeven_aar"],
        "breakeven_succesrate": keys["breakeven_succesrate"],
        "navn": resolved.name,
        "maalgruppe": group,
        "startaar": resolved.start_year,
        "horisont": resolved.horizon_years,
        "prisaar": resolved.price_year,
        "diskontering": discount,
        "fast_rente": fixed,
        "forloebsaar": resolved.course_years,
        "succesrate": resolved.success_rate,
        "deltagere_i_alt": sum(participants.values()),
        "deltagere": ", ".join(f"{y}: {_kr(n)}" for y, n in sorted(participants.items())),
        "omkostninger": costs,
        "omkostninger_nv": res.pv_costs,
    }
    return ExampleRow(example.id, values)


def example_rows(ctx: BuildContext) -> list[ExampleRow]:
    """Every example file's catalogue row, in the order of their ids, calculated with the
    knowledge base som-xl loads (:func:`som_xl.kb.load_kb`, as ``som-xl calc`` does)."""
    kb = load_kb()
    return [_row(e, ctx, kb) for e in load_examples()]


def write(ctx: BuildContext) -> None:
    """Write *Eksempler*: introduction, the choice, the comparison and the catalogue."""
    s = Sheet(ctx.wb, ctx.fmt, T.EKSEMPLER)
    ctx.sheets[T.EKSEMPLER] = s
    ctx.place_after(s, T.FORUDSAETNINGER)
    f = ctx.fmt
    rows = example_rows(ctx)
    if not rows:
        raise InputError(T.EX_NONE.format(folder=examples_dir()))
    s.widths((0, 0, 3), (1, 1, 30), (2, 3, 34), (4, 4, 10), (5, 5, 22), (6, 6, 60))
    s.ws.set_column(7, C_FIRST + len(T.EX_COLUMNS), 24)
    s.text(R_TITLE, 1, T.EX_TITLE, f.title())
    intro = T.EX_INTRO.format(fingerprint=load_kb().fingerprint)
    s.merged(R_INTRO, 1, 6, intro, f.wrap(), 62)
    s.merged(R_HOW, 1, 6, T.EX_HOW, f.wrap(bold=True), 62)
    _catalogue(ctx, s, rows)
    chosen = rows[0]
    s.text(R_CHOOSE_HEAD, 1, T.EX_CHOOSE_HEAD, f.section())
    s.text(R_CHOICE, 1, T.EX_CHOICE, f(bold=True))
    s.value(R_CHOICE, C_EX, chosen.id, f.input())
    s.text(R_CHOICE, C_NOW, T.EX_CHOICE_HELP, f.note(text_wrap=True))
    ctx.name(CHOICE_NAME, T.EKSEMPLER, R_CHOICE, C_EX)
    ids = _column(ctx, len(rows), "id")
    s.ws.data_validation(
        R_CHOICE,
        C_EX,
        R_CHOICE,
        C_EX,
        {
            "validate": "list",
            "source": "=" + ids,
            "input_title": T.EX_CHOICE,
            "input_message": T.EX_CHOICE_HELP,
            "error_title": T.EX_CHOICE,
            "error_message": T.EX_UNKNOWN_CHOICE,
        },
    )
    _comparison(ctx, s, rows, chosen)


def _col(key: str) -> int:
    """The catalogue's column of a key."""
    return C_FIRST + [k for k, _ in T.EX_COLUMNS].index(key)


def _column(ctx: BuildContext, n: int, key: str) -> str:
    """The catalogue's cells of one column (absolute, with the sheet name)."""
    c = _col(key)
    return rng(T.EKSEMPLER, R_ALL_FIRST, c, R_ALL_FIRST + max(n, 1) - 1, c)


def _catalogue(ctx: BuildContext, s: Sheet, rows: list[ExampleRow]) -> None:
    """Section 3: one row per example, every column of ``T.EX_COLUMNS``."""
    f = ctx.fmt
    s.text(R_ALL_HEAD, 1, T.EX_ALL_HEAD, f.section())
    for key, header in T.EX_COLUMNS:
        s.text(R_ALL_COLS, _col(key), header, f.header())
    for i, row in enumerate(rows):
        r = R_ALL_FIRST + i
        for key, _header in T.EX_COLUMNS:
            value = row.values[key]
            fmt = FORMATS.get(key) if not isinstance(value, str) else None
            s.value(r, _col(key), value, f.wrap(num_format=fmt) if fmt else f.wrap())
        s.ws.set_row(r, 150)


def _comparison(ctx: BuildContext, s: Sheet, rows: list[ExampleRow], chosen: ExampleRow) -> None:
    """Section 2: the chosen example's inputs beside the workbook's, and the status line."""
    f = ctx.fmt
    n = len(rows)
    current = _current_values(ctx)
    s.text(R_CHOSEN_HEAD, 1, T.EX_CHOSEN_HEAD, f.section())
    for j, header in enumerate(T.EX_CHOSEN_COLS):
        s.text(R_CHOSEN_COLS, C_LABEL + j, header, f.header())
    match = f"MATCH({CHOICE_NAME},{_column(ctx, n, 'id')},0)"
    for i, (key, label, where) in enumerate(T.EX_FIELDS):
        r = R_CHOSEN_FIRST + i
        num = FORMATS.get(key)
        s.text(r, C_LABEL, label, f(bold=True))
        ex_value = chosen.values[key]
        s.formula(
            r,
            C_EX,
            f"=IFERROR(INDEX({_column(ctx, n, key)},{match}),{q(T.EX_UNKNOWN_CHOICE)})",
            ex_value,
            f.wrap(num_format=num) if num else f.wrap(),
        )
        formula, kind = CURRENT[key]
        now = current.get(key, T.EX_NO_COMPARE)
        if formula is None:
            s.text(r, C_NOW, T.EX_NO_COMPARE)
        else:
            s.formula(r, C_NOW, formula, now, f.wrap(num_format=num) if num else f.wrap())
        same_formula, same = _same(r, kind, ex_value, now)
        s.formula(r, C_SAME, same_formula, same, f(bold=True, align="center"))
        s.text(r, C_WHERE, where, f.note())
    first, last = R_CHOSEN_FIRST, R_CHOSEN_FIRST + len(T.EX_FIELDS) - 1
    sames = rng(None, first, C_SAME, last, C_SAME, False)
    differ = sum(
        1
        for i, (key, _l, _w) in enumerate(T.EX_FIELDS)
        if _same(first + i, CURRENT[key][1], chosen.values[key], current.get(key))[1] == T.NEJ
    )
    s.text(R_STATUS, 1, T.EX_STATUS, f(bold=True))
    status = T.EX_STATUS_SAME if differ == 0 else f"{differ}{T.EX_STATUS_DIFF}"
    s.wide(
        R_STATUS,
        C_EX,
        C_WHERE,
        status,
        f(bold=True),
        f"=IF(COUNTIF({sames},{q(T.NEJ)})=0,{q(T.EX_STATUS_SAME)},"
        f"COUNTIF({sames},{q(T.NEJ)})&{q(T.EX_STATUS_DIFF)})",
    )


def _current_values(ctx: BuildContext) -> dict[str, Any]:
    """The cached values of the current-input formulas (what the input sheets hold)."""
    inp = ctx.inp
    keys = key_values(ctx.v.result)
    return {
        "navn": inp.name,
        "maalgruppe": inp.target_group,
        "startaar": inp.start_year,
        "horisont": inp.horizon,
        "prisaar": inp.price_year,
        "diskontering": inp.discount,
        "fast_rente": inp.fixed_rate,
        "forloebsaar": inp.course_years,
        "succesrate": inp.success_rate,
        "deltagere_i_alt": float(sum(inp.participants.values())),
        "omkostninger_nv": keys["omkostninger_nv"],
        "nettoresultat_nv": keys["nettoresultat_nv"],
    }


def _same(r: int, kind: str, example: Any, now: Any) -> tuple[str, str]:
    """The 'Ens?' formula of row r and its value."""
    ex, cur = a1(r, C_EX), a1(r, C_NOW)
    ja, nej, none = q(T.JA), q(T.NEJ), q(T.EX_NO_COMPARE)
    if kind == "":
        return f"={none}", T.EX_NO_COMPARE
    if kind == "text":
        value = T.JA if example == now else T.NEJ
        return f"=IF({ex}={cur},{ja},{nej})", value
    tol = TOLERANCE[kind]
    if example == T.EX_NO_COMPARE:
        value = T.EX_NO_COMPARE
    elif isinstance(example, int | float) and isinstance(now, int | float):
        value = T.JA if abs(now - example) < float(tol) else T.NEJ
    else:
        value = T.NEJ
    return (
        f"=IF({ex}={none},{none},IFERROR(IF(ABS({cur}-{ex})<{tol},{ja},{nej}),{nej}))",
        value,
    )
