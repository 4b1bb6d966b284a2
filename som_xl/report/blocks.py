"""The report as a list of blocks: headings, paragraphs, facts, tables and charts.

One document, two renderers: :mod:`.html` renders the blocks with Jinja2 templates and
:mod:`.pdf` lays them out on A4 pages with matplotlib, so the HTML and the PDF report say
the same thing in the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "Block",
    "Bullets",
    "Callout",
    "Chart",
    "Document",
    "Facts",
    "Heading",
    "Paragraph",
    "Table",
]


@dataclass(frozen=True)
class Heading:
    """A section heading; level 1 starts a new page in the PDF when ``new_page``."""

    text: str
    level: int = 2
    new_page: bool = False
    kind: Literal["heading"] = "heading"


@dataclass(frozen=True)
class Paragraph:
    """Running text; ``style`` is ``body``, ``lead`` (larger) or ``small``."""

    text: str
    style: Literal["body", "lead", "small"] = "body"
    kind: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True)
class Bullets:
    """A list; ``numbered`` for 1., 2., 3."""

    items: tuple[str, ...]
    numbered: bool = False
    kind: Literal["bullets"] = "bullets"


@dataclass(frozen=True)
class Callout:
    """A boxed note that must not be overlooked (data status, warnings)."""

    text: str
    kind: Literal["callout"] = "callout"


@dataclass(frozen=True)
class Facts:
    """Label-value pairs (key figures); ``strong`` labels are printed bold."""

    rows: tuple[tuple[str, str], ...]
    strong: frozenset[str] = field(default_factory=frozenset)
    kind: Literal["facts"] = "facts"


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``align`` has ``l`` or ``r`` per column, ``widths`` shares.

    ``total`` marks the last row as a total line (bold).
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: str
    widths: tuple[float, ...]
    total: bool = False
    small: bool = False
    kind: Literal["table"] = "table"


@dataclass(frozen=True, eq=False)
class Chart:
    """A figure: ``draw`` fills one matplotlib Axes; title above, source line below.

    ``height`` is the axes' height in inches, ``left`` the room for the y labels in inches,
    ``legend_below`` leaves room for a legend under the axes.
    """

    key: str
    title: str
    source: str
    alt: str
    draw: Callable[[Axes], None]
    height: float = 2.6
    left: float = 0.9
    legend_below: bool = False
    kind: Literal["chart"] = "chart"

    @property
    def bottom(self) -> float:
        """Room under the axes in points: tick labels, the axis label, a legend below."""
        return 66.0 if self.legend_below else 36.0


Block = Heading | Paragraph | Bullets | Callout | Facts | Table | Chart


@dataclass(frozen=True)
class Document:
    """A whole report: title lines, the blocks, and the stamp printed at the foot."""

    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    footer: str
    short: bool

    def charts(self) -> list[Chart]:
        """The document's charts, in order."""
        return [b for b in self.blocks if isinstance(b, Chart)]
