"""The SØM functions for xlwings Server (``XLWINGS_PROJECT_DIR`` = this folder's parent).

xlwings Server imports the package ``custom_functions`` from its project folder. The
functions are registered in ``udfs/som_udfs.py`` (their logic is in ``som_xl.functions``):
the same module serves the classic add-in and xlwings Lite, so nothing is copied here.

If this package fails to import with ``ModuleNotFoundError``, xlwings Server silently falls
back to its own bundled example package. To make a broken installation loud instead, a
missing module is re-raised here as a plain ``ImportError`` that stops the server.
"""

import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parents[3]  # <repo>/udfs/server/custom_functions

try:
    try:
        from udfs.som_udfs import *  # noqa: F403
        from udfs.som_udfs import __all__
    except ModuleNotFoundError as exc:
        if exc.name not in ("udfs", "udfs.som_udfs"):
            raise
        if (_REPO / "udfs" / "som_udfs.py").is_file():
            sys.path.insert(0, str(_REPO))
            from udfs.som_udfs import *  # noqa: F403
            from udfs.som_udfs import __all__
        else:  # deployed flat: som_udfs.py next to this package or on PYTHONPATH
            from som_udfs import *  # noqa: F403
            from som_udfs import __all__  # type: ignore[no-redef]  # noqa: F401
except ModuleNotFoundError as exc:
    raise ImportError(
        f"SØM-funktionerne kunne ikke indlæses: modulet '{exc.name}' mangler. "
        "Installér som-xl (pip install -e <repo>) i xlwings Servers miljø."
    ) from exc
