"""The one Danish vocabulary: every word a user reads for som-xl's concepts, and its numbers.

Purses, directions, statuses, kinds and areas; the field names of the result contract;
the key figures and what is shown where one is not defined; the knowledge base's field
names; and the number formats (Danish text and Excel number-format strings). The command
line, the Excel functions, the workbook and the report take their words from here, so a
word is changed in one place.

Faces
-----
A word has one Danish label. Two faces write some words differently, each for a reason:

* ``"text"``: the command line's plain-text tables are read in an 80-column terminal, so
  "(nutidsværdi)" is shortened to "(NV)" (as in the workbook's narrow columns) and
  "Diskonteringsfaktor" to "Diskfaktor" (:data:`TEXT_WORDS`).
* ``"function"``: the Excel functions write column headers in lower case, like their
  arguments, and keep a few older words (:data:`FUNCTION_WORDS`,
  :data:`FUNCTION_KEY_FIGURES`, :data:`FUNCTION_NOT_DEFINED`) so their answers stay the
  same in users' sheets.

>>> header("discounted_net"), header("discounted_net", "text"), header("discounted_net", "function")
('Netto (nutidsværdi)', 'Netto (NV)', 'netto (nutidsværdi)')
>>> kr(-1234567.5), pct(0.134), money(2909861.4)
('-1.234.568', '13,4 %', '2.909.861 kr.')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final, Literal

__all__ = [
    "AREA_LABELS",
    "DIRECTION_LABELS",
    "EVIDENCE_LEVELS",
    "FIELDS",
    "FUNCTION_KEY_FIGURES",
    "FUNCTION_NOT_DEFINED",
    "FUNCTION_WORDS",
    "KB_FIELDS",
    "KB_KINDS",
    "KB_SINGULAR",
    "KEY_FIGURES",
    "KIND_LABELS",
    "LOCAL",
    "NOT_DEFINED",
    "OWN",
    "PURSE_LABELS",
    "STATUS_LABELS",
    "STATUS_PLURALS",
    "SUCCESS_RATE_FROM_KB",
    "SUCCESS_RATE_GIVEN",
    "TABLE_TITLES",
    "TEXT_WORDS",
    "TOTAL",
    "XL_FACTOR",
    "XL_INT",
    "XL_KR",
    "XL_KR2",
    "XL_KR_KEY",
    "XL_PCT",
    "XL_UNITS",
    "XL_YEAR",
    "Face",
    "assumed_from_text",
    "cap",
    "chance",
    "csv_number",
    "factor",
    "header",
    "intervention_line",
    "kb_line",
    "key_figure",
    "kr",
    "label",
    "money",
    "not_defined",
    "number",
    "pct",
    "rate",
    "ratio",
]

#: Where a word is shown: the full label, a plain-text table, or an Excel function's answer.
Face = Literal["label", "text", "function"]

# --- purses, directions, statuses, kinds, areas --------------------------------------------

#: The three public purses (aktører), in the engine's order (conventions.PURSES).
PURSE_LABELS: Final[dict[str, str]] = {"kommune": "Kommune", "region": "Region", "stat": "Stat"}
#: A service's direction: less use of an expenditure is a gain, more of a revenue is a gain.
DIRECTION_LABELS: Final[dict[str, str]] = {"expenditure": "udgift", "revenue": "indtægt"}
#: The status of a value in the knowledge base (knowledge/README.md).
STATUS_LABELS: Final[dict[str, str]] = {
    "published": "offentliggjort",
    "derived": "afledt",
    "illustrative": "illustrativ",
}
#: The same statuses counted ("12 offentliggjorte").
STATUS_PLURALS: Final[dict[str, str]] = {
    "published": "offentliggjorte",
    "derived": "afledte",
    "illustrative": "illustrative",
}
#: Status of a price the user entered (a local price beats the national one).
LOCAL: Final = "lokal"
#: Status of a service the user defined.
OWN: Final = "egen"
#: A tidy row's kind.
KIND_LABELS: Final[dict[str, str]] = {"cost": "omkostning", "gain": "gevinst"}
#: A target group's area (knowledge/target_groups.yaml). Budget items carry their own Danish
#: labels and main areas in knowledge/budget_items.yaml: they are data, not vocabulary.
AREA_LABELS: Final[dict[str, str]] = {"voksne": "Voksne", "boern_unge": "Børn og unge"}
#: The total line or column of a table.
TOTAL: Final = "I alt"

# --- field names: the columns of the result tables (keys of the result contract) -----------

FIELDS: Final[dict[str, str]] = {
    "year": "År",
    "purse": "Aktør",
    "budget_item": "Udgiftspost",
    "kind": "Art",
    "value": "Beløb",
    "discounted_value": "Beløb (nutidsværdi)",
    "costs": "Omkostninger",
    "gains": "Gevinster",
    "net": "Netto",
    "discount_factor": "Diskonteringsfaktor",
    "discounted_costs": "Omkostninger (nutidsværdi)",
    "discounted_gains": "Gevinster (nutidsværdi)",
    "discounted_net": "Netto (nutidsværdi)",
    "cumulative_discounted_net": "Akkumuleret (nutidsværdi)",
    "service": "Ydelses-id",
    "service_label": "Ydelse",
    "key_figure": "Nøgletal",
    "figure": "Værdi",
    "committee": "Udvalg",
    "break_even_year": "Break-even-år",
    "benefit_cost_ratio": "Gevinst pr. kr.",
}

#: The command line's narrow plain-text tables.
TEXT_WORDS: Final[dict[str, str]] = {
    "discount_factor": "Diskfaktor",
    "discounted_value": "Beløb (NV)",
    "discounted_costs": "Omkostninger (NV)",
    "discounted_gains": "Gevinster (NV)",
    "discounted_net": "Netto (NV)",
    "cumulative_discounted_net": "Akkumuleret (NV)",
}

#: The Excel functions' headers where they are not the label in lower case. Kept so that
#: their answers stay unchanged in users' sheets; settle them on purpose, in one change.
FUNCTION_WORDS: Final[dict[str, str]] = {
    "purse": "aktør",
    "cumulative_discounted_net": "akkumuleret",
    "service": "ydelse",
    "service_label": "navn",
}

#: Titles of the labelled result tables (som_xl.present.tables).
TABLE_TITLES: Final[dict[str, str]] = {
    "key_figures": "Nøgletal",
    "years": "År for år",
    "by_purse": "Fordelt på aktør",
    "purse_years": "Netto fordelt på aktør år for år",
    "by_budget_item": "Fordelt på udgifts- og indtægtspost",
    "consequences": "Gevinster fordelt på konsekvens",
    "tidy_rows": "Rækker (år, aktør, udgiftspost og art)",
    "purse_payback": "Tilbagebetaling fordelt på aktør",
    "by_committee": "Kommunens resultat fordelt på udvalg",
    "budget_view": "Budgetår og overslagsår (netto, udiskonteret)",
    "committee_years": "Kommunens netto fordelt på udvalg år for år",
    "followup_years": "Opfølgning: plan mod realiseret år for år",
    "followup_figures": "Opfølgning: plan og ny prognose",
}

# --- key figures ----------------------------------------------------------------------------

KEY_FIGURES: Final[dict[str, str]] = {
    "scenario": "Scenarie",
    "target_group": "Målgruppe",
    "price_year": "Prisniveau (år)",
    "discount_rate": "Diskontering",
    "costs": "Omkostninger",
    "gains": "Gevinster",
    "net_result": "Nettoresultat (udiskonteret)",
    "discounted_costs": "Omkostninger (nutidsværdi)",
    "discounted_gains": "Gevinster (nutidsværdi)",
    "discounted_net_result": "Nettoresultat (nutidsværdi)",
    # the kommune purse's own discounted net (the purse table's Kommune, Netto (NV))
    "discounted_net_kommune": "Kommunens nettoresultat (nutidsværdi)",
    "break_even_year": "Break-even-år",
    "break_even_success_rate": "Break-even-succesrate",
    "benefit_cost_ratio": "Gevinst pr. omkostningskrone",
    "kb_fingerprint": "Vidensdatabase",
    # the quick estimate's (budgetøkonomisk skøn) own figures
    "participants": "Deltagere",
    "success_rate": "Succesrate",
    "success_rate_source": "Succesrate fra",
}
#: Where the quick estimate's success rate came from.
SUCCESS_RATE_GIVEN: Final = "angivet"
#: The knowledge base's evidence levels of an effect (knowledge/README.md).
EVIDENCE_LEVELS: Final = {
    1: "1: metaanalyse eller randomiseret forsøg",
    2: "2: kvasieksperimentelt studie med kontrolgruppe",
    3: "3: før-efter-studie uden kontrolgruppe",
}
SUCCESS_RATE_FROM_KB: Final = "vidensdatabasen: {intervention} ({id})"
#: The Excel functions' shorter name of a key figure (see FUNCTION_WORDS). The break-even
#: figures have one name on every face (user trial: a third name for the year was one too many).
FUNCTION_KEY_FIGURES: Final[dict[str, str]] = {
    "net_result": "Nettoresultat",
}

#: The Monte Carlo's seed: the Danish word, with the English one a user may know it by.
SEED: Final = "frø (seed)"

#: What a key figure shows where it has no value (the workbook writes them capitalised).
NOT_DEFINED: Final[dict[str, str]] = {
    "target_group": "egne konsekvenser",
    "break_even_year": "ikke inden for horisonten",
    "break_even_success_rate": "ingen (gevinsterne er ikke positive)",
    "benefit_cost_ratio": "ingen (omkostningerne er ikke positive)",
    "kb_fingerprint": "ikke brugt",
}
#: The Excel functions' own texts (see FUNCTION_WORDS): none since the user trial, where a
#: missing figure read differently in a function and on the sheet beside it.
FUNCTION_NOT_DEFINED: Final[dict[str, str]] = {}

# --- the knowledge base ---------------------------------------------------------------------

#: The knowledge base's kinds of records, as a user names them.
KB_KINDS: Final[dict[str, str]] = {
    "target_groups": "Målgrupper",
    "services": "Ydelser",
    "consequences": "Konsekvenser",
    "effects": "Effekter",
    "sources": "Kilder",
}
#: One record of each kind ("målgruppe: voksne_hjemloeshed").
KB_SINGULAR: Final[dict[str, str]] = {
    "target_groups": "målgruppe",
    "services": "ydelse",
    "consequences": "konsekvens",
    "effects": "effekt",
    "sources": "kilde",
}
#: Field names of the knowledge base's records (knowledge/README.md), as 'kb show' writes
#: them; the knowledge-base tables write them capitalised.
KB_FIELDS: Final[dict[str, str]] = {
    "id": "id",
    "label": "navn",
    "unit": "enhed",
    "direction": "retning",
    "budget_item": "udgiftspost",
    "price_year": "prisår",
    "prices": "priser",
    "description": "beskrivelse",
    "source": "kilde-id",
    "locator": "sted i kilden",
    "derivation": "udregning",
    "note": "bemærkning",
    "also": "øvrige kilder",
    "area": "område",
    "age_min": "alder fra",
    "age_max": "alder til",
    "register_definition": "registerdefinition",
    "success_measure": "succesmål",
    "intervention": "indsats",
    "target_group": "målgruppe",
    "evidence_level": "evidensniveau",
    "outcome": "udfald",
    "effect_size": "effektstørrelse",
    "success_rate": "succesrate",
    "context": "kontekst",
    "title": "titel",
    "publisher": "udgiver",
    "year": "år",
    "url": "adresse",
    "accessed": "set",
    "status": "status",
    "age": "alder",
    "service": "ydelse",
    "profile": "profil (år 1, 2, ...)",
    "assumed_from": "antaget fra profilår",
}


def assumed_from_text(assumed_from: int) -> str:
    """The words for a row whose profile is an illustrative assumption from a year on.

    Parameters
    ----------
    assumed_from : int
        The first assumed profile year (1-based).

    Returns
    -------
    str

    Examples
    --------
    >>> assumed_from_text(2)
    'år 2 og frem er en illustrativ antagelse'
    """
    return f"år {assumed_from} og frem er en illustrativ antagelse"


# --- looking words up -----------------------------------------------------------------------


def label(key: str) -> str:
    """The Danish label of a field, purse or the total.

    Parameters
    ----------
    key : str
        A key of :data:`FIELDS`, a purse (``"kommune"``, ``"region"``, ``"stat"``) or
        ``"total"``.

    Returns
    -------
    str
        The label; KeyError for an unknown key (a missing word is a bug, not a fallback).

    Examples
    --------
    >>> label("cumulative_discounted_net"), label("region"), label("total")
    ('Akkumuleret (nutidsværdi)', 'Region', 'I alt')
    """
    if key in FIELDS:
        return FIELDS[key]
    if key in PURSE_LABELS:
        return PURSE_LABELS[key]
    if key == "total":
        return TOTAL
    raise KeyError(key)


def header(key: str, face: Face = "label") -> str:
    """A column header as one face writes it.

    Parameters
    ----------
    key : str
        As for :func:`label`.
    face : {"label", "text", "function"}
        ``"text"`` for the command line's tables, ``"function"`` for the Excel functions
        (field headers in lower case; purses and the total keep their capital).

    Returns
    -------
    str

    Examples
    --------
    >>> [header(k, "function") for k in ("year", "purse", "kommune", "total")]
    ['år', 'aktør', 'Kommune', 'I alt']
    >>> header("discount_factor", "text")
    'Diskfaktor'
    """
    if face == "text" and key in TEXT_WORDS:
        return TEXT_WORDS[key]
    if face == "function":
        if key in FUNCTION_WORDS:
            return FUNCTION_WORDS[key]
        if key in FIELDS:
            return FIELDS[key].lower()
    return label(key)


def intervention_line(i: Mapping[str, Any]) -> str:
    """The line naming a scenario's intervention and where its success rate comes from.

    Parameters
    ----------
    i : mapping
        The intervention as in the JSON result (``Intervention.to_dict()``): ``id``,
        ``label``, ``evidence_level``, ``success_rate`` and ``success_rate_from_kb``.

    Returns
    -------
    str
        Without the leading "Indsats: " (the report puts it in a label column).

    Examples
    --------
    >>> i = {"id": "cool_kids", "label": "Cool Kids", "evidence_level": 1,
    ...      "success_rate": 0.26, "success_rate_from_kb": True}
    >>> intervention_line(i).split("; ")[0]
    'Cool Kids (cool_kids), evidensniveau 1: metaanalyse eller randomiseret forsøg'
    >>> intervention_line(i).split("; ")[1]
    'succesraten 26,0 % er vidensdatabasens'
    >>> intervention_line({**i, "success_rate_from_kb": False}).split("; ")[1]
    'vidensdatabasens succesrate er 26,0 %, scenariets egen bruges'
    """
    text = f"{i['label']} ({i['id']}), evidensniveau {EVIDENCE_LEVELS[int(i['evidence_level'])]}"
    rate = i.get("success_rate")
    if i.get("success_rate_from_kb"):
        return f"{text}; succesraten {pct(rate)} er vidensdatabasens"
    if rate is not None:
        return f"{text}; vidensdatabasens succesrate er {pct(rate)}, scenariets egen bruges"
    return f"{text}; vidensdatabasen har ingen succesrate for den, scenariets egen bruges"


def kb_line(fingerprint: str, version: str | None = None) -> str:
    """The line a printed result ends with: the knowledge base's edition and fingerprint.

    Parameters
    ----------
    fingerprint : str
        The knowledge base's fingerprint.
    version : str, optional
        Its edition (knowledge/VERSION); left out where it has none.

    Returns
    -------
    str

    Examples
    --------
    >>> kb_line("c911dc1e6ab565d3", "2026.12.1")
    'Vidensdatabase: version 2026.12.1, fingeraftryk c911dc1e6ab565d3'
    >>> kb_line("c911dc1e6ab565d3")
    'Vidensdatabase: c911dc1e6ab565d3'
    """
    if version:
        return f"{KEY_FIGURES['kb_fingerprint']}: version {version}, fingeraftryk {fingerprint}"
    return f"{KEY_FIGURES['kb_fingerprint']}: {fingerprint}"


def key_figure(key: str, face: Face = "label") -> str:
    """The name of a key figure (a row of the key-figure table).

    Parameters
    ----------
    key : str
        A key of :data:`KEY_FIGURES`, e.g. ``"net_result"``.
    face : {"label", "text", "function"}
        ``"function"`` for the Excel functions' shorter names; the others share one name.

    Returns
    -------
    str

    Examples
    --------
    >>> key_figure("net_result"), key_figure("net_result", "function")
    ('Nettoresultat (udiskonteret)', 'Nettoresultat')
    """
    if face == "function" and key in FUNCTION_KEY_FIGURES:
        return FUNCTION_KEY_FIGURES[key]
    return KEY_FIGURES[key]


def not_defined(key: str, face: Face = "label") -> str:
    """What a key figure shows where it has no value ("-" where nothing is written).

    Parameters
    ----------
    key : str
        A key figure, as for :func:`key_figure`.
    face : {"label", "text", "function"}
        ``"function"`` for the Excel functions' own wording where it has one.

    Returns
    -------
    str
        Lower case, to follow a label; :func:`cap` it to start a cell.

    Examples
    --------
    >>> not_defined("break_even_year")
    'ikke inden for horisonten'
    >>> not_defined("benefit_cost_ratio", "function")
    'ingen (omkostningerne er ikke positive)'
    >>> cap(not_defined("break_even_success_rate"))
    'Ingen (gevinsterne er ikke positive)'
    """
    if face == "function" and key in FUNCTION_NOT_DEFINED:
        return FUNCTION_NOT_DEFINED[key]
    return NOT_DEFINED.get(key, "-")


def cap(text: str) -> str:
    """The text with a capital first letter (the start of a cell or a sentence).

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        ``text`` with its first character upper-cased, the rest as it was.

    Examples
    --------
    >>> cap("omkostning"), cap("")
    ('Omkostning', '')
    """
    return text[:1].upper() + text[1:]


# --- numbers as Danish text -----------------------------------------------------------------


def _rounded(value: float, decimals: int) -> Decimal:
    """Half away from zero, as a reader expects (format() rounds half to even); never -0."""
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded


def kr(value: float | None, decimals: int = 0) -> str:
    """An amount with Danish thousands dots and decimal comma (no unit).

    Parameters
    ----------
    value : float or None
        None is shown as ``"-"``.
    decimals : int
        Decimals shown, rounded half away from zero.

    Returns
    -------
    str
        Never ``-0``: an amount that rounds to zero is ``0``.

    Examples
    --------
    >>> kr(1234567.8), kr(2.5), kr(-0.4), kr(0.125, 2), kr(None)
    ('1.234.568', '3', '0', '0,13', '-')
    """
    if value is None:
        return "-"
    text = f"{_rounded(value, decimals):,.{decimals}f}"
    return text.replace(",", "§").replace(".", ",").replace("§", ".")


def money(value: float | None, decimals: int = 0) -> str:
    """An amount in kroner: ``kr(value)`` and the unit.

    Parameters
    ----------
    value : float or None
        None is shown as ``"-"`` (without a unit).
    decimals : int
        As for :func:`kr`.

    Returns
    -------
    str

    Examples
    --------
    >>> money(-1396798.4)
    '-1.396.798 kr.'
    """
    return f"{kr(value, decimals)} kr." if value is not None else "-"


def pct(value: float | None, decimals: int = 1) -> str:
    """A share as a Danish percentage.

    Parameters
    ----------
    value : float or None
        A share (0.1234 is 12.34 %); None is shown as ``"-"``.
    decimals : int
        Decimals of the percentage, rounded half away from zero.

    Returns
    -------
    str

    Examples
    --------
    >>> pct(0.1234), pct(0.035, 2), pct(None)
    ('12,3 %', '3,50 %', '-')
    """
    if value is None:
        return "-"
    return kr(value * 100, decimals) + " %"


def chance(value: float) -> str:
    """A probability from Monte Carlo draws as a Danish percentage: never a certain 0 or 100 %.

    A share of finitely many draws is an estimate; all draws above 0 says "over 99,9 %", not
    "100,0 %" (user trial: a finance officer reads 100 % as certain).

    Parameters
    ----------
    value : float
        The probability (0-1), e.g. the share of draws with a net result above 0.

    Returns
    -------
    str
        "over 99,9 %", "under 0,1 %" or the percentage with one decimal.

    Examples
    --------
    >>> chance(1.0), chance(0.99951), chance(0.9994), chance(0.5), chance(0.0004), chance(0.0)
    ('over 99,9 %', 'over 99,9 %', '99,9 %', '50,0 %', 'under 0,1 %', 'under 0,1 %')
    """
    if value >= 0.9995:
        return "over 99,9 %"
    if value < 0.0005:
        return "under 0,1 %"
    return pct(value)


def rate(value: float) -> str:
    """A rate as a percentage with as many decimals as it has: 0.0375 -> '3,75 %'.

    Parameters
    ----------
    value : float
        A rate as a share.

    Returns
    -------
    str

    Examples
    --------
    >>> rate(0.035), rate(0.05), rate(0.0375)
    ('3,5 %', '5 %', '3,75 %')
    """
    return f"{number(round(value * 100, 10))} %"


def factor(value: float, decimals: int = 4) -> str:
    """A discount factor with a decimal comma.

    Parameters
    ----------
    value : float
    decimals : int
        Decimals shown.

    Returns
    -------
    str

    Examples
    --------
    >>> factor(1 / 1.035)
    '0,9662'
    """
    return f"{value:.{decimals}f}".replace(".", ",")


def ratio(value: float | None) -> str:
    """A ratio (gains per krone of costs) with two decimals.

    Parameters
    ----------
    value : float or None
        None is shown as ``"-"``.

    Returns
    -------
    str

    Examples
    --------
    >>> ratio(1.4934), ratio(None)
    ('1,49', '-')
    """
    return f"{value:.2f}".replace(".", ",") if value is not None else "-"


def number(value: float) -> str:
    """A number as short Danish text, for messages: 0.035 -> '0,035'.

    Parameters
    ----------
    value : float

    Returns
    -------
    str
        As ``format(value, "g")`` writes it (six significant digits, no trailing
        zeros), with a decimal comma.

    Examples
    --------
    >>> number(0.035), number(20.0), number(0.2)
    ('0,035', '20', '0,2')
    """
    return f"{value:g}".replace(".", ",")


def csv_number(value: float, decimals: int = 2) -> str:
    """A number for a Danish CSV file: decimal comma, no thousands dots, no exponent.

    Danish Excel reads ``-1234567,89`` as a number; thousands dots would be read as text by
    some importers, and an exponent (``1e-05``) by all of them.

    Parameters
    ----------
    value : float
    decimals : int
        Decimals written, rounded half away from zero (never ``-0``).

    Returns
    -------
    str

    Examples
    --------
    >>> csv_number(-1234567.894), csv_number(1e-05), csv_number(-0.001), csv_number(7, 0)
    ('-1234567,89', '0,00', '0,00', '7')
    """
    return f"{_rounded(value, decimals):.{decimals}f}".replace(".", ",")


# --- Excel number formats (US syntax: Excel shows them with the user's separators) ----------

XL_KR: Final = "#,##0;[Red]-#,##0"
XL_KR2: Final = "#,##0.00;[Red]-#,##0.00"
XL_KR_KEY: Final = '#,##0 "kr.";[Red]-#,##0 "kr."'
XL_PCT: Final = "0.0%"
XL_YEAR: Final = "0"
XL_INT: Final = "0"
XL_UNITS: Final = '#,##0.00;-#,##0.00;"–"'
XL_FACTOR: Final = "0.000000"
