"""One scenario input field and its rules: parse a raw value, check it, validate it in Excel.

The table of every field is :mod:`som_xl.inputs.fields`; this module holds what a single
:class:`Field` means, so the table itself stays declarative. Messages are Danish; the
subject (e.g. "beløbet") and the range texts come from the field.

Two kinds of raw values are read:

- *file* values (scenario files, YAML or JSON): numbers use a decimal point; text such as
  ``"0,3"`` or ``"1.000,50"`` is refused with a hint, never guessed;
- *cell* values (a workbook cell or an Excel function's argument, ``cells=True``): numbers
  written as Danish text are read (``"0,3"``, ``"1.000,50"``), choices may be given in Danish
  words (``"årlig"``), and numbers in messages use a decimal comma.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["Field", "FieldType", "decimal_text", "norm", "thousands_question"]

FieldType = Literal["int", "whole", "float", "share", "text", "choice", "year"]
NUMERIC: frozenset[str] = frozenset({"int", "whole", "float", "share", "year"})
WHOLE: frozenset[str] = frozenset({"int", "year"})

_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}([.,]\d{3})+([.,]\d+)?$")
_DANISH = re.compile(r"[-+]?\d{1,3}(\.\d{3})+(,\d+)?|[-+]?\d+(,\d+)?")
_PLAIN = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def norm(text: object) -> str:
    """A header or setting name as a lookup key: ASCII, lower case, no parentheses.

    Parameters
    ----------
    text : object
        A header, a setting's name or a key, as typed (anything is read as its text).

    Returns
    -------
    str
        Lower case ASCII (æ → ae, ø → oe, å → aa, é → e, ü → u), text in parentheses
        dropped, every run of other characters one ``_``, none at the ends.

    Examples
    --------
    >>> norm("Horisont (år):")
    'horisont'
    >>> norm("Pr. deltager")
    'pr_deltager'
    """
    s = re.sub(r"\(.*?\)", " ", str(text).strip().lower())
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "u")):
        s = s.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


_DOTTED_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+$")


def decimal_text(value: float) -> str:
    """A number as a file writes it so that it cannot be read as thousand dots.

    ``303.872`` looks like 303872 written the Danish way, so it gets a fourth decimal:
    ``303.8720`` (the same number). Every other number is written as Python writes it.

    Parameters
    ----------
    value : float
        The number.

    Returns
    -------
    str

    Examples
    --------
    >>> decimal_text(303.872), decimal_text(72.0), decimal_text(0.3), decimal_text(-1.5)
    ('303.8720', '72.0', '0.3', '-1.5')
    """
    text = repr(float(value))
    return f"{text}0" if _DOTTED_THOUSANDS.match(text) else text


def thousands_question(raw: str) -> str | None:
    """The question to ask where a number is written with thousand dots ("72.000").

    A Danish writer means 72000; a YAML file or a plain number parser reads 72. Every face
    asks rather than guesses (scenario files and the command line alike).

    Parameters
    ----------
    raw : str
        The number as typed.

    Returns
    -------
    str or None
        The Danish question, or None where the text is not of that form.

    Examples
    --------
    >>> print(thousands_question("72.000"))  # doctest: +NORMALIZE_WHITESPACE
    ligner et tal med tusindtalspunktum: skriv 72000, hvis du mener 72000 kr., eller 72.0,
    hvis du mener et decimaltal
    >>> print(thousands_question("303.872"))  # doctest: +NORMALIZE_WHITESPACE
    ligner et tal med tusindtalspunktum: skriv 303872, hvis du mener 303872 kr., eller
    303.8720, hvis du mener et decimaltal
    >>> thousands_question("0.3") is None
    True
    """
    text = raw.strip()
    if not _DOTTED_THOUSANDS.match(text):
        return None
    plain = text.replace(".", "")
    return (
        f"ligner et tal med tusindtalspunktum: skriv {plain}, hvis du mener {plain} kr., "
        f"eller {decimal_text(float(text))}, hvis du mener et decimaltal"
    )


def _num(x: float, cells: bool) -> str:
    text = f"{x:g}"
    return text.replace(".", ",") if cells else text


def _pct(x: float) -> str:
    return f"{x * 100:g} %".replace(".", ",")


@dataclass(frozen=True)
class Field:
    """One scenario input: its key, type, bounds, Danish texts and how its messages read.

    ``key`` is the scenario key; nested keys are paths: ``costs[].amount`` (a key of every
    item in a list), ``services[].prices.<purse>`` (a key named by the field ``<purse>``),
    ``consequences[].profile[]`` (every value in a list). Bounds are inclusive unless
    ``lo_open``. Message templates may use ``{lo}``, ``{hi}``, ``{v}`` (the value),
    ``{share}`` (the value / 100), ``{ex}`` (the example) and ``{limit}``.
    """

    key: str
    type: FieldType
    label: str  # Danish label, as the workbook shows it (≤ 32 characters: Excel's titles)
    help: str  # one Danish sentence for a finance officer
    aliases: tuple[str, ...] = ()  # Danish names a user may type for it
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False  # lo itself is not allowed
    choices: tuple[str, ...] = ()
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # Danish per choice
    unit: str = ""
    word: str = ""  # short Danish name of the key in a place ("beløb")
    subject: str = "værdien"  # starts messages about the value ("beløbet er ...")
    hint: str = ""  # added when a number is written with a %-sign
    example: str = ""  # a value as written in a file, e.g. "0.035"
    limit: float | None = None  # magnitude checked first: keeps every sum finite
    too_low: str | None = None
    too_high: str | None = None
    percent: str | None = None  # a share written in percent: 1 ≤ v ≤ percent_upto, v > hi
    percent_upto: float = 100.0
    not_whole: str = "skal være et helt tal"
    required_text: bool = False  # text that may not be empty
    excel: tuple[str, str, str] | None = None  # Excel (title, input message, error message)

    # --- reading ------------------------------------------------------------------------

    def parse(self, raw: Any, *, cells: bool = False) -> Any:
        """A raw value as this field's Python value; a ValueError carries a Danish message.

        Values of other shapes (lists, mappings) are returned unchanged: the scenario
        model reports their type. Text for a number is read as a number (see the module).
        """
        if self.type == "choice":
            return self._choice(raw) if cells and isinstance(raw, str) else raw
        if self.type not in NUMERIC or raw is None:
            return raw
        value = raw
        if isinstance(value, bool):
            raise ValueError(f"{self.subject} skal være et tal, ikke {str(value).lower()}")
        if isinstance(value, str):
            value = self._text_number(value, cells)
            if value is None:
                return None
        if hasattr(value, "item") and not isinstance(value, list | tuple | dict):
            value = value.item()  # a numpy scalar from a cell
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{self.subject} skal være et endeligt tal")
        if self.type in WHOLE and isinstance(value, float):
            if not value.is_integer():
                raise ValueError(self.not_whole)
            return int(value)
        return value

    def _text_number(self, raw: str, cells: bool) -> float | None:
        text = raw.strip()
        if "%" in text:
            raise ValueError(f"{self.subject} skal være et tal uden %-tegn{self.hint}")
        if cells:
            if not text:
                return None
            if _DANISH.fullmatch(text):
                return float(text.replace(".", "").replace(",", "."))
            if _PLAIN.fullmatch(text):
                return float(text)
            raise ValueError(f"{self.subject} skal være et tal, fx 1000,50")
        if "," in text or _THOUSANDS.match(text):
            ex, danish = (
                (self.example, self.example.replace(".", ","))
                if self.example
                else (
                    "1000.50",
                    "1.000,50",
                )
            )
            raise ValueError(
                f"{self.subject} skal skrives som et tal med punktum som decimaltegn og uden "
                f"tusindtalsseparator, fx {ex} (ikke {danish})"
            )
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{self.subject} skal være et tal") from None

    def _choice(self, raw: str) -> str:
        wanted = norm(raw)
        for choice in self.choices:
            if wanted == norm(choice) or wanted in (norm(w) for w in self.words.get(choice, ())):
                return choice
        return raw.strip()

    # --- checking -----------------------------------------------------------------------

    def check(self, value: Any, *, cells: bool = False) -> str | None:
        """The Danish message for a parsed value that breaks the rules, or None."""
        if value is None:
            return None
        if self.type == "choice":
            if value in self.choices:
                return None
            shown = [f"'{c}'" for c in self.choices]
            return "skal være en af: " + ", ".join(shown[:-1]) + " eller " + shown[-1]
        if self.type == "text":
            if not isinstance(value, str):
                return "skal være en tekst"
            return "må ikke være tom" if self.required_text and not value.strip() else None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{self.subject} skal være et tal"
        return self._check_number(float(value), cells)

    def _check_number(self, v: float, cells: bool) -> str | None:
        texts = {
            "lo": _num(self.lo, cells) if self.lo is not None else "",
            "hi": _num(self.hi, cells) if self.hi is not None else "",
            "v": _num(v, cells),
            "share": _num(v / 100, cells),
            "ex": self.example.replace(".", ",") if cells else self.example,
            "limit": f"{self.limit:,.0f}".replace(",", ".") if self.limit is not None else "",
        }
        if self.limit is not None and abs(v) > self.limit:
            return f"{self.subject} er urealistisk stort (højst {texts['limit']} i absolut værdi)"
        if (
            self.percent is not None
            and self.hi is not None
            and v > self.hi
            and 1 <= v <= self.percent_upto
        ):
            return self.percent.format(**texts)
        if self.lo is not None and (v <= self.lo if self.lo_open else v < self.lo):
            return (self.too_low or self._range_text()).format(**texts)
        if self.hi is not None and v > self.hi:
            return (self.too_high or self._range_text()).format(**texts)
        if self.type != "float" and self.type != "share" and not v.is_integer():
            return self.not_whole
        return None

    def _range_text(self) -> str:
        if self.lo is not None and self.hi is not None:
            return "skal ligge mellem {lo} og {hi}"
        if self.lo is not None:
            return "skal være større end {lo}" if self.lo_open else "skal være mindst {lo}"
        return "må højst være {hi}"

    # --- Excel --------------------------------------------------------------------------

    def excel_validation(self, source: str | list[str] | None = None) -> dict[str, Any]:
        """The field's data validation in xlsxwriter's ``data_validation`` format."""
        rule: dict[str, Any]
        if source is not None or self.type == "choice":
            listed = source if source is not None else [self.display(c) for c in self.choices]
            rule = {"validate": "list", "source": listed}
        elif self.type in NUMERIC:
            kind = "integer" if self.type in (*WHOLE, "whole") else "decimal"
            if self.lo is not None and self.hi is not None:
                rule = {"validate": kind, "criteria": "between"}
                rule |= {"minimum": self.lo, "maximum": self.hi}
            elif self.lo is not None:
                rule = {
                    "validate": kind,
                    "criteria": ">" if self.lo_open else ">=",
                    "value": self.lo,
                }
            else:
                rule = {"validate": kind, "criteria": "<=", "value": self.hi}
        else:
            rule = {"validate": "any"}
        title, message, error = self.excel_texts()
        rule |= {"input_title": title, "input_message": message, "ignore_blank": True}
        if rule["validate"] != "any":
            rule |= {"error_title": title, "error_message": error}
        return rule

    def excel_texts(self) -> tuple[str, str, str]:
        """Excel's (title, input message, error message) with the bounds filled in."""
        texts = {
            "lo": _num(self.lo, True) if self.lo is not None else "",
            "hi": _num(self.hi, True) if self.hi is not None else "",
            "lo_pct": _pct(self.lo) if self.lo is not None else "",
            "hi_pct": _pct(self.hi) if self.hi is not None else "",
        }
        if self.excel is not None:
            title, message, error = self.excel
            return title, message.format(**texts), error.format(**texts)
        if self.type == "choice":
            return self.label[:32], self.help, "Vælg en værdi fra listen."
        between = self._range_text().format(**texts)
        return self.label[:32], self.help, f"{self.label} {between}."

    def display(self, choice: str) -> str:
        """The Danish word shown for a choice (its first word), else the choice itself."""
        words = self.words.get(choice, ())
        return words[0] if words else choice
