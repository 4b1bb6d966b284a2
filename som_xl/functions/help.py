"""The Danish description and argument help of every Excel function, in one place.

Excel's function wizard (classic add-in) and the Office.js add-in (xlwings Server and Lite)
show these texts; the README and the example workbook list them. The registrations in
``udfs/som_udfs.py`` attach them to the functions, so the argument names here are the
functions' parameter names, in order.
"""

from __future__ import annotations

__all__ = ["HELP", "arguments", "description"]

#: Per function: the one-line description and (argument, description) pairs, in order.
HELP: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "SOM_PRIS": (
        "SØM: enhedsprisen for en ydelse for kommune, region, stat eller i alt, "
        "flyttet til et prisår.",
        (
            ("ydelse", 'Ydelsens id i vidensdatabasen, fx "forsorgshjem_doegn" (se SOM_YDELSER).'),
            ("aktoer", 'Aktøren: "kommune", "region", "stat" eller "i alt".'),
            ("prisaar", "Valgfri: prisåret prisen flyttes til; tom = vidensdatabasens prisniveau."),
        ),
    ),
    "SOM_MAALGRUPPER": (
        "SØM: vidensdatabasens målgrupper som tabel med overskrifter.",
        (),
    ),
    "SOM_YDELSER": (
        "SØM: vidensdatabasens ydelser og priser som tabel; valgfrit filtreret med søgeord.",
        (("soeg", 'Valgfri: søgeord, fx "psykiatri"; alle ord skal findes. Tom = alle.'),),
    ),
    "SOM_KONSEKVENSER": (
        "SØM: en målgruppes konsekvensprofiler (ændring i forbrug pr. succesfuld borger "
        "pr. år efter forløbet).",
        (("maalgruppe", 'Målgruppens id, fx "voksne_hjemloeshed" (se SOM_MAALGRUPPER).'),),
    ),
    "SOM_NUTIDSVAERDI": (
        "SØM: nutidsværdien af årlige beløb; første år diskonteres ikke (SØM's konvention).",
        (
            (
                "vaerdier",
                "Årlige beløb i én række eller kolonne; evt. med årstal i rækken/kolonnen før.",
            ),
            ("rente", 'Rente som andel, fx 0,035, eller "fm" for Finansministeriets forløb.'),
            (
                "startaar",
                "Valgfri, kun når værdierne har årstal: året der ikke diskonteres; "
                "tom = første år i værdierne.",
            ),
        ),
    ),
    "SOM_NETTORESULTAT": (
        "SØM: hele beregningen fra områder i arket; giver årstabellen, nøgletal, fordeling "
        "på aktører, udgiftsposter eller udvalg, tilbagebetaling pr. aktør og bemærkninger.",
        (
            (
                "indstillinger",
                "To kolonner navn/værdi: målgruppe, startår, horisont, prisår, "
                "diskonteringsrente, forløbsår, succesrate (eller indsats), navn; valgfrit "
                "også succesrate "
                "med/uden indsats, aftagning, optimisme omkostninger/gevinster, hale og "
                "halens fald.",
            ),
            (
                "deltagere",
                "Deltagere pr. startår: to kolonner (år, antal), to rækker (år over antal) "
                "eller én række antal fra startåret.",
            ),
            (
                "omkostninger",
                "Valgfri: tabel med overskrifter: år som kolonner (2025, 2026, …) eller "
                "betegnelse, type, beløb, år, aktør, udgiftspost.",
            ),
            (
                "konsekvenser",
                "Valgfri: erstatter målgruppens konsekvenser: ydelse og år 1, år 2, … "
                "(fx en redigeret kopi af SOM_KONSEKVENSER); evt. under forløb år 1, …, "
                "relativ år 1, …, udgangsforbrug, hale og halens fald.",
            ),
            (
                "ydelser",
                "Valgfri: egne ydelser eller lokale priser: ydelse, navn, enhed, retning, "
                "udgiftspost, prisår, kommune, region, stat.",
            ),
            (
                "visning",
                'Valgfri: "år" (standard), "år i alt", "nøgletal", "aktør", "aktør pr. år", '
                '"udgiftspost", "rækker", "tilbagebetaling", "udvalg", "udvalg pr. år", '
                '"budget", "bemærkning", "illustrativ andel" eller "advarsler".',
            ),
            (
                "udvalg",
                "Valgfri: to kolonner udgiftspost | udvalg; tom = vidensdatabasens udvalg.",
            ),
            (
                "realiseret",
                "Valgfri: realiserede år: år | deltagere | succeser | omkostninger; så er "
                "resultatet den nye prognose (se SOM_OPFOELGNING).",
            ),
            (
                "ressourcer",
                "Valgfri: omkostningsvurdering med overskrift: betegnelse | år | årsværk | "
                "årsløn | timer | timeløn | overhead | aktør | udgiftspost.",
            ),
        ),
    ),
    "SOM_UDVALG": (
        "SØM: kommunens resultat fordelt på udvalg (omkostninger, gevinster, netto, "
        "break-even-år og gevinst pr. kr.), i alt eller år for år.",
        (
            ("indstillinger", "Som i SOM_NETTORESULTAT."),
            ("deltagere", "Som i SOM_NETTORESULTAT: deltagere pr. startår."),
            ("omkostninger", "Valgfri: som i SOM_NETTORESULTAT."),
            ("konsekvenser", "Valgfri: som i SOM_NETTORESULTAT."),
            ("ydelser", "Valgfri: som i SOM_NETTORESULTAT."),
            (
                "udvalg",
                "Valgfri: to kolonner udgiftspost | udvalg; tom = vidensdatabasens udvalg.",
            ),
            (
                "visning",
                'Valgfri: "udvalg" (standard), "år" (netto pr. udvalg år for år) eller '
                '"budget" (budgetår og tre overslagsår pr. aktør og udvalg).',
            ),
        ),
    ),
    "SOM_OPFOELGNING": (
        "SØM: opfølgning: plan mod realiserede tal år for år, observeret succesrate og "
        "ny prognose.",
        (
            ("indstillinger", "Planen: som i SOM_NETTORESULTAT."),
            ("deltagere", "Planlagte deltagere pr. startår."),
            ("omkostninger", "Valgfri: planlagte omkostninger, som i SOM_NETTORESULTAT."),
            ("konsekvenser", "Valgfri: som i SOM_NETTORESULTAT."),
            ("ydelser", "Valgfri: som i SOM_NETTORESULTAT."),
            (
                "realiseret",
                "Realiserede år med overskrift: år | deltagere | succeser | omkostninger "
                "(kr.); tomme kolonner kan udelades.",
            ),
            (
                "visning",
                'Valgfri: "år" (standard: plan, realiseret og prognose år for år), '
                '"nøgletal" (plan mod ny prognose) eller "observeret succesrate".',
            ),
        ),
    ),
    "SOM_USIKKERHED": (
        "SØM: Monte Carlo over de usikre input: sandsynligheden for et positivt "
        "nettoresultat (nutidsværdi), middelværdien og fraktilerne.",
        (
            (
                "indstillinger",
                "Som i SOM_NETTORESULTAT: to kolonner navn/værdi (målgruppe, startår, "
                "horisont, prisår, diskonteringsrente, forløbsår, succesrate, navn).",
            ),
            ("deltagere", "Som i SOM_NETTORESULTAT: deltagere pr. startår."),
            ("omkostninger", "Valgfri: som i SOM_NETTORESULTAT."),
            ("konsekvenser", "Valgfri: som i SOM_NETTORESULTAT."),
            ("ydelser", "Valgfri: som i SOM_NETTORESULTAT."),
            (
                "usikkerhed",
                "Valgfri: pr. række input (succesrate, omkostninger, gevinster, ydelses id), "
                "fordeling (trekant, ligefordelt, normal, beta) og parametre; evt. rækker "
                "trækninger | antal og frø | tal (frø = seed). Tom = standardintervaller.",
            ),
            (
                "visning",
                'Valgfri: "nøgletal" (standard) eller "aktør" (én række pr. aktør og i alt).',
            ),
        ),
    ),
    "SOM_FOELSOMHED": (
        "SØM: tornado: hvert usikkert input ved sin 10 %- og 90 %-fraktil med de andre "
        "centrale, nettoresultatet ved hver, og skifteværdien (hvor nettoresultatet er 0).",
        (
            (
                "indstillinger",
                "Som i SOM_NETTORESULTAT: to kolonner navn/værdi (målgruppe, startår, "
                "horisont, prisår, diskonteringsrente, forløbsår, succesrate, navn).",
            ),
            ("deltagere", "Som i SOM_NETTORESULTAT: deltagere pr. startår."),
            ("omkostninger", "Valgfri: som i SOM_NETTORESULTAT."),
            ("konsekvenser", "Valgfri: som i SOM_NETTORESULTAT."),
            ("ydelser", "Valgfri: som i SOM_NETTORESULTAT."),
            (
                "usikkerhed",
                "Valgfri: pr. række input (succesrate, omkostninger, gevinster, ydelses id), "
                "fordeling (trekant, ligefordelt, normal, beta) og parametre; evt. rækker "
                "trækninger | antal og frø | tal (frø = seed). Tom = standardintervaller.",
            ),
        ),
    ),
    "SOM_SKOEN": (
        "SØM: budgetøkonomisk skøn ud fra målgruppe, antal deltagere og pris pr. deltager.",
        (
            ("maalgruppe", 'Målgruppens id, fx "voksne_hjemloeshed".'),
            ("deltagere", "Antal deltagere, der starter i startåret."),
            ("pris_pr_deltager", "Indsatsens pris pr. deltager i kr."),
            ("succesrate", "Valgfri: andel med succes, fx 0,2; tom = vidensdatabasens effekt."),
            ("indsats", "Valgfri: effektens id i vidensdatabasen, hvis succesraten hentes derfra."),
            ("visning", 'Valgfri: "nøgletal" (standard), "år" eller "ydelser".'),
            (
                "indstillinger",
                "Valgfri: to kolonner navn/værdi: startår, horisont, prisår, "
                "diskonteringsrente, forløbsår.",
            ),
        ),
    ),
    "SOM_INFO": (
        "SØM: version og vidensdatabasens fingeraftryk og værdiernes status.",
        (),
    ),
}


def description(name: str) -> str:
    """The one-line Danish description of an Excel function.

    Parameters
    ----------
    name : str
        The function's name, e.g. ``"SOM_PRIS"``.

    Returns
    -------
    str
        What Excel's function wizard shows under the function's name.

    Examples
    --------
    >>> description("SOM_INFO")
    'SØM: version og vidensdatabasens fingeraftryk og værdiernes status.'
    """
    return HELP[name][0]


def arguments(name: str) -> tuple[str, ...]:
    """The argument names of an Excel function, in order (its Python parameters).

    Parameters
    ----------
    name : str
        The function's name, e.g. ``"SOM_PRIS"``.

    Returns
    -------
    tuple of str
        The names Excel shows in the function wizard.

    Examples
    --------
    >>> arguments("SOM_PRIS")
    ('ydelse', 'aktoer', 'prisaar')
    """
    return tuple(arg for arg, _ in HELP[name][1])
