"""LibreOffice as the independent formula engine: recalculate .xlsx files headless.

LibreOffice does not recalculate .xlsx files on load by default; a throw-away user profile
sets ``OOXMLRecalcMode`` = 0 (always). Several files are converted in one ``soffice`` run
(one start-up). Used by the tests and by ``benchmarks/bench_workbook.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

__all__ = ["recalculate", "render_pdf", "soffice"]

_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    """The soffice binary, or None if LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _run(files: Sequence[Path], outdir: Path, target: str, timeout: float) -> None:
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) er ikke installeret")
    with tempfile.TemporaryDirectory(prefix="som-xl-lo-") as tmp:
        profile = Path(tmp) / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
        cmd = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *(str(f) for f in files),
        ]
        env = dict(os.environ, HOME=tmp)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    missing = [f for f in files if not (outdir / (f.stem + "." + target.split(":")[0])).exists()]
    if missing:
        raise RuntimeError(
            f"LibreOffice skrev ikke {', '.join(m.name for m in missing)} "
            f"(exit {proc.returncode}): {proc.stderr.strip()[-500:]}"
        )


def recalculate(files: Sequence[Path], outdir: Path, timeout: float = 300) -> list[Path]:
    """Recalculate each .xlsx with LibreOffice into ``outdir`` (must differ from the sources)."""
    outdir.mkdir(parents=True, exist_ok=True)
    if any(f.resolve().parent == outdir.resolve() for f in files):
        raise ValueError("outdir must differ from the folder of the source files")
    _run(files, outdir, "xlsx:Calc MS Excel 2007 XML", timeout)
    return [outdir / (f.stem + ".xlsx") for f in files]


def render_pdf(file: Path, outdir: Path, timeout: float = 300) -> Path:
    """Recalculate and export every sheet on one PDF page each (for looking at sheets)."""
    outdir.mkdir(parents=True, exist_ok=True)
    target = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}'
    _run([file], outdir, target, timeout)
    return outdir / (file.stem + ".pdf")
