"""*Forside*: what the model does and does not do, the steps, the colours, the data status.

The data status counts the knowledge base's values by status live from the VD sheets
(COUNTIF over their status columns), and the sheet stamps the som-xl version and the
knowledge base's fingerprint and edition (names ``som.version``, ``som.vidensdatabase`` and
``som.vidensdatabase_version``), and says how to make the full report from a filled workbook.
"""

from __future__ import annotations

from ..._version import __version__
from ...conventions import STATUS_LABELS
from .. import kb_columns as K
from .. import text as T
from ..cells import Sheet
from ..context import BuildContext
from ..layout import ref, rng
from ..style import C_ILLUSTRATIVE, C_INPUT, INT, q
from .usikkerhed import SHEET as USIKKERHED_SHEET

__all__ = ["write"]


def write(ctx: BuildContext) -> None:
    """Write *Forside*."""
    s = ctx.sheets[T.FORSIDE]
    f = ctx.fmt
    s.widths((0, 0, 3), (1, 1, 24), (2, 2, 104), (3, 3, 14))
    s.text(0, 1, T.TITLE, f.title())
    s.merged(1, 1, 2, T.SUBTITLE, f.wrap(), 33)
    example = f(text_wrap=True, valign="top", bg_color=C_INPUT, bold=True)
    s.merged(2, 1, 2, T.FORSIDE_EXAMPLE, example, 18)
    r = _texts(ctx, s, 4)
    r = _status_counts(ctx, s, r)
    s.text(r, 1, T.FORSIDE_VERSION)
    s.text(r, 2, __version__, f(align="left"))
    ctx.name("som.version", T.FORSIDE, r, 2)
    r += 1
    s.text(r, 1, T.FORSIDE_FINGERPRINT)
    s.text(r, 2, ctx.bkb.fingerprint, f(align="left"))
    ctx.name("som.vidensdatabase", T.FORSIDE, r, 2)
    r += 1
    s.text(r, 1, T.FORSIDE_KB_VERSION)
    s.text(r, 2, ctx.bkb.version, f(align="left"))
    ctx.name("som.vidensdatabase_version", T.FORSIDE, r, 2)
    r += 2
    s.merged(r, 1, 2, T.FORSIDE_REPORT, f.wrap(), 45)
    r += 2
    s.text(r, 1, T.FORSIDE_NAMES, f.note())


#: The sheets a step may name and link to (Usikkerhed and Eksempler are built after T.SHEETS).
_LINKED = (*T.SHEETS, USIKKERHED_SHEET, T.EKSEMPLER)


def _texts(ctx: BuildContext, s: Sheet, r: int) -> int:
    """The four text sections from row r; the steps link to their sheets. Returns the next row."""
    f = ctx.fmt
    link = f(font_color="#0563C1", underline=1, valign="top")
    for title, lines in (
        T.FORSIDE_DOES,
        T.FORSIDE_DOES_NOT,
        T.FORSIDE_STEPS,
        T.FORSIDE_COLOURS,
    ):
        s.text(r, 1, title, f.section())
        r += 1
        for line in lines:
            step = line.lstrip("0123456789. ")
            target = next((n for n in _LINKED if step.startswith(n)), None)
            if target is not None and title == T.FORSIDE_STEPS[0]:
                url = f"internal:{ref(target, 0, 0, False)}"
                s.ws.write_url(r, 1, url, link, string=target)
            s.text(r, 2, line, f.wrap())
            s.ws.set_row(r, 30 if len(line) > 105 else 15)
            r += 1
        r += 1
    return r


def _status_counts(ctx: BuildContext, s: Sheet, r: int) -> int:
    """The data status: values per status, counted live. Returns the row after the total."""
    f = ctx.fmt
    b = ctx.bkb
    s.text(r, 1, T.FORSIDE_STATUS_HEADER, f.section())
    r += 1
    counts = {"published": 0, "derived": 0, "illustrative": 0}
    statuses = [x.status for x in b.services] + [x.status for x in b.groups]
    statuses += [x.status for x in b.consequences] + [x.status for x in b.effects]
    statuses += [x.status for x in b.schedules]
    for status in statuses:
        counts[status] += 1
    counts[b.index_status] += 1
    ranges = status_ranges(ctx)
    first = r
    for status, label in T.FORSIDE_STATUS_ROWS:
        text = STATUS_LABELS[status]
        formula = "=" + "+".join(f"COUNTIF({x},{q(text)})" for x in ranges)
        s.text(r, 2, label, f(bg_color=C_ILLUSTRATIVE) if status == "illustrative" else None)
        s.formula(r, 3, formula, counts[status], f(num_format=INT, bold=True))
        r += 1
    s.text(r, 2, T.FORSIDE_STATUS_TOTAL, f(bold=True))
    s.formula(
        r,
        3,
        f"=SUM({rng(None, first, 3, r - 1, 3, False)})",
        sum(counts.values()),
        f(num_format=INT, bold=True, top=1),
    )
    s.text(r + 1, 2, T.FORSIDE_STATUS_NOTE, f(italic=True))
    return r + 3


def status_ranges(ctx: BuildContext) -> list[str]:
    """The status columns of the VD tables (the effects' only if there are effects)."""
    lay = ctx.lay
    b = ctx.bkb
    first = lay.vd_first
    cons = K.consequences_spec(b.profile_len)

    def column(spec: K.TableSpec, count: int, row: int = first) -> str:
        """The status column of a VD table, count rows from row."""
        c = spec.col("status")
        return rng(spec.sheet, row, c, row + count - 1, c)

    out = [
        column(K.SERVICES, len(b.services)),
        column(K.GROUPS, len(b.groups)),
        column(cons, len(b.consequences)),
        column(K.INDEX, 1, lay.idx_first),
        column(K.RATES, lay.counts.steps, lay.rate_first),
    ]
    if b.effects:
        out.insert(3, column(K.EFFECTS, len(b.effects)))
    return out
