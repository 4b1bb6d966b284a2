"""Where each scenario value came from, so every problem names its place in every face.

A scenario reaches the resolver from a file (a YAML or JSON scenario), from a workbook
(sheet and cell) or from the Excel functions (argument, row and column). The validation and
the resolver only know spec paths such as ``("costs", 2, "amount")``; an :class:`Origins`
turns such a path into the place a user can find:

- :class:`FileOrigins`: ``"fil.yaml, linje 12"`` (the file and, where known, its line);
- :class:`MappedOrigins`: the longest known prefix of the path, e.g. ``"Indstillinger!C6"``
  or ``"SOM_NETTORESULTAT: omkostninger, række 3 (beløb)"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from ..errors import format_path, parse_path
from ..files import LineMap

__all__ = ["FileOrigins", "MappedOrigins", "Origins", "Path"]

#: A spec path: keys and 0-based list positions, e.g. ("costs", 2, "amount").
Path = tuple[str | int, ...]


class Origins(Protocol):
    """Anything that names the place of a spec path (the ``where`` of a Problem)."""

    def place(self, path: Sequence[str | int]) -> str:
        """The place of the value at ``path``; ``()`` is the scenario as a whole."""
        ...

    def key(self, path: Sequence[str | int]) -> str:
        """The key a message names beside the place ("" where the place says it all)."""
        ...

    def name(self, key: str) -> str | None:
        """How a message refers to a part of the scenario (``services``) in this face's words.

        ``None`` where the face has no such part (a message then leaves the hint out).
        """
        ...


class FileOrigins:
    """Places in a scenario file: the file name and, where known, the line.

    Parameters
    ----------
    where : str
        The file (or any name for the scenario as a whole).
    lines : LineMap or None
        The file's line map; without it every place is just ``where``.

    Examples
    --------
    >>> import yaml
    >>> lines = LineMap(yaml.compose("start_year: 2025\\ncosts:\\n  - {amount: 5}\\n"))
    >>> FileOrigins("fil.yaml", lines).place(("costs", 0, "amount"))
    'fil.yaml, linje 3'
    >>> FileOrigins("fil.yaml", lines).place(())
    'fil.yaml'
    >>> FileOrigins("fil.yaml").place(("start_year",))
    'fil.yaml'
    """

    def __init__(self, where: str, lines: LineMap | None = None) -> None:
        self.where = where
        self.lines = lines

    def place(self, path: Sequence[str | int]) -> str:
        if not path or self.lines is None:
            return self.where
        line = self.lines.line(path)
        return f"{self.where}, linje {line}" if (line and self.where) else self.where

    def key(self, path: Sequence[str | int]) -> str:
        """The dotted key path, e.g. ``costs[3].amount`` (a file names keys, not cells)."""
        return format_path(path)

    def name(self, key: str) -> str | None:
        """A file's part is named by its key: ``'services'``."""
        return f"'{key}'"


class MappedOrigins:
    """Places from a mapping of spec paths (or their keys) to cells or arguments.

    The longest prefix of a path that has a place wins; the rest of the path is described
    in Danish words after it (``words``), e.g. ``("costs", 2, "amount")`` with a place for
    ``("costs", 2)`` gives ``"omkostninger, række 3 (beløb)"``.

    Parameters
    ----------
    default : str
        The place of anything not in ``places`` (e.g. the function's name).
    places : Mapping
        Spec path → place. A path is a tuple such as ``("costs", 2)`` (0-based positions)
        or a key as in messages, ``"costs[3]"`` or ``"participants.2025"`` (1-based).
    words : Mapping[str, str] or None
        Danish words for the keys of the rest of a path; by default those of the field
        table (:data:`som_xl.inputs.fields.WORDS`); ``{}`` leaves the rest out.

    Examples
    --------
    >>> o = MappedOrigins("SOM_NETTORESULTAT", {"costs[3]": "omkostninger, række 3"})
    >>> o.place(("costs", 2, "amount"))
    'omkostninger, række 3 (beløb)'
    >>> o.place(("costs", 2))
    'omkostninger, række 3'
    >>> o.place(("start_year",))
    'SOM_NETTORESULTAT'
    >>> MappedOrigins("?", {("consequences", 0): "konsekvenser, række 1"}).place(
    ...     ("consequences", 0, "profile", 1))
    'konsekvenser, række 1 (år 2)'
    """

    def __init__(
        self,
        default: str,
        places: Mapping[tuple[str | int, ...] | str, str],
        words: Mapping[str, str] | None = None,
        names: Mapping[str, str | None] | None = None,
    ) -> None:
        self.default = default
        self.names: Mapping[str, str | None] = names or {}
        self.places: dict[Path, str] = {
            (parse_path(k) if isinstance(k, str) else tuple(k)): v for k, v in places.items()
        }
        if words is None:
            from .fields import WORDS

            words = WORDS
        self.words = words

    def place(self, path: Sequence[str | int]) -> str:
        full = tuple(path)
        for n in range(len(full), -1, -1):
            found = self.places.get(full[:n])
            if found is not None:
                tail = self._describe(full[n:]) if self.words else ""
                return f"{found} ({tail})" if tail else found
        return self.default

    def key(self, path: Sequence[str | int]) -> str:
        """No key: the place (a cell, an argument's row and column) already names it."""
        return ""

    def name(self, key: str) -> str | None:
        """A part in this face's words (``names``), else the field table's Danish word."""
        if key in self.names:
            return self.names[key]
        from .fields import WORDS

        return WORDS.get(key)

    def _describe(self, rest: Path) -> str:
        named = [p for p in rest if isinstance(p, str)]
        index = [p for p in rest if isinstance(p, int)]
        if named and index and named[0] in _YEARLY:
            return f"{_YEARLY[named[0]]}år {index[0] + 1}"
        return ", ".join(self.words.get(p, p) for p in named)


#: Lists with one value per year, named by the year: the profile "(år 2)", the relative
#: profile "(relativ år 2)" and the course years "(under forløb år 1)".
_YEARLY = {"profile": "", "relative": "relativ ", "during_course": "under forløb "}
