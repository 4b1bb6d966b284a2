"""Build workbooks/SOM.xlsx from the knowledge base (``make workbook``)."""

from __future__ import annotations

import sys

from som_xl.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
