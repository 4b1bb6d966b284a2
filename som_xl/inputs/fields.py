"""Every scenario input once: key, type, bounds, choices, Danish label, help and aliases.

This table is the one place an input rule lives. From it come the scenario model's
validators (:mod:`som_xl.inputs.spec`), the checks of the workbook reader and of the Excel
functions (:func:`parse`, :func:`check`), the Danish names a user may type for a setting
(:func:`key_for`) and the workbook's data validation (:func:`excel_validation`).

The settled bounds (one value each, in every face):

=========================  ==================================
every year                 2000–2100
horizon                    1–50 years
course length              1–20 years
success rate               0–1 (a share, net of deadweight)
discount rate              0–0.20 (a share)
amounts                    ≤ 1e12 kr. in absolute value
prices                     0–1e12 kr. per unit
profile units              ≤ 1e9 in absolute value
participants               whole persons, 0–1e7 per year
=========================  ==================================

Keys are scenario keys (docs/method.md §4); nested keys are paths, see :class:`Field`.
The items of ``add_consequences`` are consequences, with the ``consequences[]`` fields.

How each face uses it:

- scenario files: the model's fields carry :func:`validator` (``spec.py``);
- the workbook: ``worksheet.data_validation(r1, c1, r2, c2, excel_validation(key))`` gives
  the rule and the Danish input and error messages (``source="=liste.prisaar"`` for a list,
  ``place="quick"`` for the texts of a second kind of place, :data:`EXCEL_PLACES`, and
  ``cell=``/``also=`` for a formula rule with a condition of the workbook's own, such as a
  year within the horizon);
- the workbook reader and the Excel functions: ``parse(key, raw, cells=True)`` reads a cell
  (Danish text numbers and words), ``check(key, value, cells=True)`` gives the message or
  None, ``key_for(name, scope)`` finds the field for a setting or a column header; the
  resolver's problems name cells through :class:`~som_xl.inputs.origins.MappedOrigins`.
  (The workbook reader refuses a number typed as text before it asks the table: the
  workbook's sums skip text, so the reader would compute what the workbook does not show.)

A cost amount may be negative in every face (a saving); in the workbook the kind 'Sparet
omkostning' makes a positive amount a saving, and the reader refuses a negative amount of
that kind (it would turn the saving into a cost).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Annotated, Any, Final, Literal

from pydantic import BeforeValidator

from .field_table import (
    _BY_KEY,
    EXCEL_PLACES,
    FIELDS,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_AMOUNT,
    MAX_COURSE_YEARS,
    MAX_DISCOUNT_RATE,
    MAX_HORIZON,
    MAX_PARTICIPANTS,
    MAX_UNITS,
    MIN_DISCOUNT_RATE,
    WORDS,
    CostKind,
)
from .rules import NUMERIC, Field, norm

__all__ = [
    "EXCEL_PLACES",
    "FIELDS",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_AMOUNT",
    "MAX_COURSE_YEARS",
    "MAX_DISCOUNT_RATE",
    "MAX_HORIZON",
    "MAX_PARTICIPANTS",
    "MAX_UNITS",
    "MIN_DISCOUNT_RATE",
    "WORDS",
    "CostKind",
    "Field",
    "annotated",
    "check",
    "excel_validation",
    "field",
    "field_for",
    "key_for",
    "parse",
    "validator",
]


def field(key: str) -> Field:
    """The field with this key.

    Parameters
    ----------
    key : str
        The field's key in the table, e.g. ``"horizon_years"`` or ``"costs[].amount"``.

    Returns
    -------
    Field
        The field: its type, bounds, choices and Danish texts.

    Raises
    ------
    KeyError
        For a key that is not in the table; the message lists the known keys.

    Examples
    --------
    >>> field("horizon_years").hi
    50
    >>> field("costs[].amount").label
    'Beløb (kr.)'
    """
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"no input field {key!r}; known: {', '.join(_BY_KEY)}") from None


def parse(key: str, raw: Any, *, cells: bool = False) -> Any:
    """A raw value (a cell, an argument or a file value) as the field's value.

    Raises ValueError with a Danish message where the text cannot be a value of the field.
    ``cells=True`` reads Danish text numbers and Danish words for choices; a file's values
    (``cells=False``) must use a decimal point. Empty text in a cell is None.

    Parameters
    ----------
    key : str
        The field's key in the table, e.g. ``"horizon_years"`` or ``"costs[].amount"``.
    raw : Any
        A cell's value, a function's argument or a value from a scenario file.
    cells : bool, default False
        Read ``raw`` as a cell: Danish text numbers (``"1.000,50"``) and Danish words for
        the choices.

    Returns
    -------
    Any
        The field's value: an int for a whole-number field (a whole float too), a float, a
        choice or a text; None for None. Values of other shapes (lists, mappings) come back
        unchanged, for the scenario model to report.

    Raises
    ------
    ValueError
        With the field's Danish message: text that is no number, a percent sign, a bool, a
        number that is not finite, or a fraction for a whole-number field.

    Examples
    --------
    >>> parse("success_rate", "0,3", cells=True)
    0.3
    >>> parse("costs[].amount", "1.000,50", cells=True)
    1000.5
    >>> parse("horizon_years", 10.0)
    10
    >>> parse("costs[].kind", "Årlig", cells=True)
    'annual'
    >>> parse("success_rate", "0,3")
    Traceback (most recent call last):
    ...
    ValueError: andelen skal skrives som et tal med punktum som decimaltegn og uden \
tusindtalsseparator, fx 0.30 (ikke 0,30)
    >>> parse("costs[].amount", "1.000,50")
    Traceback (most recent call last):
    ...
    ValueError: beløbet skal skrives som et tal med punktum som decimaltegn og uden \
tusindtalsseparator, fx 1000.50 (ikke 1.000,50)
    """
    return field(key).parse(raw, cells=cells)


def check(key: str, value: Any, *, cells: bool = False) -> str | None:
    """The Danish message for a value that breaks the field's rules, or None if it is fine.

    Raw text is parsed first (see :func:`parse`); None (empty) is fine here: whether a
    value must be given is the scenario's business. Relations between fields (a cost year
    within the horizon) are checked by the scenario model.

    Parameters
    ----------
    key : str
        The field's key in the table, e.g. ``"horizon_years"`` or ``"costs[].amount"``.
    value : Any
        The value, raw or already parsed by :func:`parse`.
    cells : bool, default False
        Read ``value`` as a cell (see :func:`parse`) and write numbers in the message with a
        decimal comma.

    Returns
    -------
    str or None
        The Danish message (the parse error, the bounds, the choices), or None if the value
        is fine.

    Examples
    --------
    >>> check("horizon_years", 60)
    'skal ligge mellem 1 og 50'
    >>> check("start_year", 2025) is None
    True
    >>> check("discount_rate", 3.5)
    'diskonteringsrenten skal være en andel, fx 0.035 for 3,5 %, ikke 3.5'
    >>> check("discount_rate", 0.5, cells=True)
    'diskonteringsrenten skal være en andel mellem 0 og 0,2, fx 0,035'
    >>> check("participants.<year>", 12.5)
    'antallet af deltagere skal være et helt antal personer'
    """
    f = field(key)
    try:
        value = f.parse(value, cells=cells)
    except ValueError as exc:
        return str(exc)
    return f.check(value, cells=cells)


def validator(key: str) -> BeforeValidator:
    """A pydantic before-validator with the field's rules for scenario files.

    Numbers written as text are read (or refused with a hint), numbers are checked against
    the bounds; values of another shape pass on to the model's type, which reports them.

    Parameters
    ----------
    key : str
        The field's key in the table, e.g. ``"horizon_years"`` or ``"costs[].amount"``.

    Returns
    -------
    pydantic.BeforeValidator
        A validator that reads the raw value as a file value (:func:`parse`) and raises
        ``ValueError`` with the field's message when it cannot, or when a number or a text
        breaks the field's rules.

    Examples
    --------
    >>> from typing import Annotated
    >>> from pydantic import TypeAdapter, ValidationError
    >>> years = TypeAdapter(Annotated[int, validator("horizon_years")])
    >>> years.validate_python("10")
    10
    >>> try:
    ...     years.validate_python(51)
    ... except ValidationError as exc:
    ...     print(exc.errors()[0]["msg"])
    Value error, skal ligge mellem 1 og 50
    """
    f = field(key)

    def run(raw: Any) -> Any:
        value = f.parse(raw)
        checked = f.type in NUMERIC and isinstance(value, int | float)
        if checked or (f.type == "text" and isinstance(value, str)):
            message = f.check(value)
            if message is not None and not isinstance(value, bool):
                raise ValueError(message)
        return value

    return BeforeValidator(run)


def annotated(key: str) -> Any:
    """The field as an ``Annotated`` type for pydantic (built at run time).

    Parameters
    ----------
    key : str
        The field's key in the table, e.g. ``"horizon_years"`` or ``"costs[].amount"``.

    Returns
    -------
    Any
        ``Annotated[base, validator(key)]``, where ``base`` is ``int`` for a whole-number
        field or a year, ``float`` for other numbers, a ``Literal`` of the choices, or
        ``str``. Typed ``Any`` because it is a type built at run time.

    Examples
    --------
    >>> from pydantic import TypeAdapter
    >>> TypeAdapter(annotated("costs[].purse")).validate_python("region")
    'region'
    """
    f = field(key)
    base: Any
    if f.type in ("int", "year"):
        base = int
    elif f.type in NUMERIC:
        base = float
    elif f.type == "choice":
        base = Literal[f.choices]
    else:
        base = str
    return Annotated[base, validator(key)]


def excel_validation(
    key: str,
    *,
    source: str | list[str] | None = None,
    place: str = "",
    cell: str | None = None,
    also: str | None = None,
) -> dict[str, Any]:
    """The field's Excel data validation in xlsxwriter's ``data_validation`` format.

    Parameters
    ----------
    key : str
        The field.
    source : str or list of str, optional
        A list that replaces the rule, such as ``"=liste.prisaar"``.
    place : str, optional
        The texts of a second kind of place (:data:`EXCEL_PLACES`), e.g. ``"quick"``.
    cell : str, optional
        The top-left cell of the range (relative, ``"C30"``): the rule becomes a formula
        with the field's bounds (and whole numbers where the field wants them), so that
        ``also`` can be added.
    also : str, optional
        A further Excel condition on the cell, e.g. that its year lies within the horizon.

    Returns
    -------
    dict
        The rule, the Danish input title and message and the error message, with the
        bounds filled in. Pass it to ``worksheet.data_validation``.

    Parameters
    ----------
    key : str
        The field's key in the table, e.g. ``"horizon_years"`` or ``"costs[].amount"``.
    source : str or list of str, optional
        A list to validate against instead of the field's rule: a formula such as
        ``"=liste.prisaar"`` or the values themselves.

    Returns
    -------
    dict
        Keyword arguments for xlsxwriter's ``worksheet.data_validation``: ``validate`` with
        ``criteria`` and ``minimum``/``maximum`` (or ``value``) or ``source``; ``input_title``,
        ``input_message`` and ``ignore_blank``; ``error_title`` and ``error_message`` unless
        any value is allowed.

    Examples
    --------
    >>> v = excel_validation("horizon_years")
    >>> v["validate"], v["criteria"], v["minimum"], v["maximum"]
    ('integer', 'between', 1, 50)
    >>> v["input_message"]
    'Antal år i beregningen: et helt tal fra 1 til 50.'
    >>> excel_validation("costs[].purse")["source"]
    ['Kommune', 'Region', 'Stat']
    >>> excel_validation("participants.<year>", cell="C30", also="B30<=som.slutaar")["value"]
    '=AND(ISNUMBER(C30),C30>=0,C30<=10000000,C30=INT(C30),B30<=som.slutaar)'
    >>> excel_validation("participants.<year>", place="quick")["input_message"]
    'Et helt antal personer (0 eller flere).'
    """
    f = field(key)
    if place:
        f = replace(f, excel=EXCEL_PLACES[(key, place)])
    rule = f.excel_validation(source)
    if rule["validate"] == "integer":  # a whole-number rule has whole bounds: 10000000, not 1e7
        for bound in ("minimum", "maximum", "value"):
            if bound in rule:
                rule[bound] = int(rule[bound])
    if cell is None:
        if also is not None:
            raise ValueError("'also' needs the range's top-left 'cell'")
        return rule
    texts = {
        k: v for k, v in rule.items() if k.endswith(("_title", "_message")) or k == "ignore_blank"
    }
    return {"validate": "custom", "value": _formula(f, cell, also), **texts}


def _formula(f: Field, cell: str, also: str | None) -> str:
    """An Excel condition that holds where the cell is a value the field allows."""
    if f.type not in NUMERIC:
        raise ValueError(f"{f.key} is not a number: no formula rule")
    terms = [f"ISNUMBER({cell})"]
    if f.lo is not None:
        terms.append(f"{cell}{'>' if f.lo_open else '>='}{_excel_number(f.lo)}")
    if f.hi is not None:
        terms.append(f"{cell}<={_excel_number(f.hi)}")
    if f.type in ("int", "whole", "year"):
        terms.append(f"{cell}=INT({cell})")
    if also is not None:
        terms.append(also)
    return f"=AND({','.join(terms)})"


def _excel_number(x: float) -> str:
    """A bound as an Excel number: 1e7 -> '10000000', 0.2 -> '0.2'."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def key_for(name: str, scope: str = "") -> str | None:
    """The field key for a Danish name typed by a user (a setting, a column header).

    ``scope`` is the list the name belongs to: ``""`` for the settings, ``"costs[]"``,
    ``"services[]"`` or ``"consequences[]"`` for their columns. Case, æ/ø/å, punctuation
    and anything in parentheses are ignored; the key itself is accepted too.

    Parameters
    ----------
    name : str
        The name as the user typed it, or the key itself (``"amount"`` in a scope).
    scope : str, default ""
        The list the name belongs to: ``""`` (the settings), ``"costs[]"``, ``"services[]"``
        or ``"consequences[]"``.

    Returns
    -------
    str or None
        The field's full key (``"costs[].amount"``), or None when no field has that name.

    Examples
    --------
    >>> key_for("Horisont (år):")
    'horizon_years'
    >>> key_for("Prisniveau")
    'price_year'
    >>> key_for("Beløb (kr.)", "costs[]")
    'costs[].amount'
    >>> key_for("Ukendt") is None
    True
    """
    return _ALIASES.get(scope, {}).get(norm(name))


def field_for(path: Sequence[str | int]) -> Field | None:
    """The field of a spec path such as ``("costs", 2, "amount")``, if it has one.

    Parameters
    ----------
    path : sequence of str or int
        A spec path: keys, and list positions as ints.

    Returns
    -------
    Field or None
        The first field in the table whose key matches the path (``[]`` matches a list
        position, ``<name>`` any key), or None when no field does.

    Examples
    --------
    >>> field_for(("services", 0, "prices", "region")).key
    'services[].prices.<purse>'
    >>> field_for(("participants", 2025)).key
    'participants.<year>'
    """
    for f in FIELDS:
        if _matches(_segments(f.key), tuple(path)):
            return f
    return None


def _segments(key: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in key.split("."):
        name = part.replace("[]", "")
        if name:
            out.append(name)
        out += ["[]"] * part.count("[]")
    return tuple(out)


def _matches(segments: tuple[str, ...], path: tuple[str | int, ...]) -> bool:
    if len(segments) != len(path):
        return False
    for seg, part in zip(segments, path, strict=True):
        if seg == "[]":
            if not isinstance(part, int):
                return False
        elif not seg.startswith("<") and seg != part:
            return False
    return True


def _scope(key: str) -> tuple[str, str]:
    """'costs[].amount' -> ('costs[]', 'amount'); 'participants.<year>' -> ('', 'participants')."""
    head, sep, rest = key.partition("[].")
    if sep:
        return head + "[]", rest.split(".")[0].replace("[]", "")
    return "", key.split(".")[0].replace("[]", "")


def _alias_index() -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for f in FIELDS:
        if f.key.startswith("<"):
            continue
        scope, own = _scope(f.key)
        names = index.setdefault(scope, {})
        for name in (own, *f.aliases):
            names.setdefault(norm(name), f.key)
    return index


_ALIASES: Final = _alias_index()
