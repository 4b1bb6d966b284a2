"""Where each value of a scenario built from ranges came from, for messages.

The range parsers (:mod:`.ranges`, :mod:`.costs`, :mod:`.overrides`) record, for every
scenario path they fill, the place in the sheet it came from::

    {("costs",): "omkostninger",
     ("costs", 2): "omkostninger, række 4",
     ("costs", 2, "amount"): "omkostninger, række 4 (beløb)",
     ("participants", 2025): "deltagere, kolonne 2",
     ("start_year",): "indstillinger, række 3 (startår)", ...}

Paths follow :func:`som_xl.errors.format_path`: list positions count from 0 and whole
numbers from 1900 on are mapping keys (years). A value's place is recorded for every scalar
the parser fills; an argument or a row ("anchor") is recorded too, so that a path the
parser did not fill (a field the resolver defaults) is named by its row plus the field.

TODO(issue 7, origins): when ``som_xl.inputs.origins`` is merged, pass
``MappedOrigins(func, places)`` to ``parse_scenario``/``resolve`` and delete
:func:`translate` and :func:`key_path`; :func:`place` is the rule such an origins object
must follow to keep the functions' messages unchanged (exact path, else the longest
recorded prefix plus the rest of the path in Danish).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence

from som_xl.errors import InputError, Problem

from .vocabulary import FIELD_LABELS

__all__ = ["Path", "Places", "filled", "key_path", "place", "record", "translate"]

#: A path into the scenario dict, e.g. ("costs", 2, "amount").
Path = tuple[str | int, ...]
#: Path -> the Danish place in the sheet it came from.
Places = dict[Path, str]


def _position(part: str | int) -> bool:
    """A list position (not a year used as a mapping key); see ``format_path``."""
    return isinstance(part, int) and part < 1900


def _label(part: str | int) -> str:
    return FIELD_LABELS.get(str(part), str(part))


@functools.lru_cache(maxsize=4096)  # few distinct field paths; called for every value read
def _rest(rest: Path) -> str:
    """The part of a path below a recorded place, in Danish ('profile', 2 -> 'år 3')."""
    labels = [_label(p) for p in rest if not _position(p)]
    positions = [p for p in rest if isinstance(p, int) and _position(p)]
    if positions and labels and labels[0] == "profil":
        return f"år {positions[0] + 1}"
    return ", ".join(labels)


def place(path: Sequence[str | int], places: Mapping[Path, str]) -> str:
    """The Danish place of a scenario path: its own, or its nearest recorded parent's.

    Parameters
    ----------
    path : sequence of str or int
        A scenario path, e.g. ``("costs", 2, "amount")``.
    places : Mapping
        What the range parsers recorded.

    Returns
    -------
    str
        The recorded place; else the longest recorded prefix with the rest of the path in
        parentheses; else the path's field names in Danish.

    Examples
    --------
    >>> places = {("costs",): "omkostninger", ("costs", 2): "omkostninger, række 4"}
    >>> place(("costs", 2, "amount"), places)
    'omkostninger, række 4 (beløb)'
    >>> place(("consequences", 0, "profile", 2), {("consequences", 0): "konsekvenser, række 2"})
    'konsekvenser, række 2 (år 3)'
    >>> place(("horizon_years",), places)
    'horisont'
    """
    path = tuple(path)
    for n in range(len(path), 0, -1):
        if path[:n] in places:
            rest = _rest(path[n:])
            return places[path[:n]] + (f" ({rest})" if rest else "")
    return ", ".join(_label(p) for p in path if not _position(p))


def record(places: Places, anchor: Path, text: str, filled: Iterable[Path] = ()) -> None:
    """Record an argument, row or cell and the scalar paths below it that were filled.

    Parameters
    ----------
    places : Places
        The record, changed in place.
    anchor : Path
        The path of what sits at ``text``, e.g. ``("costs", 2)`` for a cost line.
    text : str
        Its place in the sheet, e.g. ``"omkostninger, række 4"``.
    filled : iterable of Path
        Paths below ``anchor`` that the parser filled, e.g. ``[("amount",), ("kind",)]``;
        each is recorded as the anchor's place with its field in parentheses.

    Examples
    --------
    >>> places: Places = {}
    >>> record(places, ("costs", 0), "omkostninger, række 2", [("amount",), ("years", 1)])
    >>> places[("costs", 0, "amount")], places[("costs", 0, "years", 1)]
    ('omkostninger, række 2 (beløb)', 'omkostninger, række 2 (år)')
    """
    places[anchor] = text
    for path in filled:
        rest = _rest(path)  # as place() names it below the anchor
        places[anchor + path] = f"{text} ({rest})" if rest else text


def key_path(key: str) -> Path:
    """A problem's key (``format_path`` text) as a path again.

    Examples
    --------
    >>> key_path("costs[3].amount"), key_path("participants.2025")
    (('costs', 2, 'amount'), ('participants', 2025))
    """
    out: list[str | int] = []
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        if part.startswith("["):
            out.append(int(part[1:-1]) - 1)
        elif part.isascii() and part.isdigit() and int(part) >= 1900:
            out.append(int(part))
        else:
            out.append(part)
    return tuple(out)


def translate(exc: InputError, places: Mapping[Path, str], where: str) -> InputError:
    """The engine's problems with their keys ('costs[3].amount') as places in the sheet.

    TODO(issue 7, origins): goes when ``MappedOrigins(where, places)`` is passed to
    ``parse_scenario`` and ``resolve``.

    Parameters
    ----------
    exc : InputError
        From ``parse_scenario``, ``resolve`` or ``quick_estimate``.
    places : Mapping
        What the range parsers recorded.
    where : str
        The function's name: the place of a problem without a key or a place.

    Returns
    -------
    InputError
        The same problems, each placed and without its key.

    Examples
    --------
    >>> exc = InputError(Problem("SOM_X", "costs[1].amount", "skal være et tal", "x", True))
    >>> str(translate(exc, {("costs", 0): "omkostninger, række 2"}, "SOM_X"))
    "omkostninger, række 2 (beløb): skal være et tal (værdi: 'x')"
    """
    out = []
    for p in exc.problems:
        text = place(key_path(p.key), places) if p.key else ""
        out.append(Problem(text or p.where or where, "", p.message, p.value, p.has_value))
    return InputError(out)


def filled(item: Mapping[str, object]) -> list[Path]:
    """The scalar paths of a scenario entry, relative to it (for :func:`record`).

    Examples
    --------
    >>> filled({"id": "x", "prices": {"kommune": 1}, "years": [2025, 2026]})
    [('id',), ('prices', 'kommune'), ('years', 0), ('years', 1)]
    """
    out: list[Path] = []
    for key, value in item.items():
        if isinstance(value, Mapping):
            out += [(key, sub) for sub in value]
        elif isinstance(value, list | tuple):
            out += [(key, j) for j in range(len(value))]
        else:
            out.append((key,))
    return out
