"""Loading the knowledge base: every file validated, then every reference between them.

:func:`load_kb` reads ``knowledge/`` once per process and folder, validates each file
strictly (:mod:`som_xl.kb.schema`), checks the references between files (units, budget
items, sources, target groups, price years) and reports every problem at once, each naming
the file, line, key and value. :func:`kb_health` lists what is valid but suspicious.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem, format_path, suggest
from ..files import LineMap, read_data_file
from ..validation import validate_model
from .schema import Cited, KnowledgeBase, Source

#: The optional files: the refusion rules and the edition (knowledge/README.md).
REFUSION_FILE = "refusion.yaml"
WAGES_FILE = "wages.yaml"
VERSION_FILE = "VERSION"
_VERSION = re.compile(r"^20\d\d\.(0[1-9]|1[0-2])(\.\d+)?$")

__all__ = ["kb_health", "knowledge_dir", "load_kb"]


def knowledge_dir() -> Path:
    """Where the knowledge files are: $SOM_XL_KNOWLEDGE, the installed package, or the repo.

    Returns
    -------
    Path
        ``$SOM_XL_KNOWLEDGE`` when set; else the ``knowledge`` folder installed with the
        package; else the repository's ``knowledge`` folder (an editable install).

    Examples
    --------
    >>> (knowledge_dir() / "services.yaml").is_file()
    True
    """
    env = os.environ.get("SOM_XL_KNOWLEDGE")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parents[1]  # som_xl/
    installed = package / "knowledge"
    if (installed / "services.yaml").exists():
        return installed
    return package.parent / "knowledge"


@lru_cache(maxsize=8)
def _load_cached(path: Path) -> KnowledgeBase:
    from .cache import cached_load  # on disk, keyed on the files' content (issue 9)

    return cached_load(path, _load)  # type: ignore[no-any-return]


def load_kb(path: Path | str | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base (cached: once per process and folder).

    Every file is validated strictly (unknown keys are errors), then the references between
    them (services, units, budget items, sources, target groups); all problems are reported
    together.

    Parameters
    ----------
    path : Path or str, optional
        The folder with the knowledge files; default :func:`knowledge_dir`.

    Returns
    -------
    KnowledgeBase
        The same object for the same folder for the rest of the process.

    Raises
    ------
    InputError
        If the folder is missing or a file or a reference is invalid (Danish problems with
        file and line).

    Examples
    --------
    >>> kb = load_kb()
    >>> kb.services["kontanthjaelp_uge"].unit, kb.services["kontanthjaelp_uge"].direction
    ('uge', 'expenditure')
    >>> load_kb() is kb
    True
    >>> load_kb("ingen/mappe")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: .../ingen/mappe: mappen med vidensdatabasen findes ikke
    """
    return _load_cached(Path(path).resolve() if path is not None else knowledge_dir().resolve())


class _Checks:
    """The problems found while loading, each naming file, line and key."""

    def __init__(self, root: Path, lines: dict[str, LineMap]) -> None:
        self.root = root
        self.lines = lines
        self.problems: list[Problem] = []

    def add(self, rel: str, path: list[str | int], message: str, value: object = None) -> None:
        line = self.lines[rel].line(path)
        where = f"{self.root / rel}, linje {line}" if line else str(self.root / rel)
        self.problems.append(Problem(where, format_path(path), message, value, True))

    def unique(self, rel: str, key: str, items: tuple[Any, ...]) -> dict[str, Any]:
        """Records by id; an id written twice is a problem."""
        out: dict[str, Any] = {}
        for i, item in enumerate(items):
            if item.id in out:
                self.add(rel, [key, i, "id"], "id'et findes allerede", item.id)
            out[item.id] = item
        return out

    def ref(
        self, rel: str, path: list[str | int], value: str, known: Mapping[str, Any], what: str
    ) -> None:
        """A reference to another record must name a known id."""
        if value not in known:
            self.add(rel, path, f"ukendt {what}; {suggest(value, known)}", value)

    def cite(
        self, rel: str, path: list[str | int], value: Cited, sources: Mapping[str, Source]
    ) -> None:
        """A value's source (and further sources) must be in the source registry."""
        self.ref(rel, [*path, "source"], value.source, sources, "kilde")
        for j, extra in enumerate(value.also):
            self.ref(rel, [*path, "also", j], extra, sources, "kilde")


def _parse_files(root: Path) -> tuple[dict[str, Any], dict[str, LineMap], str]:
    """Every file validated on its own: records, line maps and the fingerprint."""
    from .file_models import FILES, RefusionFile, SourcesFile, WagesFile  # the files as written

    if not root.is_dir():
        raise InputError(Problem(str(root), "", "mappen med vidensdatabasen findes ikke"))
    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    lines: dict[str, LineMap] = {}
    digest = hashlib.sha256()
    source_files = sorted((root / "sources").glob("*.yaml"))
    optional = [
        p for p in (root / REFUSION_FILE, root / WAGES_FILE, root / VERSION_FILE) if p.exists()
    ]
    version = root / VERSION_FILE
    if version.exists():
        # The edition is part of the fingerprint; it is read, not parsed as data.
        digest.update(VERSION_FILE.encode() + b"\0" + version.read_bytes() + b"\0")
        text = version.read_text(encoding="utf-8").strip()
        if not _VERSION.match(text):
            problems.append(
                Problem(
                    str(version),
                    "",
                    "versionen skal skrives som år.måned (kalenderversion), fx 2026.12 "
                    "eller 2026.12.1",
                    text,
                    True,
                )
            )
        parsed[VERSION_FILE] = text
    for path in [*(root / name for name in FILES), *source_files, *optional]:
        if path.name == VERSION_FILE:
            continue
        rel = path.relative_to(root).as_posix()
        if path.exists():
            digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
        if path.parent.name == "sources":
            model: type[Any] = SourcesFile
        elif path.name == REFUSION_FILE:
            model = RefusionFile
        elif path.name == WAGES_FILE:
            model = WagesFile
        else:
            model = FILES[path.name]
        try:
            data, linemap = read_data_file(path, what="vidensdatabasefilen")
        except InputError as exc:
            problems += exc.problems
            continue
        obj, errs = validate_model(model, data, str(path), linemap)
        problems += errs
        if obj is not None:
            parsed[rel] = obj
            lines[rel] = linemap
    if problems:
        raise InputError(problems)
    return parsed, lines, digest.hexdigest()[:16]


def _sources(parsed: dict[str, Any], checks: _Checks) -> dict[str, Source]:
    """The source registry from every file under sources/; an id only once."""
    sources: dict[str, Source] = {}
    for rel in sorted(r for r in parsed if r.startswith("sources/")):
        for i, src in enumerate(parsed[rel].sources):
            if src.id in sources:
                checks.add(rel, ["sources", i, "id"], "kilde-id'et findes allerede", src.id)
            sources[src.id] = src
    return sources


def _records(parsed: dict[str, Any], checks: _Checks, root: Path) -> KnowledgeBase:
    """The knowledge base from the parsed files (ids checked; references not yet)."""
    p = parsed
    return KnowledgeBase(
        sources=_sources(p, checks),
        units=checks.unique("units.yaml", "units", p["units.yaml"].units),
        budget_items=checks.unique(
            "budget_items.yaml", "budget_items", p["budget_items.yaml"].budget_items
        ),
        services=checks.unique("services.yaml", "services", p["services.yaml"].services),
        target_groups=checks.unique(
            "target_groups.yaml", "target_groups", p["target_groups.yaml"].target_groups
        ),
        consequences=dict(p["consequences.yaml"].consequences),
        effects=checks.unique("effects.yaml", "effects", p["effects.yaml"].effects),
        price_index=p["price_index.yaml"].price_index,
        discount_rates=checks.unique(
            "discount_rates.yaml", "discount_rates", p["discount_rates.yaml"].discount_rates
        ),
        defaults=p["defaults.yaml"].defaults,
        fingerprint="",
        path=root,
        version=p.get(VERSION_FILE, ""),
        refusion_rules=(
            checks.unique(REFUSION_FILE, "refusion_rules", p[REFUSION_FILE].refusion_rules)
            if REFUSION_FILE in p
            else {}
        ),
        wages=checks.unique(WAGES_FILE, "wages", p[WAGES_FILE].wages) if WAGES_FILE in p else {},
    )


def _check_services_and_groups(kb: KnowledgeBase, checks: _Checks) -> None:
    """Services name known units, budget items and sources; groups are cited and sane."""
    for i, s in enumerate(kb.services.values()):
        base: list[str | int] = ["services", i]
        checks.ref("services.yaml", [*base, "unit"], s.unit, kb.units, "enhed")
        checks.ref(
            "services.yaml", [*base, "budget_item"], s.budget_item, kb.budget_items, "udgiftspost"
        )
        checks.cite("services.yaml", base, s, kb.sources)
        if s.refusion is not None:
            path0: list[str | int] = [*base, "refusion", "rule"]
            checks.ref("services.yaml", path0, s.refusion.rule, kb.refusion_rules, "refusionsregel")
        if s.price_year not in kb.price_index.values:
            message = "prisåret findes ikke i prisindekset (price_index.yaml)"
            checks.add("services.yaml", [*base, "price_year"], message, s.price_year)
    for i, g in enumerate(kb.target_groups.values()):
        checks.cite("target_groups.yaml", ["target_groups", i], g, kb.sources)
        for sid, b in g.baseline.items():
            bpath: list[str | int] = ["target_groups", i, "baseline", sid]
            checks.ref("target_groups.yaml", bpath, sid, kb.services, "ydelse")
            checks.cite("target_groups.yaml", bpath, b, kb.sources)
        if g.age_max is not None and g.age_max < g.age_min:
            path: list[str | int] = ["target_groups", i, "age_max"]
            checks.add("target_groups.yaml", path, "age_max er mindre end age_min", g.age_max)


def _check_consequences(kb: KnowledgeBase, checks: _Checks) -> None:
    """Each group's consequences: known group and service, one profile per service, cited."""
    rel = "consequences.yaml"
    for gid, cons in kb.consequences.items():
        checks.ref(rel, ["consequences", gid], gid, kb.target_groups, "målgruppe")
        seen: set[str] = set()
        for i, c in enumerate(cons):
            base: list[str | int] = ["consequences", gid, i]
            checks.ref(rel, [*base, "service"], c.service, kb.services, "ydelse")
            if c.service in seen:
                message = "ydelsen står to gange for målgruppen"
                checks.add(rel, [*base, "service"], message, c.service)
            seen.add(c.service)
            checks.cite(rel, base, c, kb.sources)
    for gid in kb.target_groups:
        if gid not in kb.consequences:
            line = checks.lines[rel].line(["consequences"])
            where = f"{checks.root / rel}, linje {line}" if line else str(checks.root / rel)
            checks.problems.append(
                Problem(where, f"consequences.{gid}", "målgruppen har ingen konsekvenser")
            )


def _check_the_rest(kb: KnowledgeBase, checks: _Checks) -> None:
    """Effects, the price index, discount schedules and the defaults."""
    for i, e in enumerate(kb.effects.values()):
        if e.target_group is not None:
            path: list[str | int] = ["effects", i, "target_group"]
            checks.ref("effects.yaml", path, e.target_group, kb.target_groups, "målgruppe")
        checks.cite("effects.yaml", ["effects", i], e, kb.sources)
        if e.range_source is not None:
            rpath: list[str | int] = ["effects", i, "range_source"]
            checks.ref("effects.yaml", rpath, e.range_source, kb.sources, "kilde")
    checks.cite("price_index.yaml", ["price_index"], kb.price_index, kb.sources)
    for i, schedule in enumerate(kb.discount_rates.values()):
        checks.cite("discount_rates.yaml", ["discount_rates", i], schedule, kb.sources)
    for i, rule in enumerate(kb.refusion_rules.values()):
        checks.cite(REFUSION_FILE, ["refusion_rules", i], rule, kb.sources)
        for j, period in enumerate(rule.periods):
            if period.source is not None:
                ppath: list[str | int] = ["refusion_rules", i, "periods", j, "source"]
                checks.ref(REFUSION_FILE, ppath, period.source, kb.sources, "kilde")
    for i, wage in enumerate(kb.wages.values()):
        checks.cite(WAGES_FILE, ["wages", i], wage, kb.sources)
        if wage.price_year not in kb.price_index.values:
            message = "lønnens prisår findes ikke i prisindekset (price_index.yaml)"
            checks.add(WAGES_FILE, ["wages", i, "price_year"], message, wage.price_year)
    d = kb.defaults
    if d.price_year not in kb.price_index.values:
        message = "prisåret findes ikke i prisindekset"
        checks.add("defaults.yaml", ["defaults", "price_year"], message, d.price_year)
    if isinstance(d.discount_rate, str) and d.discount_rate not in kb.discount_rates:
        message = f"ukendt renteforløb; {suggest(d.discount_rate, kb.discount_rates)}"
        checks.add("defaults.yaml", ["defaults", "discount_rate"], message, d.discount_rate)


def _load(root: Path) -> KnowledgeBase:
    """Parse every file, build the records, check the references; all problems at once."""
    parsed, lines, fingerprint = _parse_files(root)
    checks = _Checks(root, lines)
    kb = _records(parsed, checks, root)
    _check_services_and_groups(kb, checks)
    _check_consequences(kb, checks)
    _check_the_rest(kb, checks)
    if checks.problems:
        raise InputError(checks.problems)
    return replace(kb, fingerprint=fingerprint)


def kb_health(kb: KnowledgeBase) -> list[str]:
    """Whole-model health: unused sources, units and budget items (Danish, one per line).

    These are warnings (``som-xl validate`` prints them), not errors: the knowledge base
    loads either way.

    Parameters
    ----------
    kb : KnowledgeBase

    Returns
    -------
    list of str
        One Danish line per unused source, unit or budget item and per service no target
        group's consequences use; empty when all is used.

    Examples
    --------
    >>> kb_health(load_kb())
    []
    >>> kb_health(load_kb("tests/fixtures/kb"))[:2]
    ["enheden 'time' bruges ikke", "enheden 'maaned' bruges ikke"]
    """
    used_sources: set[str] = set()
    for _, value in kb.cited_values():
        used_sources.add(value.source)
        used_sources.update(value.also)
    used_sources.update(e.range_source for e in kb.effects.values() if e.range_source)
    for rule in kb.refusion_rules.values():
        used_sources.update(p.source for p in rule.periods if p.source)
    out = [f"kilden '{s}' bruges ikke" for s in kb.sources if s not in used_sources]
    used_units = {s.unit for s in kb.services.values()}
    out += [f"enheden '{u}' bruges ikke" for u in kb.units if u not in used_units]
    used_items = {s.budget_item for s in kb.services.values()} | {"indsats"}
    out += [f"udgiftsposten '{b}' bruges ikke" for b in kb.budget_items if b not in used_items]
    used_services = {c.service for cons in kb.consequences.values() for c in cons}
    out += [
        f"ydelsen '{s}' indgår ikke i nogen målgruppes konsekvenser"
        for s in kb.services
        if s not in used_services
    ]
    return out
