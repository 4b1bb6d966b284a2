"""Strict pydantic validation with Danish messages.

Pydantic checks shapes and types (unknown keys are errors); this module turns its errors
into Danish :class:`~som_xl.errors.Problem` objects that name the file, line, key and value.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import Problem, format_path, suggest
from .files import LineMap

if TYPE_CHECKING:
    from .inputs.origins import Origins

__all__ = ["Strict", "danish_bound", "translate", "validate_model"]


class Strict(BaseModel):
    """Base for input models: unknown keys are errors, models are immutable.

    Each model builds its validator when it first validates (``defer_build``), not at
    import: a command builds only the models it uses, and the knowledge base read back from
    its cache (:mod:`som_xl.kb.cache`) builds none (issue 9: start-up).
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


_MESSAGES: dict[str, str] = {
    "missing": "mangler (skal udfyldes)",
    "extra_forbidden": "ukendt nøgle (stavefejl?); den er ikke tilladt her",
    "float_parsing": (
        "skal være et tal (med punktum som decimaltegn og uden tusindtalsseparator, fx 1000.50)"
    ),
    "float_type": "skal være et tal",
    "int_parsing": "skal være et helt tal",
    "int_type": "skal være et helt tal",
    "int_from_float": "skal være et helt tal",
    "bool_parsing": "skal være true eller false",
    "bool_type": "skal være true eller false",
    "string_type": "skal være en tekst",
    "string_too_short": "må ikke være tom",
    "list_type": "skal være en liste, fx [1, 2, 3]",
    "dict_type": "skal være en opslagstabel (nøgle: værdi)",
    "model_type": "skal være en opslagstabel (nøgle: værdi)",
    "model_attributes_type": "skal være en opslagstabel (nøgle: værdi)",
    "too_short": "har for få elementer",
    "too_long": "har for mange elementer",
    "finite_number": "skal være et endeligt tal",
    "string_pattern_mismatch": "har et ugyldigt format",
}


def danish_bound(value: object) -> str:
    """A number in a message as Danish writes it: thousand dots, a decimal comma.

    (User trial: "må højst være 1000000" in a file's check beside "1.000.000" for
    ``--draws``, and "(0.3)" beside "(0,5)".) Anything but a number is shown as it is.

    Parameters
    ----------
    value : object
        A bound or a value of a message.

    Returns
    -------
    str

    Examples
    --------
    >>> danish_bound(1000000), danish_bound(0.3), danish_bound(0), danish_bound(1e-05)
    ('1.000.000', '0,3', '0', '0,00001')
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, decimals = f"{float(value):.10f}".rstrip("0").partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + decimals


def _message(err: Any) -> str:
    kind = err["type"]
    ctx = {k: danish_bound(v) for k, v in (err.get("ctx") or {}).items()}
    if kind in ("greater_than_equal",):
        return f"skal være mindst {ctx.get('ge')}"
    if kind == "greater_than":
        return f"skal være større end {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"må højst være {ctx.get('le')}"
    if kind == "less_than":
        return f"skal være mindre end {ctx.get('lt')}"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", " eller ")
        return f"skal være en af: {expected}"
    if kind == "string_pattern_mismatch":
        return "må kun indeholde små bogstaver a-z, tal og _ (ASCII; skriv ae, oe, aa for æ, ø, å)"
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    # Custom errors (PydanticCustomError) carry their Danish message already.
    msg = str(err.get("msg", ""))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return msg


def translate(
    exc: ValidationError,
    where: str,
    lines: LineMap | None = None,
    prefix: Sequence[str | int] = (),
    *,
    origins: Origins | None = None,
    model: type[BaseModel] | None = None,
) -> list[Problem]:
    """Turn a pydantic ValidationError into Danish problems (one per error).

    Each problem's place is ``origins.place(path)`` where origins are given, else the file
    ``where`` with the line from ``lines``. Where the validated ``model`` is given, an
    unknown key that is close to an allowed one names it (``mente du 'amount'?``).

    Parameters
    ----------
    exc : pydantic.ValidationError
        The error pydantic raised.
    where : str
        The file (or other place) the data came from.
    lines : LineMap, optional
        The file's line map; problems then name ``where, linje N``.
    prefix : sequence of str or int, optional
        The key path of the validated data inside the document (e.g. ``("costs", 0)``).
    origins : Origins, optional
        Where each value came from (file, cell or argument); overrides ``where`` and
        ``lines``.
    model : type of pydantic.BaseModel, optional
        The model that was validated: its keys are the suggestions for an unknown key.

    Returns
    -------
    list of Problem
        One per error, in pydantic's order; an error repeated at the same key appears once.

    Examples
    --------
    >>> from pydantic import ValidationError
    >>> class Item(Strict):
    ...     amount: float
    >>> try:
    ...     Item.model_validate({"amount": "mange", "colour": 1})
    ... except ValidationError as exc:
    ...     for p in translate(exc, "fil.yaml"):
    ...         print(p)
    fil.yaml, nøgle 'amount': skal være et tal (med punktum som decimaltegn og uden \
tusindtalsseparator, fx 1000.50) (værdi: 'mange')
    fil.yaml, nøgle 'colour': ukendt nøgle (stavefejl?); den er ikke tilladt her (værdi: 1)
    >>> try:
    ...     Item.model_validate({"amont": 5})
    ... except ValidationError as exc:
    ...     print(translate(exc, "fil.yaml", model=Item)[1])
    fil.yaml, nøgle 'amont': ukendt nøgle (stavefejl?); mente du 'amount'? (værdi: 5)
    """
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors(include_url=False):
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        # Drop union/tag markers that pydantic inserts (e.g. 'float', 'literal[...]').
        loc = [
            p
            for p in loc
            if not (isinstance(p, str) and ("[" in p or p in _TYPE_TAGS or p.startswith("form:")))
        ]
        path = [*prefix, *loc]
        if origins is not None:
            place, key = origins.place(path), origins.key(path)
        else:
            line = lines.line(path) if lines is not None else None
            place = f"{where}, linje {line}" if (line and where) else where
            key = format_path(path)
        message = _message(err)
        if err["type"] == "extra_forbidden" and model is not None and loc:
            near = suggest(loc[-1], _keys_at(model, loc[:-1]))
            if near.startswith("mente du"):
                message = f"ukendt nøgle (stavefejl?); {near}"
        if (format_path(path), message) in seen:
            continue
        seen.add((format_path(path), message))
        has_value = err["type"] != "missing" and not isinstance(err.get("input"), dict)
        problems.append(Problem(place, key, message, err.get("input"), has_value))
    return problems


_TYPE_TAGS = {"float", "int", "str", "bool", "list", "dict", "none", "constrained-str"}


def _keys_at(model: type[BaseModel], path: Sequence[str | int]) -> set[str]:
    """The keys allowed at ``path`` inside ``model`` (every model a union may hold there).

    Examples
    --------
    >>> class Cost(Strict):
    ...     amount: float
    >>> class Plan(Strict):
    ...     costs: tuple[Cost, ...] = ()
    ...     by_year: dict[int, Cost] | None = None
    >>> _ = Plan.model_rebuild()  # validating builds it: this runs after a validation
    >>> sorted(_keys_at(Plan, ())), sorted(_keys_at(Plan, ("costs", 0)))
    (['by_year', 'costs'], ['amount'])
    >>> sorted(_keys_at(Plan, ("by_year", 2025))), sorted(_keys_at(Plan, ("nope",)))
    (['amount'], [])
    """
    found: list[Any] = [model]
    for step in path:
        found = [
            child for kind in found for inner in _unwrap(kind) for child in _children(inner, step)
        ]
    return {
        field.alias or name
        for kind in found
        for inner in _unwrap(kind)
        if isinstance(inner, type) and issubclass(inner, BaseModel)
        for name, field in inner.model_fields.items()
    }


def _unwrap(kind: Any) -> Iterator[Any]:
    """The types a hint stands for: through ``Annotated``, unions and ``Optional``."""
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        yield from _unwrap(typing.get_args(kind)[0])
    elif origin is typing.Union or origin is types.UnionType:
        for arg in typing.get_args(kind):
            yield from _unwrap(arg)
    else:
        yield kind


def _children(kind: Any, step: str | int) -> list[Any]:
    """The hints one step (a key or a list position) below ``kind``."""
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        field = next((f for n, f in kind.model_fields.items() if step in (n, f.alias)), None)
        return [field.annotation] if field is not None else []
    args = typing.get_args(kind)
    origin = typing.get_origin(kind)
    if origin is dict and len(args) == 2:
        return [args[1]]
    if origin in (tuple, list) and args:
        return [a for a in args if a is not Ellipsis]
    return []


M = TypeVar("M", bound=BaseModel)


def validate_model(
    model: type[M],
    data: object,
    where: str,
    lines: LineMap | None = None,
    prefix: Sequence[str | int] = (),
    *,
    origins: Origins | None = None,
) -> tuple[M | None, list[Problem]]:
    """Validate data against a model; return (model or None, problems).

    Parameters
    ----------
    model : type of pydantic.BaseModel
        The model to validate against (usually a :class:`Strict` one).
    data : object
        The parsed data.
    where, lines, prefix, origins
        Where the data came from, as for :func:`translate`.

    Returns
    -------
    instance : model or None
        The validated model, or None when there were problems.
    problems : list of Problem
        The Danish problems (empty when valid).

    Examples
    --------
    >>> class Item(Strict):
    ...     amount: float
    >>> validate_model(Item, {"amount": 5}, "fil.yaml")
    (Item(amount=5.0), [])
    >>> validate_model(Item, {}, "fil.yaml")[1][0].message
    'mangler (skal udfyldes)'
    """
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, translate(exc, where, lines, prefix, origins=origins, model=model)
