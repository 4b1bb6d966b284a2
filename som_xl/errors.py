"""Problems with input, reported together in Danish.

Every problem names where it is (file, sheet or cell), the key, the value and what is
allowed. Validation collects problems; :class:`InputError` carries all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["InputError", "Problem", "format_path", "parse_path", "suggest"]


@dataclass(frozen=True)
class Problem:
    """One problem with an input: where, which key, which value, and what is wrong."""

    where: str  # file (with line), sheet!cell, or function argument
    key: str  # dotted path of the key, e.g. "costs[2].amount"; "" for the whole input
    message: str  # Danish: what is wrong and what is allowed
    value: object = None
    has_value: bool = False

    def __str__(self) -> str:
        parts = [self.where] if self.where else []
        if self.key:
            parts.append(f"nøgle '{self.key}'")
        head = ", ".join(parts)
        value = f" (værdi: {_show(self.value)})" if self.has_value else ""
        return f"{head}: {self.message}{value}" if head else f"{self.message}{value}"


def _show(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."


class InputError(Exception):
    """Bad input: one or more Danish problems. Never shown to a user as a traceback."""

    def __init__(self, problems: Sequence[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", "", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.text())

    def text(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} fejl i input:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


def format_path(path: Iterable[str | int]) -> str:
    """('costs', 1, 'amount') -> 'costs[2].amount' (list positions counted from 1).

    Whole numbers from 1900 on are mapping keys (years, as in participants.2025), not
    list positions: no input list is that long.

    Parameters
    ----------
    path : iterable of str or int
        Keys and list positions (counted from 0), as pydantic and the line maps give them.

    Returns
    -------
    str
        The dotted key the messages show, list positions counted from 1.

    Examples
    --------
    >>> format_path(("costs", 1, "amount"))
    'costs[2].amount'
    >>> format_path(["participants", 2025])
    'participants.2025'
    """
    out = ""
    for part in path:
        if isinstance(part, int) and part < 1900:
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def parse_path(key: str) -> tuple[str | int, ...]:
    """'costs[2].amount' -> ('costs', 1, 'amount'): the inverse of :func:`format_path`.

    Parameters
    ----------
    key : str
        A dotted key as :func:`format_path` writes it.

    Returns
    -------
    tuple of str or int
        The keys and list positions (counted from 0); digits-only names become ints.

    Examples
    --------
    >>> parse_path("costs[2].amount")
    ('costs', 1, 'amount')
    >>> parse_path("participants.2025")
    ('participants', 2025)
    >>> format_path(parse_path("consequences[1].profile[3]"))
    'consequences[1].profile[3]'
    """
    out: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", key):
        if index:
            out.append(int(index) - 1)
        else:
            out.append(int(name) if name.isdigit() else name)
    return tuple(out)


#: A suggestion must be a plausible typo: difflib's similarity at least this (``succes_rate``
#: → ``success_rate`` is 0,96; ``succes_rate`` → ``discount_rate`` is 0,58), or one edit
#: away (``fn`` → ``fm``, where two letters give a similarity of 0,5).
NEAR_RATIO = 0.75


def suggest(value: object, known: Iterable[str]) -> str:
    """A Danish hint with the nearest known ids, or the first few when none are near.

    A known value is near when it is a plausible typo of ``value`` (case aside): a
    difflib similarity of at least :data:`NEAR_RATIO`, or one edit away (a letter added,
    dropped, changed, or two neighbours swapped).

    Parameters
    ----------
    value : object
        What the user wrote (compared as text).
    known : iterable of str
        The values that would have been accepted.

    Returns
    -------
    str
        ``mente du 'a' eller 'b'?`` with up to three near matches (the nearest first),
        else ``kendte værdier: …`` with the first eight known values in sorted order.

    Examples
    --------
    >>> suggest("kommunen", ["kommune", "region", "stat"])
    "mente du 'kommune'?"
    >>> suggest("fn", ["fm", "fast"])
    "mente du 'fm'?"
    >>> suggest("x", ["kommune", "region", "stat"])
    'kendte værdier: kommune, region, stat'
    >>> suggest("udgift", ["kommune", "region", "stat"])
    'kendte værdier: kommune, region, stat'
    """
    from difflib import SequenceMatcher  # only for a message (issue 9: start-up)

    known = sorted(known)
    text = str(value).lower()
    scored = []
    for k in known:
        ratio = SequenceMatcher(None, text, k.lower()).ratio()
        if ratio >= NEAR_RATIO or _one_edit(text, k.lower()):
            scored.append((-ratio, k))
    near = [k for _, k in sorted(scored)[:3]]
    if near:
        return "mente du " + " eller ".join(f"'{k}'" for k in near) + "?"
    shown = ", ".join(known[:8]) + (" …" if len(known) > 8 else "")
    return f"kendte værdier: {shown}"


def _one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter added, dropped, changed, or two swapped.

    Examples
    --------
    >>> _one_edit("fn", "fm"), _one_edit("hgih", "high"), _one_edit("lowe", "low")
    (True, True, True)
    >>> _one_edit("stat", "stat"), _one_edit("x", "stat"), _one_edit("lowe", "mode")
    (False, False, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(short == long[:i] + long[i + 1 :] for i in range(len(long)))
