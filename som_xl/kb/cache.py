"""A disk cache of the validated knowledge base, keyed on its content (issue 9: start-up).

Loading the knowledge base (reading and validating every YAML file, checking references)
takes most of a short command's time; unpickling the validated result takes a few
milliseconds. :func:`cached_load` keys the cache on a hash of every knowledge file's bytes and
of the source of the code that reads them (so a changed file or a changed schema is never
served stale), stores only knowledge bases that loaded without problems, and falls back to
loading whenever the cache cannot be read or written (a read-only home folder, a damaged
file). ``SOM_XL_NO_CACHE=1`` turns it off; ``SOM_XL_CACHE_DIR`` moves it (default
``$XDG_CACHE_HOME/som-xl`` or ``~/.cache/som-xl``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .._version import __version__
from .schema import KnowledgeBase

__all__ = ["cache_dir", "cache_key", "cached_load"]

#: How many cached knowledge bases are kept (the newest).
KEEP = 8
#: The code whose behaviour decides the loaded knowledge base (paths under som_xl/).
_CODE = ("kb", "validation.py", "files.py", "errors.py", "conventions.py", "inputs/fields.py")


def cache_dir() -> Path | None:
    """Where the cache lives; None when ``SOM_XL_NO_CACHE`` is set.

    Returns
    -------
    Path or None

    Examples
    --------
    >>> import os
    >>> os.environ["SOM_XL_NO_CACHE"] = "1"
    >>> cache_dir() is None
    True
    >>> del os.environ["SOM_XL_NO_CACHE"]
    """
    if os.environ.get("SOM_XL_NO_CACHE"):
        return None
    own = os.environ.get("SOM_XL_CACHE_DIR")
    if own:
        return Path(own)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "som-xl"


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".yaml", ""))


def cache_key(root: Path) -> str:
    """A hash of every knowledge file under ``root`` and of the code that loads them.

    Parameters
    ----------
    root : Path
        The knowledge folder.

    Returns
    -------
    str
        32 hex digits; any changed byte gives another key.

    Examples
    --------
    >>> from som_xl.kb import knowledge_dir
    >>> len(cache_key(knowledge_dir())) == 32
    True
    """
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0{root.resolve()}\0".encode())
    for p in _files(root):
        digest.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    package = Path(__file__).resolve().parents[1]
    for part in _CODE:
        target = package / part
        sources = sorted(target.glob("*.py")) if target.is_dir() else [target]
        for p in sources:
            digest.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def cached_load(root: Path, load: Callable[[Path], Any]) -> Any:
    """``load(root)``, or its result from the cache when nothing it depends on has changed.

    Parameters
    ----------
    root : Path
        The knowledge folder.
    load : callable
        The real loader (it raises on problems; nothing is cached then).

    Returns
    -------
    KnowledgeBase
        Equal to ``load(root)``.

    Examples
    --------
    >>> import tempfile, os
    >>> from som_xl.kb import knowledge_dir
    >>> from som_xl.kb.load import _load
    >>> os.environ["SOM_XL_CACHE_DIR"] = tempfile.mkdtemp()
    >>> first = cached_load(knowledge_dir(), _load)  # loads and stores
    >>> cached_load(knowledge_dir(), _load) == first  # from the cache
    True
    >>> del os.environ["SOM_XL_CACHE_DIR"]
    """
    folder = cache_dir()
    if folder is None or not root.is_dir():
        return load(root)
    try:
        path = folder / f"kb-{cache_key(root)}.pickle"
    except OSError:
        return load(root)
    cached = _read(path)
    if cached is not None:
        return cached
    kb = load(root)
    import tempfile  # only when the cache is written (issue 9: start-up)

    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".kb-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(folder)
    except Exception:  # a read-only or full disk: no cache, the same answer
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return kb


def _read(path: Path) -> KnowledgeBase | None:
    """The cached knowledge base, or None where the file is missing, damaged, from another
    version or not a knowledge base (the caller then loads the knowledge folder)."""
    try:
        with path.open("rb") as fh:
            kb = pickle.load(fh)
    except Exception:
        return None
    return kb if isinstance(kb, KnowledgeBase) else None


def _prune(folder: Path) -> None:
    """Keep the :data:`KEEP` most recently written knowledge bases."""
    files = sorted(folder.glob("kb-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)
