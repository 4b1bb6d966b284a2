"""*Forudsætninger*: a checklist for documenting choices and a live overview of changes.

The overview counts, with formulas over *Konsekvenser* and *Priser*, the consequences
switched off, the edited values, the own consequences in use, the local prices and the
services in use with illustrative prices.
"""

from __future__ import annotations

from ...conventions import STATUS_LABELS
from .. import layout as L
from .. import text as T
from ..context import BuildContext
from ..layout import rng
from ..style import INT, q
from .consequences import block_warning, cons_status

__all__ = ["write"]


def write(ctx: BuildContext) -> None:
    """Write *Forudsætninger*: the questions with answer cells, then the overview."""
    s = ctx.sheets[T.FORUDSAETNINGER]
    f = ctx.fmt
    lay = ctx.lay
    s.widths((0, 0, 3), (1, 1, 62), (2, 2, 90))
    s.text(0, 1, T.CHECK_TITLE, f.title())
    s.merged(1, 1, 2, T.CHECK_INTRO, f.wrap(), 18)
    s.text(lay.check_first - 1, 1, T.CHECK_COLS[0], f.header())
    s.text(lay.check_first - 1, 2, T.CHECK_COLS[1], f.header())
    for i, question in enumerate(T.CHECK_QUESTIONS):
        r = lay.check_first + i
        s.text(r, 1, question, f.wrap())
        s.text(r, 2, "", f.input(text_wrap=True, valign="top"))
        s.ws.set_row(r, 48)
    s.note(lay.check_first, 2, T.NOTES["check"])
    ah = lay.check_auto_header
    s.text(ah, 1, T.CHECK_AUTO_HEADER, f.section())
    for i, (label, (formula, value)) in enumerate(zip(T.CHECK_AUTO, _overview(ctx), strict=True)):
        r = ah + 1 + i
        s.text(r, 1, label)
        s.formula(r, 2, formula, value, f(num_format=INT, align="left", bold=True))


def _overview(ctx: BuildContext) -> list[tuple[str, int]]:
    """Formula and cached count of each overview line (in the order of ``T.CHECK_AUTO``)."""
    lay = ctx.lay
    v = ctx.v
    max_cons = lay.counts.max_cons
    k1 = lay.cons_first
    kl = lay.cons_block_row(max_cons - 1) + 2
    o1 = lay.cons_block_row(max_cons)
    ol = lay.cons_block_row(lay.cons_blocks - 1) + 2
    k = lay.cons_profile_col

    def kr(r1: int, r2: int, c: int) -> str:
        """A column of Konsekvenser from row r1 to r2."""
        return rng(T.KONSEKVENSER, r1, c, r2, c)

    kprof = rng(T.KONSEKVENSER, k1, k, kl, k + ctx.lay.cons_years - 1)
    n_services = len(ctx.bkb.services)
    used = [row for row in v.cons if row.service]
    off = sum(1 for row in used if not row.on)
    edited = sum(len(o) for o in ctx.inp.overrides)
    own_used = sum(1 for row in v.cons[max_cons:] if row.service and row.on)
    local = sum(1 for p in v.prices[:n_services] if p is not None and p.status == "local")
    illustrative = sum(
        1
        for i, row in enumerate(v.cons)
        if row.service and row.on and cons_status(ctx, i) == STATUS_LABELS["illustrative"]
    )
    kb_status = rng(
        T.PRISER,
        lay.price_first,
        L.P_APPLIED_STATUS,
        lay.price_first + n_services - 1,
        L.P_APPLIED_STATUS,
    )
    ja = q(T.JA)
    return [
        (
            f'=SUMPRODUCT(({kr(k1, ol, L.K_NR)}<>"")*({kr(k1, ol, L.K_LABEL)}<>"")'
            f"*({kr(k1, ol, L.K_ON)}<>{ja}))",
            off,
        ),
        # (range<>"") rather than ISNUMBER(range): Gnumeric does not evaluate ISNUMBER
        # element by element inside SUMPRODUCT; a text in an own value is an input error
        (f'=SUMPRODUCT(({kr(k1, kl, L.K_ROW)}={q(T.ROW_OWN)})*({kprof}<>""))', edited),
        (
            f'=SUMPRODUCT(({kr(o1, ol, L.K_NR)}<>"")*({kr(o1, ol, L.K_LABEL)}<>"")'
            f"*({kr(o1, ol, L.K_ON)}={ja}))",
            own_used,
        ),
        (f"=COUNTIF({kb_status},{q(T.LOKAL)})", local),
        (
            f"=SUMPRODUCT(({kr(k1, ol, L.K_STATUS)}={q(STATUS_LABELS['illustrative'])})"
            f"*({kr(k1, ol, L.K_ON)}={ja}))",
            illustrative,
        ),
        (
            f'=SUMPRODUCT(({kr(k1, ol, L.K_ROW)}={q(T.ROW_OWN)})*({kr(k1, ol, L.K_BASE)}<>""))',
            sum(1 for i in range(lay.cons_blocks) if ctx.inp.baseline_of(i) is not None),
        ),
        ("=som.advarsler", sum(1 for i in range(lay.cons_blocks) if block_warning(ctx, i))),
    ]
