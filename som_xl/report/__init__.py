"""The decision report (``som-xl rapport``): a one-page sagsfremstilling and a full report.

From a scenario file or a filled-in workbook, :func:`make_report` builds the report's data
(:mod:`.data`: the result contract, the assumptions with their sources, the checklist, the
uncertainty analysis and variants where there are any), writes it as blocks of Danish text,
tables and charts (:mod:`.document`, :mod:`.charts`) and renders them as one
self-contained HTML file (:mod:`.html`, Jinja2) or an A4 PDF (:mod:`.pdf`, matplotlib).
The same input and date give the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from .blocks import Document
from .data import ReportData, report_data
from .document import full_document, short_document
from .source import WORKBOOK_SUFFIXES, load_report_data

__all__ = [
    "WORKBOOK_SUFFIXES",
    "Document",
    "ReportData",
    "full_document",
    "load_report_data",
    "make_report",
    "render",
    "report_data",
    "short_document",
]

Format = Literal["pdf", "html"]


def render(doc: Document, fmt: Format) -> bytes:
    """A document as PDF or HTML bytes.

    Parameters
    ----------
    doc : Document
        The sagsfremstilling or the full report (:func:`short_document`,
        :func:`full_document`).
    fmt : {"pdf", "html"}

    Returns
    -------
    bytes
        The same bytes for the same document.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> d = report_data(example_result(), date="2026-01-02", input_name="eksempel.yaml")
    >>> render(short_document(d), "html")[:15], render(short_document(d), "pdf")[:5]
    (b'<!DOCTYPE html>', b'%PDF-')
    """
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(doc)
    from .html import render_html

    return render_html(doc)


def make_report(path: Path, *, fmt: Format, short: bool, date: str) -> bytes:
    """The report of a scenario file or workbook, as PDF or HTML bytes.

    Parameters
    ----------
    path : Path
        A scenario file (``.yaml``, ``.yml``, ``.json``) or a workbook (``.xlsx``).
    fmt : {"pdf", "html"}
    short : bool
        The one-page sagsfremstilling instead of the full report.
    date : str
        The report's date, ``YYYY-MM-DD``.

    Returns
    -------
    bytes

    Raises
    ------
    InputError
        A problem with the file (a Danish message naming file, key or cell).

    Examples
    --------
    >>> pdf = make_report(Path("examples/cool_kids.yaml"), fmt="pdf", short=True,
    ...                   date="2026-01-02")
    >>> pdf[:5], pdf == make_report(Path("examples/cool_kids.yaml"), fmt="pdf", short=True,
    ...                             date="2026-01-02")
    (b'%PDF-', True)
    """
    data = load_report_data(path, date=date)
    doc = short_document(data) if short else full_document(data)
    return render(doc, fmt)
