"""The command line: ``som-xl calc | skoen | kb | validate | build | read``.

Exit codes: 0 success, 2 bad input (a Danish message, never a traceback), 1 internal error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._version import __version__
from ..conventions import DIRECTION_LABELS, PURSE_LABELS, STATUS_LABELS
from ..errors import InputError, Problem, suggest
from ..files import write_atomic
from ..inputs import load_scenario, resolve
from ..inputs.quick import QuickEstimate, quick_estimate
from ..kb import KnowledgeBase, kb_health, load_kb
from ..present.text import kr, pct, table
from ..results import Result, calculate

__all__ = ["main"]


def _print_result(result: Result, out: Any) -> None:
    r = result.resolved

    def p(text: str = "") -> None:
        print(text, file=out)

    p(f"Scenarie: {r.name}")
    if r.target_group:
        p(f"Målgruppe: {r.target_group_label} ({r.target_group})")
    p(
        f"Startår {r.start_year}, horisont {r.horizon_years} år, prisniveau {r.price_year}, "
        f"diskontering {r.discount_label}, forløb {r.course_years} år, "
        f"succesrate {pct(r.success_rate)}"
    )
    p()
    rows = [
        [
            str(y["year"]),
            kr(y["costs"]),
            kr(y["gains"]),
            kr(y["net"]),
            f"{y['discount_factor']:.4f}".replace(".", ","),
            kr(y["discounted_net"]),
            kr(y["cumulative_discounted_net"]),
        ]
        for y in result.year_rows()
    ]
    p(
        table(
            [
                "År",
                "Omkostninger",
                "Gevinster",
                "Netto",
                "Diskfaktor",
                "Netto (NV)",
                "Akkumuleret (NV)",
            ],
            rows,
            [False] + [True] * 6,
        )
    )
    p()
    p(
        table(
            ["Aktør", "Omkostninger", "Gevinster", "Netto", "Netto (NV)"],
            [
                [
                    PURSE_LABELS[x["purse"]],
                    kr(x["costs"]),
                    kr(x["gains"]),
                    kr(x["net"]),
                    kr(x["discounted_net"]),
                ]
                for x in result.by_purse()
            ],
            [False] + [True] * 4,
        )
    )
    p()
    p(
        table(
            ["Udgifts-/indtægtspost", "Omkostninger", "Gevinster", "Netto", "Netto (NV)"],
            [
                [
                    x["budget_item"],
                    kr(x["costs"]),
                    kr(x["gains"]),
                    kr(x["net"]),
                    kr(x["discounted_net"]),
                ]
                for x in result.by_budget_item()
            ],
            [False] + [True] * 4,
        )
    )
    p()
    p(f"Nettoresultat (udiskonteret): {kr(result.net_undiscounted)} kr.")
    p(f"Nettoresultat (nutidsværdi):  {kr(result.net_discounted)} kr.")
    be = result.break_even_year
    p(f"Break-even-år: {be if be is not None else 'ikke inden for horisonten'}")
    bes = result.break_even_success_rate
    p(f"Break-even-succesrate: {pct(bes) if bes is not None else 'ingen (ingen gevinster)'}")
    bcr = result.benefit_cost_ratio
    p(f"Gevinst/omkostning-forhold: {f'{bcr:.2f}'.replace('.', ',') if bcr is not None else '-'}")
    n_ill = sum(1 for s in r.consequence_statuses if s == "illustrative")
    if n_ill:
        p()
        p(
            f"Bemærk: {n_ill} af {len(r.consequences)} konsekvenser er illustrative skøn, ikke "
            "SØMs officielle registerestimater. Erstat dem med lokale eller officielle tal."
        )
    illustrative = [s for s in r.services.values() if s.status == "illustrative"]
    if illustrative:
        p()
        p(
            "Bemærk: disse priser er illustrative (ikke offentliggjorte tal): "
            + ", ".join(s.id for s in illustrative)
        )
    if r.kb_fingerprint:
        p(f"Vidensdatabase: {r.kb_fingerprint}")


def _json(data: Any, out: Any) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2, allow_nan=False)
    print(file=out)


def cmd_calc(args: argparse.Namespace) -> int:
    spec, lines = load_scenario(args.file)
    res = resolve(spec, load_kb, str(args.file), lines)
    result = calculate(res)
    if args.json:
        _json(result.to_dict(), sys.stdout)
    else:
        _print_result(result, sys.stdout)
    return 0


def cmd_skoen(args: argparse.Namespace) -> int:
    kb = load_kb()
    try:
        est = _quick(kb, args)
    except InputError as exc:
        raise InputError([_skoen_option(p) for p in exc.problems]) from None
    if args.json:
        data = est.result.to_dict()
        data["effect"] = est.effect.id if est.effect else None
        data["affected_services"] = est.services
        _json(data, sys.stdout)
        return 0
    _print_skoen(est)
    return 0


#: Scenario keys of the quick estimate → the command-line options a user typed.
_SKOEN_OPTIONS = {
    "participants": "--deltagere",
    "costs": "--pris",
    "success_rate": "--succesrate",
    "start_year": "--startaar",
    "horizon_years": "--horisont",
    "target_group": "--maalgruppe",
    "intervention": "--indsats",
}


def _skoen_option(p: Problem) -> Problem:
    root = p.key.split(".")[0].split("[")[0]
    option = _SKOEN_OPTIONS.get(root)
    if option is None:
        return p
    return Problem("som-xl skoen", option, p.message, p.value, p.has_value)


def _quick(kb: KnowledgeBase, args: argparse.Namespace) -> QuickEstimate:
    return quick_estimate(
        kb,
        args.maalgruppe,
        args.deltagere,
        args.pris,
        args.succesrate,
        args.indsats,
        start_year=args.startaar,
        horizon_years=args.horisont,
    )


def _print_skoen(est: QuickEstimate) -> None:
    print("BUDGETØKONOMISK SKØN (første overslag; brug hele modellen til beslutninger)")
    if est.effect is not None:
        print(
            f"Succesrate fra vidensdatabasen: {pct(est.result.resolved.success_rate)} "
            f"({est.effect.intervention}, evidensniveau {est.effect.evidence_level})"
        )
    _print_result(est.result, sys.stdout)
    print()
    print("Offentlige ydelser der sandsynligvis påvirkes (største først):")
    print(
        table(
            ["Ydelse", "Post", "Gevinst (NV)"],
            [[s["label"], s["budget_item"], kr(s["discounted_gains"])] for s in est.services],
            [False, False, True],
        )
    )


_KINDS = {
    "maalgrupper": "target_groups",
    "target_groups": "target_groups",
    "ydelser": "services",
    "services": "services",
    "priser": "services",
    "effekter": "effects",
    "effects": "effects",
    "kilder": "sources",
    "sources": "sources",
    "konsekvenser": "consequences",
    "consequences": "consequences",
}


_FIELD_LABELS = {
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
}


def _kb_rows(kb: KnowledgeBase, kind: str) -> tuple[list[str], list[list[str]]]:
    if kind == "target_groups":
        return (
            ["id", "Målgruppe", "Alder", "Status"],
            [
                [
                    g.id,
                    g.label,
                    f"{g.age_min}-{g.age_max if g.age_max is not None else ''}",
                    STATUS_LABELS[g.status],
                ]
                for g in kb.target_groups.values()
            ],
        )
    if kind == "services":
        return (
            ["id", "Ydelse", "Enhed", "Kommune", "Region", "Stat", "Prisår", "Status"],
            [
                [
                    s.id,
                    s.label,
                    kb.units[s.unit].label,
                    kr(s.prices.kommune, 2),
                    kr(s.prices.region, 2),
                    kr(s.prices.stat, 2),
                    str(s.price_year),
                    STATUS_LABELS[s.status],
                ]
                for s in kb.services.values()
            ],
        )
    if kind == "effects":
        return (
            ["id", "Indsats", "Målgruppe", "Evidens", "Succesrate", "Status"],
            [
                [
                    e.id,
                    e.intervention,
                    e.target_group or "",
                    str(e.evidence_level),
                    pct(e.success_rate) if e.success_rate is not None else "",
                    STATUS_LABELS[e.status],
                ]
                for e in kb.effects.values()
            ],
        )
    if kind == "sources":
        return (
            ["id", "Titel", "Udgiver", "År"],
            [[s.id, s.title, s.publisher, str(s.year)] for s in kb.sources.values()],
        )
    rows = []
    for gid, cons in kb.consequences.items():
        for c in cons:
            rows.append(
                [gid, c.service, ", ".join(f"{v:g}" for v in c.profile), STATUS_LABELS[c.status]]
            )
    return (["Målgruppe", "Ydelse", "Profil (år 1, 2, ...)", "Status"], rows)


def cmd_kb(args: argparse.Namespace) -> int:
    kb = load_kb()
    if args.action == "list":
        kind = _KINDS.get(args.what or "")
        if kind is None:
            raise InputError(
                Problem(
                    "som-xl kb list",
                    "",
                    "vælg hvad der skal vises; " + suggest(args.what or "", sorted(set(_KINDS))),
                    args.what,
                    args.what is not None,
                )
            )
        headers, rows = _kb_rows(kb, kind)
        print(table(headers, rows))
        return 0
    if args.action == "search":
        needle = (args.what or "").lower()
        if not needle:
            raise InputError(Problem("som-xl kb search", "", "angiv et søgeord"))
        for kind in ("target_groups", "services", "effects", "sources"):
            headers, rows = _kb_rows(kb, kind)
            hits = [r for r in rows if any(needle in c.lower() for c in r)]
            if hits:
                print(f"== {kind} ==")
                print(table(headers, hits))
                print()
        return 0
    # show
    ident = args.what or ""
    collections: dict[str, Any] = {
        "målgruppe": kb.target_groups,
        "ydelse": kb.services,
        "effekt": kb.effects,
        "kilde": kb.sources,
    }
    for label, coll in collections.items():
        if ident in coll:
            obj = coll[ident]
            data = obj.model_dump(mode="json", exclude_none=True)
            print(f"{label}: {ident}")
            for k, v in data.items():
                if k == "id" or v in ((), []):
                    continue
                if k == "status":
                    v = STATUS_LABELS[v]
                elif k == "direction":
                    v = DIRECTION_LABELS[v]
                elif k == "budget_item" and v in kb.budget_items:
                    v = kb.budget_items[v].label
                elif k == "unit" and v in kb.units:
                    v = kb.units[v].label
                elif isinstance(v, list):
                    v = ", ".join(str(x) for x in v)
                elif isinstance(v, dict) and set(v) == {"kommune", "region", "stat"}:
                    v = ", ".join(f"{PURSE_LABELS[a]} {kr(x, 2)}" for a, x in v.items())
                print(f"  {_FIELD_LABELS.get(k, k)}: {v}")
            if label == "målgruppe":
                print("  konsekvenser:")
                for c in kb.consequences.get(ident, ()):
                    print(f"    {c.service}: {list(c.profile)} ({STATUS_LABELS[c.status]})")
            if hasattr(obj, "source") and obj.source in kb.sources:
                s = kb.sources[obj.source]
                print(f"  kilde: {s.title}, {s.publisher} {s.year}, {s.url}")
            return 0
    known = [k for coll in collections.values() for k in coll]
    raise InputError(
        Problem("som-xl kb show", "", f"ukendt id; {suggest(ident, known)}", ident, True)
    )


def cmd_validate(args: argparse.Namespace) -> int:
    if args.file is None:
        kb = load_kb()
        counts = kb.status_counts()
        print(f"Vidensdatabasen er gyldig ({kb.path}, fingeraftryk {kb.fingerprint}).")
        print(
            f"  {len(kb.target_groups)} målgrupper, {len(kb.services)} ydelser, "
            f"{sum(len(c) for c in kb.consequences.values())} konsekvenser, "
            f"{len(kb.effects)} effekter, {len(kb.sources)} kilder"
        )
        print(
            f"  værdier: {counts['published']} offentliggjorte, {counts['derived']} afledte, "
            f"{counts['illustrative']} illustrative"
        )
        for line in kb_health(kb):
            print(f"  advarsel: {line}")
        return 0
    spec, lines = load_scenario(args.file)
    resolve(spec, load_kb, str(args.file), lines)
    print(f"Scenariet er gyldigt: {args.file}")
    return 0


def _keep_previous(path: Path) -> Path:
    """Move an existing file aside as NAME.forrige-N.xlsx (first free N); return the new name."""
    n = 1
    while True:
        keep = path.with_name(f"{path.stem}.forrige-{n}{path.suffix}")
        if not keep.exists():
            try:
                path.rename(keep)
            except OSError as exc:
                raise InputError(
                    Problem(
                        str(path),
                        "",
                        f"den eksisterende fil kan ikke gemmes som {keep.name} "
                        f"({exc.strerror}); intet er ændret",
                    )
                ) from None
            return keep
        n += 1


def cmd_build(args: argparse.Namespace) -> int:
    from ..workbook.build import build_workbook_bytes

    path = Path(args.out)
    if path.is_dir():
        raise InputError(Problem(str(path), "", "er en mappe; angiv et filnavn, fx SOM.xlsx"))
    data = build_workbook_bytes()
    stamp = path.with_name(f".{path.name}.sha256")  # the hash of our last build at this path
    if path.exists() and not args.overwrite:
        old = hashlib.sha256(path.read_bytes()).hexdigest()
        ours = stamp.read_text(encoding="ascii").strip() if stamp.exists() else None
        if old != ours and path.read_bytes() != data:
            # Changed since we built it (or not ours): never lose it, keep it under another name.
            kept = _keep_previous(path)
            print(f"Den eksisterende fil er gemt som {kept}")
    write_atomic(path, data)
    write_atomic(stamp, hashlib.sha256(data).hexdigest().encode("ascii"))
    print(f"Projektmappen er bygget: {path}")
    return 0


def cmd_read(args: argparse.Namespace) -> int:
    from ..workbook.read import read_workbook

    res = read_workbook(Path(args.workbook))
    result = calculate(res)
    if args.scenario_out:
        import yaml

        out = Path(args.scenario_out)
        if out.resolve() == Path(args.workbook).resolve():
            raise InputError(Problem(str(out), "", "må ikke overskrive projektmappen"))
        if out.exists() and not args.overwrite:
            raise InputError(
                Problem(
                    str(out), "", "filen findes allerede; vælg et andet navn eller brug --overskriv"
                )
            )
        text = yaml.safe_dump(res.to_scenario(), allow_unicode=True, sort_keys=False)
        write_atomic(out, text.encode("utf-8"))
    if args.json:
        _json(result.to_dict(), sys.stdout)
    else:
        _print_result(result, sys.stdout)
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="som-xl",
        description="Socialøkonomisk investeringsmodel (SØM): beregn, skøn og slå op i "
        "vidensdatabasen.",
    )
    p.add_argument("--version", action="version", version=f"som-xl {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    c = sub.add_parser("calc", help="beregn et scenarie (YAML/JSON)")
    c.add_argument("file", type=Path, metavar="FIL")
    c.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    c.set_defaults(func=cmd_calc)

    s = sub.add_parser("skoen", help="budgetøkonomisk skøn (hurtigt overslag)")
    s.add_argument("--maalgruppe", "--target-group", required=True, help="målgruppens id")
    s.add_argument("--deltagere", "--participants", type=float, required=True)
    s.add_argument(
        "--pris",
        "--cost-per-participant",
        type=float,
        required=True,
        help="omkostning pr. deltager i kr.",
    )
    s.add_argument(
        "--succesrate",
        "--success-rate",
        type=float,
        default=None,
        help="andel 0-1 (standard: vidensdatabasens effekt)",
    )
    s.add_argument("--indsats", "--intervention", default=None, help="effektens id")
    s.add_argument("--startaar", "--start-year", type=int, default=None)
    s.add_argument("--horisont", "--horizon", type=int, default=None)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_skoen)

    k = sub.add_parser("kb", help="vidensdatabasen: list, show, search")
    k.add_argument("action", choices=["list", "show", "search"])
    k.add_argument(
        "what",
        nargs="?",
        default=None,
        help="list: maalgrupper|ydelser|konsekvenser|effekter|kilder; show: id; search: ord",
    )
    k.set_defaults(func=cmd_kb)

    v = sub.add_parser("validate", help="tjek vidensdatabasen eller et scenarie")
    v.add_argument("file", type=Path, nargs="?", default=None, metavar="FIL")
    v.set_defaults(func=cmd_validate)

    b = sub.add_parser("build", help="byg Excel-projektmappen")
    b.add_argument("--out", default="workbooks/SOM.xlsx")
    b.add_argument(
        "--overskriv",
        "--overwrite",
        dest="overwrite",
        action="store_true",
        help="overskriv en eksisterende fil (ellers gemmes den som NAVN.forrige-N.xlsx)",
    )
    b.set_defaults(func=cmd_build)

    r = sub.add_parser("read", help="læs en udfyldt projektmappe og beregn den")
    r.add_argument("workbook", metavar="PROJEKTMAPPE")
    r.add_argument("--json", action="store_true")
    r.add_argument(
        "--scenario-out",
        default=None,
        metavar="FIL",
        help="gem scenariet (uden behov for vidensdatabasen) som YAML",
    )
    r.add_argument(
        "--overskriv",
        "--overwrite",
        dest="overwrite",
        action="store_true",
        help="overskriv filen i --scenario-out, hvis den findes",
    )
    r.set_defaults(func=cmd_read)
    return p


#: argparse's own texts in Danish (it looks them up through gettext's ``_`` at run time).
_ARGPARSE_DA = {
    "usage: ": "brug: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "the following arguments are required: %s": "disse argumenter mangler: %s",
    "invalid %(type)s value: %(value)r": "ugyldig værdi (skal være et tal): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ukendt valg: %(value)r (vælg mellem %(choices)s)"
    ),
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "expected one argument": "forventer én værdi",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydigt tilvalg: %(option)s kan betyde %(matches)s"
    ),
    "show this help message and exit": "vis denne hjælp og afslut",
    "show program's version number and exit": "vis versionen og afslut",
    "positional arguments": "argumenter",
    "options": "tilvalg",
}


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Build the parser and parse with argparse's own texts in Danish (restored afterwards)."""
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: _ARGPARSE_DA.get(text, original(text))  # type: ignore[attr-defined]
    try:
        return _parser().parse_args(argv)
    finally:
        argparse._ = original  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help/--version exit 0
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except InputError as exc:
        print(f"Fejl: {exc.text()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # pragma: no cover - the last guard against tracebacks
        if os.environ.get("SOM_XL_DEBUG"):
            raise
        print(
            f"Intern fejl i som-xl ({type(exc).__name__}: {exc}). Kør med SOM_XL_DEBUG=1 "
            "for detaljer, og meld fejlen til udviklerne.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
