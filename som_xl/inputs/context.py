"""What the resolver's steps share: the knowledge base (loaded on first use), the origins of
the values, and the problems found so far."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from ..errors import InputError, Problem
from .origins import FileOrigins, Origins

if TYPE_CHECKING:  # the knowledge base imports the field table (inputs) for its bounds
    from ..kb import KnowledgeBase

__all__ = ["Context", "KbSource"]

#: The knowledge base, a loader of one (called only when a step needs it), or None.
KbSource: TypeAlias = "KnowledgeBase | Callable[[], KnowledgeBase] | None"


class Context:
    """What the steps share: the knowledge base (loaded on first use), origins, problems.

    Examples
    --------
    >>> ctx = Context(None, FileOrigins("fil.yaml"))
    >>> ctx.problem(["horizon_years"], "for lang", 60)
    >>> ctx.problems
    [Problem(where='fil.yaml', key='horizon_years', message='for lang', value=60, has_value=True)]
    """

    def __init__(self, kb: KbSource, origins: Origins | None = None) -> None:
        self._source = kb
        self._kb: KnowledgeBase | None = None
        self.origins: Origins = origins if origins is not None else FileOrigins("scenariet")
        self.problems: list[Problem] = []

    def kb(self) -> KnowledgeBase:
        """The knowledge base; a scenario that needs it without one is an error at once."""
        if self._kb is None:
            if self._source is None:
                raise InputError(
                    Problem(self.origins.place(()), "", "scenariet kræver vidensdatabasen")
                )
            self._kb = self._source() if callable(self._source) else self._source
        return self._kb

    @property
    def has_source(self) -> bool:
        """Whether a knowledge base is at hand (given, or a loader of one)."""
        return self._source is not None

    @property
    def loaded(self) -> KnowledgeBase | None:
        """The knowledge base if a step has used it, else None."""
        return self._kb

    @property
    def fingerprint(self) -> str | None:
        """The fingerprint of the knowledge base, if it was used."""
        return self._kb.fingerprint if self._kb is not None else None

    def problem(
        self, path: Sequence[str | int], message: str, value: object = None, has_value: bool = True
    ) -> None:
        """Record a problem at a spec path (once: one price year may fail for three purses)."""
        found = Problem(self.origins.place(path), self.origins.key(path), message, value, has_value)
        if found not in self.problems:
            self.problems.append(found)

    def item_label(self, text: str) -> str:
        """A budget-item id ('sociale_voksne') becomes its label; other text is kept."""
        if re.fullmatch(r"[a-z0-9_]+", text):
            items = self.kb().budget_items
            if text in items:
                return items[text].label
        return text
