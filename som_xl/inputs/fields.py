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
from typing import Annotated, Any, Final, Literal, get_args

from pydantic import BeforeValidator

from ..conventions import COST_BUDGET_ITEM, PURSES
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

FIRST_YEAR: Final = 2000
LAST_YEAR: Final = 2100
MAX_HORIZON: Final = 50
MAX_COURSE_YEARS: Final = 20
#: Discount rates (shares): 0 % to 20 % covers every rate a public body uses.
MIN_DISCOUNT_RATE: Final = 0.0
MAX_DISCOUNT_RATE: Final = 0.2
#: Magnitude limits that keep sums finite (far beyond any real budget).
MAX_AMOUNT: Final = 1e12  # kr. in one cost line or one unit price
MAX_UNITS: Final = 1e9  # units in one profile year (taxable income is counted in kr.)
MAX_PARTICIPANTS: Final = 1e7

CostKind = Literal["once", "annual", "per_participant"]


def _year(key: str, label: str, help: str, aliases: tuple[str, ...] = (), **kw: Any) -> Field:
    """A calendar year: every year has the same bounds."""
    return Field(key, "year", label, help, aliases, lo=FIRST_YEAR, hi=LAST_YEAR, unit="år",
                 subject="året", **kw)  # fmt: skip


def _rate(key: str, label: str, help: str, aliases: tuple[str, ...] = (), **kw: Any) -> Field:
    """A discount rate, as one rate or one step of a schedule."""
    between = "diskonteringsrenten skal være en andel mellem {lo} og {hi}, fx {ex}"
    return Field(
        key, "share", label, help, aliases, lo=MIN_DISCOUNT_RATE, hi=MAX_DISCOUNT_RATE,
        unit="andel", subject="diskonteringsrenten", hint="; skriv en andel, fx 0.035 for 3,5 %",
        example="0.035", too_low=between, too_high=between,
        percent="diskonteringsrenten skal være en andel, fx {ex} for 3,5 %, ikke {v}",
        percent_upto=float("inf"), **kw,
    )  # fmt: skip


def _big(x: float) -> str:
    """A large bound as Danish text for an Excel message: 1e12 -> '1.000.000.000.000'."""
    return f"{x:,.0f}".replace(",", ".")


#: The workbook's texts for a budget item and an optional price year (costs and services).
_BUDGET_ITEM: Final = ("Udgiftspost", "Vælg en post fra listen.", "Vælg en udgiftspost fra listen.")
_PRICE_YEAR: Final = (
    "Prisår",
    "Valgfrit: det år beløbet er opgjort i. Tom = prisniveauet.",
    "Prisåret skal findes i prisindekset.",
)

# fmt: off
FIELDS: Final[tuple[Field, ...]] = (
    # --- settings ---------------------------------------------------------------------------
    Field("name", "text", "Scenariets navn", "Et navn, der står på resultatet.",
          ("Navn", "Scenarie", "Scenariets navn"), word="navn"),
    Field("target_group", "text", "Målgruppe",
          "Målgruppen fra vidensdatabasen; den giver konsekvenserne, medmindre scenariet selv "
          "angiver dem.", ("Målgruppe",), word="målgruppe",
          excel=("Målgruppe", "Vælg en målgruppe fra listen.", "Vælg en målgruppe fra listen.")),
    Field("target_group.id", "text", "Målgruppens id",
          "Et id for en egen målgruppe, der ikke findes i vidensdatabasen.", required_text=True),
    Field("target_group.label", "text", "Målgruppens navn", "Navnet på en egen målgruppe."),
    Field("target_group.success_measure", "text", "Succesmål",
          "Det, en deltager skal nå for at tælle som en succes i en egen målgruppe."),
    _year("start_year", "Startår", "Det første år i beregningen (år 0); det diskonteres ikke.",
          ("Startår", "Start år"), word="startår",
          excel=("Startår", "Et helt år mellem {lo} og {hi}.", "Skriv et år mellem {lo} og {hi}.")),
    Field("horizon_years", "int", "Tidshorisont (år)",
          "Antal år i beregningen, startåret med.",
          ("Horisont (år)", "Tidshorisont (år)", "Antal år", "Horisont år"), lo=1,
          hi=MAX_HORIZON, unit="år", word="horisont", subject="horisonten",
          excel=("Tidshorisont", "Antal år i beregningen: et helt tal fra {lo} til {hi}.",
                 "Horisonten skal være et helt antal år fra {lo} til {hi}.")),
    _year("price_year", "Prisniveau (prisår)",
          "Alle priser og beløb omregnes til dette års prisniveau med prisindekset.",
          ("Prisår", "Prisniveau"), word="prisår",
          excel=("Prisniveau", "Vælg et år, som prisindekset kender.",
                 "Prisåret skal findes i prisindekset (arket VD Indeks og renter).")),
    _rate("discount_rate", "Diskonteringsrente",
          "Den årlige rente, som fremtidige beløb diskonteres med, som andel (fx 0.035 for "
          "3,5 %), eller et renteforløb fra vidensdatabasen som 'fm' (Finansministeriets).",
          ("Diskonteringsrente", "Kalkulationsrente", "Rente", "Fast diskonteringsrente"),
          word="diskonteringsrente",
          excel=("Fast rente", "En rente mellem {lo_pct} og {hi_pct}, fx 3,5 %.",
                 "Renten skal ligge mellem {lo_pct} og {hi_pct}.")),
    Field("discount_rate[].from_year", "int", "Fra år",
          "Renten gælder fra dette år i beregningen; år 1 er året efter startåret.", lo=1),
    _rate("discount_rate[].rate", "Rente", "Renten i trinnet, som andel, fx 0.035."),
    Field("course_years", "int", "Forløbets længde (år)",
          "Et forløb, der starter i år c, slutter i år c + længde - 1; konsekvenserne regnes "
          "fra året efter.",
          ("Forløbsår", "Forløbslængde (år)", "Forløbets længde (år)", "Forløb"),
          lo=1, hi=MAX_COURSE_YEARS, unit="år", word="forløbsår", subject="forløbslængden",
          excel=("Forløbets længde", "Et helt antal år fra {lo} til {hi}.",
                 "Forløbets længde skal være et helt antal år fra {lo} til {hi}.")),
    Field("participants.<year>", "whole", "Deltagere",
          "Antal borgere, der starter et forløb i året (hele personer).",
          ("Deltagere", "Antal deltagere"), lo=0, hi=MAX_PARTICIPANTS, limit=MAX_PARTICIPANTS,
          unit="personer", word="deltagere", subject="antallet af deltagere",
          too_low="antallet af deltagere kan ikke være negativt",
          not_whole="antallet af deltagere skal være et helt antal personer",
          excel=("Deltagere",
                 "Et helt, ikke-negativt antal personer. Kun år inden for horisonten tæller.",
                 "Skriv et helt antal personer (0 eller flere) i et år inden for horisonten.")),
    Field("success_rate", "share", "Succesrate",
          "Andelen af deltagerne, der når succesmålet, netto efter dem, der ville have nået det "
          "uden indsatsen (fx 0.30).", ("Succesrate",), lo=0, hi=1, unit="andel",
          word="succesrate", subject="andelen", example="0.30",
          hint="; skriv en andel mellem 0 og 1, fx 0.30 for 30 %",
          too_low="succesraten skal være en andel mellem {lo} og {hi}, fx {ex}",
          too_high="succesraten skal være en andel mellem {lo} og {hi}, fx {ex}",
          percent="succesraten skal være en andel mellem {lo} og {hi}; {v} % skrives {share}",
          excel=("Succesrate", "Andel mellem {lo_pct} og {hi_pct}, netto efter dødvægt.",
                 "Succesraten skal ligge mellem {lo_pct} og {hi_pct}.")),
    # --- costs ------------------------------------------------------------------------------
    Field("costs[].label", "text", "Betegnelse", "Hvad omkostningen dækker, fx 'Opstart'.",
          ("Betegnelse", "Tekst", "Navn", "Omkostning", "Omkostninger", "Post", "Beskrivelse"),
          word="betegnelse", required_text=True),
    Field("costs[].kind", "choice", "Type",
          "Engang (i ét år), årlig (i hvert af de angivne år) eller pr. deltager (beløb gange "
          "nye deltagere i startåret).", ("Type", "Art"), choices=get_args(CostKind),
          words={"once": ("engang", "engangs", "engangsbeløb", "engangsudgift"),
                 "annual": ("årlig", "årligt", "årlige", "løbende"),
                 "per_participant": ("pr. deltager", "per deltager", "pr. deltagere")},
          word="type"),
    Field("costs[].amount", "float", "Beløb (kr.)",
          "Beløbet i kr. i prisniveauet (eller i omkostningens prisår); negativt er en sparet "
          "omkostning.", ("Beløb", "Beløb (kr.)", "Beløb kr."), lo=-MAX_AMOUNT, hi=MAX_AMOUNT,
          limit=MAX_AMOUNT, unit="kr.", word="beløb", subject="beløbet",
          excel=("Beløb",
                 "Et beløb i kr. Negativt er en besparelse; med arten 'Sparet omkostning' skrives "
                 "besparelsen positivt. Kun år inden for horisonten tæller.",
                 f"Skriv et beløb i kr. (højst {_big(MAX_AMOUNT)} i absolut værdi) i et år inden "
                 "for horisonten.")),
    _year("costs[].year", "År", "Året, en engangsomkostning falder i.", word="år"),
    _year("costs[].years[]", "År",
          "Årene, en årlig omkostning falder i (eller de startår, en omkostning pr. deltager "
          "gælder).", ("År",), word="år"),
    Field("costs[].purse", "choice", "Kasse",
          "Hvem der betaler: kommune (standard), region eller stat.", ("Kasse", "Aktør"),
          choices=PURSES, words={p: (p.capitalize(),) for p in PURSES}, word="kasse",
          excel=("Aktør", "Kommune, region eller stat.", "Vælg kommune, region eller stat.")),
    Field("costs[].budget_item", "text", "Udgiftspost",
          f"Udgiftsposten, omkostningen bogføres på; tom = '{COST_BUDGET_ITEM}'.",
          ("Udgiftspost",), word="udgiftspost", excel=_BUDGET_ITEM),
    _year("costs[].price_year", "Prisår",
          "Valgfrit: det år, beløbet er opgjort i; tom = prisniveauet.", ("Prisår",),
          word="prisår", excel=_PRICE_YEAR),
    # --- consequences -----------------------------------------------------------------------
    Field("consequences[].service", "text", "Ydelse",
          "Den ydelse, forbruget ændres for (vidensdatabasens id eller en egen ydelse).",
          ("Ydelse", "Id"), word="ydelse", required_text=True,
          excel=("Ydelse", "Vælg en ydelse fra listen (også egne ydelser fra arket Priser).",
                 "Vælg en ydelse fra listen.")),
    Field("consequences[].profile[]", "float", "Ændring pr. år",
          "Ændringen i forbrug pr. borger med succes i hvert år efter forløbet (negativ = "
          "mindre forbrug).", ("Profil",), lo=-MAX_UNITS, hi=MAX_UNITS, limit=MAX_UNITS,
          unit="enheder", word="profil",
          excel=("Egen værdi",
                 "Ændring i forbrug pr. borger med succes (negativ = mindre). Tom = "
                 "vidensdatabasens værdi.",
                 f"Skriv et tal mellem -{_big(MAX_UNITS)} og {_big(MAX_UNITS)}.")),
    Field("drop_consequences[]", "text", "Fravalgt konsekvens",
          "En af målgruppens konsekvenser, der ikke skal med (ydelsens id).", required_text=True),
    # --- services ---------------------------------------------------------------------------
    Field("services[].id", "text", "Ydelse",
          "Ydelsens id: en ny, egen ydelse eller en ydelse fra vidensdatabasen med lokale priser.",
          ("Ydelse", "Id", "Service"), word="ydelse", required_text=True),
    Field("services[].label", "text", "Navn", "Ydelsens navn, som det står i resultatet.",
          ("Navn", "Betegnelse"), word="navn"),
    Field("services[].unit", "text", "Enhed", "Enheden, ydelsen tælles i, fx døgn eller time.",
          ("Enhed",), word="enhed"),
    Field("services[].direction", "choice", "Retning",
          "Udgift (mindre forbrug er en gevinst) eller indtægt (mere er en gevinst).",
          ("Retning",), choices=("expenditure", "revenue"),
          words={"expenditure": ("udgift",), "revenue": ("indtægt",)}, word="retning",
          excel=("Retning",
                 "udgift (mindre forbrug er en gevinst) eller indtægt (mere er en gevinst).",
                 "Vælg udgift eller indtægt.")),
    Field("services[].budget_item", "text", "Udgiftspost", "Udgiftsposten, ydelsen hører til.",
          ("Udgiftspost",), word="udgiftspost", excel=_BUDGET_ITEM),
    _year("services[].price_year", "Prisår",
          "Det år, ydelsens priser er opgjort i; tom = prisniveauet.", ("Prisår",), word="prisår",
          excel=_PRICE_YEAR),
    Field("services[].prices.<purse>", "float", "Pris pr. enhed (kr.)",
          "Prisen pr. enhed i kr. for kassen; fortegnet styres af retningen.", ("Pris",),
          lo=0, hi=MAX_AMOUNT, limit=MAX_AMOUNT, unit="kr.", word="pris", subject="prisen",
          hint="; fortegnet styres af 'direction'", too_low="prisen kan ikke være negativ",
          excel=("Lokal pris", "Pris pr. enhed i kr. (0 eller mere).",
                 f"Skriv en pris på 0 kr. eller mere (højst {_big(MAX_AMOUNT)} kr.).")),
    # --- price index and the keys of mappings ---------------------------------------------------
    Field("price_index.<year>", "float", "Prisindeks",
          "Scenariets eget prisindeks, én værdi pr. år; det erstatter vidensdatabasens.",
          lo=0, lo_open=True, subject="indekset", word="prisindeks"),
    _year("<year>", "År", "Et kalenderår (nøgle i deltagere og prisindeks)."),
    Field("<purse>", "choice", "Kasse", "Kommune, region eller stat.", choices=PURSES,
          words={p: (p.capitalize(),) for p in PURSES}),
)
# fmt: on

_BY_KEY: Final[dict[str, Field]] = {f.key: f for f in FIELDS}

#: Excel texts (title, input message, error message) for a field the workbook shows in a
#: second kind of place, by (key, place); the field's own ``excel`` texts are place "".
EXCEL_PLACES: Final[dict[tuple[str, str], tuple[str, str, str]]] = {
    ("costs[].amount", "per_participant"): (
        "Beløb pr. deltager",
        "Et beløb i kr. pr. deltager. Negativt er en besparelse; med arten 'Sparet omkostning' "
        "skrives besparelsen positivt.",
        f"Skriv et beløb i kr. pr. deltager (højst {_big(MAX_AMOUNT)} i absolut værdi).",
    ),
    ("costs[].amount", "quick"): (
        "Beløb pr. deltager",
        "Et beløb i kr. pr. deltager (negativt = en besparelse).",
        f"Skriv et beløb i kr. pr. deltager (højst {_big(MAX_AMOUNT)} i absolut værdi).",
    ),
    ("participants.<year>", "quick"): (
        "Deltagere",
        "Et helt antal personer (0 eller flere).",
        "Skriv et helt antal.",
    ),
}

#: Danish words for the keys in a spec path (the first field naming a key wins).
WORDS: Final[dict[str, str]] = {
    "prices": "priser",
    "costs": "omkostninger",
    "consequences": "konsekvenser",
    "add_consequences": "tilføjede konsekvenser",
    "drop_consequences": "fravalgte konsekvenser",
    "services": "ydelser",
}
for _f in FIELDS:
    _last = [s for s in _f.key.replace("[]", "").split(".") if not s.startswith("<")][-1:]
    if _f.word and _last:
        WORDS.setdefault(_last[0], _f.word)


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
