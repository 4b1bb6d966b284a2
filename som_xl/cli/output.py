"""What the commands print: a result as readable tables, JSON, or bytes to a file or stdout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import InputError, Problem
from ..present import da
from ..present.text import figure_lines, pct, text_table

if TYPE_CHECKING:
    from ..results import Result

__all__ = ["check_out", "emit", "keep_previous", "notes", "print_json", "print_result"]

#: The columns of the split tables the command line shows (undiscounted, and the net at PV).
SPLIT_COLUMNS = ("costs", "gains", "net", "discounted_net")
#: The key figures under the tables.
FIGURES = (
    "net_result",
    "discounted_net_result",
    "discounted_net_kommune",
    "break_even_year",
    "break_even_success_rate",
    "benefit_cost_ratio",
)


def notes(result: Result) -> list[str]:
    """The warnings, the notes on illustrative consequences and prices, and the knowledge
    base's line ("Vidensdatabase: version …"), as ``calc`` and ``opfoelgning`` print them.

    Parameters
    ----------
    result : Result

    Returns
    -------
    list of str
        Lines to print (a blank line before each warning and note).

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> notes(example_result())  # own figures only: nothing to say
    []
    """
    r = result.resolved
    lines: list[str] = []
    for warning in result.warnings:
        lines += ["", f"Advarsel: {warning}"]
    n_ill = sum(1 for s in r.consequence_statuses if s == "illustrative")
    if n_ill:
        lines += [
            "",
            f"Bemærk: {n_ill} af {len(r.consequences)} konsekvenser er illustrative skøn, ikke "
            "SØMs officielle registerestimater. Erstat dem med lokale eller officielle tal.",
        ]
    assumed = [
        f"{r.services[sid].label} ({da.assumed_from_text(af)})"
        for j, (sid, _) in enumerate(r.consequences)
        if (af := r.assumed_from_of(j)) is not None
    ]
    if assumed:
        lines += [
            "",
            "Bemærk: disse konsekvenser er offentliggjorte eller afledte i de første år, men "
            "resten af profilen er projektets antagelse og tæller som illustrativ: "
            + ", ".join(assumed),
        ]
    illustrative = [
        f"{s.label} ({s.id})" if s.label and s.label != s.id else s.id
        for s in r.services.values()
        if s.status == "illustrative"
    ]
    if illustrative:
        lines += [
            "",
            "Bemærk: disse priser er illustrative (ikke offentliggjorte tal): "
            + ", ".join(illustrative),
        ]
    if r.kb_fingerprint:
        lines.append(da.kb_line(r.kb_fingerprint, r.kb_version))
    return lines


def _followup(result: Result) -> list[str]:
    """Plan against realised figures and the new forecast (som-method §3.19), as
    ``som-xl opfoelgning`` prints them."""
    if result.followup() is None:
        return []
    from ..present.followup import followup_text  # only for a scenario with realised years

    return ["", "Opfølgning:", *followup_text(result)]


def _discount(label: str) -> str:
    """A fixed rate as a Danish percentage ("0.05" -> "5 %"); a schedule's name as it is."""
    try:
        return da.rate(float(label))
    except ValueError:
        return label


def print_result(result: Result, out: TextIO) -> None:
    """The scenario, the year, purse and budget-item tables and the key figures, as text.

    Notes follow where consequences or prices are illustrative, and the knowledge base's
    fingerprint where one was used.

    Parameters
    ----------
    result : Result
    out : TextIO
        Where to print (``sys.stdout`` for the command line).

    Examples
    --------
    >>> import sys
    >>> from som_xl.present._example import example_result
    >>> print_result(example_result(), sys.stdout)
    Scenarie: Håndregnet eksempel
    Startår 2025, horisont 4 år, prisniveau 2024, diskontering 5 %, forløb 1 år, succesrate 30,0 %
    <BLANKLINE>
    År    Omkostninger  Gevinster     Netto  Diskfaktor  Netto (NV)  Akkumuleret (NV)
    ...
    Nettoresultat (udiskonteret):          106.000 kr.
    Nettoresultat (nutidsværdi):           76.336 kr.
    Kommunens nettoresultat (nutidsværdi): 79.061 kr.
    Break-even-år: 2028
    Break-even-succesrate: 22,5 %
    Gevinst pr. omkostningskrone: 1,34
    """
    # the result tables import the results package (numpy): only when a result is printed
    from ..present.answer import by_committee, provenance_sentence, purse_payback
    from ..present.tables import by_budget_item, by_purse, key_figures, years

    r = result.resolved
    lines = [f"{da.KEY_FIGURES['scenario']}: {r.name}"]
    if r.target_group:
        lines.append(f"{da.KEY_FIGURES['target_group']}: {r.target_group_label} ({r.target_group})")
    if r.intervention is not None:
        lines.append(f"Indsats: {da.intervention_line(r.intervention.to_dict())}")
    lines += [
        f"Startår {r.start_year}, horisont {r.horizon_years} år, prisniveau {r.price_year}, "
        f"diskontering {_discount(r.discount_label)}, forløb {r.course_years} år, "
        f"succesrate {pct(r.success_rate)}",
        "",
        text_table(years(result)),
        "",
        text_table(by_purse(result), ("purse", *SPLIT_COLUMNS)),
        "",
        text_table(by_budget_item(result), ("budget_item", *SPLIT_COLUMNS)),
        "",
        text_table(by_committee(result), total=True),
        "",
        text_table(purse_payback(result)),
        "",
        *figure_lines(key_figures(result), FIGURES),
        *([sentence] if (sentence := provenance_sentence(result)) else []),
        *_followup(result),
        *notes(result),
    ]
    print("\n".join(lines), file=out)


def print_json(data: Any, out: TextIO) -> None:
    """JSON as the contract prints it: UTF-8 text, indented, no NaN.

    Parameters
    ----------
    data : Any
        JSON-able data (``Result.to_dict()``); NaN and infinity are refused.
    out : TextIO
        Where to print.

    Raises
    ------
    ValueError
        For NaN or infinity in ``data``.

    Examples
    --------
    >>> import sys
    >>> print_json({"år": 2025, "netto": -1000.5, "kasser": ["kommune"]}, sys.stdout)
    {
      "år": 2025,
      "netto": -1000.5,
      "kasser": [
        "kommune"
      ]
    }
    """
    import json  # only for --json (issue 9: start-up)

    json.dump(data, out, ensure_ascii=False, indent=2, allow_nan=False)
    print(file=out)


def check_out(out: Path, suffix: str, *protected: Path) -> None:
    """Refuse an output path that has another suffix or is one of the inputs.

    (A folder has no suffix of its own, or is caught by :func:`emit`'s atomic write.)

    Parameters
    ----------
    out : Path
        The ``--out`` file.
    suffix : str
        The suffix it must have, e.g. ``".csv"`` (any case).
    *protected : Path
        Files it must not be: the command's inputs.

    Raises
    ------
    InputError
        Naming ``out`` and what is wrong.

    Examples
    --------
    >>> check_out(Path("resultat.CSV"), ".csv")
    >>> check_out(Path("resultat.xlsx"), ".csv")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: resultat.xlsx: filnavnet skal ende på .csv (filen bliver en .csv-fil)
    >>> check_out(Path("scenarie.json"), ".json", Path("scenarie.json"))
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: scenarie.json: må ikke overskrive inddata-filen
    """
    if out.suffix.lower() != suffix:
        raise InputError(
            Problem(str(out), "", f"filnavnet skal ende på {suffix} (filen bliver en {suffix}-fil)")
        )
    if any(out.resolve() == p.resolve() for p in protected):
        raise InputError(Problem(str(out), "", "må ikke overskrive inddata-filen"))


def keep_previous(path: Path) -> Path:
    """Move an existing file aside as NAME.forrige-N.xlsx (first free N); return the new name.

    Parameters
    ----------
    path : Path
        An existing file.

    Returns
    -------
    Path
        Where the file is now.

    Raises
    ------
    InputError
        If the file cannot be renamed (then nothing is changed).

    Examples
    --------
    >>> import tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> book = Path(tmp.name) / "SOM.xlsx"
    >>> _ = book.write_bytes(b"1")
    >>> keep_previous(book).name
    'SOM.forrige-1.xlsx'
    >>> _ = book.write_bytes(b"2")
    >>> keep_previous(book).name, book.exists()
    ('SOM.forrige-2.xlsx', False)
    >>> tmp.cleanup()
    """
    n = 1
    while True:
        keep = path.with_name(f"{path.stem}.forrige-{n}{path.suffix}")
        if not keep.exists():
            try:
                path.rename(keep)
            except OSError as exc:
                from ..files import os_reason

                raise InputError(
                    Problem(
                        str(path),
                        "",
                        f"den eksisterende fil kan ikke gemmes som {keep.name} "
                        f"({os_reason(exc)}); intet er ændret",
                    )
                ) from None
            return keep
        n += 1


def emit(data: bytes, out: Path | None, written: str, overwrite: bool = False) -> None:
    """Write bytes atomically to ``out`` and say so, or to standard output as they are.

    An existing file at ``out`` is never lost: it is kept as NAME.forrige-N.ext
    (:func:`keep_previous`) unless ``overwrite`` (``--overskriv``) is given.

    Parameters
    ----------
    data : bytes
    out : Path or None
        The file; None for standard output (its byte stream when it has one).
    written : str
        What to say after writing a file, e.g. ``"Rækkerne er skrevet"``.
    overwrite : bool
        Replace an existing file instead of keeping it under another name.

    Raises
    ------
    InputError
        If the file cannot be written (:func:`som_xl.files.write_atomic`).

    Examples
    --------
    >>> import tempfile
    >>> emit(b"aar;netto\\n2025;-1000\\n", None, "Rækkerne er skrevet")
    aar;netto
    2025;-1000
    >>> tmp = tempfile.TemporaryDirectory()
    >>> emit(b"aar;netto\\n", Path(tmp.name) / "r.csv", "Rækkerne er skrevet")
    Rækkerne er skrevet: .../r.csv
    >>> emit(b"aar;netto\\n", Path(tmp.name) / "r.csv", "Rækkerne er skrevet")
    Den eksisterende fil er gemt som .../r.forrige-1.csv
    Rækkerne er skrevet: .../r.csv
    >>> tmp.cleanup()
    """
    if out is None:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (e.g. redirected to io.StringIO)
            sys.stdout.write(data.decode("utf-8"))
            return
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
        return
    from ..files import write_atomic

    if not overwrite and out.is_file():
        print(f"Den eksisterende fil er gemt som {keep_previous(out)}")
    write_atomic(out, data)
    print(f"{written}: {out}")
