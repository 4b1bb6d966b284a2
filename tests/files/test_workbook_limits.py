"""The limits `som-xl read` checks before parsing: they leave room for a real workbook, and a
workbook just within them still reads within 200 MB; the XML parser is defusedxml's.

The real workbook must stay :data:`HEADROOM` times within every limit, so a growing
knowledge base meets this test long before a user meets a limit.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl.xml
import pytest

from som_xl.errors import InputError
from som_xl.workbook.build import build_workbook_bytes
from som_xl.workbook.read import MAX_TABLE_ROWS, read_content
from som_xl.workbook.read_package import (
    MAX_CELLS,
    MAX_PART_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_WORKBOOK_BYTES,
    MAX_XML_ELEMENTS,
    MAX_ZIP_PARTS,
    forbidden_xml,
)
from tests.broken import xlsx

#: Head room: the real workbook may grow this many times before it meets a limit.
HEADROOM = 4


@pytest.fixture(scope="module")
def real() -> bytes:
    """The workbook of the real knowledge base."""
    return build_workbook_bytes()


def test_openpyxl_parses_through_defusedxml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True
    from openpyxl.xml import functions

    assert functions.fromstring.__module__.startswith("defusedxml")
    assert functions.iterparse.__module__.startswith("defusedxml")


def test_forbidden_xml_is_found_through_openpyxl_s_wrapping() -> None:
    from defusedxml import EntitiesForbidden

    try:
        try:
            raise EntitiesForbidden("lol", None, None, None, None, None)
        except EntitiesForbidden as inner:
            raise ValueError("Unable to read workbook") from inner
    except ValueError as outer:
        assert forbidden_xml(outer)
    assert not forbidden_xml(ValueError("x"))


def test_the_real_workbook_is_far_within_every_limit(real: bytes) -> None:
    assert len(real) * HEADROOM < MAX_WORKBOOK_BYTES
    with zipfile.ZipFile(io.BytesIO(real)) as z:
        infos = z.infolist()
        texts = [z.read(i) for i in infos]
    assert len(infos) * HEADROOM < MAX_ZIP_PARTS
    assert max(i.file_size for i in infos) * HEADROOM < MAX_PART_BYTES
    assert sum(i.file_size for i in infos) * HEADROOM < MAX_UNPACKED_BYTES
    assert sum(t.count(b"<") for t in texts) * HEADROOM < MAX_XML_ELEMENTS
    cells = sum(
        len(re.findall(rb"<c[\s/>]", t))
        for i, t in zip(infos, texts, strict=True)
        if i.filename.startswith("xl/worksheets/")
    )
    assert cells * HEADROOM < MAX_CELLS
    stamp = xlsx.stamp_of(real)
    counts = [int(v) for v in re.findall(r"=(\d+)", stamp)]
    assert max(counts) * HEADROOM < MAX_TABLE_ROWS


def test_a_workbook_just_within_the_cell_limit_reads_within_200_mb(
    real: bytes, tmp_path: Path
) -> None:
    with zipfile.ZipFile(io.BytesIO(real)) as z:
        have = sum(
            len(re.findall(rb"<c[\s/>]", z.read(n)))
            for n in z.namelist()
            if n.startswith("xl/worksheets/")
        )
    rows = (MAX_CELLS - have) // 10
    extra = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEFGHIJ") + "</row>"
        for r in range(1000, 1000 + rows)
    ).encode()
    part = xlsx.sheet_part(real, "Forside")
    path = tmp_path / "fuld.xlsx"
    path.write_bytes(
        xlsx.change(real, part, lambda t: t.replace(b"</sheetData>", extra + b"</sheetData>"))
    )
    # within the limits: read, not refused, in a process of its own to measure its memory
    # VmHWM: the peak resident memory of this process image (ru_maxrss would include the
    # test runner's, which survives exec)
    code = (
        "import re; from som_xl.workbook.read import read_content; "
        f"read_content({str(path)!r}); "
        "print(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], check=True, timeout=60, capture_output=True, text=True
    )
    peak_kb = int(run.stdout.split()[-1])  # the process's peak resident memory (kB)
    assert peak_kb * 1024 < 200_000_000, f"{peak_kb / 1e3:.0f} MB"
    # one row more and it is refused before parsing
    more = extra + b'<row r="999999"><c r="A999999"><v>1</v></c></row>' * 20
    path.write_bytes(
        xlsx.change(real, part, lambda t: t.replace(b"</sheetData>", more + b"</sheetData>"))
    )
    with pytest.raises(InputError, match="for mange celler"):
        read_content(path)
