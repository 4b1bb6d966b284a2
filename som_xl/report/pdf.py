"""The report as PDF: the blocks laid out on A4 pages and drawn with matplotlib.

matplotlib's PDF backend is pure pip (no Cairo, Pango or browser), embeds its own font
(DejaVu Sans, TrueType) and draws the charts as vectors in the same file, so the PDF needs
nothing the README does not install. Text is set here: words are measured with
matplotlib's font metrics, wrapped greedily, and placed line by line; tables break across
pages with their header repeated, and short blocks are kept whole (see :func:`_keep`). The
one-page sagsfremstilling is set smaller, step by step, until it fits on one page.

The output is byte-stable: no creation date, a fixed producer, the same layout for the
same input.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.textpath import TextToPath

from .._version import __version__
from .blocks import Block, Bullets, Callout, Chart, Document, Facts, Heading, Paragraph, Table
from .charts import OKABE_ITO, house_style

__all__ = ["CHART_RIGHT", "CHART_TOP", "PAGE", "WIDTH", "render_pdf", "wrap"]

#: A4 in points (1/72 inch).
PAGE = (595.28, 841.89)
MARGIN_X = 54.0
MARGIN_TOP = 48.0
MARGIN_BOTTOM = 54.0
WIDTH = PAGE[0] - 2 * MARGIN_X
#: Room above a chart's axes and right of them, points (below: ``Chart.bottom``).
CHART_TOP = 6.0
CHART_RIGHT = 14.0
GREY = "#666666"
RULE = "#BBBBBB"
CALLOUT_BG = "#FFF3D6"
FAMILY = "DejaVu Sans"

_TTP = TextToPath()


@lru_cache(maxsize=20000)
def _width(text: str, size: float, bold: bool) -> float:
    """The width of a text in points, with matplotlib's metrics of the report's font."""
    prop = FontProperties(family=FAMILY, size=size, weight="bold" if bold else "normal")
    w, _h, _d = _TTP.get_text_width_height_descent(text, prop, ismath=False)
    return float(w)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break a text into lines no wider than ``width`` points (long words are cut).

    Examples
    --------
    >>> wrap("Et kort afsnit om en indsats", 70, 9)
    ['Et kort afsnit', 'om en indsats']
    >>> wrap("", 60, 9)
    ['']
    """
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            candidate = f"{line} {word}" if line else word
            if _width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while _width(word, size, bold) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and _width(word[:cut], size, bold) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Sizes:
    """Font sizes and leading (points) at one scale."""

    scale: float

    def __getattr__(self, name: str) -> float:
        base = {
            "title": 16.0,
            "subtitle": 8.5,
            "h1": 13.0,
            "h2": 10.5,
            "h3": 9.2,
            "body": 9.2,
            "lead": 10.2,
            "small": 7.8,
            "table": 7.6,
            "table_small": 7.2,
            "footer": 6.6,
        }
        if name not in base:
            raise AttributeError(name)
        return base[name] * self.scale

    def leading(self, size: float) -> float:
        return size * 1.36


#: Draw an item on a figure with its top at ``y`` (points from the page's top).
Draw = Callable[[Figure, float], None]


@dataclass(frozen=True)
class Item:
    """A unit that is never split across pages."""

    height: float
    draw: Draw
    keep_with_next: bool = False
    new_page: bool = False
    header: Item | None = None  # a table row repeats its table's header on a new page


def _text(
    fig: Figure,
    x: float,
    y: float,
    s: str,
    size: float,
    *,
    bold: bool = False,
    color: str = "#111111",
    ha: str = "left",
) -> None:
    """Text with its baseline at ``y`` points from the page's top."""
    fig.text(
        x / PAGE[0],
        1 - y / PAGE[1],
        s,
        fontsize=size,
        fontweight="bold" if bold else "normal",
        color=color,
        ha=ha,
        va="baseline",
        family=FAMILY,
    )


def _hline(fig: Figure, x0: float, x1: float, y: float, color: str, lw: float = 0.6) -> None:
    fig.add_artist(
        Rectangle(
            (x0 / PAGE[0], 1 - y / PAGE[1]),
            (x1 - x0) / PAGE[0],
            0,
            transform=fig.transFigure,
            edgecolor=color,
            linewidth=lw,
            fill=False,
        )
    )


def _box(fig: Figure, x: float, y: float, w: float, h: float, color: str) -> None:
    fig.add_artist(
        Rectangle(
            (x / PAGE[0], 1 - (y + h) / PAGE[1]),
            w / PAGE[0],
            h / PAGE[1],
            transform=fig.transFigure,
            facecolor=color,
            edgecolor="none",
        )
    )


def _lines_item(
    lines: Sequence[str],
    size: float,
    lead: float,
    *,
    x: float = MARGIN_X,
    bold: bool = False,
    color: str = "#111111",
    before: float = 0.0,
    after: float = 0.0,
    keep: bool = False,
    new_page: bool = False,
) -> Item:
    def draw(fig: Figure, y: float) -> None:
        for i, line in enumerate(lines):
            _text(fig, x, y + before + size + i * lead, line, size, bold=bold, color=color)

    height = before + size + (len(lines) - 1) * lead + size * 0.36 + after
    return Item(height, draw, keep_with_next=keep, new_page=new_page)


class Layout:
    """Turns blocks into items at one scale of the font sizes."""

    def __init__(self, scale: float) -> None:
        self.s = Sizes(scale)

    def items(self, block: Block) -> list[Item]:
        s = self.s
        if isinstance(block, Heading):
            size = {1: s.h1, 2: s.h2}.get(block.level, s.h3)
            lines = wrap(block.text, WIDTH, size, True)
            before = {1: 12.0, 2: 9.0}.get(block.level, 6.0) * s.scale
            return [
                _lines_item(
                    lines,
                    size,
                    s.leading(size),
                    bold=True,
                    before=before,
                    after=3.0 * s.scale,
                    keep=True,
                    new_page=block.new_page,
                )
            ]
        if isinstance(block, Paragraph):
            size = {"lead": s.lead, "small": s.small}.get(block.style, s.body)
            lines = wrap(block.text, WIDTH, size)
            color = GREY if block.style == "small" else "#111111"
            return [_lines_item(lines, size, s.leading(size), color=color, after=5 * s.scale)]
        if isinstance(block, Bullets):
            return self._bullets(block)
        if isinstance(block, Callout):
            return [self._callout(block)]
        if isinstance(block, Facts):
            return self._facts(block)
        if isinstance(block, Table):
            return self._table(block)
        return [self._chart(block)]

    def _bullets(self, block: Bullets) -> list[Item]:
        s = self.s
        size, lead = s.body, s.leading(s.body)
        indent = 16.0 * s.scale
        out = []
        for i, text in enumerate(block.items):
            mark = f"{i + 1}." if block.numbered else "•"
            lines = wrap(text, WIDTH - indent, size)
            inner = _lines_item(lines, size, lead, x=MARGIN_X + indent, after=3 * s.scale)

            def draw(fig: Figure, y: float, inner: Item = inner, mark: str = mark) -> None:
                _text(fig, MARGIN_X + 2, y + size, mark, size)
                inner.draw(fig, y)

            out.append(Item(inner.height, draw))
        return out

    def _callout(self, block: Callout) -> Item:
        s = self.s
        size, lead = s.body, s.leading(s.body)
        pad = 6.0 * s.scale
        lines = wrap(block.text, WIDTH - 2 * pad - 4, size)
        inner_h = size + (len(lines) - 1) * lead + size * 0.36
        height = inner_h + 2 * pad

        def draw(fig: Figure, y: float) -> None:
            _box(fig, MARGIN_X, y, WIDTH, height, CALLOUT_BG)
            _box(fig, MARGIN_X, y, 3.0, height, OKABE_ITO["orange"])
            for i, line in enumerate(lines):
                _text(fig, MARGIN_X + pad + 4, y + pad + size + i * lead, line, size)

        return Item(height + 6 * s.scale, draw)

    def _facts(self, block: Facts) -> list[Item]:
        s = self.s
        size, lead = s.body, s.leading(s.body)
        label_w = WIDTH * 0.42
        out = []
        for label, value in block.rows:
            bold = label in block.strong
            left = wrap(label, label_w - 8, size, bold)
            right = wrap(value, WIDTH - label_w, size, bold)
            n = max(len(left), len(right))
            height = size + (n - 1) * lead + 5.0 * s.scale

            def draw(
                fig: Figure,
                y: float,
                left: list[str] = left,
                right: list[str] = right,
                bold: bool = bold,
                height: float = height,
            ) -> None:
                for i, line in enumerate(left):
                    _text(fig, MARGIN_X, y + size + i * lead, line, size, bold=bold, color=GREY)
                for i, line in enumerate(right):
                    _text(fig, MARGIN_X + label_w, y + size + i * lead, line, size, bold=bold)
                _hline(fig, MARGIN_X, MARGIN_X + WIDTH, y + height - 1.5, "#E4E4E4", 0.4)

            out.append(Item(height, draw))
        return out

    def _row(
        self,
        cells: Sequence[str],
        table: Table,
        *,
        bold: bool,
        rule_above: bool = False,
        rule_below: str | None = RULE,
    ) -> Item:
        s = self.s
        size = s.table_small if table.small else s.table
        lead = s.leading(size)
        pad = 3.0
        xs = [MARGIN_X]
        for w in table.widths:
            xs.append(xs[-1] + w * WIDTH)
        wrapped = [wrap(c, xs[i + 1] - xs[i] - 2 * pad, size, bold) for i, c in enumerate(cells)]
        n = max(len(w) for w in wrapped)
        height = size + (n - 1) * lead + 2 * pad + 1.5

        def draw(fig: Figure, y: float) -> None:
            if rule_above:
                _hline(fig, MARGIN_X, MARGIN_X + WIDTH, y, "#333333", 0.8)
            for i, lines in enumerate(wrapped):
                right = table.align[i] == "r"
                x = xs[i + 1] - pad if right else xs[i] + pad
                for j, line in enumerate(lines):
                    _text(
                        fig,
                        x,
                        y + pad + size + j * lead,
                        line,
                        size,
                        bold=bold,
                        ha="right" if right else "left",
                    )
            if rule_below:
                _hline(fig, MARGIN_X, MARGIN_X + WIDTH, y + height, rule_below, 0.4)

        return Item(height, draw)

    def _table(self, table: Table) -> list[Item]:
        header = self._row(table.headers, table, bold=True, rule_below="#333333")
        rows = []
        for i, cells in enumerate(table.rows):
            last = i == len(table.rows) - 1
            total = table.total and last
            row = self._row(cells, table, bold=total, rule_above=total)
            rows.append(Item(row.height, row.draw, header=header))
        space = Item(8.0 * self.s.scale, lambda fig, y: None)
        first = Item(header.height, header.draw, keep_with_next=True)
        return [first, *rows, space]

    def _chart(self, chart: Chart) -> Item:
        s = self.s
        title_size = s.h3
        title_h = title_size * 1.7
        axes_h = chart.height * 72 * min(1.0, s.scale)
        src_lines = wrap(chart.source, WIDTH, s.footer)
        src_lead = s.leading(s.footer)
        height = (
            title_h + CHART_TOP + axes_h + chart.bottom + len(src_lines) * src_lead + 8 * s.scale
        )

        def draw(fig: Figure, y: float) -> None:
            _text(fig, MARGIN_X, y + title_size, chart.title, title_size, bold=True)
            top = y + title_h + CHART_TOP
            left = MARGIN_X + chart.left * 72
            ax = fig.add_axes(
                (
                    left / PAGE[0],
                    1 - (top + axes_h) / PAGE[1],
                    (MARGIN_X + WIDTH - CHART_RIGHT - left) / PAGE[0],
                    axes_h / PAGE[1],
                )
            )
            chart.draw(ax)
            base = top + axes_h + chart.bottom
            for i, line in enumerate(src_lines):
                _text(fig, MARGIN_X, base + s.footer + i * src_lead, line, s.footer, color=GREY)

        return Item(height, draw)


def _paginate(items: Sequence[Item], first_top: float) -> list[list[tuple[float, Item]]]:
    """Place the items on pages: (top, item) per page; headings stay with what follows."""
    bottom = PAGE[1] - MARGIN_BOTTOM
    pages: list[list[tuple[float, Item]]] = [[]]
    y = first_top
    i = 0
    while i < len(items):
        item = items[i]
        # the height needed: this item and those kept with it, plus the next one
        need = item.height
        j = i
        while items[j].keep_with_next and j + 1 < len(items):
            j += 1
            need += items[j].height
        fresh = not pages[-1]
        if (item.new_page and not fresh) or (y + need > bottom and not fresh):
            pages.append([])
            y = MARGIN_TOP + 16.0
            if item.header is not None:
                pages[-1].append((y, item.header))
                y += item.header.height
        pages[-1].append((y, item))
        y += item.height
        i += 1
    return pages


#: A list or a set of label-value pairs this short is kept on one page.
KEEP_ROWS = 16
#: A table with this many rows or fewer is kept on one page (longer ones repeat the header).
KEEP_TABLE_ROWS = 12
#: A paragraph this short directly under a heading stays with what follows it.
INTRO_LINES = 6


def _keep(items: list[Item], block: Block, intro: float | None) -> list[Item]:
    """Mark the items that must stay on the page with the next one (widows and orphans).

    A short list, label-value block or table is never split; a longer table's last row (a
    total line) stays with the row above; a short paragraph under a heading stays with the
    block it introduces, so a heading is never left at a page's foot with only its first
    line. ``intro`` is the height up to which a paragraph under a heading counts as short
    (None: not under one).
    """
    if not items:
        return items
    keep = [i.keep_with_next for i in items]
    if isinstance(block, Bullets | Facts) and len(items) <= KEEP_ROWS:
        keep = [True] * (len(items) - 1) + [keep[-1]]
    elif isinstance(block, Table) and len(block.rows) <= KEEP_TABLE_ROWS:
        keep = [True] * (len(items) - 2) + keep[-2:]  # items: header, rows…, space
    elif isinstance(block, Table):
        keep[-3] = True  # the next-to-last row holds the last (a total line) on its page
    elif isinstance(block, Paragraph) and intro is not None and items[-1].height <= intro:
        keep[-1] = True
    return [dataclasses.replace(i, keep_with_next=k) for i, k in zip(items, keep, strict=True)]


def _layout(doc: Document, scale: float) -> tuple[Layout, list[list[tuple[float, Item]]]]:
    lay = Layout(scale)
    items: list[Item] = []
    previous: Block | None = None
    for block in doc.blocks:
        intro = INTRO_LINES * lay.s.leading(lay.s.lead) if isinstance(previous, Heading) else None
        items += _keep(lay.items(block), block, intro)
        previous = block
    s = lay.s
    first_top = MARGIN_TOP + s.title * 1.3 + s.subtitle * 2.2 + 10
    title_lines = wrap(doc.title, WIDTH, s.title, True)
    first_top += (len(title_lines) - 1) * s.leading(s.title)
    return lay, _paginate(items, first_top)


#: The scales tried for the one-page sagsfremstilling, largest first.
SHORT_SCALES = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75)


def render_pdf(doc: Document) -> bytes:
    """The document as PDF bytes (A4, one page for the sagsfremstilling).

    Parameters
    ----------
    doc : Document

    Returns
    -------
    bytes
        The same bytes for the same document.
    """
    with house_style():
        lay, pages = _layout(doc, 1.0)
        if doc.short:
            for scale in SHORT_SCALES[1:]:
                if len(pages) == 1:
                    break
                lay, pages = _layout(doc, scale)
        buf = io.BytesIO()
        meta = {
            "Title": doc.title,
            "Subject": doc.subtitle,
            "Author": "som-xl",
            "Creator": f"som-xl {__version__}",
            "Producer": "som-xl (matplotlib)",
            "CreationDate": None,
            "ModDate": None,
        }
        with PdfPages(buf, metadata=meta) as pdf:
            for n, page in enumerate(pages, start=1):
                fig = Figure(figsize=(PAGE[0] / 72, PAGE[1] / 72))
                _page_frame(fig, doc, lay.s, n, len(pages))
                for y, item in page:
                    item.draw(fig, y)
                pdf.savefig(fig)
        return buf.getvalue()


def _page_frame(fig: Figure, doc: Document, s: Sizes, n: int, total: int) -> None:
    """The title (first page) or running head, and the foot with the stamp and page number."""
    if n == 1:
        lines = wrap(doc.title, WIDTH, s.title, True)
        y = MARGIN_TOP
        for i, line in enumerate(lines):
            _text(fig, MARGIN_X, y + s.title + i * s.leading(s.title), line, s.title, bold=True)
        y += s.title + (len(lines) - 1) * s.leading(s.title) + s.subtitle * 1.6
        _text(fig, MARGIN_X, y, doc.subtitle, s.subtitle, color=GREY)
        _hline(fig, MARGIN_X, MARGIN_X + WIDTH, y + 6, OKABE_ITO["blue"], 1.2)
    else:
        _text(fig, MARGIN_X, MARGIN_TOP, doc.title, s.footer, color=GREY)
        _hline(fig, MARGIN_X, MARGIN_X + WIDTH, MARGIN_TOP + 4, RULE, 0.4)
    foot = PAGE[1] - MARGIN_BOTTOM + 22
    _hline(fig, MARGIN_X, MARGIN_X + WIDTH, foot - 9, RULE, 0.4)
    stamp = wrap(doc.footer, WIDTH - 60, s.footer)
    for i, line in enumerate(stamp):
        _text(fig, MARGIN_X, foot + i * s.leading(s.footer), line, s.footer, color=GREY)
    _text(fig, MARGIN_X + WIDTH, foot, f"Side {n} af {total}", s.footer, color=GREY, ha="right")
