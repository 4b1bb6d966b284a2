"""Looking up what a cell names: the knowledge base, its ids, a purse, a view.

The knowledge base is loaded and validated once per process by :func:`som_xl.kb.load_kb`
(``$SOM_XL_KNOWLEDGE`` chooses another folder); a broken one gives one Danish text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from som_xl.conventions import PURSES
from som_xl.errors import InputError, suggest
from som_xl.kb import KnowledgeBase, load_kb

from .cells import Cell, fail, fold, norm, scalar, whole
from .vocabulary import TOTAL

__all__ = ["choice", "knowledge", "lookup", "purse_key"]


def knowledge() -> KnowledgeBase:
    """The knowledge base, or one Danish error naming its first problem.

    Returns
    -------
    KnowledgeBase
        Loaded once per process (``load_kb`` caches it).

    Raises
    ------
    InputError
        "vidensdatabasen: kan ikke indlæses; …" with the first problem and how many more.

    Examples
    --------
    >>> len(knowledge().target_groups) > 0
    True
    """
    try:
        return load_kb()
    except InputError as exc:
        first = exc.problems[0]
        more = f" (og {len(exc.problems) - 1} fejl mere)" if len(exc.problems) > 1 else ""
        raise fail(
            "vidensdatabasen",
            f"kan ikke indlæses; kør 'som-xl validate' og ret filerne. Første fejl: {first}{more}",
        ) from None


def lookup(
    v: Cell, known: Mapping[str, Any], labels: Callable[[Any], str], where: str, what: str
) -> str:
    """An id from the knowledge base; the Danish label (any case, æ/ø/å folded) works too.

    Parameters
    ----------
    v : Cell
        The cell's value.
    known : Mapping
        Id -> record, e.g. ``kb.services``.
    labels : callable
        A record's Danish label.
    where, what : str
        The place and the kind of id ("ydelse"), for messages.

    Returns
    -------
    str
        The id.

    Raises
    ------
    InputError
        Missing or unknown, with the nearest ids.

    Examples
    --------
    >>> areas = {"voksne": "Voksne", "boern_unge": "Børn og unge"}
    >>> lookup("BØRN OG UNGE", areas, str, "område", "område")
    'boern_unge'
    >>> lookup("voksen", areas, str, "område", "område")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: område: ukendt område; mente du 'voksne'? (værdi: 'voksen')
    """
    if v is None:
        raise fail(where, f"mangler; angiv {what}s id, {suggest('', known)}")
    text = str(whole(v)).strip()
    if text in known:
        return text
    lowered = text.lower()
    for key, item in known.items():
        if key.lower() == lowered or fold(labels(item)) == fold(text):
            return key
    raise fail(where, f"ukendt {what}; {suggest(text, known)}", text, True)


def choice(v: Cell, names: Mapping[str, str], where: str, default: str) -> str:
    """One of a few named choices (a view): the canonical name, or the default when empty.

    Parameters
    ----------
    v : Cell
        The cell's value; any case, with or without æ/ø/å.
    names : Mapping
        Normalised name (see :func:`~som_xl.functions.cells.norm`) -> canonical name.
    where : str
        The argument, for messages.
    default : str
        The canonical name for an empty cell.

    Returns
    -------
    str
        The canonical name.

    Examples
    --------
    >>> views = {"aar": "år", "noegletal": "nøgletal"}
    >>> choice("Nøgletal", views, "visning", "år"), choice(None, views, "visning", "år")
    ('nøgletal', 'år')
    >>> choice("tabel", views, "visning", "år")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: visning: ukendt visning; brug "nøgletal", "år" (værdi: 'tabel')
    """
    v = scalar(v, where)
    if v is None:
        return default
    key = norm(v)
    if key in names:
        return names[key]
    known = sorted(set(names.values()))
    raise fail(where, "ukendt visning; brug " + ", ".join(f'"{n}"' for n in known), v, True)


def purse_key(v: Cell, where: str, allow_total: bool) -> str:
    """A purse ("kommune", "region", "stat"), or :data:`TOTAL` for "i alt" if allowed.

    Parameters
    ----------
    v : Cell
        The cell's value; any case, blanks aside.
    where : str
        The argument, for messages.
    allow_total : bool
        Whether "i alt" (or "alle", "samlet", "total", "offentlig") is allowed.

    Returns
    -------
    str
        ``"kommune"``, ``"region"``, ``"stat"`` or :data:`TOTAL`.

    Raises
    ------
    InputError
        For anything else (an empty cell too), naming what is allowed.

    Examples
    --------
    >>> purse_key(" Kommune ", "aktoer", False), purse_key("i alt", "aktoer", True)
    ('kommune', 'I alt')
    """
    v = scalar(v, where)
    key = norm(v) if v is not None else ""
    if key in PURSES:
        return key
    if allow_total and key in ("i_alt", "alle", "samlet", "total", "offentlig"):
        return TOTAL
    allowed = '"kommune", "region", "stat"' + (' eller "i alt"' if allow_total else "")
    raise fail(where, f"ukendt aktør; brug {allowed}", v, v is not None)
