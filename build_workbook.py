#!/usr/bin/env python3
"""Build the SØM workbook (workbooks/SOM.xlsx) from the knowledge base; `make workbook` runs this.

Same as ``som-xl build``: ``python build_workbook.py [--out PATH]``. Without ``--out`` the file
goes to ``workbooks/SOM.xlsx`` next to this script.
"""

from __future__ import annotations

import sys
from pathlib import Path

from som_xl.cli import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if "--out" not in args and not any(a.startswith("--out=") for a in args):
        args += ["--out", str(Path(__file__).resolve().parent / "workbooks" / "SOM.xlsx")]
    sys.exit(main(["build", *args]))
