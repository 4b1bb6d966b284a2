"""The report's charts in one house style: matplotlib, colour-blind safe, Danish numbers.

Every chart is a function that fills one matplotlib ``Axes`` from the report's data
(:class:`~.data.ReportData`); :mod:`.html` draws it into an SVG image, :mod:`.pdf` onto an
A4 page. The house style (:data:`STYLE`, applied with :func:`house_style`):

* the Okabe-Ito palette, which readers with the common colour-vision deficiencies can tell
  apart, and lines that differ in dash as well as colour, so nothing rests on colour alone;
* Danish numbers on the axes (``1.234.567``, decimal comma) and the unit on the axis label;
* no chart junk: light horizontal grid, no top and right frame;
* byte-stable output: a fixed SVG hash salt, no dates in the metadata, fonts as paths (SVG)
  or embedded TrueType (PDF).

The series are the workbook's *Resultat* charts' (cumulative net result, net result by
purse and by budget item), from the same result tables, plus the report's own (who pays
and who saves, costs and gains year by year, uncertainty, tornado, variants).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

import matplotlib as mpl
import numpy as np
from cycler import cycler
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..present import da

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .data import ReportData, Uncertainty, Variant

__all__ = [
    "OKABE_ITO",
    "PURSE_COLOURS",
    "STYLE",
    "by_budget_item",
    "comparison",
    "cumulative",
    "histogram",
    "house_style",
    "input_label",
    "tornado",
    "uncertainty_band",
    "who_pays",
    "yearly",
]

#: Okabe & Ito's colour-blind-safe palette (Color Universal Design).
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: One colour and one line style per purse; the total is black.
PURSE_COLOURS: dict[str, str] = {
    "kommune": OKABE_ITO["blue"],
    "region": OKABE_ITO["orange"],
    "stat": OKABE_ITO["bluish_green"],
    "total": OKABE_ITO["black"],
}
PURSE_DASHES: dict[str, Any] = {"kommune": "-", "region": "--", "stat": ":", "total": "-"}
COST = OKABE_ITO["vermillion"]
GAIN = OKABE_ITO["bluish_green"]
NET = OKABE_ITO["black"]
POSITIVE = OKABE_ITO["blue"]
NEGATIVE = OKABE_ITO["vermillion"]
GRID = "#D9D9D9"
TEXT = "#222222"

STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.labelsize": 8,
    "axes.titlesize": 9,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "legend.fontsize": 7.5,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.labelcolor": TEXT,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "text.color": TEXT,
    "axes.grid": True,
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=list(OKABE_ITO.values())[1:]),
    "axes.unicode_minus": False,
    "svg.hashsalt": "som-xl",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "hatch.linewidth": 0.6,
}


@contextmanager
def house_style() -> Iterator[None]:
    """Draw within the house style (matplotlib's settings are restored afterwards)."""
    with mpl.rc_context(cast(Any, STYLE)):
        yield


def _kr_axis(ax: Axes, axis: str = "y", label: str = "kr. (nutidsværdi)") -> None:
    """Danish amounts on one axis, with the unit as its label."""
    fmt = FuncFormatter(lambda v, _pos: da.kr(v))
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(fmt)
    target.set_major_locator(MaxNLocator(nbins=6))
    (ax.set_ylabel if axis == "y" else ax.set_xlabel)(label)


def _year_axis(ax: Axes, years: Sequence[int]) -> None:
    ax.set_xlabel(da.label("year"))
    step = max(1, int(np.ceil(len(years) / 12)))
    ax.set_xticks(list(years)[::step])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{round(v)}"))
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)


def _legend_below(ax: Axes, handles: Sequence[Any] | None = None, ncol: int = 3) -> None:
    """A legend centred under the axes, below the tick labels and the axis label."""
    height_pt = ax.get_position().height * ax.get_figure().get_figheight() * 72  # type: ignore[union-attr]
    kwargs: dict[str, Any] = {"handles": handles} if handles is not None else {}
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -34.0 / height_pt), ncol=ncol, **kwargs)


def _zero(ax: Axes, axis: str = "y") -> None:
    if axis == "y":
        ax.axhline(0, color="#555555", linewidth=0.8, zorder=1)
    else:
        ax.axvline(0, color="#555555", linewidth=0.8, zorder=1)


def cumulative(data: ReportData, ax: Axes) -> None:
    """The cumulative discounted net result per purse and in total, year by year."""
    years = data.years
    per_purse = data.cumulative_by_purse()
    for purse, values in per_purse.items():
        ax.plot(
            years,
            values,
            color=PURSE_COLOURS.get(purse, NET),
            linestyle=PURSE_DASHES.get(purse, "-"),
            linewidth=1.6,
            label=da.PURSE_LABELS.get(purse, purse),
        )
    total = [row["cumulative_discounted_net"] for row in data.result["years"]]
    ax.plot(
        years,
        total,
        color=NET,
        linewidth=2.2,
        marker="o",
        markersize=3.2,
        label=da.TOTAL,
    )
    _zero(ax)
    _year_axis(ax, years)
    _kr_axis(ax, label="kr. (nutidsværdi, akkumuleret)")
    ax.legend(loc="best", ncol=2)


def who_pays(rows: Sequence[Mapping[str, Any]], key: str, ax: Axes) -> None:
    """Discounted costs (left of zero), gains (right) and the net (a diamond) per group."""
    labels = [da.PURSE_LABELS.get(str(r[key]), str(r[key])) for r in rows]
    y = np.arange(len(rows))[::-1]
    costs = np.array([float(r["discounted_costs"]) for r in rows])
    gains = np.array([float(r["discounted_gains"]) for r in rows])
    net = np.array([float(r["discounted_net"]) for r in rows])
    ax.barh(y + 0.17, -costs, height=0.34, color=COST, label="Omkostninger (betaler)")
    ax.barh(
        y - 0.17, gains, height=0.34, color=GAIN, hatch="///", edgecolor="white",
        label="Gevinster (sparer)",
    )  # fmt: skip
    ax.scatter(net, y, marker="D", s=22, color=NET, zorder=3, label="Netto")
    ax.set_yticks(y, labels)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    _zero(ax, "x")
    _kr_axis(ax, "x", "kr. (nutidsværdi); omkostninger til venstre, gevinster til højre")
    _legend_below(ax)


def by_budget_item(data: ReportData, ax: Axes) -> None:
    """The discounted net result per budget item, largest first."""
    rows = sorted(data.result["by_budget_item"], key=lambda r: -float(r["discounted_net"]))
    _signed_bars(
        ax, [str(r["budget_item"]) for r in rows], [float(r["discounted_net"]) for r in rows]
    )
    _kr_axis(ax, "x", "kr. (nutidsværdi); gevinst positiv, omkostning negativ")


def _signed_bars(ax: Axes, labels: Sequence[str], values: Sequence[float]) -> None:
    """Horizontal bars, positive blue and negative vermillion (hatched), values at the ends."""
    y = np.arange(len(labels))[::-1]
    vals = np.asarray(values, dtype=float)
    colours = [POSITIVE if v >= 0 else NEGATIVE for v in vals]
    hatches = ["" if v >= 0 else "///" for v in vals]
    bars = ax.barh(y, vals, height=0.6, color=colours, edgecolor="white")
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    span = float(np.max(np.abs(vals))) if len(vals) else 1.0
    span = span or 1.0
    for yi, v in zip(y, vals, strict=True):
        ax.text(
            v + (0.02 * span if v >= 0 else -0.02 * span),
            yi,
            da.kr(v),
            va="center",
            ha="left" if v >= 0 else "right",
            fontsize=7,
        )
    lo, hi = min(0.0, float(vals.min(initial=0.0))), max(0.0, float(vals.max(initial=0.0)))
    pad = 0.4 * span
    ax.set_xlim(lo - (pad if lo < 0 else 0.05 * span), hi + (pad if hi > 0 else 0.05 * span))
    ax.set_yticks(y, [_short(label, 38) for label in labels])
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    _zero(ax, "x")


def _short(text: str, n: int) -> str:
    r"""A tick label on at most two lines of ``n`` characters; cut with "…" only beyond that.

    Examples
    --------
    >>> _short("Sociale serviceydelser for børn og unge", 38)
    'Sociale serviceydelser for børn og\nunge'
    >>> _short("Kort", 38)
    'Kort'
    """
    lines = textwrap.wrap(text, n, break_long_words=True) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: n - 1].rstrip() + "…"]
    return "\n".join(lines)


def yearly(data: ReportData, ax: Axes) -> None:
    """Costs (down) and gains (up) year by year, undiscounted, with the net as a line."""
    rows = data.result["years"]
    years = [int(r["year"]) for r in rows]
    costs = np.array([float(r["costs"]) for r in rows])
    gains = np.array([float(r["gains"]) for r in rows])
    ax.bar(years, -costs, width=0.7, color=COST, label="Omkostninger")
    ax.bar(years, gains, width=0.7, color=GAIN, hatch="///", edgecolor="white", label="Gevinster")
    net = np.array([float(r["net"]) for r in rows])
    ax.plot(years, net, color=NET, marker="o", markersize=3, linewidth=1.4, label="Netto")
    _zero(ax)
    _year_axis(ax, years)
    _kr_axis(ax, label="kr. (udiskonteret)")
    _legend_below(ax)


def histogram(u: Uncertainty, base: float, ax: Axes) -> None:
    """The draws' discounted net results, with P(net > 0), the 5-95 % band and the median."""
    samples = np.asarray(u.samples if u.samples is not None else [], dtype=float)
    edges = np.histogram_bin_edges(samples, bins=40)
    counts, _ = np.histogram(samples, bins=edges)
    shares = counts / max(1, len(samples))
    centres, widths = (edges[:-1] + edges[1:]) / 2, np.diff(edges)
    pos = centres > 0
    ax.bar(centres[pos], shares[pos], width=widths[pos], color=POSITIVE, label="Netto > 0")
    ax.bar(
        centres[~pos], shares[~pos], width=widths[~pos], color=NEGATIVE, hatch="///",
        edgecolor="white", label="Netto ≤ 0",
    )  # fmt: skip
    q = u.quantiles
    if "5" in q and "95" in q:
        ax.axvspan(q["5"], q["95"], color="#999999", alpha=0.15, zorder=0, label="5-95 %")
    if "50" in q:
        ax.axvline(q["50"], color=NET, linewidth=1.2, label="Median")
    ax.axvline(base, color=NET, linewidth=1.0, linestyle="--", label="Beregningen")
    ax.text(
        0.02,
        0.95,
        f"P(netto > 0) = {da.chance(u.p_net_positive)}",
        transform=ax.transAxes,
        va="top",
        fontsize=8.5,
        fontweight="bold",
    )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: da.pct(v, 0)))
    ax.set_ylabel("Andel af trækningerne")
    _kr_axis(ax, "x", "Nettoresultat, kr. (nutidsværdi)")
    _legend_below(ax, ncol=5)  # inside the axes it covered the bars


def uncertainty_band(u: Uncertainty, ax: Axes) -> None:
    """The 5-95 % and 10-90 % ranges and the median of the net result, in total and per purse."""
    rows: list[tuple[str, Mapping[str, float]]] = [(da.TOTAL, u.quantiles)]
    rows += [
        (da.PURSE_LABELS.get(str(p.get("purse")), str(p.get("purse"))), p["quantiles"])
        for p in u.by_purse
        if p.get("quantiles")
    ]
    y = np.arange(len(rows))[::-1]
    for yi, (_label, q) in zip(y, rows, strict=True):
        q = {k: float(v) for k, v in q.items()}
        if "5" in q and "95" in q:
            ax.barh(yi, q["95"] - q["5"], left=q["5"], height=0.5, color=OKABE_ITO["sky_blue"])
        if "10" in q and "90" in q:
            ax.barh(yi, q["90"] - q["10"], left=q["10"], height=0.5, color=OKABE_ITO["blue"])
        if "50" in q:
            ax.plot([q["50"], q["50"]], [yi - 0.32, yi + 0.32], color=NET, linewidth=2)
    ax.margins(x=0.04)
    ax.set_yticks(y, [label for label, _ in rows])
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    _zero(ax, "x")
    _kr_axis(ax, "x", "Nettoresultat, kr. (nutidsværdi)")
    from matplotlib.patches import Patch

    _legend_below(
        ax,
        [
            Patch(color=OKABE_ITO["sky_blue"], label="5-95 %"),
            Patch(color=OKABE_ITO["blue"], label="10-90 %"),
            mpl.lines.Line2D([], [], color=NET, linewidth=2, label="Median"),
        ],
    )


def input_label(name: str, services: Mapping[str, str] | None = None) -> str:
    """A tornado input's Danish name.

    Examples
    --------
    >>> input_label("success_rate"), input_label("services.x", {"x": "Herberg, døgn"})
    ('Succesrate', 'Pris: Herberg, døgn')
    """
    fixed = {
        "success_rate": "Succesrate",
        "costs": "Omkostninger (faktor)",
        "consequences": "Gevinster (faktor)",
        "gains": "Gevinster (faktor)",
    }
    if name in fixed:
        return fixed[name]
    if name.startswith("services."):
        sid = name.split(".", 1)[1]
        return "Pris: " + (services or {}).get(sid, sid)
    return name


def tornado(u: Uncertainty, base: float, labels: Mapping[str, str], ax: Axes) -> None:
    """One-way sensitivity: the net result at each input's low and high value, widest on top."""
    rows = sorted(u.tornado, key=lambda r: r.swing)
    y = np.arange(len(rows))
    for yi, r in zip(y, rows, strict=True):
        ax.barh(yi, r.net_low - base, left=base, height=0.6, color=OKABE_ITO["sky_blue"])
        ax.barh(
            yi, r.net_high - base, left=base, height=0.6, color=OKABE_ITO["orange"],
            hatch="///", edgecolor="white",
        )  # fmt: skip
    ax.axvline(base, color=NET, linewidth=1.0)
    _zero(ax, "x")
    ax.set_yticks(y, [_short(labels.get(r.input, r.input), 34) for r in rows])
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    _kr_axis(ax, "x", "Nettoresultat, kr. (nutidsværdi)")
    from matplotlib.patches import Patch

    _legend_below(
        ax,
        [
            Patch(color=OKABE_ITO["sky_blue"], label="Lav værdi (10 %-fraktil)"),
            Patch(
                facecolor=OKABE_ITO["orange"],
                hatch="///",
                edgecolor="white",
                label="Høj værdi (90 %-fraktil)",
            ),
        ],
        ncol=2,
    )


def comparison(variants: Sequence[Variant], ax: Axes) -> None:
    """The discounted net result of each scenario variant."""
    _signed_bars(ax, [v.name for v in variants], [v.net_discounted for v in variants])
    _kr_axis(ax, "x", "Nettoresultat, kr. (nutidsværdi)")
