"""The field table's data: every scenario input with its bounds, Danish texts and aliases.

:mod:`som_xl.inputs.fields` is the API over it (field, parse, check, excel_validation, …);
the settled bounds and how each face uses the table are described there.
"""

from __future__ import annotations

from typing import Any, Final, Literal, get_args

from ..conventions import COST_BUDGET_ITEM, PURSES
from .rules import Field

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
    Field("intervention", "text", "Indsats",
          "Indsatsen fra vidensdatabasens effekter (fx 'cool_kids'): dens succesrate bruges, "
          "hvis scenariet ikke selv angiver 'success_rate', og dens 95 %-interval i "
          "usikkerhedsanalysens standard.", ("Indsats", "Effekt"), word="indsats"),
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
    Field("costs[].purse", "choice", "Aktør",
          "Hvem der betaler: kommune (standard), region eller stat.", ("Aktør", "Kasse"),
          choices=PURSES, words={p: (p.capitalize(),) for p in PURSES}, word="aktør",
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
          "Prisen pr. enhed i kr. for aktøren; fortegnet styres af retningen.", ("Pris",),
          lo=0, hi=MAX_AMOUNT, limit=MAX_AMOUNT, unit="kr.", word="pris", subject="prisen",
          hint="; fortegnet styres af 'direction'", too_low="prisen kan ikke være negativ",
          excel=("Lokal pris", "Pris pr. enhed i kr. (0 eller mere).",
                 f"Skriv en pris på 0 kr. eller mere (højst {_big(MAX_AMOUNT)} kr.).")),
    # --- scenario extensions (som-method §3.10-3.19): settings, columns and ranges -----------
    Field("drop_off", "share", "Aftagning (drop-off)",
          "Andelen, som gevinsterne efter forløbet falder med pr. år fra år 2 (SROI's "
          "drop-off), fx 0.1; 0 = ingen aftagning.",
          ("Aftagning", "Drop-off", "Aftagning (drop-off)", "Årlig aftagning"), lo=0, hi=1,
          unit="andel", word="aftagning", subject="aftagningen", example="0.10",
          hint="; skriv en andel mellem 0 og 1, fx 0.10 for 10 %",
          percent="aftagningen skal være en andel mellem {lo} og {hi}; {v} % skrives {share}"),
    Field("optimism_bias.costs", "share", "Optimisme-tillæg, omkostninger",
          "Tillæg til omkostningerne for optimisme (Green Book), som andel, fx 0.2 for 20 %; "
          "en sparet omkostning mindskes tilsvarende.",
          ("Optimisme omkostninger", "Optimisme-tillæg omkostninger",
           "Optimisme-tillæg, omkostninger", "Optimism bias omkostninger",
           "Tillæg til omkostninger"), lo=0, hi=10, unit="andel",
          subject="optimisme-tillægget", example="0.20",
          hint="; skriv en andel, fx 0.20 for 20 %",
          too_high="optimisme-tillægget skal være en andel mellem {lo} og {hi}, fx 0,2 for 20 %"),
    Field("optimism_bias.gains", "share", "Optimisme-fradrag, gevinster",
          "Fradrag i gevinsterne for optimisme, som andel mellem 0 og 1, fx 0.1 for 10 %; et "
          "tab øges tilsvarende.",
          ("Optimisme gevinster", "Optimisme-fradrag gevinster", "Optimisme-fradrag, gevinster",
           "Optimism bias gevinster",
           "Fradrag i gevinster"), lo=0, hi=1, unit="andel",
          subject="optimisme-fradraget", example="0.10",
          hint="; skriv en andel mellem 0 og 1, fx 0.10 for 10 %",
          percent="optimisme-fradraget skal være en andel mellem {lo} og {hi}; {v} % skrives "
                  "{share}"),
    Field("success_rate.with", "share", "Succesrate med indsatsen",
          "Andelen, der når succesmålet med indsatsen (brutto); nettoraten er denne minus "
          "succesraten uden indsatsen.",
          ("Succesrate med", "Succesrate med indsats", "Succesrate med indsatsen",
           "Brutto succesrate"), lo=0, hi=1,
          unit="andel", word="med indsatsen", subject="andelen", example="0.30",
          hint="; skriv en andel mellem 0 og 1, fx 0.30 for 30 %",
          percent="succesraten skal være en andel mellem {lo} og {hi}; {v} % skrives {share}"),
    Field("success_rate.without", "share", "Succesrate uden indsatsen",
          "Andelen, der ville nå succesmålet uden indsatsen (dødvægt).",
          ("Succesrate uden", "Succesrate uden indsats", "Succesrate uden indsatsen", "Dødvægt"),
          lo=0, hi=1,
          unit="andel", word="uden indsatsen", subject="andelen", example="0.05",
          hint="; skriv en andel mellem 0 og 1, fx 0.05 for 5 %",
          percent="succesraten skal være en andel mellem {lo} og {hi}; {v} % skrives {share}"),
    Field("consequence_tail", "choice", "Konsekvensernes hale",
          "Hvad konsekvenserne gør efter profilens sidste år: stop (0, standard), hold (sidste "
          "værdi hvert år) eller aftagende (falder med halens rate pr. år).",
          ("Hale", "Konsekvenshale", "Konsekvensernes hale"), choices=("stop", "hold", "decay"),
          words={"stop": ("stop", "ingen", "slut"), "hold": ("hold", "fasthold", "konstant"),
                 "decay": ("aftagende", "aftag", "fald", "faldende")}, word="hale"),
    Field("consequence_tail.rate", "share", "Halens fald pr. år",
          "Den andel, en aftagende hale falder med pr. år, fx 0.2.",
          ("Halens fald", "Halens fald pr. år", "Hale rate", "Halens rate", "Halens aftagning"),
          lo=0, lo_open=True,
          hi=1, unit="andel", subject="halens fald", example="0.20",
          hint="; skriv en andel over 0 og højst 1, fx 0.20 for 20 %",
          too_low="halens fald skal være en andel over 0 og højst 1, fx 0,2"),
    Field("consequences[].during_course[]", "float", "Under forløbet",
          "Ændringen i forbrug pr. deltager i hvert forløbsår (alle deltagere, ikke kun dem med "
          "succes).", ("Under forløb", "Under forløbet"), lo=-MAX_UNITS, hi=MAX_UNITS,
          limit=MAX_UNITS, unit="enheder", word="under forløbet",
          excel=("Under forløbet",
                 "Ændring i forbrug pr. deltager i forløbsåret (alle deltagere). Tom = "
                 "vidensdatabasens værdi.",
                 f"Skriv et tal mellem -{_big(MAX_UNITS)} og {_big(MAX_UNITS)}.")),
    Field("consequences[].relative[]", "float", "Relativ ændring",
          "Ændringen pr. borger med succes i hvert år efter forløbet som andel af "
          "udgangsforbruget, fx -0.5 for halvt så meget.", ("Relativ",), lo=-100, hi=100,
          unit="andel", word="relativ", subject="den relative ændring"),
    Field("baseline.<service>", "float", "Udgangsforbrug",
          "Det forbrug af ydelsen, en borger i målgruppen har pr. år før indsatsen (enheder).",
          ("Udgangsforbrug", "Forbrug før indsatsen"), lo=0, hi=MAX_UNITS, unit="enheder",
          word="udgangsforbrug", subject="udgangsforbruget",
          excel=("Eget udgangsforbrug",
                 "Forbrug af ydelsen pr. borger pr. år før indsatsen (enheder). Tom = "
                 "vidensdatabasens tal for målgruppen.",
                 f"Skriv et tal fra 0 til {_big(MAX_UNITS)}.")),
    Field("consequences[].tail", "choice", "Hale",
          "Hvad profilen gør efter sit sidste år: stop, hold eller aftagende; tom = scenariets.",
          ("Hale",), choices=("stop", "hold", "decay"),
          words={"stop": ("stop", "ingen", "slut"), "hold": ("hold", "fasthold", "konstant"),
                 "decay": ("aftagende", "aftag", "fald", "faldende")}, word="hale"),
    Field("consequences[].tail.rate", "share", "Halens fald pr. år",
          "Den andel, en aftagende hale falder med pr. år, fx 0.2.",
          ("Halens fald", "Halens fald pr. år", "Hale rate", "Halens rate"), lo=0, lo_open=True,
          hi=1, unit="andel",
          subject="halens fald", example="0.20",
          too_low="halens fald skal være en andel over 0 og højst 1, fx 0,2"),
    Field("committees.<budget_item>", "text", "Udvalg",
          "Det udvalg i kommunen, udgiftsposten hører under.", ("Udvalg",), word="udvalg",
          required_text=True),
    Field("realised.<year>.participants", "whole", "Realiserede deltagere",
          "Antal borgere, der faktisk startede et forløb i året.",
          ("Realiserede deltagere", "Startet"), lo=0, hi=MAX_PARTICIPANTS,
          limit=MAX_PARTICIPANTS, unit="personer", word="deltagere",
          subject="antallet af deltagere",
          too_low="antallet af deltagere kan ikke være negativt",
          not_whole="antallet af deltagere skal være et helt antal personer"),
    Field("realised.<year>.successes", "whole", "Succeser",
          "Antal deltagere, der nåede succesmålet (blandt forløb, der er afsluttet).",
          ("Succeser", "Antal succeser", "Med succes"), lo=0, hi=MAX_PARTICIPANTS,
          limit=MAX_PARTICIPANTS, unit="personer", word="succeser",
          subject="antallet af succeser",
          too_low="antallet af succeser kan ikke være negativt",
          not_whole="antallet af succeser skal være et helt antal personer"),
    Field("realised.<year>.costs", "float", "Realiserede omkostninger (kr.)",
          "Årets faktiske omkostninger i kr. i prisniveauet; de erstatter årets planlagte.",
          ("Omkostninger", "Realiserede omkostninger", "Realiserede omkostninger (kr.)", "Udgifter",
           "Beløb"), lo=-MAX_AMOUNT,
          hi=MAX_AMOUNT, limit=MAX_AMOUNT, unit="kr.", word="omkostninger",
          subject="beløbet"),
    # --- resources: the cost assessment (som-method §3.18) --------------------------------------
    Field("resources[].label", "text", "Betegnelse", "Hvad ressourcen er, fx 'Socialrådgiver'.",
          ("Betegnelse", "Ressource", "Navn", "Tekst"), word="betegnelse", required_text=True),
    _year("resources[].years[]", "År", "Årene, ressourcen bruges i (en årlig omkostning).",
          ("År",), word="år"),
    Field("resources[].fte", "float", "Årsværk",
          "Antal årsværk (fuldtidsstillinger) i hvert af årene; ganges med årslønnen.",
          ("Årsværk", "Antal årsværk", "FTE"), lo=0, hi=1e6, unit="årsværk", word="årsværk",
          subject="antallet af årsværk"),
    Field("resources[].annual_wage", "float", "Årsløn (kr.)",
          "Lønnen pr. årsværk i kr. i prisniveauet (eller i ressourcens prisår).",
          ("Årsløn", "Årsløn (kr.)"), lo=0, hi=1e9, unit="kr.", word="årsløn",
          subject="årslønnen"),
    Field("resources[].hours", "float", "Timer",
          "Antal timer i hvert af årene; ganges med timelønnen.", ("Timer", "Antal timer"),
          lo=0, hi=1e9, unit="timer", word="timer", subject="antallet af timer"),
    Field("resources[].hourly_wage", "float", "Timeløn (kr.)",
          "Lønnen pr. time i kr. i prisniveauet (eller i ressourcens prisår).",
          ("Timeløn", "Timeløn (kr.)"), lo=0, hi=1e7, unit="kr.", word="timeløn",
          subject="timelønnen"),
    Field("resources[].overhead", "share", "Overhead",
          "Tillæg for overhead som andel af lønnen, fx 0.15 for 15 %.",
          ("Overhead", "Overheadandel", "Overhead (andel)"), lo=0, hi=10, unit="andel",
          word="overhead", subject="overhead", example="0.15",
          hint="; skriv en andel, fx 0.15 for 15 %"),
    Field("resources[].purse", "choice", "Aktør",
          "Hvem der betaler: kommune (standard), region eller stat.", ("Aktør", "Kasse"),
          choices=PURSES, words={p: (p.capitalize(),) for p in PURSES}, word="aktør"),
    Field("resources[].budget_item", "text", "Udgiftspost",
          f"Udgiftsposten, ressourcen bogføres på; tom = '{COST_BUDGET_ITEM}'.",
          ("Udgiftspost",), word="udgiftspost"),
    _year("resources[].price_year", "Prisår",
          "Valgfrit: det år, lønnen er opgjort i; tom = prisniveauet.", ("Prisår",),
          word="prisår"),
    # --- price index and the keys of mappings ---------------------------------------------------
    Field("price_index.<year>", "float", "Prisindeks",
          "Scenariets eget prisindeks, én værdi pr. år; det erstatter vidensdatabasens.",
          lo=0, lo_open=True, subject="indekset", word="prisindeks"),
    _year("<year>", "År", "Et kalenderår (nøgle i deltagere og prisindeks)."),
    Field("<purse>", "choice", "Aktør", "Kommune, region eller stat.", choices=PURSES,
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
    "optimism_bias": "optimisme",
    "realised": "realiseret",
    "committees": "udvalg",
    "consequence_tail": "hale",
    "without": "uden indsatsen",
    "resources": "ressourcer",
    "gains": "gevinster",
}
for _f in FIELDS:
    _last = [s for s in _f.key.replace("[]", "").split(".") if not s.startswith("<")][-1:]
    if _f.word and _last:
        WORDS.setdefault(_last[0], _f.word)
