"""Looking at reports as a reader would: PDF pages as PNG, the PDF's text, the HTML's charts."""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

__all__ = [
    "html_charts",
    "html_text",
    "need_poppler",
    "pdf_page_texts",
    "pdf_pages",
    "pdf_text",
    "png_ink",
]


def need_poppler() -> None:
    """Skip without pdftoppm/pdftotext (poppler-utils); fail in CI, which installs them."""
    if shutil.which("pdftoppm") and shutil.which("pdftotext"):
        return
    if os.environ.get("CI"):
        pytest.fail("pdftoppm/pdftotext (poppler-utils) mangler i CI")
    pytest.skip("pdftoppm/pdftotext (poppler-utils) er ikke installeret")


def pdf_pages(pdf: bytes, folder: Path, dpi: int = 40) -> list[Path]:
    """Every page of a PDF rendered to PNG with pdftoppm, in page order."""
    need_poppler()
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "rapport.pdf"
    src.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(src), str(folder / "side")],
        check=True,
        capture_output=True,
    )
    return sorted(folder.glob("side-*.png"), key=lambda p: int(p.stem.split("-")[-1]))


def pdf_text(pdf: bytes, folder: Path) -> str:
    """The PDF's text as pdftotext reads it (reading order, one space between words)."""
    need_poppler()
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "tekst.pdf"
    src.write_bytes(pdf)
    proc = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(src), "-"], check=True, capture_output=True
    )
    return " ".join(proc.stdout.decode("utf-8").split())


def pdf_page_texts(pdf: bytes, folder: Path) -> list[str]:
    """Each page's text as pdftotext reads it (running head and foot included), in order."""
    need_poppler()
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "sider.pdf"
    src.write_bytes(pdf)
    proc = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(src), "-"], check=True, capture_output=True
    )
    pages = proc.stdout.decode("utf-8").split("\f")
    return [" ".join(p.split()) for p in pages if p.strip()]


def png_ink(path: Path) -> float:
    """The share of a PNG's pixels that are not (nearly) white."""
    with Image.open(path) as im:
        grey = im.convert("L")
        hist = grey.histogram()
    total = sum(hist)
    return sum(hist[:235]) / total


_IMG = re.compile(r'<figure class="chart" id="figur-([\w-]+)" data-chart="([\w-]+)">\s*'
                  r'<figcaption class="title">[^<]*</figcaption>\s*'
                  r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')  # fmt: skip


def html_charts(html: str) -> dict[str, bytes]:
    """Chart key -> the SVG embedded in the HTML report."""
    return {m.group(2): base64.b64decode(m.group(3)) for m in _IMG.finditer(html)}


def html_text(html: str) -> str:
    """The HTML's visible text (tags, style and images dropped), one space between words."""
    body = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    for entity, char in (("&#34;", '"'), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">")):
        body = body.replace(entity, char)
    body = body.replace("&amp;", "&")
    return " ".join(body.split())
