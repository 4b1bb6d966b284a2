"""The knowledge base as tables and prices: SOM_PRIS, SOM_MAALGRUPPER, SOM_YDELSER,
SOM_KONSEKVENSER and SOM_INFO."""

from __future__ import annotations

from som_xl._version import __version__
from som_xl.conventions import DIRECTION_LABELS, PURSES, STATUS_LABELS
from som_xl.inputs import parse_scenario, resolve

from .cells import Cell, fail, fold, scalar
from .fieldcells import year
from .lookup import knowledge, lookup, purse_key
from .places import origins
from .views import Table
from .vocabulary import AREA_LABELS, GROUP_HEADERS, SERVICE_HEADERS, TOTAL

__all__ = ["consequences_table", "info_table", "price", "services_table", "target_groups_table"]


def price(ydelse: Cell, aktoer: Cell, prisaar: Cell = None) -> float:
    """A service's unit price for a purse, moved to a price year (SOM_PRIS).

    The price goes through the engine's own resolution (a one-service scenario), so it is
    the price every calculation uses.

    Parameters
    ----------
    ydelse : Cell
        The service's id or Danish label.
    aktoer : Cell
        The purse (aktør): "kommune", "region", "stat" or "i alt".
    prisaar : Cell, optional
        The price year; empty: the knowledge base's price level.

    Returns
    -------
    float
        Kr. per unit.

    Examples
    --------
    >>> kommune = price("forsorgshjem_doegn", "kommune")
    >>> price("forsorgshjem_doegn", "i alt") >= kommune > 0
    True
    """
    kb = knowledge()
    sid = lookup(scalar(ydelse, "ydelse"), kb.services, lambda s: s.label, "ydelse", "ydelse")
    purse = purse_key(aktoer, "aktoer", allow_total=True)
    given = scalar(prisaar, "prisaar")
    price_year = kb.defaults.price_year if given is None else year(given, "prisaar")
    if price_year not in kb.price_index.values:
        years = sorted(kb.price_index.values)
        raise fail(
            "prisaar",
            f"prisindekset har ikke året; kendte år: {years[0]}-{years[-1]}",
            price_year,
            True,
        )
    data = {
        "name": "SOM_PRIS",
        "start_year": kb.defaults.start_year,
        "horizon_years": 1,
        "price_year": price_year,
        "discount_rate": 0.0,
        "participants": {kb.defaults.start_year: 0},
        "success_rate": 0.0,
        "consequences": [{"service": sid, "profile": [0]}],
    }
    named = origins("SOM_PRIS", {("price_year",): "prisaar", ("consequences", 0): "ydelse"})
    resolved = resolve(
        parse_scenario(data, "SOM_PRIS", origins=named), kb, "SOM_PRIS", origins=named
    )
    prices = resolved.services[sid].prices
    return float(sum(prices)) if purse == TOTAL else float(prices[PURSES.index(purse)])


def target_groups_table() -> Table:
    """The knowledge base's target groups (SOM_MAALGRUPPER).

    Returns
    -------
    Table
        :data:`~.vocabulary.GROUP_HEADERS`, then one row per target group.

    Examples
    --------
    >>> target_groups_table()[0]
    ['målgruppe', 'navn', 'område', 'alder fra', 'alder til', 'succesmål', 'status']
    """
    kb = knowledge()
    rows: Table = [list(GROUP_HEADERS)]
    for g in kb.target_groups.values():
        rows.append(
            [
                g.id,
                g.label,
                AREA_LABELS.get(g.area, g.area),
                g.age_min,
                g.age_max if g.age_max is not None else "",
                g.success_measure,
                STATUS_LABELS[g.status],
            ]
        )
    return rows


def services_table(soeg: Cell = None) -> Table:
    """The knowledge base's services and prices, optionally filtered (SOM_YDELSER).

    Parameters
    ----------
    soeg : Cell, optional
        Search words; all must occur in the id, name, unit, budget item or description
        (case and æ/ø/å ignored).

    Returns
    -------
    Table
        :data:`~.vocabulary.SERVICE_HEADERS`, then one row per service; one line saying
        so when nothing matches.

    Examples
    --------
    >>> all(row[0] for row in services_table("døgn")[1:])
    True
    >>> services_table("zzz qqq")[1][0]
    "ingen ydelser matcher 'zzz qqq'"
    """
    kb = knowledge()
    query = scalar(soeg, "soeg")
    words = fold(str(query)).split() if query is not None else []
    rows: Table = [list(SERVICE_HEADERS)]
    for s in kb.services.values():
        item = kb.budget_items[s.budget_item].label
        unit = kb.units[s.unit].label
        haystack = fold(" ".join([s.id, s.label, unit, item, s.description or ""]))
        if not all(w in haystack for w in words):
            continue
        rows.append(
            [
                s.id,
                s.label,
                unit,
                DIRECTION_LABELS[s.direction],
                item,
                s.price_year,
                *s.prices.as_tuple(),
                STATUS_LABELS[s.status],
            ]
        )
    if len(rows) == 1:
        rows.append([f"ingen ydelser matcher '{query}'"] + [""] * (len(SERVICE_HEADERS) - 1))
    return rows


def consequences_table(maalgruppe: Cell) -> Table:
    """A target group's consequence profiles (SOM_KONSEKVENSER).

    Parameters
    ----------
    maalgruppe : Cell
        The target group's id or Danish label.

    Returns
    -------
    Table
        ydelse, navn, enhed, retning, udgiftspost, status, år 1 … år K (change in use per
        successful citizen per year after the course); SOM_NETTORESULTAT reads it back.

    Examples
    --------
    >>> consequences_table("voksne_hjemloeshed")[0][:7]
    ['ydelse', 'navn', 'enhed', 'retning', 'udgiftspost', 'status', 'år 1']
    """
    kb = knowledge()
    gid = lookup(
        scalar(maalgruppe, "maalgruppe"),
        kb.target_groups,
        lambda g: g.label,
        "maalgruppe",
        "målgruppe",
    )
    cons = kb.consequences.get(gid, ())
    width = max((len(c.profile) for c in cons), default=1)
    rows: Table = [
        ["ydelse", "navn", "enhed", "retning", "udgiftspost", "status"]
        + [f"år {k}" for k in range(1, width + 1)]
    ]
    for c in cons:
        s = kb.services[c.service]
        rows.append(
            [
                s.id,
                s.label,
                kb.units[s.unit].label,
                DIRECTION_LABELS[s.direction],
                kb.budget_items[s.budget_item].label,
                STATUS_LABELS[c.status],
                *c.profile,
            ]
            + [""] * (width - len(c.profile))
        )
    return rows


def info_table(xlwings_version: str = "") -> Table:
    """Versions, the knowledge base's fingerprint and how many values have each status.

    Parameters
    ----------
    xlwings_version : str, optional
        The running xlwings' version (the registrations know it; this package does not
        import xlwings).

    Returns
    -------
    Table
        Two columns, "oplysning" | "værdi" (SOM_INFO).

    Examples
    --------
    >>> info_table("0.37.8")[2]
    ['xlwings version', '0.37.8']
    """
    kb = knowledge()
    counts = kb.status_counts()
    return [
        ["oplysning", "værdi"],
        ["som-xl version", __version__],
        ["xlwings version", xlwings_version],
        ["Vidensdatabasens fingeraftryk", kb.fingerprint],
        ["Vidensdatabasens version", kb.version or "ikke angivet"],
        ["Prisniveau (standard)", kb.defaults.price_year],
        ["Målgrupper", len(kb.target_groups)],
        ["Ydelser", len(kb.services)],
        *[[f"Værdier: {STATUS_LABELS[s]}", n] for s, n in counts.items()],
    ]
