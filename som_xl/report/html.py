"""The report as one self-contained HTML file: Jinja2 templates, charts as SVG data URIs.

The template (``templates/report.html.j2``, package data) renders the blocks of a
:class:`~.blocks.Document`; its style sheet is inlined and every chart is an SVG image
embedded as a ``data:`` URI, so the file opens without network access and prints on A4.
SVG text is drawn as paths (no font is needed to view it) and the SVG hash salt is fixed,
so the same document gives the same bytes.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

import jinja2
from matplotlib.figure import Figure

from .._version import __version__
from .blocks import Chart, Document
from .charts import house_style
from .pdf import CHART_RIGHT, CHART_TOP, WIDTH

__all__ = ["chart_svg", "render_html"]


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("som_xl.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def chart_size(chart: Chart) -> tuple[float, float]:
    """The chart image's size in points (width, height), as the PDF lays it out."""
    return WIDTH, CHART_TOP + chart.height * 72 + chart.bottom


def chart_svg(chart: Chart) -> bytes:
    """One chart as SVG bytes, laid out as on the PDF page (without title and source).

    Parameters
    ----------
    chart : Chart

    Returns
    -------
    bytes
    """
    w, h = chart_size(chart)
    with house_style():
        fig = Figure(figsize=(w / 72, h / 72))
        left = chart.left * 72
        fig.add_axes(
            (
                left / w,
                chart.bottom / h,
                (w - CHART_RIGHT - left) / w,
                chart.height * 72 / h,
            )
        )
        chart.draw(fig.axes[0])
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def render_html(doc: Document) -> bytes:
    """The document as one self-contained HTML file (UTF-8 bytes).

    Parameters
    ----------
    doc : Document

    Returns
    -------
    bytes
        The same bytes for the same document.
    """
    images: dict[str, str] = {}
    sizes: dict[str, tuple[int, int]] = {}
    for chart in doc.charts():
        svg = chart_svg(chart)
        images[chart.key] = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
        w, h = chart_size(chart)
        sizes[chart.key] = (round(w * 4 / 3), round(h * 4 / 3))  # CSS pixels
    text = (
        _environment()
        .get_template("report.html.j2")
        .render(doc=doc, images=images, sizes=sizes, version=__version__)
    )
    return text.encode("utf-8")
