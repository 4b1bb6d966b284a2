"""Workbook benchmarks (reported, never timed tests).

1. Build time of ``workbooks/SOM.xlsx`` from the knowledge base (goal: under 5 s).
2. File size (goal: under 3 MB).
3. LibreOffice recalculation time of the built workbook, one file per ``soffice`` run
   (goal: under 10 s), and ``som-xl read`` time.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_workbook.py``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import best_of  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

from som_xl.kb import KnowledgeBase, load_kb  # noqa: E402
from som_xl.workbook.build import build_workbook, build_workbook_bytes  # noqa: E402
from som_xl.workbook.read import read_workbook  # noqa: E402
from tests.libreoffice import recalculate, soffice  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "kb"


def bench(label: str, kb: KnowledgeBase, folder: Path) -> None:
    build_workbook_bytes(kb)  # warm-up (imports, caches)
    best, median = best_of(lambda: build_workbook_bytes(kb), 5)
    path = build_workbook(folder / f"{label}.xlsx", kb=kb)
    size = path.stat().st_size
    print(f"{label}:")
    print(f"  build:             {best:6.2f} s best, {median:6.2f} s median (goal < 5 s)")
    print(f"  file size:         {size / 1e6:6.2f} MB (goal < 3 MB)")
    best, median = best_of(lambda: read_workbook(path), 3)
    print(f"  som-xl read:       {best:6.2f} s best, {median:6.2f} s median")
    if soffice() is None:
        print("  LibreOffice:       soffice er ikke installeret; springer over")
        return
    times = []
    for n in range(3):
        out = folder / f"lo_{label}_{n}"
        t0 = time.perf_counter()
        recalculate([path], out)
        times.append(time.perf_counter() - t0)
    print(
        f"  LibreOffice recalc: {min(times):5.2f} s best, {statistics.median(times):5.2f} s "
        "median, incl. start-up (goal < 10 s)"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="som-xl-bench-") as tmp:
        folder = Path(tmp)
        try:
            kb = load_kb()
        except Exception as exc:
            print(f"vidensdatabasen kan ikke indlæses ({exc}); bruger test-vidensdatabasen")
        else:
            bench("vidensdatabasen", kb, folder)
        bench("test-vidensdatabasen", load_kb(FIXTURE), folder)


if __name__ == "__main__":
    main()
