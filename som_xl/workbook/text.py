"""Every Danish text a user reads in the workbook and in the reader's messages, in one place.

The builder (:mod:`som_xl.workbook`), the layout (:mod:`som_xl.workbook_layout`) and the
reader (:mod:`som_xl.read`) take their sheet names, labels, dropdown values, help texts,
validation messages and error messages from here.
"""

from __future__ import annotations

from typing import Final

from ..conventions import DIRECTION_LABELS, PURSE_LABELS, STATUS_LABELS
from ..present.da import EVIDENCE_LEVELS as EVIDENCE_LEVELS  # one text on every face
from ..present.da import KEY_FIGURES as _KEY_FIGURES

# --- sheet names (order = the order a user works in) -----------------------------------------

FORSIDE: Final = "Forside"
INDSTILLINGER: Final = "Indstillinger"
#: Where a problem is when no cell names it (the workbook as a whole).
WORKBOOK_PLACE: Final = "projektmappen"
#: How the resolver's messages name parts of a scenario in the workbook.
WORKBOOK_PARTS: Final[dict[str, str | None]] = {
    "services": "egne ydelser på arket Priser",
    "consequences": "egne værdier på arket Konsekvenser",
    "price_index": None,
}
INDSATS: Final = "Indsats og målgruppe"
OMKOSTNINGER: Final = "Omkostninger"
OMKOSTNINGSVURDERING: Final = "Omkostningsvurdering"
OPFOELGNING: Final = "Opfølgning"
#: Optional (an older workbook has none): named variants of the scenario beside it.
VARIANTER: Final = "Varianter"
EKSEMPLER: Final = "Eksempler"
#: The scenario's name where Indstillinger gives none (the base case's label on Varianter).
SCENARIO_DEFAULT_NAME: Final = "Scenarie"
#: Varianter: the problems of a variant row (the sheet's live messages and the reader's).
VAR_MSG_NAME: Final = "Skriv et navn til varianten (eller slet succesraten)."
VAR_MSG_RATE: Final = "Skriv netto-succesraten som et tal mellem 0 og 1 (fx 0,25 for 25 %)."
VAR_MSG_TWICE: Final = "To varianter har samme navn; giv hver sit navn."
VAR_MSG_BASE: Final = "Navnet er scenariets eget navn (basis); vælg et andet."
KONSEKVENSER: Final = "Konsekvenser"
PRISER: Final = "Priser"
BEREGNING: Final = "Beregning"
RESULTAT: Final = "Resultat"
UDVALG: Final = "Udvalg"
KONTROL: Final = "Kontrol"
SKOEN: Final = "Hurtigt skøn"
FORUDSAETNINGER: Final = "Forudsætninger"
VD_MAALGRUPPER: Final = "VD Målgrupper"
VD_YDELSER: Final = "VD Ydelser og priser"
VD_KONSEKVENSER: Final = "VD Konsekvenser"
#: VD Konsekvenser's column: the first profile year that is an illustrative assumption.
VD_ASSUMED_FROM: Final = "Antaget fra år"
VD_UDGANGSFORBRUG: Final = "VD Udgangsforbrug"
VD_EFFEKTER: Final = "VD Effekter"
VD_KILDER: Final = "VD Kilder"
VD_INDEKS: Final = "VD Indeks og renter"
LISTER: Final = "Lister"

SHEETS: Final = (
    FORSIDE,
    INDSTILLINGER,
    INDSATS,
    OMKOSTNINGER,
    OMKOSTNINGSVURDERING,
    KONSEKVENSER,
    PRISER,
    BEREGNING,
    RESULTAT,
    OPFOELGNING,
    UDVALG,
    SKOEN,
    FORUDSAETNINGER,
    KONTROL,
    VD_MAALGRUPPER,
    VD_YDELSER,
    VD_KONSEKVENSER,
    VD_UDGANGSFORBRUG,
    VD_EFFEKTER,
    VD_KILDER,
    VD_INDEKS,
    LISTER,
)

# --- dropdown values ----------------------------------------------------------------------

JA: Final = "Ja"
NEJ: Final = "Nej"
FAST_RENTE: Final = "Fast rente (angiv nedenfor)"
INGEN_INDSATS: Final = "(ingen valgt)"
ART_OPSTART: Final = "Opstart"
ART_DRIFT: Final = "Drift"
ART_ANDEN: Final = "Anden omkostning"
ART_SPARET: Final = "Sparet omkostning"
COST_KINDS: Final = (ART_OPSTART, ART_DRIFT, ART_ANDEN, ART_SPARET)
PURSE_NAMES: Final = tuple(PURSE_LABELS.values())  # Kommune, Region, Stat
DIRECTION_NAMES: Final = tuple(DIRECTION_LABELS.values())  # udgift, indtægt
STATUS_NAMES: Final = dict(STATUS_LABELS)  # published -> offentliggjort, ...
LOKAL: Final = "lokal"
EGEN: Final = "egen"
ROW_KB: Final = "Vidensdatabasen"
ROW_OWN: Final = "Egen værdi"
ROW_USED: Final = "Anvendt"
OWN_CONSEQUENCE_KB_ROW: Final = "(egen konsekvens)"
KIND_UNITS: Final = "Enheder ved 100 % succes"
KIND_UNITS_DURING: Final = "Enheder under forløb"
KIND_GAIN: Final = "Gevinst"
KIND_COST: Final = "Omkostning"
EMPTY_ROW: Final = "(tom række)"
OWN_SERVICES_HEADER: Final = "Egne ydelser"

# --- results shown as text ----------------------------------------------------------------

NO_BREAK_EVEN: Final = "Ikke inden for horisonten"
NO_BREAK_EVEN_RATE: Final = "Ingen (gevinsterne er ikke positive)"
NO_BCR: Final = "Ingen (omkostningerne er ikke positive)"
NO_SUCCESS_RATE: Final = "Angiv en succesrate"
VERDICT_POSITIVE: Final = (
    "Indsatsen giver et positivt nettoresultat for den offentlige sektor "
    "inden for horisonten (nutidsværdi)."
)
VERDICT_NEGATIVE: Final = (
    "Indsatsen giver et negativt nettoresultat for den offentlige sektor "
    "inden for horisonten (nutidsværdi)."
)
OUTSIDE_HORIZON: Final = "Uden for horisonten: tæller ikke med"
PROVENANCE_SENTENCE: Final = (
    " % af gevinsternes nutidsværdi bygger på illustrative værdier i vidensdatabasen, ikke på "
    "offentliggjorte tal. Erstat dem med lokale eller officielle tal, før resultatet bruges."
)
PROVENANCE_PREFIX: Final = "Bemærk: "
OTHER_GROUP_WARNING: Final = "Bemærk: effektstudiet er lavet for en anden målgruppe end den valgte."

# --- titles and intros --------------------------------------------------------------------

TITLE: Final = "SØM – Socialøkonomisk investeringsmodel"
SUBTITLE: Final = (
    "Budgetøkonomisk beregning af en social indsats: indsatsens omkostninger over for de "
    "ændringer i offentlige udgifter og indtægter, der følger, når borgere får succes. "
    "Åben genopbygning (som-xl); beregner i Excel uden makroer og uden Python."
)

FORSIDE_DOES: Final = (
    "Hvad modellen gør",
    (
        "Beregner år for år det budgetøkonomiske nettoresultat for den offentlige sektor "
        "af en konkret indsats: omkostninger over for ændrede udgifter og indtægter.",
        "Fordeler resultatet på kommune, region og stat og på udgifts- og indtægtsposter.",
        "Bygger på vidensdatabasens målgrupper, konsekvenser (ændret forbrug af offentlige "
        "ydelser pr. borger med succes) og priser, som I kan erstatte med lokale tal.",
        "Viser nutidsværdi, break-even-år (tilbagebetaling), break-even-succesrate og "
        "gevinst pr. omkostningskrone.",
    ),
)
FORSIDE_DOES_NOT: Final = (
    "Hvad modellen ikke gør",
    (
        "Den er en budgetmodel, ikke en samfundsøkonomisk model: livskvalitet, trivsel og "
        "produktivitet uden for de offentlige budgetter er ikke med.",
        "Konsekvenserne er registerbaserede sammenhænge, ikke årsagsvirkninger af netop "
        "jeres indsats. Succesraten skal være netto, dvs. efter dem der ville have klaret "
        "sig alligevel (dødvægt).",
        "Den træffer ikke beslutningen: resultatet er ét bidrag ved siden af faglige og "
        "menneskelige hensyn.",
    ),
)
FORSIDE_STEPS: Final = (
    "Sådan gør I – trin for trin",
    (
        f"1. {INDSTILLINGER}: startår, tidshorisont (op til 50 år), prisniveau, "
        "diskontering og forløbets længde.",
        f"2. {INDSATS}: vælg målgruppe og evt. indsats (med vidensdatabasens succesrate "
        "som forslag), angiv deltagere pr. år og succesrate.",
        f"3. {OMKOSTNINGER}: opstart, drift, beløb pr. deltager og sparede omkostninger, "
        f"hver med aktør og udgiftspost. Personale kan bygges op på arket {OMKOSTNINGSVURDERING} "
        "(årsværk eller timer × løn + overhead).",
        f"4. {KONSEKVENSER}: målgruppens konsekvenser vises automatisk. Ret en værdi i "
        "rækken 'Egen værdi', slå en konsekvens fra, eller tilføj egne konsekvenser.",
        f"5. {PRISER}: vidensdatabasens priser står ved siden af felter til lokale priser. "
        "En udfyldt lokal pris bruges i stedet for den nationale.",
        f"6. {RESULTAT}: nettoresultatet år for år, fordelt på aktør og post, med figurer. "
        f"{BEREGNING} viser hele udregningen, så den kan følges i hånden.",
        f"7. {FORUDSAETNINGER}: dokumentér jeres valg og datagrundlag.",
        f"{SKOEN}: et hurtigt første overslag på ét ark.",
        f"{OPFOELGNING}: skriv de realiserede tal (fx hvert halve år) og se planen ved siden "
        "af den nye prognose.",
        "Usikkerhed: hvor sikkert er resultatet? Intervaller for succesrate, omkostninger og "
        "gevinster, tornado og skifteværdier, og chancen for et positivt nettoresultat.",
        f"{UDVALG}: kommunens resultat fordelt på udvalg, med break-even-år pr. udvalg.",
        f"{EKSEMPLER}: sager fra SØMs erfaringsdatabase regnet med som-xl, til sammenligning.",
    ),
)
FORSIDE_COLOURS: Final = (
    "Farver og beskyttelse",
    (
        "Gule felter er input: dem må I ændre. Hvide og grå felter er formler.",
        "Arkene er beskyttet uden adgangskode, så formlerne ikke slettes ved et uheld "
        "(Gennemse > Fjern arkbeskyttelse).",
        "Orange markerer illustrative værdier: de er ikke offentliggjorte tal og bør "
        "erstattes med lokale eller officielle tal.",
    ),
)
FORSIDE_EXAMPLE: Final = (
    "Projektmappen er udfyldt med et eksempel (deltagere, omkostninger og succesrate). "
    "Erstat eksemplets tal i de gule felter med jeres egne."
)
FORSIDE_STATUS_HEADER: Final = "Vidensdatabasens datastatus"
FORSIDE_STATUS_ROWS: Final = (
    ("published", "Offentliggjorte værdier (står i kilden)"),
    ("derived", "Afledte værdier (udregnet af offentliggjorte tal)"),
    ("illustrative", "Illustrative værdier (ikke offentliggjort; bør erstattes)"),
)
FORSIDE_STATUS_TOTAL: Final = "I alt"
FORSIDE_STATUS_NOTE: Final = (
    "Tællingen dækker værdierne på VD-arkene; 'som-xl validate' tæller også grundforbrug, "
    "refusionsregler og lønninger og giver derfor større tal."
)
FORSIDE_VERSION: Final = "som-xl version"
FORSIDE_FINGERPRINT: Final = "Vidensdatabasens fingeraftryk"
FORSIDE_KB_VERSION: Final = "Vidensdatabasens udgave"
FORSIDE_REPORT: Final = (
    "Rapport til udvalget: gem projektmappen, og kør  som-xl rapport SOM.xlsx --out rapport.pdf  "
    "(eller --out rapport.html). Med --kort bliver det en sagsfremstilling på én side; med "
    "--standard får resultatet et standardinterval for usikkerheden. Arket Resultat kan også "
    "udskrives direkte som et resumé på én side."
)
FORSIDE_NAMES: Final = (
    "Navne til egne regneark: fx =som.nettoresultat_nv eller =som.succesrate "
    "(se Formler > Navnestyring)."
)

SETTINGS_TITLE: Final = "Indstillinger"
SETTINGS_INTRO: Final = (
    "Grundlæggende valg for beregningen. Alle beløb regnes i faste priser i det valgte "
    "prisniveau; startåret diskonteres ikke."
)
SETTINGS_INPUTS: Final = {
    "navn": ("Scenariets navn", "Et navn, der står på resultatet."),
    "startaar": ("Startår", "Det første år i beregningen (år 0, diskonteres ikke)."),
    "horisont": ("Tidshorisont (år)", "Antal år i beregningen, 1-50."),
    "slutaar": ("Sidste år i beregningen", "Udregnet: startår + horisont - 1."),
    "prisaar": (
        "Prisniveau (prisår)",
        "Alle priser og beløb omregnes til dette års prisniveau med prisindekset.",
    ),
    "prisindeks": ("Prisindeks for prisniveauet", "Fra arket " + VD_INDEKS + "."),
    "diskontering": (
        "Diskontering",
        "Finansministeriets kalkulationsrente (3,5 % år 1-35, 2,5 % år 36-70, derefter "
        "1,5 %) eller en fast rente.",
    ),
    "diskonteringsrente": (
        "Fast diskonteringsrente",
        "Bruges kun, når 'Fast rente' er valgt ovenfor. Skrives i procent, fx 3,5 %.",
    ),
    "forloebsaar": (
        "Forløbets længde (år)",
        "Et forløb, der starter i år c, slutter i år c + længde - 1. Konsekvenserne "
        "regnes fra året efter.",
    ),
    "hale": (
        "Hale efter profilen (standard)",
        "Hvad en konsekvens gør efter profilens sidste år, når hverken vidensdatabasen eller "
        "en egen værdi på arket Konsekvenser siger det: Stop (0), Fasthold (sidste års værdi) "
        "eller Aftag (sidste års værdi falder med aftagsraten hvert år).",
    ),
    "halerate": (
        "Aftagsrate pr. år (standard)",
        "Bruges kun med Aftag: andelen, konsekvensen falder med pr. år, fx 20 %.",
    ),
    "frafald": (
        "Frafald pr. år (drop-off)",
        "Valgfrit (SROI): hvert års konsekvens efter forløbet ganges med (1 - frafald)^(k - 1), "
        "k = år efter forløbet, efter halen. Rører ikke konsekvenserne under forløbet. Tom = 0.",
    ),
    "doedvaegt": (
        "Succesrate uden indsatsen (dødvægt)",
        "Valgfrit: andelen, der ville nå succesmålet uden indsatsen. Er den udfyldt, er "
        "succesraten på arket Indsats og målgruppe den brutto succesrate med indsatsen, og "
        "beregningen bruger forskellen (netto). Tom = succesraten er allerede netto.",
    ),
    "succesrate_netto": (
        "Netto succesrate (brugt i beregningen)",
        "Udregnet: succesraten med indsatsen minus succesraten uden.",
    ),
    "optimisme_omk": (
        "Optimismetillæg, omkostninger",
        "Valgfrit (Green Book): hver omkostning ganges med (1 + tillæg), en sparet omkostning "
        "med (1 - tillæg). Tom = 0.",
    ),
    "optimisme_gev": (
        "Optimismefradrag, gevinster",
        "Valgfrit: hver gevinst (pr. konsekvens, år og aktør) ganges med (1 - fradrag), et "
        "tab med (1 + fradrag). Break-even-succesraten regnes på de justerede tal. Tom = 0.",
    ),
}

INDSATS_TITLE: Final = "Indsats og målgruppe"
INDSATS_INTRO: Final = (
    "Vælg målgruppen (den bestemmer konsekvenserne) og evt. den indsats, I bygger på. "
    "Angiv derefter succesraten og antallet af nye deltagere pr. år."
)
INDSATS_GROUP_HEADER: Final = "Målgruppe"
INDSATS_GROUP_ROWS: Final = (
    "Målgruppe",
    "Målgruppens id",
    "Område",
    "Alder",
    "Registerdefinition",
    "Succesmål",
    "Datastatus",
    "Kilde",
)
INDSATS_EFFECT_HEADER: Final = "Indsats (effektstudie i vidensdatabasen)"
INDSATS_EFFECT_ROWS: Final = (
    "Indsats",
    "Studiets målgruppe",
    "Evidensniveau",
    "Udfald",
    "Effektstørrelse",
    "Foreslået succesrate",
    "Kontekst",
    "Datastatus og kilde",
    "Bemærkning",
)
INDSATS_SUCCESS: Final = "Succesrate (netto, efter dødvægt)"
INDSATS_SUCCESS_HINT: Final = "Forslag fra vidensdatabasen: "
INDSATS_SUCCESS_NONE: Final = (
    "Intet forslag: vidensdatabasen har ingen succesrate for den valgte indsats til den valgte "
    "målgruppe. Brug jeres egne tal eller en evaluering af indsatsen."
)
INDSATS_EVIDENCE: Final = "evidensniveau "
INDSATS_PARTICIPANTS_HEADER: Final = "Nye deltagere pr. år"
INDSATS_PARTICIPANTS_COLS: Final = ("År", "Deltagere (starter forløb)", "Bemærkning")
INDSATS_PARTICIPANTS_TOTAL: Final = "Deltagere i alt inden for horisonten"
AREA_LABELS: Final = {"voksne": "Voksne", "boern_unge": "Børn og unge"}

COSTS_TITLE: Final = "Omkostninger"
COSTS_INTRO: Final = (
    "Indsatsens omkostninger og de omkostninger, den sparer. Skriv beløb som positive tal i "
    "kr.; vælg art 'Sparet omkostning' for besparelser (fx et eksisterende tilbud, der "
    "erstattes). Tomt prisår betyder, at beløbet allerede er i det valgte prisniveau."
)
COSTS_YEAR_HEADER: Final = "Omkostninger fordelt på år (opstart, drift, sparede omkostninger)"
COSTS_PART_HEADER: Final = "Omkostninger pr. deltager (bogføres i deltagerens startår)"
COSTS_COLS: Final = ("Betegnelse", "Art", "Aktør", "Udgiftspost", "Prisår (valgfrit)")
COSTS_TOTAL: Final = "I alt i horisonten (prisniveau)"
COSTS_PER_PARTICIPANT: Final = "Beløb pr. deltager"
COSTS_PARTICIPANTS: Final = "Deltagere i horisonten"
COST_DEFAULT_LABEL: Final = "Omkostning, række "

CONS_TITLE: Final = "Konsekvenser"
CONS_INTRO: Final = (
    "Ændringen i årligt forbrug af offentlige ydelser pr. borger, der opnår succesmålet, "
    "år 1, 2, ... efter forløbets afslutning (negativ = mindre forbrug). Den valgte "
    "målgruppes konsekvenser vises automatisk fra vidensdatabasen. Kolonnerne 'Under "
    "forløb' er ændringen pr. deltager i forløbets år (alle deltagere, uanset succes)."
)
CONS_HOWTO: Final = (
    "Ret en værdi ved at skrive i rækken 'Egen værdi' (en tom celle bruger vidensdatabasens "
    "værdi). Slå en konsekvens fra med 'Nej' i kolonnen 'Med'. Egne konsekvenser tilføjes "
    "nederst: vælg ydelsen (også egne ydelser fra arket Priser) og skriv forløbet."
)
CONS_WARNING: Final = (
    "Egne værdier og til/fra-valg hører til rækken, ikke til ydelsen: skifter I målgruppe, "
    "så ryd dem først."
)
CONS_COLS: Final = (
    "Nr.",
    "Ydelse",
    "Enhed",
    "Udgiftspost",
    "Retning",
    "Status (profil)",
    "Med",
    "Række",
)
CONS_PRICE_COLS: Final = (
    "Pris kommune",
    "Pris region",
    "Pris stat",
    "Gevinst pr. enhed",
    "Ydelses-id",
    "VD-række",
    "Prisrække",
)
CONS_YEAR: Final = "År "
#: Below a consequence SØM does not recommend for the group (its switch starts at Nej).
NOT_RECOMMENDED: Final = "Ikke anbefalet af SØM for målgruppen: "
NO_REASON: Final = "(ingen begrundelse i vidensdatabasen)"
#: The tails of a profile (som-method §3.11), as the workbook names them.
TAIL_LABELS: Final = {"stop": "Stop", "hold": "Fasthold", "decay": "Aftag"}
CONS_TAIL_COLS: Final = ("Hale", "Aftagsrate", "Halens begrundelse")
#: Baseline use (som-method §3.17): the block's three rows give the knowledge base's, the own
#: and the used baseline (= use without success); beside it use with success in year 1.
CONS_BASE_COLS: Final = ("Udgangsforbrug (uden succes)", "Forbrug med succes, år 1")
#: The label of an own baseline cell in messages.
OWN_BASELINE: Final = "Eget udgangsforbrug"
#: Below a consequence's knowledge-base row: why its tail is what it is.
TAIL_REASON: Final = "Halens begrundelse: "
#: Header of a during-course column: units per participant in course year l (§3.10).
CONS_DURING: Final = "Under forløb, år "
CONS_DROP_FACTOR: Final = "Faktor for frafald (1 - frafald)^(k - 1)"
CONS_DURING_SUMMARY: Final = "Samlet gevinst pr. deltager under forløbet (kr., alle aktører)"
CONS_OWN_HEADER: Final = "Egne konsekvenser (vælg ydelse, skriv forløbet i rækken 'Egen værdi')"
CONS_SUMMARY: Final = "Samlet gevinst pr. borger med succes (kr., alle aktører)"
CONS_COUNT_OFF: Final = "Konsekvenser slået fra"
CONS_COUNT_EDITED: Final = "Rettede værdier"

PRICES_TITLE: Final = "Priser"
PRICES_INTRO: Final = (
    "Pris pr. enhed for hver aktør efter refusion, uden udligning og bloktilskud. "
    "Vidensdatabasens nationale priser står til venstre; skriv lokale priser i de gule "
    "felter. En udfyldt lokal pris bruges i stedet for den nationale for den aktør."
)
PRICES_INTRO2: Final = (
    "Alle priser omregnes til prisniveauet med prisindekset. Tomt lokalt prisår betyder, at "
    "den lokale pris allerede er i det valgte prisniveau."
)
PRICES_COLS: Final = (
    "Id",
    "Ydelse",
    "Enhed",
    "Retning",
    "Udgiftspost",
    "Status",
    "National kommune",
    "National region",
    "National stat",
    "Prisår",
    "Lokal kommune",
    "Lokal region",
    "Lokal stat",
    "Lokalt prisår",
    "Omregning national",
    "Omregning lokal",
    "Anvendt kommune",
    "Anvendt region",
    "Anvendt stat",
    "Anvendt kilde",
    "Kilde",
    "Bemærkning",
)
PRICES_OWN_HINT: Final = "Egne ydelser: navn, enhed, retning, udgiftspost og priser"

CALC_TITLE: Final = "Beregning"
CALC_INTRO: Final = (
    "Hele udregningen år for år: hver rækkes i alt og nutidsværdi står til venstre, "
    "derefter årene fra startåret (år 0). Værdier efter horisonten er 0. Intet her skal ændres."
)
CALC_ROWS: Final = {
    "year": "År",
    "t": "År nr. (t)",
    "in_h": "I horisonten (1 = ja)",
    "rate": "Diskonteringsrente r(t)",
    "disc": "Diskonteringsfaktor D(t) = D(t-1) / (1 + r(t))",
    "starters": "Nye deltagere",
    "ended": "Afsluttede forløb",
    "succ": "Heraf med succes (× succesrate)",
    "g1": "Gevinst ved 100 % succes (til break-even-succesrate)",
    "gd": "Gevinst under forløbet (alle deltagere, uafhængig af succesraten)",
    "costs": "Omkostninger i alt",
    "gains": "Gevinster i alt",
    "net": "Nettoresultat",
    "dnet": "Nettoresultat, nutidsværdi",
    "cum": "Akkumuleret nettoresultat, nutidsværdi",
    "cum_u": "Akkumuleret nettoresultat, udiskonteret",
    "flag": "Break-even (1 = efter første strøm og akkumuleret nutidsværdi ≥ 0)",
    "fig_year": "Figur: år",
    "fig_cum": "Figur: akkumuleret, nutidsværdi",
    "fig_cum_u": "Figur: akkumuleret, udiskonteret",
}
CALC_HEADERS: Final = ("Beskrivelse", "Art", "Aktør", "Udgiftspost", "Faktor")
CALC_SECTION_CONS: Final = "Konsekvenser: ændret forbrug og gevinster"
CALC_SECTION_COSTS: Final = "Omkostninger"
CALC_SECTION_TOTALS: Final = "I alt"
CALC_SECTION_PURSE: Final = "Fordelt på aktør"
CALC_SECTION_ITEMS: Final = "Fordelt på udgifts- og indtægtspost"
CALC_SECTION_FIG: Final = "Data til figurer (#I/T efter horisonten, så figurerne stopper)"
CALC_TOTAL: Final = "I alt"
CALC_PV: Final = "Nutidsværdi"
CALC_PURSE_COSTS: Final = "Omkostninger, "
CALC_PURSE_GAINS: Final = "Gevinster, "
CALC_PURSE_NET: Final = "Netto, "
CALC_ILLUSTRATIVE: Final = "Illustrativ (1 = ja)"
CALC_ABS_PV: Final = "|Nutidsværdi|"
CALC_SHARE: Final = "Andel illustrativ:"
#: The illustrative part of a gain row's |present value|: all of it for an illustrative row,
#: else the part from its assumed profile years (VD Konsekvenser, 'Antaget fra år').
CALC_ILL_PV: Final = "|NV|, illustrativ del"
#: The present value of a gain row's part from its assumed profile years (signed).
CALC_ASSUMED_PV: Final = "NV, antagne år"
CALC_SECTION_ASSUMED: Final = (
    "Enheder fra antagne profilår (100 % succes): konsekvenser, der er offentliggjorte eller "
    "afledte i de første år og en antagelse fra året i kolonne E (til andelen illustrativ)"
)
KIND_UNITS_ASSUMED: Final = "Enheder fra antagne år"
CALC_GROUP_CUM: Final = "Akkumuleret netto (NV), "
CALC_GROUP_FLAG: Final = "Break-even (1 = ja), "
CALC_SECTION_KITEMS: Final = (
    "Kommunens strømme fordelt på post (kolonne E: udvalget, fra arket Udvalg)"
)
CALC_SECTION_COMMITTEES: Final = "Fordelt på udvalg (kun kommunens strømme)"
CALC_KOMMUNE_COSTS: Final = "Kommunens omkostninger, "
CALC_KOMMUNE_GAINS: Final = "Kommunens gevinster, "
CALC_COMMITTEE_ROWS: Final = {
    "costs": "Omkostninger",
    "gains": "Gevinster",
    "net": "Netto",
    "cum": "Akkumuleret netto (NV)",
    "flag": "Break-even (1 = ja)",
}
#: The name a blank committee slot selects by (no budget item can name it).
NO_COMMITTEE: Final = "(tomt udvalg)"

RESULT_TITLE: Final = "Resultat"
RESULT_PRINT_HEADER: Final = "Resultat (scenarie og datastatus øverst på siden)"
RESULT_KEY_HEADER: Final = "Nøgletal"
RESULT_KEYS: Final = {
    "nettoresultat": (
        "Nettoresultat (udiskonteret)",
        "Gevinster minus omkostninger, summeret over horisonten.",
    ),
    "nettoresultat_nv": (
        "Nettoresultat (nutidsværdi)",
        "Diskonteret med den valgte rente. Positiv = den offentlige sektor vinder.",
    ),
    "nettoresultat_nv_kommune": (
        _KEY_FIGURES["discounted_net_kommune"],
        "Kommunens egne gevinster minus omkostninger, diskonteret (Kommune, Netto (NV) i "
        "tabellen Fordelt på aktør). Positiv = kommunen selv vinder.",
    ),
    "omkostninger_nv": ("Omkostninger (nutidsværdi)", "Indsatsens omkostninger minus sparede."),
    "gevinster_nv": ("Gevinster (nutidsværdi)", "Værdien af det ændrede forbrug."),
    "breakeven_aar": (
        "Break-even-år",
        "Første år, hvor det akkumulerede nettoresultat (nutidsværdi) er mindst 0.",
    ),
    "breakeven_succesrate": (
        "Break-even-succesrate",
        "Den succesrate, der giver et nettoresultat (nutidsværdi) på 0.",
    ),
    "bcr": (
        "Gevinst pr. omkostningskrone",
        "Gevinster / omkostninger (nutidsværdi).",
    ),
    # two values: the kommune's, then the whole public sector's (sheets.key_figures.chances)
    "sandsynlighed": (
        "Sandsynlighed for nettoresultat > 0 (kommunen / hele den offentlige sektor)",
        "Fra Monte Carlo-tabellen på arket Usikkerhed (beregnet, da projektmappen blev "
        "bygget); »forældet«, når input er ændret siden.",
    ),
}
#: The key figures of *Hurtigt skøn*: its calculation has no split by purse (one gain per
#: unit over all three purses, one cost) and no Monte Carlo table, so no kommune figures.
SKOEN_KEYS: Final = tuple(
    k for k in RESULT_KEYS if k not in ("nettoresultat_nv_kommune", "sandsynlighed")
)
RESULT_PURSE_HEADER: Final = "Fordelt på aktør"
RESULT_ITEM_HEADER: Final = "Fordelt på udgifts- og indtægtspost"
RESULT_SPLIT_COLS: Final = (
    "Omkostninger",
    "Gevinster",
    "Netto",
    "Omkostninger (NV)",
    "Gevinster (NV)",
    "Netto (NV)",
)
RESULT_YEAR_HEADER: Final = "År for år"
RESULT_YEAR_COLS: Final = (
    "År",
    "Omkostninger",
    "Gevinster",
    "Netto",
    "Diskonteringsfaktor",
    "Netto (NV)",
    "Akkumuleret (NV)",
    "Netto kommune",
    "Netto region",
    "Netto stat",
)
RESULT_TOTAL: Final = "I alt"
CHART_CUM_TITLE: Final = "Akkumuleret nettoresultat"
CHART_CUM_SERIES: Final = ("Nutidsværdi", "Udiskonteret")
CHART_PURSE_TITLE: Final = "Nettoresultat fordelt på aktør"
CHART_ITEM_TITLE: Final = "Nettoresultat (nutidsværdi) fordelt på post"
CHART_SERIES_U: Final = "Udiskonteret"
CHART_SERIES_NV: Final = "Nutidsværdi"
CHART_YEAR_AXIS: Final = "År"
CHART_KR_AXIS: Final = "kr."

SKOEN_TITLE: Final = "Hurtigt skøn (budgetøkonomisk skøn)"
SKOEN_INTRO: Final = (
    "Et første overslag: én gruppe deltagere, der starter i startåret, en omkostning pr. "
    "deltager og vidensdatabasens konsekvenser og nationale priser for målgruppen. "
    "Startår, horisont, prisniveau, diskontering og forløbslængde følger Indstillinger. "
    "Brug hele modellen til beslutninger."
)
SKOEN_INPUTS: Final = {
    "maalgruppe": "Målgruppe",
    "deltagere": "Deltagere (starter i startåret)",
    "pris": "Omkostning pr. deltager (kr., prisniveau)",
    "succesrate": "Succesrate (tom = vidensdatabasens forslag)",
    "forslag": "Vidensdatabasens forslag",
    "anvendt": "Anvendt succesrate",
}
SKOEN_RESULT_HEADER: Final = "Resultat af skønnet"
SKOEN_SERVICES_HEADER: Final = "Offentlige ydelser, der sandsynligvis påvirkes"
SKOEN_SERVICES_COLS: Final = ("Ydelse", "Udgiftspost", "Gevinst (NV)", "Rang")
#: Hurtigt skøn: the list's helper columns (the size and place of each calculation row,
#: right of the calculation block; the row a list line shows).
SKOEN_ORDER_COLS: Final = ("Størrelse (|NV|)", "Plads i listen", "Beregningsrække")
SKOEN_CALC_HEADER: Final = "Udregning (gevinster ved 100 % succes pr. ydelse og år)"

CHECK_TITLE: Final = "Forudsætninger og tjekliste"
CHECK_INTRO: Final = (
    "Dokumentér jeres valg, så andre kan følge og efterprøve beregningen. Skriv i de gule felter."
)
CHECK_COLS: Final = ("Spørgsmål", "Jeres svar og begrundelse")
CHECK_QUESTIONS: Final = (
    "Hvor godt matcher målgruppen og dens registerdefinition de borgere, der får indsatsen "
    "(alder, problemer, forløb)?",
    "Hvor godt matcher succesmålet indsatsens mål? Hvad tæller som succes hos jer?",
    "Hvor kommer succesraten fra (eget forsøg, effektstudie, erfaring)? Er dødvægt trukket "
    "fra (dem der ville have opnået succes uden indsatsen)?",
    "Hvordan er antallet af deltagere og forløbets længde fastlagt?",
    "Hvilke omkostninger er med (opstart, drift, overhead, sparede ydelser), og hvor "
    "kommer beløbene fra?",
    "Hvilke lokale priser er brugt, og hvor stammer de fra (regnskab, takster, år)?",
    "Hvilke konsekvenser er slået fra eller rettet, og hvorfor?",
    "Er der brugt illustrative værdier fra vidensdatabasen? Hvordan påvirker de resultatet?",
    "Hvorfor er tidshorisont og diskonteringsrente valgt som de er?",
    "Hvad er ikke med i beregningen (fx livskvalitet, pårørende, effekter uden for den "
    "offentlige sektor)?",
    "Hvem har lavet beregningen, hvornår, og hvem har kvalitetssikret den?",
)
CHECK_AUTO_HEADER: Final = "Overblik (udregnes automatisk)"
CHECK_AUTO: Final = (
    "Konsekvenser slået fra",
    "Rettede konsekvensværdier",
    "Egne konsekvenser i brug",
    "Ydelser med lokale priser",
    "Konsekvenser i brug med illustrative profiler",
    "Egne udgangsforbrug",
    "Advarsler: reduktion større end udgangsforbruget",
)

VD_INTRO: Final = (
    "Vidensdatabasen (låst). Hver værdi har kilde og status; illustrative værdier er "
    "markeret med orange og bør erstattes med lokale eller officielle tal."
)
# The knowledge-base sheets' column headers are in som_xl/workbook/kb_columns.py.
VD_INDEX_HEADER: Final = "Prisindeks"
VD_RATES_HEADER: Final = "Diskonteringsrenter (renten gælder fra og med år nr.)"
VD_GRID_HEADER: Final = "Rente i år nr. t (udregnet af tabellen ovenfor)"
VD_ITEMS_HEADER: Final = "Udgifts- og indtægtsposter"
LIST_COLS: Final = (
    "Aktører",
    "Ja/Nej",
    "Art",
    "Retning",
    "Udgiftsposter",
    "Diskontering",
    "Indsatser",
    "Prisår",
    "Haler",
)

# --- Kontrol (the live input checks) -----------------------------------------------------

KONTROL_TITLE: Final = "Kontrol af input"
KONTROL_INTRO: Final = (
    "Projektmappen tjekker selv sine input, også når der er kopieret, fyldt ud eller slettet "
    "rækker. Så længe en kontrol står på 'Fejl', viser Resultat og Udvalg ingen tal, kun en "
    "besked. Ret cellen, der står under 'Sted'. En kontrol, der kun fejler, fordi en fejl "
    "ovenfor slår igennem, står som 'Følgefejl' og tælles ikke med: ret den fejl, beskeden "
    "nævner, så forsvinder følgefejlene. Advarslerne nederst stopper ikke beregningen, men "
    "bør læses."
)
KONTROL_COUNT: Final = "Antal inputfejl"
KONTROL_COLS: Final = ("Nr.", "Sted", "Kontrol", "Status", "Besked")
CHECK_OK: Final = "OK"
CHECK_BAD: Final = "Fejl"
#: A check that fails only because a check it follows fails (not counted; user trial: one
#: typo showed as several errors).
CHECK_FOLLOWS: Final = "Følgefejl"
#: Its message after its place; ``{cause}`` is the place of the failing check it follows.
CHECK_FOLLOWS_MSG: Final = "følger af fejlen i {cause} ovenfor; ret den først (tælles ikke med)."
CHECK_DISCOUNT: Final = "Diskontering"
CHECK_DISCOUNT_MSG: Final = "vælg et renteforløb fra listen eller 'Fast rente (angiv nedenfor)'."
CHECK_GROUP: Final = "Målgruppe"
CHECK_GROUP_MSG: Final = "vælg en målgruppe fra listen (arket VD Målgrupper)."
CHECK_SUCCESS_MSG: Final = (
    "succesraten skal være en andel fra 0 til 1: skriv 30 % som 0,3 eller 30 % (ikke 30 "
    "og ikke som tekst), og lad ikke cellen være tom."
)
CHECK_PARTICIPANTS: Final = "Deltagere pr. år"
CHECK_PARTICIPANT_ROWS: Final = "Deltagerrækkerne (50 år)"
CHECK_COST_YEARLY: Final = "Årligt beløb"
CHECK_COST_PART: Final = "Beløb pr. deltager"
CHECK_COST_ROW: Final = "Årligt beløb, række {n}"
CHECK_COST_MSG: Final = (
    "art, aktør, udgiftspost og prisår skal vælges fra listerne; beløb skal være tal "
    "(højst 1.000.000.000.000 kr.) i år inden for horisonten; en sparet omkostning skrives "
    "som et positivt beløb."
)
CHECK_PRICES: Final = "Lokale priser og egne ydelser"
CHECK_PRICES_MSG: Final = (
    "en lokal pris skal være et tal på 0 kr. eller mere, og prisåret skal findes i prisindekset."
)
CHECK_CONS: Final = "Konsekvenser"
CHECK_CONS_MSG: Final = (
    "'Med' skal være Ja eller Nej, egne værdier (også 'Under forløb') skal være tal mellem "
    "-1.000.000.000 og 1.000.000.000, en egen hale Stop, Fasthold eller Aftag og en "
    "aftagsrate over 0 % og højst 100 % (skriv 20 % som 0,2 eller 20 %, ikke 20), et eget "
    "udgangsforbrug et tal fra 0 til 1.000.000.000, og samme ydelse kan kun have ét eget "
    "udgangsforbrug."
)
#: A share setting on Indstillinger: '{label} skal være en andel {between}: …'.
CHECK_SHARE_MSG: Final = (
    "{label} skal være en andel {between}: skriv 20 % som 0,2 eller 20 % (ikke 20 og ikke som "
    "tekst), eller lad cellen stå tom."
)
CHECK_WITHOUT_MSG: Final = " Den må ikke være større end succesraten (arket Indsats og målgruppe)."
CHECK_TAIL_MSG: Final = "vælg Stop, Fasthold eller Aftag fra listen (tom = Stop)."
#: Kontrol's warnings: they do not withhold the result (the engine calculates on).
KONTROL_WARN_HEADER: Final = "Advarsler (resultatet beregnes alligevel)"
KONTROL_WARN_COUNT: Final = "Antal advarsler"
CHECK_WARN: Final = "Advarsel"
CHECK_BASELINE: Final = "Udgangsforbrug, konsekvens {n}"
RESULT_WARN_PREFIX: Final = "Advarsel: "
RESULT_CHECK_WARN: Final = (
    " advarsel(er) på arket Kontrol; ingen inputfejl, så resultatet er beregnet."
)
CHECK_COMMITTEES: Final = "Udvalg"
CHECK_COMMITTEES_MSG: Final = (
    "hvert udvalg må kun stå én gang, og en posts udvalg skal stå i listen over udvalg "
    "(tom = posten hører ikke til noget udvalg)."
)
CHECK_LAYOUT: Final = "Arkets opbygning"
CHECK_STRUCTURE_MSG: Final = (
    "der er slettet eller indsat rækker eller kolonner. Hent en ny projektmappe, eller fortryd "
    "ændringen; ellers kan et år eller en post falde ud af beregningen."
)
CHECK_ERRORS: Final = "Fejlværdier (#REF!, #VÆRDI! …)"
CHECK_ERRORS_MSG: Final = (
    "arket indeholder en fejlværdi, fx efter en slettet række eller tekst i en talcelle. "
    "Ret inputtet, eller fortryd ændringen."
)
#: The short text the headline figures show while an input problem stands.
INPUT_ERROR_SHORT: Final = "Ret inputfejl først"
RESULT_CHECK_OK: Final = "Inputkontrol: ingen fejl fundet (arket Kontrol)."
RESULT_CHECK_BAD: Final = (
    " inputfejl: ret dem, før resultatet kan bruges. Tallene vises ikke, så længe der er fejl."
)
RESULT_CHECK_MORE: Final = " flere fejl eller advarsler på arket Kontrol."

# --- Udvalg ---------------------------------------------------------------------------------

UDVALG_TITLE: Final = "Udvalg"
UDVALG_INTRO: Final = (
    "Kommunens resultat fordelt på udvalg. Hver udgifts- og indtægtspost hører til ét udvalg "
    "(forslag fra vidensdatabasen; ret navne og fordeling i de gule celler, så de passer til "
    "jeres styrelsesvedtægt). Et udvalgs resultat er kommunens omkostninger og gevinster på "
    "udvalgets poster; regionens og statens strømme hører ikke til noget udvalg."
)
UDVALG_NAMES_HEADER: Final = "Kommunens udvalg"
UDVALG_NAME: Final = "Udvalg"
UDVALG_MAP_HEADER: Final = "Udgifts- og indtægtsposter og deres udvalg"
UDVALG_ITEM: Final = "Udgifts- og indtægtspost"
UDVALG_RESULT_HEADER: Final = "Resultat pr. udvalg (kommunens strømme)"
UDVALG_TOTAL: Final = "Kommunen i alt"
UDVALG_TOTAL_NOTE: Final = (
    "Summen over udvalgene er kommunens resultat på arket Resultat, når hver post har et udvalg."
)
UDVALG_BUDGET_HEADER: Final = "Budgetvisning: budgetår og tre overslagsår (netto, udiskonteret)"
UDVALG_BUDGET_YEAR: Final = "Budgetår"
UDVALG_BUDGET_NOTE: Final = "Tom = startåret."
UDVALG_BUDGET_EXPLAIN: Final = (
    "Positive tal er en gevinst for aktøren eller udvalget i året; tomme celler ligger uden "
    "for beregningens horisont."
)
UDVALG_YEARS_HEADER: Final = "Netto pr. udvalg år for år (udiskonteret)"
RESULT_GROUP_COLS: Final = ("Break-even-år", "Gevinst pr. omk.-krone")

# --- comments on input cells -------------------------------------------------------------

NOTE_AUTHOR: Final = "som-xl"
NOTES: Final = {
    "maalgruppe": "Målgruppen bestemmer, hvilke konsekvenser der vises på arket Konsekvenser.",
    "indsats": "Valgfrit. Viser effektstudiets succesrate som forslag; ændrer ikke beregningen.",
    "succesrate": (
        "Andelen af deltagerne, der når succesmålet, fratrukket dem der ville have nået det "
        "uden indsatsen. Eksempel: 12 % med og 2 % uden giver 10 %."
    ),
    "deltagere": "Antal borgere, der starter et forløb i året (hele personer).",
    "lokal_pris": "Lokal pris pr. enhed for aktøren. Tom = vidensdatabasens pris.",
    "egen_vaerdi": "Tom = vidensdatabasens værdi. Skriv 0 for at sætte året til nul.",
    "hale": (
        "Hvad konsekvensen gør efter profilens sidste år: Stop (0), Fasthold (sidste års "
        "værdi hvert år) eller Aftag (sidste års værdi × (1 - aftagsrate) pr. år). Rækken "
        "'Vidensdatabasen' viser vidensdatabasens hale (begrundelsen står i kolonnen 'Halens "
        "begrundelse', som vises med + over kolonnerne, og på VD Konsekvenser); "
        "skriv en anden i 'Egen værdi'. Tom = standarden på Indstillinger."
    ),
    "forlaenget": (
        "Blå kursiv = forlænget med halen (ingen værdi i vidensdatabasen eller egen værdi "
        "for året). Profilerne går til år 49, så en horisont på op til 50 år tæller med."
    ),
    "under_forloeb": (
        "Ændringen i forbrug pr. deltager (ikke kun dem med succes) i forløbets år 1, 2, ... "
        "Tæller kun op til forløbets længde (Indstillinger). Ganges ikke med succesraten."
    ),
    "med": "Ja = konsekvensen indgår; Nej = den er slået fra.",
    "udgangsforbrug": (
        "Forbruget af ydelsen pr. borger pr. år før indsatsen (= forbruget uden succes). "
        "Rækken 'Vidensdatabasen' viser målgruppens tal fra arket VD Udgangsforbrug (tom = "
        "intet tal); skriv jeres eget tal i 'Egen værdi'. Samme ydelse har ét udgangsforbrug. "
        "Rød = en reduktion større end udgangsforbruget (en advarsel; der regnes videre)."
    ),
    "med_succes": (
        "Forbruget pr. borger med succes i år 1 efter forløbet: udgangsforbruget plus årets "
        "ændring. Årene i profilen bliver røde, hvor forbruget med succes ville blive negativt."
    ),
    "omk_art": "'Sparet omkostning' trækkes fra; de andre arter lægges til.",
    "check": "Skriv jeres svar her.",
    "startaar": "År 0: det første år i beregningen. Det diskonteres ikke.",
    "diskonteringsrente": "Bruges kun ved 'Fast rente'. Skriv fx 3,5 %.",
    "beloeb": (
        "Beløb i kr. for året i kolonnens overskrift, i prisniveauet (eller i prisåret i "
        "kolonne F). Skriv besparelser som positive tal med arten 'Sparet omkostning'."
    ),
    "beloeb_pr_deltager": (
        "Beløb i kr. pr. deltager; ganges med antallet af nye deltagere i hvert år."
    ),
    "egen_ydelse": (
        "En ydelse, der ikke er i vidensdatabasen: navn, enhed, retning (udgift/indtægt), "
        "udgiftspost og pris pr. enhed for hver aktør."
    ),
    "egen_konsekvens": (
        "Vælg ydelsen (fra vidensdatabasen eller jeres egne ydelser på arket Priser) og skriv "
        "ændringen pr. borger med succes i rækken 'Egen værdi'."
    ),
    "skoen_succesrate": "Tom = vidensdatabasens forslag for målgruppen (vises nedenfor).",
    "udvalg": (
        "Skriv kommunens udvalg (højst otte). Vælg derefter for hver post nedenfor, hvilket "
        "udvalg den hører til."
    ),
}

# --- data validation (title ≤ 32 characters, message ≤ 255) ----------------------------------
# The workbook's own choices; a scenario field's validation and texts come from the field
# table (som_xl.inputs.fields.excel_validation).

VALIDATION: Final = {
    "udvalg": (
        "Udvalg",
        "Vælg udvalget fra listen øverst på arket.",
        "Vælg et udvalg fra listen øverst på arket (ret listen først, hvis det mangler).",
    ),
    "diskontering": (
        "Diskontering",
        "Vælg Finansministeriets rente eller en fast rente.",
        "Vælg en værdi fra listen.",
    ),
    "indsats": ("Indsats", "Valgfrit: vælg en indsats fra listen.", "Vælg en indsats fra listen."),
    "art": ("Art", "Vælg arten fra listen.", "Vælg en art fra listen."),
    "med": ("Med i beregningen", "Ja eller Nej.", "Vælg Ja eller Nej."),
    "hale": ("Hale", "Stop, Fasthold eller Aftag.", "Vælg Stop, Fasthold eller Aftag."),
    "andel": (
        "Andel",
        "En andel mellem 0 % og 100 %.",
        "Skriv en andel mellem 0 % og 100 %, fx 20 %.",
    ),
    "egen_ydelse": (
        "Egen ydelse",
        "Et navn, der ikke findes i forvejen (uden * ? ~).",
        "Navnet findes allerede eller indeholder * ? ~; vælg et andet.",
    ),
}

# --- reader messages ----------------------------------------------------------------------

READ_MISSING: Final = "filen findes ikke"
READ_ENCRYPTED: Final = (
    "filen er krypteret med en adgangskode (eller er en gammel .xls-fil) og kan ikke læses; "
    "gem en kopi uden adgangskode som Excel-projektmappe (.xlsx) og læs den"
)
READ_DAMAGED: Final = "filen er ikke en gyldig Excel-projektmappe (.xlsx) eller er beskadiget"
READ_FOREIGN: Final = (
    "projektmappen er ikke en SØM-projektmappe fra som-xl (navnet 'som.layout' mangler); "
    "byg en ny med 'som-xl build'"
)
READ_LAYOUT: Final = (
    "projektmappen er bygget med en anden version af som-xl ({found}); byg en ny med "
    "'som-xl build' og overfør jeres tal"
)
READ_SHEET_MISSING: Final = "arket '{sheet}' mangler i projektmappen"
READ_NUMBER: Final = "skal være et tal"
READ_TEXT_NUMBER: Final = "skal være et tal, ikke tekst (skriv tallet uden enheder og mellemrum)"
READ_FORMULA_INPUT: Final = "skal være en værdi, ikke en formel"
READ_OUTSIDE: Final = "ligger uden for horisonten ({first}-{last}); ret horisonten eller beløbet"
READ_OUTSIDE_PEOPLE: Final = (
    "ligger uden for horisonten ({first}-{last}); ret horisonten eller antallet"
)
READ_NEGATIVE_SAVING: Final = (
    "må ikke være negativt med arten '"
    + ART_SPARET
    + "', som selv gør beløbet til en besparelse; skriv besparelsen som et positivt beløb"
)
READ_SHARE: Final = "Andelen"
READ_SHARE_RANGE: Final = "andelen skal ligge mellem 0 % og {hi}"
READ_UNKNOWN: Final = "ukendt værdi; vælg fra listen ({known})"
READ_UNKNOWN_NEAR: Final = "ukendt værdi; {near} (vælg fra listen i cellen)"
READ_NO_INDEX: Final = "prisindekset (arket " + VD_INDEKS + ") har ikke året"
READ_NO_PARTICIPANTS: Final = "der skal være deltagere i mindst ét år inden for horisonten"
READ_OWN_SERVICE: Final = "en egen ydelse skal have {missing}"
READ_DUPLICATE_LABEL: Final = "navnet findes allerede blandt ydelserne"
READ_OWN_CONS_SERVICE: Final = "vælg ydelsen for de egne værdier i rækken nedenfor"
READ_BASELINE_CONFLICT: Final = (
    "ydelsen har allerede et andet eget udgangsforbrug ({other}: {value}); samme ydelse har "
    "ét udgangsforbrug, så skriv det samme tal eller lad cellen stå tom"
)
READ_BAD_KB: Final = "vidensdatabasens ark er ændret eller beskadiget"
READ_KB_COLUMN: Final = (
    "vidensdatabasens ark er ændret eller beskadiget: kolonnen '{header}' mangler i "
    "overskriftsrækken"
)
READ_LOOKUP_TEXT: Final = (
    "navnet må ikke indeholde * ? ~ eller begynde med = < > (Excel læser dem som jokertegn)"
)
BUILD_LOOKUP_TEXT: Final = (
    "navnet bruges til opslag i projektmappen og må ikke indeholde * ? ~ eller begynde med "
    "= < > (Excel læser dem som jokertegn)"
)

# --- Eksempler (SØM's erfaringsdatabase; som_xl/workbook/sheets/eksempler.py) ------------------

EX_TITLE: Final = "Eksempler: sager fra SØMs erfaringsdatabase"
EX_INTRO: Final = (
    "Projektets eksempelberegninger bygger på sager, som kommuner og Social- og Boligstyrelsen "
    "har offentliggjort i SØMs erfaringsdatabase. Hvert eksempel er en scenariefil i mappen "
    "examples/ (kør 'som-xl calc examples/<id>.yaml'); tabellen nederst er læst fra filerne, da "
    "projektmappen blev bygget: kilde, hvad der er offentliggjort (med sted i kilden), hvad "
    "eksemplet antager, som-xl's resultat og forklaringen på forskellen til sagens resultat. "
    "som-xl's tal er regnet med vidensdatabasen {fingerprint} og følger ikke dine indtastninger."
)
EX_HOW: Final = (
    "Sådan regner du et eksempel i projektmappen: projektmappen regner altid det scenarie, der "
    "står på indtastningsarkene (gule celler), så resultatet aldrig kommer fra et skjult valg. "
    "Vælg et eksempel i den gule celle nedenfor. Tabellen viser eksemplets indtastninger, hvad "
    "der står i projektmappen nu, og om de er ens. Skriv eksemplets værdier ind på arkene "
    "Indstillinger, Indsats og målgruppe og Omkostninger, til alle rækker siger 'Ja'; så er "
    "projektmappens nettoresultat det samme som som-xl's for eksemplet."
)
EX_CHOOSE_HEAD: Final = "1. Vælg et eksempel"
EX_CHOICE: Final = "Eksempel (id)"
EX_CHOICE_HELP: Final = "Vælg et eksempels id fra listen (tabellen nederst viser dem alle)."
EX_STATUS: Final = "Regner projektmappen eksemplet?"
EX_STATUS_SAME: Final = "Ja: indtastningerne er eksemplets, og resultatet er som-xl's"
EX_STATUS_DIFF: Final = " række(r) afviger; skriv eksemplets værdier ind for at regne det"
EX_CHOSEN_HEAD: Final = "2. Det valgte eksempel og projektmappen"
EX_CHOSEN_COLS: Final = ("Indtastning", "Eksemplets værdi", "I projektmappen nu", "Ens?", "Hvor")
EX_ALL_HEAD: Final = "3. Alle eksempler"
EX_NO_COMPARE: Final = "–"
EX_UNKNOWN_CHOICE: Final = "Vælg et id fra listen"
#: The rows of the comparison: key, label, where the user types it.
EX_FIELDS: Final = (
    ("navn", "Navn", INDSTILLINGER),
    ("maalgruppe", "Målgruppe", INDSATS),
    ("startaar", "Startår", INDSTILLINGER),
    ("horisont", "Tidshorisont (år)", INDSTILLINGER),
    ("prisaar", "Prisniveau", INDSTILLINGER),
    ("diskontering", "Diskontering", INDSTILLINGER),
    ("fast_rente", "Fast rente", INDSTILLINGER),
    ("forloebsaar", "Forløbets længde (år)", INDSTILLINGER),
    ("succesrate", "Succesrate", INDSATS),
    ("deltagere_i_alt", "Deltagere i alt", INDSATS),
    ("deltagere", "Deltagere pr. år", INDSATS),
    ("omkostninger", "Omkostninger", OMKOSTNINGER),
    ("omkostninger_nv", "Omkostninger, nutidsværdi (kr.)", RESULTAT),
    ("konsekvenser", "Konsekvenser", KONSEKVENSER),
    ("nettoresultat_nv", "Nettoresultat, nutidsværdi (kr.)", RESULTAT),
)
#: The catalogue's columns: key, header.
EX_COLUMNS: Final = (
    ("id", "Id"),
    ("titel", "Eksempel"),
    ("kilde", "Kilde (offentliggjort sag)"),
    ("offentliggjort", "Offentliggjort (med sted i kilden)"),
    ("offentliggjort_resultat", "Sagens resultat"),
    ("antaget", "Antaget i eksemplet"),
    ("nettoresultat_nv", "som-xl: nettoresultat, nutidsværdi (kr.)"),
    ("nettoresultat", "som-xl: nettoresultat, udiskonteret (kr.)"),
    ("kommune_nv", "som-xl: kommune, nutidsværdi (kr.)"),
    ("region_nv", "som-xl: region, nutidsværdi (kr.)"),
    ("stat_nv", "som-xl: stat, nutidsværdi (kr.)"),
    ("breakeven_aar", "som-xl: break-even-år"),
    ("breakeven_succesrate", "som-xl: break-even-succesrate"),
    ("forskel", "Forskel til sagen og hvorfor"),
    ("fil", "Scenariefil"),
    ("navn", "Navn (scenariets)"),
    ("maalgruppe", "Målgruppe"),
    ("startaar", "Startår"),
    ("horisont", "Tidshorisont (år)"),
    ("prisaar", "Prisniveau"),
    ("diskontering", "Diskontering"),
    ("fast_rente", "Fast rente"),
    ("forloebsaar", "Forløbets længde (år)"),
    ("succesrate", "Succesrate"),
    ("deltagere_i_alt", "Deltagere i alt"),
    ("deltagere", "Deltagere pr. år"),
    ("omkostninger", "Omkostninger"),
    ("omkostninger_nv", "Omkostninger, nutidsværdi (kr.)"),
    ("konsekvenser", "Konsekvenser"),
)
EX_CONS_KB: Final = "målgruppens konsekvenser i vidensdatabasen (alle slået til)"
EX_CONS_ADJUSTED: Final = "målgruppens konsekvenser i vidensdatabasen, justeret i filen"
EX_CONS_OWN: Final = "egne konsekvenser ({n}) og egne ydelser i filen"
EX_OWN_GROUP: Final = "{label} (egen målgruppe)"
EX_OWN_SCHEDULE: Final = "eget renteforløb"
EX_NONE: Final = (
    "ingen eksempelfiler i {folder}; sæt SOM_XL_EXAMPLES til mappen med examples/*.yaml"
)
EX_NOT_RESOLVED: Final = "Kan ikke regnes med vidensdatabasen {fingerprint}: {problem}"
EX_COST_KINDS: Final = {
    "once": "{amount} kr. i {year}",
    "annual": "{amount} kr. om året i {years}",
    "per_participant": "{amount} kr. pr. deltager",
}


# --- Omkostningsvurdering (som-method §3.18) --------------------------------------------------

FORM_FTE: Final = "Årsværk"
FORM_HOURS: Final = "Timer"
OV_TITLE: Final = "Omkostningsvurdering: personale, overhead og uddannelse"
OV_INTRO: Final = (
    "Byg indsatsens omkostninger op som i Socialstyrelsens omkostningsmodel. Hver række er "
    "en ressource: enten årsværk × årsløn eller timer × timeløn, plus en andel til overhead. "
    "Rækkerne indgår som omkostninger i hele beregningen (arket Beregning og Resultat)."
)
OV_STEPS: Final = (
    "Trin 1. Beskriv indsatsens aktiviteter og hvem der udfører dem (én række pr. "
    "faggruppe eller aktivitet).",
    "Trin 2. Personale: vælg 'Årsværk' (skriv årslønnen) eller 'Timer' (skriv timelønnen), "
    "og skriv antal årsværk eller timer under hvert år.",
    "Trin 3. Overhead: ledelse, administration, lokaler m.m. som andel af lønnen (fx 0,15).",
    "Trin 4. Uddannelse og kompetenceudvikling: medarbejdernes tid på kursus som en række "
    "med timer × timeløn. Kursusgebyrer, materialer og andre køb skrives på arket "
    "Omkostninger.",
    "Trin 5. Tjek summen nederst: personale m.m. her, øvrige omkostninger fra arket "
    "Omkostninger, og alle omkostninger i alt.",
)
OV_COLS: Final = (
    "Betegnelse",
    "Opgørelse",
    "Løn (kr. pr. årsværk eller time)",
    "Overhead (andel)",
    "Aktør",
    "Udgiftspost",
    "Lønnens prisår",
    "Kr. pr. årsværk/time inkl. overhead (prisniveau)",
)
OV_YEARS_HEADER: Final = "Årsværk eller timer pr. år"
OV_TOTAL: Final = "Kr. i alt (udiskonteret)"
OV_SUM_TITLE: Final = "Trin 5: Omkostningerne samlet (kr., udiskonteret, inden for horisonten)"
OV_SUM_ROWS: Final = (
    "Personale, overhead og uddannelse (dette ark)",
    "Øvrige omkostninger (arket Omkostninger)",
    "Alle omkostninger i beregningen",
)
OV_WAGES_TITLE: Final = "Lønninger til inspiration (vidensdatabasen; skriv selv lønnen i rækken)"
OV_WAGES_COLS: Final = ("Faggruppe", "Årsløn (kr.)", "Prisår", "Status", "Kilde", "Note")
OV_DEFAULT_LABEL: Final = "Ressource, række "
COSTS_FROM_OV: Final = "Personale m.m. fra arket Omkostningsvurdering, i alt"
COSTS_ALL: Final = "Alle omkostninger i beregningen, i alt"
READ_OV_WAGE: Final = "Løn mangler: en række med årsværk eller timer skal have en løn"
READ_OV_FORM: Final = "Opgørelse skal være 'Årsværk' eller 'Timer'"
READ_OV_NEGATIVE: Final = "kan ikke være negativ"

# --- Opfølgning (som-method §3.19) --------------------------------------------------------------

OPF_TITLE: Final = "Opfølgning: plan mod realiserede tal og ny prognose"
OPF_GUIDE: Final = (
    "Sådan gør I (fx hvert halve år):",
    "1. Find årets realiserede tal: antal nye deltagere, antal med succes blandt dem, hvis "
    "forløb er afsluttet, og de faktiske omkostninger i kr.",
    "2. Skriv dem i de gule celler ud for året nedenfor. Tomme celler bruger planen; et "
    "halvt år kan skrives som de tal, der er nået indtil nu.",
    "3. Den observerede succesrate = succeser i alt / deltagere med afsluttet forløb til og "
    "med det seneste år med tal. Den erstatter den planlagte succesrate for alle hold.",
    "4. Realiserede omkostninger erstatter alle planlagte omkostninger i året (de bogføres "
    "på kommunen, 'Indsatsens omkostninger'). Realiserede deltagere erstatter de planlagte. "
    "Er omkostningerne ikke oplyst for et år med tal, bruger prognosen planens omkostninger "
    "for året; kolonnen Bemærk siger det, for det er ikke realiserede tal.",
    "5. Hele projektmappen (Beregning, Resultat) viser nu den nye prognose; planen står "
    "her ved siden af til sammenligning. Bemærk: med realiserede tal og optimismetillæg på "
    "gevinster regner arket planens tillæg pr. borger og år; det er det samme, når hver "
    "konsekvens har samme fortegn alle år, ellers giver som-xl opfoelgning den præcise plan.",
)
OPF_KEYS: Final = (
    "Planlagt succesrate (netto, efter dødvægt)",
    "Observeret succesrate",
    "Succesrate i den nye prognose",
)
OPF_NO_OBSERVED: Final = "Ingen endnu"  # fits its cell; the guide above explains it
OPF_COMPARE: Final = ("", "Plan", "Ny prognose", "Forskel")
OPF_COMPARE_ROWS: Final = (
    "Nettoresultat (udiskonteret)",
    "Nettoresultat (nutidsværdi)",
    "Break-even-år",
)
OPF_COLS: Final = (
    "År",
    "Deltagere, plan",
    "Realiserede deltagere",
    "Realiserede succeser",
    "Realiserede omkostninger (kr.)",
    "Deltagere, prognose",
    "Omkostninger, plan",
    "Omkostninger, prognose",
    "Gevinster, plan",
    "Gevinster, prognose",
    "Netto, plan",
    "Netto, prognose",
    "Bemærk",
)
#: Opfølgning's Bemærk where a year has realised figures but no costs (user trial: the
#: forecast's costs of that year, the plan's, were read as realised).
OPF_COSTS_NOT_GIVEN: Final = "Omkostninger ikke oplyst: prognosen bruger planens"
OPF_HELPER_COLS: Final = (
    "t",
    "I horisonten",
    "Realiseret år (t, ellers -1)",
    "Plan: afsluttede forløb",
    "Plan: gevinst ved 100 % succes",
    "Plan: netto, nutidsværdi",
    "Plan: akkumuleret nutidsværdi",
    "Plan: break-even (1/0)",
)
OPF_HELPER_NOTE: Final = "Hjælpekolonner til planen (må ikke ændres)"
OPF_ENDED: Final = "Deltagere med afsluttet forløb hidtil"
READ_OPF_OUTSIDE: Final = (
    "ligger uden for horisonten ({first}-{last}); opfølgningsår skal ligge inden for den"
)
VALIDATION["opgoerelse"] = (
    "Opgørelse",
    "Årsværk (× årsløn) eller Timer (× timeløn).",
    "Vælg Årsværk eller Timer.",
)
CHECK_OV: Final = "Omkostningsvurdering"
CHECK_OV_MSG: Final = (
    "opgørelsen skal være Årsværk eller Timer, aktør, udgiftspost og prisår fra listerne; "
    "løn og overhead tal på 0 eller mere (overhead højst 1); årsværk eller timer ikke-negative "
    "tal i år inden for horisonten, og en række med årsværk eller timer skal have en løn."
)
CHECK_OPF: Final = "Opfølgning"
CHECK_OPF_MSG: Final = (
    "realiserede deltagere og succeser skal være hele, ikke-negative antal, omkostninger et "
    "beløb i kr., og kun i år inden for horisonten."
)
