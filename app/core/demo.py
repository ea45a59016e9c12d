"""The demo gmina: a realistic, fictional rural gmina in podlaskie, clearly marked as a demo.

Everything is deterministic (a seeded random generator): the same `today` always gives the same
database. Dates of the registries are fixed (2021–2027); what depends on `today` is only what has
"already happened" (tranches paid, reports received, contract statuses) and the one late report,
which is always overdue relative to `today`.

Deliberate breaches of the act, so the law checks and the tools have something to show:
the 2024 programme adopted on 15.12.2023 (after 30 November), the 2023 programme report
published in BIP after 31 May, a 2023 competition with only 14 days for offers, an art. 19a
grant of 12 500 zł (over 10 000 zł), a wsparcie contract with no own contribution, and one
annual report not received although its due date has passed.

NIP, REGON and KRS numbers are generated with valid check digits; they are not real entities.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.db.engine import Database
from app.core.db.models import (
    Contract,
    ContractParty,
    ContractReport,
    Control,
    CooperationProgramme,
    Gmina,
    Organisation,
    OrganisationArea,
    OrganisationSphere,
    OwnContribution,
    PlannedResult,
    Procedure,
    ProcedurePart,
    ProgrammeElement,
    ProgrammeIndicator,
    ProgrammePriority,
    ProgrammeReport,
    PublicTask,
    RdppRequest,
    ResultValue,
    Setting,
    Tranche,
)
from app.core.domain.enums import (
    ContractForm,
    ContractStatus,
    ContributionKind,
    ControlKind,
    DeliveryMode,
    ExecutiveTitle,
    JstType,
    LegalForm,
    MkusType,
    ProcedureRoute,
    ProgrammeKind,
    RegistryType,
    ReportKind,
    WkusArea,
)
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.core.identifiers import nip_check_digit, regon9_check_digit, regon14_check_digit
from app.core.law.planned_grants import NGO_GRANTS_PLANNED_KEY
from app.core.law.resolutions import CONSULTATION_KEY, LOCAL_INITIATIVE_KEY, SOCIAL_WORK_KEY

D = Decimal
SEED = 20240601
DEMO_NAME = "Gmina Przykładowa (DEMO)"
FIRST_YEAR, LAST_YEAR = 2021, 2027

LF, RT, A = LegalForm, RegistryType, WkusArea

#: key, name, short name, legal form, register, village, WKUS areas, art. 4 spheres, OPP status
ORGANISATIONS: list[tuple[str, str, str, LegalForm, RegistryType, str, tuple[WkusArea, ...], tuple[str, ...], bool]] = [
    (
        "osp_przyk",
        "Ochotnicza Straż Pożarna w Przykładowie",
        "OSP Przykładowo",
        LF.OSP,
        RT.KRS,
        "Przykładowo",
        (A.CIV, A.EDU),
        ("23", "20", "15"),
        True,
    ),
    (
        "osp_wolka",
        "Ochotnicza Straż Pożarna w Wólce Przykładowej",
        "OSP Wólka",
        LF.OSP,
        RT.KRS,
        "Wólka Przykładowa",
        (A.CIV, A.SPORT),
        ("23", "17"),
        False,
    ),
    (
        "osp_dabrowa",
        "Ochotnicza Straż Pożarna w Dąbrowie",
        "OSP Dąbrowa",
        LF.OSP,
        RT.KRS,
        "Dąbrowa",
        (A.CIV, A.CULT),
        ("23", "4"),
        False,
    ),
    (
        "osp_olszanka",
        "Ochotnicza Straż Pożarna w Olszance",
        "OSP Olszanka",
        LF.OSP,
        RT.KRS,
        "Olszanka",
        (A.CIV,),
        ("23",),
        False,
    ),
    (
        "osp_kamionka",
        "Ochotnicza Straż Pożarna w Kamionce",
        "OSP Kamionka",
        LF.OSP,
        RT.KRS,
        "Kamionka",
        (A.CIV, A.SPORT),
        ("23", "17"),
        False,
    ),
    (
        "osp_zalesie",
        "Ochotnicza Straż Pożarna w Zalesiu",
        "OSP Zalesie",
        LF.OSP,
        RT.KRS,
        "Zalesie",
        (A.CIV,),
        ("23", "20"),
        False,
    ),
    (
        "kgw_olszanka",
        "Koło Gospodyń Wiejskich \u201eOlszanianki\u201d",
        "KGW Olszanianki",
        LF.KGW,
        RT.REJESTR_KGW,
        "Olszanka",
        (A.CULT, A.PROMO),
        ("4", "16"),
        False,
    ),
    (
        "kgw_borki",
        "Koło Gospodyń Wiejskich w Borkach",
        "KGW Borki",
        LF.KGW,
        RT.REJESTR_KGW,
        "Borki",
        (A.CULT, A.PROMO),
        ("4", "11"),
        False,
    ),
    (
        "kgw_kamionka",
        "Koło Gospodyń Wiejskich \u201eKamioneczki\u201d",
        "KGW Kamionka",
        LF.KGW,
        RT.REJESTR_KGW,
        "Kamionka",
        (A.CULT,),
        ("4", "16"),
        False,
    ),
    (
        "kgw_dabrowa",
        "Koło Gospodyń Wiejskich w Dąbrowie",
        "KGW Dąbrowa",
        LF.KGW,
        RT.REJESTR_KGW,
        "Dąbrowa",
        (A.CULT, A.SOC),
        ("4", "10"),
        False,
    ),
    (
        "kgw_lipniki",
        "Koło Gospodyń Wiejskich w Lipnikach",
        "KGW Lipniki",
        LF.KGW,
        RT.REJESTR_KGW,
        "Lipniki",
        (A.CULT,),
        ("4",),
        False,
    ),
    (
        "kgw_zalesie",
        "Koło Gospodyń Wiejskich \u201eZalesianki\u201d",
        "KGW Zalesianki",
        LF.KGW,
        RT.REJESTR_KGW,
        "Zalesie",
        (A.CULT, A.PROMO),
        ("4", "13"),
        False,
    ),
    (
        "st_przyjaciol",
        "Stowarzyszenie Przyjaciół Ziemi Przykładowskiej",
        "SPZP",
        LF.STOWARZYSZENIE,
        RT.KRS,
        "Przykładowo",
        (A.SPATIAL, A.PROMO, A.CIV),
        ("13", "32a", "19"),
        True,
    ),
    (
        "st_dabrowa",
        "Stowarzyszenie na Rzecz Rozwoju Wsi Dąbrowa",
        "Razem dla Dąbrowy",
        LF.STOWARZYSZENIE,
        RT.KRS,
        "Dąbrowa",
        (A.CIV, A.EDU),
        ("13", "15"),
        False,
    ),
    (
        "st_seniorzy",
        "Stowarzyszenie Seniorów \u201eZłota Jesień\u201d",
        "Złota Jesień",
        LF.STOWARZYSZENIE,
        RT.KRS,
        "Przykładowo",
        (A.SOC, A.HEALTH),
        ("10", "6"),
        False,
    ),
    (
        "st_razem",
        "Stowarzyszenie Rodziców i Przyjaciół Osób Niepełnosprawnych \u201eRazem\u201d",
        "Razem",
        LF.STOWARZYSZENIE,
        RT.KRS,
        "Przykładowo",
        (A.SOC, A.HEALTH),
        ("7", "1"),
        True,
    ),
    (
        "st_lgd",
        "Lokalna Grupa Działania \u201ePuszcza i Rzeka\u201d",
        "LGD Puszcza i Rzeka",
        LF.STOWARZYSZENIE,
        RT.KRS,
        "Przykładowo",
        (A.PROMO, A.ENV),
        ("11", "13", "19"),
        True,
    ),
    (
        "st_zielona",
        "Stowarzyszenie Ekologiczne \u201eZielona Dolina\u201d",
        "Zielona Dolina",
        LF.STOWARZYSZENIE,
        RT.KRS,
        "Brzozowo",
        (A.ENV, A.EDU),
        ("18", "14"),
        False,
    ),
    (
        "st_historia",
        "Towarzystwo Miłośników Historii Gminy Przykładowej",
        "TMHGP",
        LF.STOWARZYSZENIE,
        RT.KRS,
        "Przykładowo",
        (A.CULT, A.EDU),
        ("16", "4", "14"),
        False,
    ),
    (
        "st_abstynent",
        "Stowarzyszenie Abstynenckie \u201eNowa Droga\u201d",
        "Nowa Droga",
        LF.STOWARZYSZENIE,
        RT.KRS,
        "Przykładowo",
        (A.HEALTH, A.SOC),
        ("32", "6"),
        True,
    ),
    (
        "st_kobiety",
        "Stowarzyszenie Kobiet Aktywnych Gminy Przykładowej",
        "SKA",
        LF.STOWARZYSZENIE,
        RT.KRS,
        "Stara Wieś",
        (A.CIV, A.CULT),
        ("9", "16", "13"),
        False,
    ),
    (
        "st_horyzont",
        "Stowarzyszenie Młodzieży \u201eHoryzont\u201d",
        "Horyzont",
        LF.STOWARZYSZENIE,
        RT.KRS,
        "Przykładowo",
        (A.CIV, A.EDU),
        ("27", "15"),
        False,
    ),
    (
        "st_pzw",
        "Polski Związek Wędkarski – Koło nr 12 w Przykładowie",
        "PZW koło 12",
        LF.STOWARZYSZENIE,
        RT.KRS,
        "Przykładowo",
        (A.ENV, A.SPORT),
        ("18", "17"),
        False,
    ),
    (
        "sz_rowerowe",
        "Stowarzyszenie zwykłe \u201eRowerem po Gminie\u201d",
        "Rowerem po Gminie",
        LF.STOWARZYSZENIE_ZWYKLE,
        RT.EWIDENCJA_STAROSTY,
        "Nowa Wieś",
        (A.SPORT, A.PROMO),
        ("17", "19"),
        False,
    ),
    (
        "sz_teatr",
        "Stowarzyszenie zwykłe Teatr Obrzędowy \u201eSiemiatycze Dawniej\u201d",
        "Teatr Obrzędowy",
        LF.STOWARZYSZENIE_ZWYKLE,
        RT.EWIDENCJA_STAROSTY,
        "Lipniki",
        (A.CULT,),
        ("16", "4"),
        False,
    ),
    (
        "sz_rodzice",
        "Stowarzyszenie zwykłe Rodziców Szkoły w Zalesiu",
        "Rodzice Zalesie",
        LF.STOWARZYSZENIE_ZWYKLE,
        RT.EWIDENCJA_STAROSTY,
        "Zalesie",
        (A.EDU,),
        ("14", "15"),
        False,
    ),
    (
        "f_przedsieb",
        "Fundacja Rozwoju Przedsiębiorczości Podlasia",
        "FRPP",
        LF.FUNDACJA,
        RT.KRS,
        "Przykładowo",
        (A.PROMO,),
        ("11", "8"),
        False,
    ),
    (
        "f_dobrystart",
        "Fundacja \u201eDobry Start\u201d",
        "Dobry Start",
        LF.FUNDACJA,
        RT.KRS,
        "Przykładowo",
        (A.EDU, A.SOC),
        ("15", "1a", "31"),
        True,
    ),
    (
        "f_przystan",
        "Fundacja Pomocy Rodzinie \u201ePrzystań\u201d",
        "Przystań",
        LF.FUNDACJA,
        RT.KRS,
        "Kamionka",
        (A.SOC,),
        ("1", "10", "31"),
        True,
    ),
    (
        "f_zdrowie",
        "Fundacja Ochrony Zdrowia \u201eZdrowa Gmina\u201d",
        "Zdrowa Gmina",
        LF.FUNDACJA,
        RT.KRS,
        "Przykładowo",
        (A.HEALTH,),
        ("6", "10"),
        False,
    ),
    (
        "uks_orlik",
        "Uczniowski Klub Sportowy \u201eOrlik\u201d przy Szkole Podstawowej w Przykładowie",
        "UKS Orlik",
        LF.UKS,
        RT.EWIDENCJA_STAROSTY,
        "Przykładowo",
        (A.SPORT, A.EDU),
        ("17", "15"),
        False,
    ),
    (
        "uks_jedynka",
        "Uczniowski Klub Sportowy \u201eJedynka\u201d",
        "UKS Jedynka",
        LF.UKS,
        RT.EWIDENCJA_STAROSTY,
        "Dąbrowa",
        (A.SPORT,),
        ("17",),
        False,
    ),
    (
        "uks_zak",
        "Uczniowski Klub Sportowy \u201eŻak\u201d Zalesie",
        "UKS Żak",
        LF.UKS,
        RT.EWIDENCJA_STAROSTY,
        "Zalesie",
        (A.SPORT,),
        ("17", "15"),
        False,
    ),
    (
        "ks_glks",
        "Gminny Ludowy Klub Sportowy \u201ePrzykładowianka\u201d",
        "GLKS Przykładowianka",
        LF.KLUB_SPORTOWY,
        RT.KRS,
        "Przykładowo",
        (A.SPORT,),
        ("17",),
        False,
    ),
    (
        "ks_orzel",
        "Klub Sportowy \u201eOrzeł\u201d Wólka",
        "KS Orzeł",
        LF.KLUB_SPORTOWY,
        RT.KRS,
        "Wólka Przykładowa",
        (A.SPORT,),
        ("17",),
        False,
    ),
    (
        "ks_pogon",
        "Ludowy Klub Sportowy \u201ePogoń\u201d Olszanka",
        "LKS Pogoń",
        LF.KLUB_SPORTOWY,
        RT.KRS,
        "Olszanka",
        (A.SPORT,),
        ("17",),
        False,
    ),
    (
        "par_rzym",
        "Parafia Rzymskokatolicka pw. św. Jana Chrzciciela w Przykładowie",
        "Parafia św. Jana",
        LF.KOSCIELNA_OSOBA_PRAWNA,
        RT.KOSCIELNA,
        "Przykładowo",
        (A.CULT, A.SOC),
        ("3", "16"),
        False,
    ),
    (
        "par_praw",
        "Parafia Prawosławna pw. Zaśnięcia Najświętszej Maryi Panny w Kamionce",
        "Parafia w Kamionce",
        LF.KOSCIELNA_OSOBA_PRAWNA,
        RT.KOSCIELNA,
        "Kamionka",
        (A.CULT,),
        ("3", "16", "5"),
        False,
    ),
    (
        "spol_soc",
        "Spółdzielnia Socjalna \u201eRazem w Przykładowie\u201d",
        "SS Razem",
        LF.SPOLDZIELNIA_SOCJALNA,
        RT.KRS,
        "Przykładowo",
        (A.SOC, A.ENV),
        ("2", "7"),
        False,
    ),
    (
        "np_cus",
        "Przykładowe Centrum Usług Społecznych sp. z o.o. non-profit",
        "PCUS",
        LF.SPOLKA_NON_PROFIT,
        RT.KRS,
        "Przykładowo",
        (A.SOC, A.HEALTH),
        ("1", "6", "10"),
        False,
    ),
    (
        "inna_cech",
        "Cech Rzemiosł Różnych w Przykładowie",
        "Cech",
        LF.INNA,
        RT.KRS,
        "Przykładowo",
        (A.PROMO, A.EDU),
        ("11", "14"),
        False,
    ),
]

#: organisations with a 14-digit (local unit) REGON: units of a national association
LOCAL_UNIT_REGON = {"st_pzw"}

FIRST_NAMES = [
    "Anna",
    "Katarzyna",
    "Małgorzata",
    "Joanna",
    "Ewa",
    "Barbara",
    "Krystyna",
    "Agnieszka",
    "Teresa",
    "Jan",
    "Piotr",
    "Andrzej",
    "Krzysztof",
    "Tomasz",
    "Marek",
    "Grzegorz",
    "Józef",
    "Paweł",
    "Michał",
]
SURNAMES_F = [
    "Kowalska",
    "Wiśniewska",
    "Dąbrowska",
    "Zalewska",
    "Sokołowska",
    "Łapińska",
    "Ostrowska",
    "Szymańska",
    "Wróblewska",
    "Jabłońska",
    "Kalinowska",
    "Borkowska",
]
SURNAMES_M = [
    "Kowalski",
    "Wiśniewski",
    "Dąbrowski",
    "Zalewski",
    "Sokołowski",
    "Łapiński",
    "Ostrowski",
    "Szymański",
    "Wróblewski",
    "Jabłoński",
    "Kalinowski",
    "Borkowski",
]
STREETS = [
    "ul. Główna",
    "ul. Szkolna",
    "ul. Kościelna",
    "ul. Leśna",
    "ul. Polna",
    "ul. Strażacka",
    "ul. Ogrodowa",
    "ul. Słoneczna",
    "ul. Kolejowa",
    "ul. Łąkowa",
]
#: every village shares the gmina's postal code area 16-0xx
POSTAL = {
    "Przykładowo": "16-070",
    "Wólka Przykładowa": "16-071",
    "Dąbrowa": "16-072",
    "Olszanka": "16-073",
    "Kamionka": "16-074",
    "Zalesie": "16-075",
    "Borki": "16-076",
    "Lipniki": "16-077",
    "Brzozowo": "16-078",
    "Stara Wieś": "16-079",
    "Nowa Wieś": "16-079",
}

M = MkusType
DM = DeliveryMode
#: key, title, area, spheres, MKUS type, delivery mode, recipients
TASKS: list[tuple[str, str, WkusArea, str, MkusType | None, DeliveryMode, str]] = [
    (
        "t_opieka",
        "Usługi opiekuńcze dla osób starszych w miejscu zamieszkania",
        A.SOC,
        "1,10",
        M.ZLECANIE_USLUG,
        DM.MULTI_YEAR_CONTRACT,
        "osoby starsze i niesamodzielne",
    ),
    (
        "t_swietlice",
        "Świetlice środowiskowe dla dzieci i młodzieży",
        A.SOC,
        "1a,15,31",
        M.ZLECANIE_INSTYTUCJI,
        DM.MULTI_YEAR_CONTRACT,
        "dzieci i młodzież z rodzin w trudnej sytuacji",
    ),
    (
        "t_dowoz",
        "Dowóz osób z niepełnosprawnościami na zajęcia rehabilitacyjne",
        A.SOC,
        "7",
        M.ZLECANIE_USLUG,
        DM.MULTI_YEAR_CONTRACT,
        "osoby z niepełnosprawnościami",
    ),
    (
        "t_klub_seniora",
        "Aktywizacja osób starszych – kluby seniora",
        A.SOC,
        "10",
        M.KOOPERACYJNE,
        DM.MULTI_YEAR_CONTRACT,
        "seniorzy 60+",
    ),
    (
        "t_wypoczynek",
        "Wypoczynek letni i zajęcia pozalekcyjne dzieci",
        A.EDU,
        "14,15",
        M.BON_REGRANTING,
        DM.ANNUAL_GRANTS,
        "uczniowie szkół podstawowych",
    ),
    (
        "t_szkolenie",
        "Szkolenie sportowe dzieci i młodzieży",
        A.SPORT,
        "17",
        M.ZLECANIE_INSTYTUCJI,
        DM.MULTI_YEAR_CONTRACT,
        "dzieci i młodzież 7–18 lat",
    ),
    ("t_imprezy", "Gminne imprezy i zawody sportowe", A.SPORT, "17", None, DM.ANNUAL_GRANTS, "mieszkańcy gminy"),
    (
        "t_tradycja",
        "Ochrona tradycji ludowej i dziedzictwa kulturowego",
        A.CULT,
        "4,16",
        M.KOOPERACYJNE,
        DM.ANNUAL_GRANTS,
        "mieszkańcy gminy",
    ),
    (
        "t_uzaleznienia",
        "Profilaktyka uzależnień dzieci i młodzieży",
        A.HEALTH,
        "32",
        M.ZLECANIE_USLUG,
        DM.MULTI_YEAR_CONTRACT,
        "młodzież i rodzice",
    ),
    (
        "t_zdrowie",
        "Promocja zdrowia i badania profilaktyczne seniorów",
        A.HEALTH,
        "6,10",
        M.ZLECANIE_USLUG,
        DM.ANNUAL_GRANTS,
        "seniorzy 60+",
    ),
    (
        "t_promocja",
        "Promocja gminy i lokalnych produktów",
        A.PROMO,
        "11,19",
        None,
        DM.ANNUAL_GRANTS,
        "mieszkańcy, turyści, lokalni wytwórcy",
    ),
    (
        "t_ekologia",
        "Edukacja ekologiczna i dbałość o tereny zielone",
        A.ENV,
        "18",
        M.BON_REGRANTING,
        DM.ANNUAL_GRANTS,
        "dzieci, młodzież, mieszkańcy",
    ),
    (
        "t_wolontariat",
        "Wspieranie wolontariatu i aktywności obywatelskiej",
        A.CIV,
        "27,13",
        M.KOOPERACYJNE,
        DM.ANNUAL_GRANTS,
        "młodzież, organizacje",
    ),
    (
        "t_planowanie",
        "Udział mieszkańców w planowaniu przestrzennym",
        A.SPATIAL,
        "13,32a",
        M.KOOPERACYJNE,
        DM.IN_HOUSE,
        "mieszkańcy sołectw",
    ),
    (
        "t_inicjatywy",
        "Inicjatywy lokalne mieszkańców – zieleń i mała architektura",
        A.ENV,
        "13,18",
        None,
        DM.IN_HOUSE,
        "mieszkańcy sołectw",
    ),
]

#: programme priorities: (title, area, planned amount in 2021); later years grow by ~4% a year
PRIORITIES = [
    ("Pomoc społeczna i wsparcie rodziny", A.SOC, D("180000")),
    ("Edukacja i wypoczynek dzieci", A.EDU, D("25000")),
    ("Sport i kultura fizyczna", A.SPORT, D("70000")),
    ("Kultura i tradycja", A.CULT, D("30000")),
    ("Profilaktyka uzależnień i ochrona zdrowia", A.HEALTH, D("45000")),
    ("Promocja gminy", A.PROMO, D("20000")),
    ("Ekologia i tereny zielone", A.ENV, D("12000")),
    ("Wolontariat i aktywność obywatelska", A.CIV, D("12000")),
]

ELEMENT_TEXTS = {
    1: "Celem głównym programu na rok {year} jest budowanie partnerstwa między Gminą a organizacjami "
    "pozarządowymi; cele szczegółowe: poprawa jakości usług społecznych, wzmocnienie potencjału organizacji, "
    "zwiększenie udziału mieszkańców w życiu publicznym.",
    2: "Współpraca opiera się na zasadach pomocniczości, suwerenności stron, partnerstwa, efektywności, "
    "uczciwej konkurencji i jawności.",
    3: "Przedmiotem współpracy jest realizacja zadań publicznych, o których mowa w art. 4 ust. 1 ustawy, "
    "należących do zadań własnych Gminy.",
    4: "Współpraca ma formę finansową (zlecanie zadań w formie wspierania lub powierzania, także umowy "
    "wieloletnie) oraz pozafinansową (konsultacje, wzajemne informowanie, zespoły doradcze).",
    5: "Zadania priorytetowe na rok {year}: pomoc społeczna i wsparcie rodziny, sport, kultura i tradycja, "
    "profilaktyka uzależnień, edukacja, promocja gminy, ekologia, wolontariat.",
    6: "Program obowiązuje od 1 stycznia do 31 grudnia {year} r.",
    7: "Program realizuje Wójt Gminy przez otwarte konkursy ofert, tryb art. 19a ustawy, inicjatywę lokalną "
    "oraz umowy wieloletnie zawierane na okres do 5 lat.",
    8: "Na realizację programu w {year} r. planuje się kwotę {amount} zł.",
    9: "Ocena realizacji programu opiera się na wskaźnikach: liczba ogłoszonych konkursów, liczba ofert, "
    "liczba zawartych umów, wysokość środków, liczba odbiorców zadań.",
    # the dates and the remarks are printed from the programme's consultation fields, in the document's
    # one date style, so the text does not repeat them
    10: "Projekt programu poddano konsultacjom z organizacjami pozarządowymi w sposób określony w uchwale Rady "
    "Gminy w sprawie szczegółowego sposobu konsultowania projektów aktów prawa miejscowego (art. 5 ust. 5 "
    "ustawy); informację o wynikach konsultacji publikuje się w BIP.",
    11: "Komisje konkursowe powołuje Wójt; w ich skład wchodzą przedstawiciele Urzędu i organizacji "
    "pozarządowych niebiorących udziału w konkursie.",
}


@dataclass(frozen=True)
class ContractSpec:
    key: str
    title: str
    task: str
    procedure: str
    form: ContractForm
    start: dt.date
    end: dt.date
    parties: tuple[str, ...]
    #: grant per budget year, in the order of the years of the period
    amounts: tuple[str, ...]
    #: own contribution per year: kind → amount (None = none at all: the zero-contribution warning case)
    contributions: dict[ContributionKind, str] | None = None
    #: (name, unit, source, target per year or None, target for the whole contract or None)
    results: tuple[tuple[str, str, str, str | None, str | None], ...] = ()
    unit_rate: str | None = None
    unit_name: str = ""
    draft: bool = False


d = dt.date
W, P = ContractForm.WSPARCIE, ContractForm.POWIERZENIE
CK = ContributionKind
LISTA = "listy obecności"
SPRAW = "sprawozdanie i dokumentacja zdjęciowa"

CONTRACTS: list[ContractSpec] = [
    # ---- multi-year ----------------------------------------------------------------------------
    ContractSpec(
        "m_opieka",
        "Usługi opiekuńcze dla osób starszych w miejscu zamieszkania 2021–2023",
        "t_opieka",
        "k_opieka",
        P,
        d(2021, 3, 1),
        d(2023, 12, 31),
        ("f_przystan",),
        ("68000", "84000", "88000"),
        {CK.PERSONAL: "3000"},
        (
            ("Liczba osób objętych usługami opiekuńczymi", "osoby", "karty usług, listy podopiecznych", "18", None),
            ("Liczba godzin usług opiekuńczych", "godz.", "karty czasu pracy opiekunek", None, "5400"),
        ),
        unit_rate="42.00",
        unit_name="godzina usług",
    ),
    ContractSpec(
        "m_swietlice",
        "Prowadzenie świetlic środowiskowych dla dzieci i młodzieży 2022–2026",
        "t_swietlice",
        "k_swietlice",
        W,
        d(2022, 1, 1),
        d(2026, 12, 31),
        ("f_dobrystart",),
        ("95000", "98000", "104000", "108000", "112000"),
        {CK.FINANCIAL: "4000", CK.PERSONAL: "9600", CK.IN_KIND: "6000", CK.RECIPIENT_FEES: "1200"},
        (
            ("Liczba dzieci regularnie uczestniczących w zajęciach", "osoby", LISTA, "40", None),
            ("Liczba dni otwarcia świetlic", "dni", "dziennik zajęć", "240", None),
            ("Liczba rodziców objętych poradnictwem", "osoby", "rejestr konsultacji", None, "120"),
        ),
    ),
    ContractSpec(
        "m_szkolenie",
        "Szkolenie sportowe dzieci i młodzieży w piłce nożnej 2024–2027",
        "t_szkolenie",
        "k_szkolenie",
        W,
        d(2024, 1, 1),
        d(2027, 12, 31),
        ("ks_glks",),
        ("60000", "62000", "64000", "66000"),
        {CK.FINANCIAL: "6000", CK.PERSONAL: "8000", CK.IN_KIND: "3000", CK.RECIPIENT_FEES: "4800"},
        (
            ("Liczba zawodników objętych szkoleniem", "osoby", "listy zawodników, karty zgłoszeń", "70", None),
            ("Liczba godzin treningowych", "godz.", "dziennik trenera", "900", None),
        ),
    ),
    ContractSpec(
        "m_uzaleznienia",
        "Profilaktyka uzależnień – program rówieśniczy \u201eNowa Droga\u201d 2025–2027",
        "t_uzaleznienia",
        "k_uzaleznienia",
        P,
        d(2025, 2, 1),
        d(2027, 12, 31),
        ("st_abstynent",),
        ("36000", "38000", "38000"),
        {CK.PERSONAL: "2400"},
        (
            ("Liczba uczestników warsztatów profilaktycznych", "osoby", LISTA, "120", None),
            ("Liczba godzin dyżurów punktu konsultacyjnego", "godz.", "rejestr dyżurów", None, "600"),
        ),
    ),
    ContractSpec(
        "m_dowoz",
        "Dowóz osób z niepełnosprawnościami na zajęcia rehabilitacyjne 2024–2026",
        "t_dowoz",
        "k_dowoz",
        P,
        d(2024, 3, 1),
        d(2026, 12, 31),
        ("st_razem", "spol_soc"),
        ("45000", "54000", "56000"),
        {CK.IN_KIND: "2500"},
        (
            ("Liczba osób dowożonych", "osoby", "lista pasażerów", "14", None),
            ("Liczba kursów", "kursy", "karty drogowe", "440", None),
        ),
        unit_rate="2.80",
        unit_name="kilometr przewozu",
    ),
    ContractSpec(
        "m_klub_seniora",
        "Klub Seniora \u201eZłota Jesień\u201d – aktywizacja osób starszych 2024–2026",
        "t_klub_seniora",
        "k_klub_seniora",
        W,
        d(2024, 1, 1),
        d(2026, 12, 31),
        ("st_seniorzy",),
        ("24000", "25000", "26000"),
        None,  # wsparcie without own contribution: the warning case
        (
            ("Liczba seniorów uczestniczących w zajęciach", "osoby", LISTA, "35", None),
            ("Liczba spotkań i warsztatów", "spotkania", "dziennik zajęć", "80", None),
        ),
    ),
    ContractSpec(
        "m_tradycja",
        "Zespół Pieśni i Tańca Ludowego – kultywowanie tradycji 2023–2025",
        "t_tradycja",
        "k_tradycja",
        W,
        d(2023, 1, 1),
        d(2025, 12, 31),
        ("kgw_olszanka",),
        ("15000", "16000", "16500"),
        {CK.PERSONAL: "5000", CK.IN_KIND: "2000"},
        (
            ("Liczba występów zespołu", "występy", "afisze, dokumentacja zdjęciowa", "12", None),
            ("Liczba członków zespołu", "osoby", LISTA, "25", None),
        ),
    ),
    # ---- single-year ---------------------------------------------------------------------------
    ContractSpec(
        "s_zawody21",
        "Gminne Zawody Sportowo-Pożarnicze 2021",
        "t_imprezy",
        "k2021",
        W,
        d(2021, 6, 1),
        d(2021, 7, 31),
        ("osp_wolka",),
        ("6000",),
        {CK.PERSONAL: "1500", CK.FINANCIAL: "500"},
        (("Liczba drużyn startujących w zawodach", "drużyny", "protokół zawodów", None, "14"),),
    ),
    ContractSpec(
        "s_polkolonie21",
        "Wypoczynek letni dzieci – półkolonie 2021",
        "t_wypoczynek",
        "k2021",
        W,
        d(2021, 7, 1),
        d(2021, 8, 31),
        ("uks_orlik",),
        ("12000",),
        {CK.FINANCIAL: "800", CK.RECIPIENT_FEES: "2000"},
        (("Liczba uczestników półkolonii", "osoby", LISTA, None, "45"),),
    ),
    ContractSpec(
        "s_festyn21",
        "Festyn \u201eDziedzictwo Ziemi Przykładowskiej\u201d 2021",
        "t_tradycja",
        "a19_2021",
        W,
        d(2021, 8, 1),
        d(2021, 9, 15),
        ("st_historia",),
        ("8000",),
        {CK.PERSONAL: "1200"},
        (("Liczba uczestników festynu", "osoby", "szacunek organizatora", None, "400"),),
    ),
    ContractSpec(
        "s_siatkowka22",
        "Turniej piłki siatkowej o Puchar Wójta 2022",
        "t_imprezy",
        "k2022",
        W,
        d(2022, 4, 1),
        d(2022, 6, 30),
        ("ks_pogon",),
        ("7500",),
        {CK.FINANCIAL: "700", CK.PERSONAL: "900"},
        (("Liczba drużyn", "drużyny", "protokół turnieju", None, "10"),),
    ),
    ContractSpec(
        "s_ekologia22",
        "Edukacja ekologiczna \u201eCzysta Dolina\u201d 2022",
        "t_ekologia",
        "k2022",
        W,
        d(2022, 3, 15),
        d(2022, 10, 31),
        ("st_zielona",),
        ("9000",),
        {CK.PERSONAL: "2000", CK.IN_KIND: "600"},
        (
            ("Liczba uczniów na warsztatach ekologicznych", "osoby", LISTA, None, "150"),
            ("Masa zebranych odpadów", "kg", "karty przekazania odpadów", None, "800"),
        ),
    ),
    ContractSpec(
        "s_kiermasz22",
        "Kiermasz wielkanocny i warsztaty rękodzieła 2022",
        "t_tradycja",
        "a19_2022",
        W,
        d(2022, 3, 1),
        d(2022, 4, 20),
        ("kgw_borki",),
        ("4500",),
        {CK.PERSONAL: "1000", CK.IN_KIND: "400"},
        (("Liczba uczestników warsztatów", "osoby", LISTA, None, "60"),),
    ),
    ContractSpec(
        "s_oboz23",
        "Obóz sportowy dla młodzieży 2023",
        "t_wypoczynek",
        "k2023",
        W,
        d(2023, 6, 15),
        d(2023, 8, 31),
        ("uks_jedynka",),
        ("14000",),
        {CK.FINANCIAL: "1000", CK.RECIPIENT_FEES: "6000"},
        (("Liczba uczestników obozu", "osoby", LISTA, None, "30"),),
    ),
    ContractSpec(
        "s_jarmark23",
        "Promocja lokalnych produktów – Jarmark Przykładowski 2023",
        "t_promocja",
        "k2023",
        W,
        d(2023, 5, 1),
        d(2023, 9, 30),
        ("st_lgd",),
        ("18000",),
        {CK.FINANCIAL: "2000", CK.IN_KIND: "1500", CK.OTHER_PUBLIC: "5000"},
        (
            ("Liczba wystawców", "wystawcy", "lista wystawców", None, "35"),
            ("Liczba odwiedzających", "osoby", "szacunek organizatora", None, "2500"),
        ),
    ),
    ContractSpec(
        "s_badania23",
        "Badania profilaktyczne i edukacja zdrowotna seniorów 2023",
        "t_zdrowie",
        "k2023",
        W,
        d(2023, 3, 1),
        d(2023, 11, 30),
        ("f_zdrowie",),
        ("20000",),
        {CK.FINANCIAL: "1500", CK.PERSONAL: "2000"},
        (("Liczba seniorów objętych badaniami", "osoby", "karty badań", None, "200"),),
    ),
    ContractSpec(
        "s_dzien_dziecka24",
        "Dzień Dziecka w Dąbrowie 2024",
        "t_wypoczynek",
        "a19_2024",
        W,
        d(2024, 5, 15),
        d(2024, 6, 15),
        ("st_dabrowa",),
        ("5000",),
        {CK.PERSONAL: "800"},
        (("Liczba dzieci uczestniczących", "osoby", "szacunek organizatora", None, "150"),),
    ),
    ContractSpec(
        "s_mdp24",
        "Młodzieżowa Drużyna Pożarnicza – szkolenie i zawody 2024",
        "t_imprezy",
        "k2024",
        W,
        d(2024, 3, 1),
        d(2024, 10, 31),
        ("osp_przyk",),
        ("8000",),
        {CK.PERSONAL: "2400", CK.IN_KIND: "1000"},
        (("Liczba członków MDP przeszkolonych", "osoby", LISTA, None, "20"),),
    ),
    ContractSpec(
        "s_wolontariat24",
        "Gminne Centrum Wolontariatu 2024",
        "t_wolontariat",
        "k2024",
        W,
        d(2024, 2, 1),
        d(2024, 12, 15),
        ("st_horyzont",),
        ("11000",),
        {CK.PERSONAL: "3000", CK.FINANCIAL: "500"},
        (("Liczba aktywnych wolontariuszy", "osoby", "porozumienia wolontariackie", None, "40"),),
    ),
    ContractSpec(
        "s_dozynki25",
        "Dożynki gminne – część artystyczna 2025",
        "t_tradycja",
        "a19_2025",
        W,
        d(2025, 7, 15),
        d(2025, 9, 15),
        ("kgw_kamionka",),
        ("12500",),
        {CK.PERSONAL: "1500"},
        (("Liczba wykonawców", "osoby", "program dożynek", None, "60"),),
    ),
    ContractSpec(
        "s_rzeka25",
        "Sprzątanie brzegów rzeki i nasadzenia drzew 2025",
        "t_ekologia",
        "k2025",
        W,
        d(2025, 4, 1),
        d(2025, 10, 31),
        ("st_pzw",),
        ("7000",),
        {CK.PERSONAL: "2500", CK.IN_KIND: "500"},
        (
            ("Długość oczyszczonych brzegów", "km", "protokół odbioru", None, "6"),
            ("Liczba posadzonych drzew", "szt.", "protokół nasadzeń", None, "120"),
        ),
    ),
    ContractSpec(
        "s_spacery25",
        "Spacery studyjne i warsztaty do studium uwarunkowań 2025",
        "t_planowanie",
        "k2025",
        W,
        d(2025, 3, 1),
        d(2025, 6, 30),
        ("st_przyjaciol",),
        ("9500",),
        {CK.PERSONAL: "1800"},
        (
            ("Liczba mieszkańców w warsztatach", "osoby", LISTA, None, "90"),
            ("Liczba zebranych wniosków do studium", "wnioski", "rejestr wniosków", None, "40"),
        ),
    ),
    ContractSpec(
        "s_polkolonie26",
        "Wypoczynek letni dzieci – półkolonie 2026",
        "t_wypoczynek",
        "k2026",
        W,
        d(2026, 7, 1),
        d(2026, 8, 31),
        ("uks_orlik",),
        ("15000",),
        {CK.FINANCIAL: "1000", CK.RECIPIENT_FEES: "2500"},
        (("Liczba uczestników półkolonii", "osoby", LISTA, None, "50"),),
    ),
    ContractSpec(
        "s_kino26",
        "Kino plenerowe i warsztaty filmowe 2026",
        "t_wolontariat",
        "a19_2026",
        W,
        d(2026, 6, 1),
        d(2026, 8, 20),
        ("st_kobiety",),
        ("9800",),
        {CK.PERSONAL: "1400", CK.IN_KIND: "700"},
        (("Liczba seansów", "seanse", "afisze", None, "8"),),
    ),
    ContractSpec(
        "s_turniej27",
        "Turniej Sołectw – sport i rekreacja 2027",
        "t_imprezy",
        "k2027",
        W,
        d(2027, 4, 1),
        d(2027, 9, 30),
        ("ks_orzel",),
        ("10000",),
        {CK.FINANCIAL: "1000", CK.PERSONAL: "1500"},
        (("Liczba drużyn sołeckich", "drużyny", "protokół", None, "12"),),
        draft=True,
    ),
]

#: competitions for the multi-year contracts: key, title, budget year, publication date
MULTI_YEAR_COMPETITIONS = [
    (
        "k_opieka",
        "Otwarty konkurs ofert: usługi opiekuńcze dla osób starszych w latach 2021–2023",
        2021,
        d(2021, 1, 11),
    ),
    (
        "k_swietlice",
        "Otwarty konkurs ofert: prowadzenie świetlic środowiskowych w latach 2022–2026",
        2022,
        d(2021, 12, 1),
    ),
    ("k_tradycja", "Otwarty konkurs ofert: kultywowanie tradycji ludowej w latach 2023–2025", 2023, d(2022, 11, 28)),
    (
        "k_szkolenie",
        "Otwarty konkurs ofert: szkolenie sportowe dzieci i młodzieży w latach 2024–2027",
        2024,
        d(2023, 11, 27),
    ),
    ("k_dowoz", "Otwarty konkurs ofert: dowóz osób z niepełnosprawnościami w latach 2024–2026", 2024, d(2024, 1, 8)),
    ("k_klub_seniora", "Otwarty konkurs ofert: klub seniora w latach 2024–2026", 2024, d(2023, 11, 27)),
    ("k_uzaleznienia", "Otwarty konkurs ofert: profilaktyka uzależnień w latach 2025–2027", 2025, d(2024, 12, 2)),
]


@dataclass
class DemoSummary:
    organisations: int = 0
    tasks: int = 0
    programmes: int = 0
    procedures: int = 0
    contracts: int = 0
    multi_year_contracts: int = 0
    reports: int = 0
    late_reports: int = 0
    controls: int = 0
    committed_total: Decimal = D("0.00")
    tool_entries: int = 0
    notes: list[str] = field(default_factory=list)


# ---- identifiers -------------------------------------------------------------------------------


def make_nip(rng: random.Random, prefix: str) -> str:
    """A NIP with a valid check digit, starting with a podlaskie tax-office prefix."""
    while True:
        first9 = prefix + "".join(str(rng.randrange(10)) for _i in range(9 - len(prefix)))
        check = nip_check_digit(first9)
        if check is not None:
            return first9 + str(check)


def make_regon9(rng: random.Random) -> str:
    first8 = "20" + "".join(str(rng.randrange(10)) for _i in range(6))  # 20…: podlaskie
    return first8 + str(regon9_check_digit(first8))


def make_regon14(rng: random.Random) -> str:
    first13 = make_regon9(rng) + "".join(str(rng.randrange(10)) for _i in range(4))
    return first13 + str(regon14_check_digit(first13))


def make_krs(rng: random.Random) -> str:
    return "0000" + str(rng.randrange(100000, 999999))


# ---- checks ------------------------------------------------------------------------------------


def database_is_empty(db: Database) -> bool:
    """True when no gmina profile and no registry record exist (the app then offers the demo)."""
    with db.session() as s:
        for model in (Gmina, Organisation, PublicTask, CooperationProgramme, Procedure, Contract):
            if s.scalar(select(func.count()).select_from(model)):
                return False
    return True


def clear_registries(db: Database) -> None:
    """Delete every registry record through the ORM (so the audit log records the deletions)."""
    from app.core.db.models import NonFinancialCooperation, RadarMeeting, ToolEntry, ToolResult

    with db.session() as s:
        # tool entries and results point at the records by id: they go first
        s.execute(ToolResult.__table__.delete())
        for model in (
            ToolEntry,
            RadarMeeting,
            NonFinancialCooperation,
            Contract,
            Procedure,
            CooperationProgramme,
            PublicTask,
            Organisation,
            RdppRequest,
            Gmina,
        ):
            for obj in s.scalars(select(model)):
                s.delete(obj)
            s.flush()


# ---- building ----------------------------------------------------------------------------------


def _working_day(day: dt.date) -> dt.date:
    from app.core.calendar import deadline_on_working_day

    return deadline_on_working_day(day)


def load_demo(db: Database, today: dt.date | None = None, *, replace: bool = False) -> DemoSummary:
    """Fill an empty database with the demo gmina; with `replace`, delete existing records first."""
    today = today or dt.date.today()
    if not database_is_empty(db):
        if not replace:
            raise UserFacingError(
                _("The database already contains data; the demo gmina can only be loaded into an empty database.")
            )
        clear_registries(db)
    rng = random.Random(SEED)
    summary = DemoSummary()
    with db.session() as s:
        _gmina(s, rng)
        orgs = _organisations(s, rng)
        tasks = _tasks(s)
        programmes = _programmes(s, today)
        s.flush()
        procedures = _procedures(s, rng, tasks, programmes, orgs)
        s.flush()
        contracts = _contracts(s, rng, today, tasks, procedures, orgs)
        _controls(contracts, today)
        _rdpp(s, today)
        _council_resolutions(s)
        _cooperation(s, orgs, today)
        s.flush()
        from app.core.demo_tools import add_tool_entries

        summary.tool_entries = add_tool_entries(s, today)
        s.flush()
        summary.organisations = len(orgs)
        summary.tasks = len(tasks)
        summary.programmes = len(programmes)
        summary.procedures = len(procedures)
        summary.contracts = len(contracts)
        summary.multi_year_contracts = sum(1 for k in contracts.values() if k.end_date.year > k.start_date.year)
        summary.reports = sum(len(k.reports) for k in contracts.values())
        summary.late_reports = sum(
            1 for k in contracts.values() for r in k.reports if r.received_date is None and r.due_date < today
        )
        summary.controls = sum(len(k.controls) for k in contracts.values())
        s.flush()
        from app.core.figures.money import totals as money_totals

        # the vocabulary's committed money (the Pulpit's figure): the draft contract commits nothing
        summary.committed_total = money_totals(s).committed
    # the tools' results, so the Narzędzia view shows what was used and what is missing at once
    from app.core.tools.engine import recompute_all

    with db.session() as s:
        recompute_all(s, as_of=today)
    return summary


def _gmina(s: Session, rng: random.Random) -> None:
    s.add(
        Gmina(
            name=DEMO_NAME,
            jst_type=JstType.GMINA_WIEJSKA,
            executive_title=ExecutiveTitle.WOJT,
            council_name="Rada Gminy Przykładowa",
            street="ul. Główna 1",
            postal_code="16-070",
            city="Przykładowo",
            voivodeship="podlaskie",
            teryt="2099012",
            nip=make_nip(rng, "543"),
            regon=make_regon9(rng),
            email="sekretariat@gmina-przykladowa.example",
            phone="+48 85 700 10 00",
            bip_url="https://bip.gmina-przykladowa.example",
            is_demo=True,
            name_genitive="Gminy Przykładowa",
            name_dative="Gminie Przykładowa",
            name_locative="Gminie Przykładowa",
        )
    )


def _person(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"{rng.choice(FIRST_NAMES[:9])} {rng.choice(SURNAMES_F)}"
    return f"{rng.choice(FIRST_NAMES[9:])} {rng.choice(SURNAMES_M)}"


def _organisations(s: Session, rng: random.Random) -> dict[str, Organisation]:
    out: dict[str, Organisation] = {}
    used: set[str] = set()
    for n, (key, name, short, form, registry, village, areas, spheres, opp) in enumerate(ORGANISATIONS, start=1):
        while True:
            nip = make_nip(rng, rng.choice(["542", "543", "966", "722"]))
            regon = make_regon14(rng) if key in LOCAL_UNIT_REGON else make_regon9(rng)
            if nip not in used and regon not in used:
                used.update((nip, regon))
                break
        if registry is RegistryType.KRS:
            number = make_krs(rng)
        elif registry is RegistryType.REJESTR_KGW:
            number = f"KGW/{rng.randrange(10000, 99999)}"
        elif registry is RegistryType.KOSCIELNA:
            number = f"zaświadczenie wojewody nr {rng.randrange(10, 99)}/{rng.randrange(1990, 2005)}"
        elif form is LegalForm.UKS:
            number = f"UKS/{rng.randrange(1, 40)}/{rng.randrange(2005, 2020)}"
        else:
            number = f"ESZ.{rng.randrange(1, 60)}/{rng.randrange(2016, 2023)}"
        slug = f"org{n:02d}"
        person = _person(rng)
        org = Organisation(
            name=name,
            short_name=short,
            legal_form=form,
            registry_type=registry,
            registry_number=number,
            nip=nip,
            regon=regon,
            street=f"{rng.choice(STREETS)} {rng.randrange(1, 60)}",
            postal_code=POSTAL[village],
            city=village,
            email=f"kontakt@{slug}.example",
            phone=f"+48 85 7{rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}",
            website=f"https://{slug}.example" if rng.random() < 0.5 else "",
            contact_person=person,
            contact_email=f"{person.split()[0].lower()}@{slug}.example".replace("ł", "l"),
            contact_phone=f"+48 {rng.randrange(500, 899)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}",
            opp_status=opp,
            active=True,
        )
        org.areas = [OrganisationArea(area=a) for a in areas]
        org.spheres = [OrganisationSphere(sphere=c) for c in spheres]
        s.add(org)
        out[key] = org
    # one organisation that stopped its activity: kept in the register, marked inactive
    out["sz_teatr"].active = False
    out["sz_teatr"].notes = "Zawieszenie działalności od 2024 r. (informacja od prezesa)."
    return out


def _tasks(s: Session) -> dict[str, PublicTask]:
    out = {}
    for key, title, area, spheres, mkus, mode, recipients in TASKS:
        t = PublicTask(
            title=title,
            area=area,
            spheres=spheres,
            mkus_type=mkus,
            delivery_mode=mode,
            recipients=recipients,
            description=f"Zadanie publiczne gminy: {title.lower()}.",
        )
        s.add(t)
        out[key] = t
    return out


def _council_resolutions(s: Session) -> None:
    """The council's resolutions the act makes prerequisites (art. 5 ust. 5, art. 19c), as a gmina has them."""
    s.merge(
        Setting(
            key=CONSULTATION_KEY,
            value="2010-09-23|Uchwała nr XLII/254/2010 w sprawie określenia szczegółowego sposobu konsultowania "
            "z organizacjami pozarządowymi projektów aktów prawa miejscowego",
        )
    )
    s.merge(
        Setting(
            key=LOCAL_INITIATIVE_KEY,
            value="2019-05-30|Uchwała nr VIII/61/2019 w sprawie trybu i szczegółowych kryteriów oceny wniosków "
            "o realizację zadania publicznego w ramach inicjatywy lokalnej",
        )
    )
    s.merge(Setting(key=SOCIAL_WORK_KEY, value="yes"))


def _programmes(s: Session, today: dt.date) -> dict[int, CooperationProgramme]:
    # The programme texts are Polish data, so amounts and dates in them are Polish whatever the UI language.
    from babel.dates import format_date
    from babel.numbers import format_decimal

    out = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        growth = D("1.04") ** (year - FIRST_YEAR)
        priorities = [
            ProgrammePriority(
                year=year, title=title, area=area, planned_amount=(base * growth).quantize(D("100")).quantize(D("0.01"))
            )
            for title, area, base in PRIORITIES
        ]
        total = sum((p.planned_amount for p in priorities), D("0.00"))
        # the budget plans the programme's money for organisations' tasks: art. 19a ust. 7's base (19A-3, W-10)
        s.merge(Setting(key=f"{NGO_GRANTS_PLANNED_KEY}{year}", value=str(total)))
        cons_from, cons_to = d(year - 1, 10, 1), d(year - 1, 10, 15)
        # the 2024 programme was adopted late (deliberate breach of art. 5a ust. 1)
        adopted = d(2023, 12, 15) if year == 2024 else _working_day(d(year - 1, 11, 24))
        p = CooperationProgramme(
            kind=ProgrammeKind.ANNUAL,
            title=f"Roczny program współpracy Gminy Przykładowa z organizacjami pozarządowymi na rok {year}",
            year_from=year,
            year_to=year,
            resolution_number=f"{['XXIV', 'XXXVI', 'XLVIII', 'LIX', 'VIII', 'XX', 'XXXII'][year - FIRST_YEAR]}"
            f"/{100 + 12 * (year - FIRST_YEAR)}/{year - 1}",
            resolution_date=adopted if adopted <= today else None,
            journal_reference=f"Dz. Urz. Woj. Podl. z {year - 1} r. poz. {3000 + 37 * (year - FIRST_YEAR)}"
            if adopted <= today
            else "",
            consultation_start=cons_from if cons_from <= today else None,
            consultation_end=cons_to if cons_to <= today else None,
            consultation_summary="Konsultacje w formie pisemnych opinii i otwartego spotkania z organizacjami."
            if cons_to <= today
            else "",
            remarks_received=3 + (year % 4) if cons_to <= today else 0,
            remarks_accepted=2 + (year % 4) - (year % 2) if cons_to <= today else 0,
            wkus_model_adopted=year >= 2024,
            planned_total=total,
        )
        # the older programmes lack elements 9 (evaluation) and 11 (commissions); from 2023 complete
        numbers = [n for n in range(1, 12) if year >= 2023 or n not in (9, 11)]
        p.elements = [
            ProgrammeElement(
                number=n,
                text=ELEMENT_TEXTS[n].format(
                    year=year,
                    amount=format_decimal(total, "#,##0.00", locale="pl_PL"),
                    cons_from=format_date(cons_from, "dd.MM.yyyy", locale="pl_PL"),
                    cons_to=format_date(cons_to, "dd.MM.yyyy", locale="pl_PL"),
                ),
            )
            for n in numbers
        ]
        p.priorities = priorities
        if year >= 2024:  # the WKUS programmes plan their indicators; non-financial activities left unplanned
            p.indicators = [
                ProgrammeIndicator(year=year, code=code, planned=D(value))
                for code, value in (
                    ("ORGANISATIONS", 10),
                    ("COMPETITIONS", 2),
                    ("OFFERS", 10),
                    ("CONTRACTS", 9),
                    ("MULTI_YEAR", 4 + year - 2024),
                    ("LOCAL_INITIATIVES", 1),
                    ("CONSULTATIONS", 2),
                )
            ]
        # the report on year Y goes to the council and BIP by 31 May Y+1; 2023's was published late
        if year == 2023:
            submitted, published = d(2024, 5, 28), d(2024, 6, 12)
        else:
            submitted, published = d(year + 1, 4, 26), d(year + 1, 4, 29)
        if published <= today:
            p.reports = [
                ProgrammeReport(
                    year=year,
                    submitted_to_council=_working_day(submitted),
                    published_in_bip=_working_day(published),
                    # empty: the report drafts its conclusions from the figures
                    # (a one-line placeholder here was printed as the conclusions)
                    conclusions="",
                )
            ]
        s.add(p)
        out[year] = p
    return out


def _competition(
    key: str,
    title: str,
    year: int,
    published: dt.date,
    task_id: int | None,
    programme_id: int | None,
    amount: Decimal,
    offers: int,
    rejected: int,
    *,
    days: int = 24,
    lists_previous: bool = True,
) -> Procedure:
    """An open competition published in BIP and on the board the same day, on the website a day later;
    `days` = days between the last publication and the offer deadline (the act requires 21)."""
    bip = _working_day(published)
    website = bip + dt.timedelta(days=1)
    deadline = website + dt.timedelta(days=days)
    decision = _working_day(deadline + dt.timedelta(days=14))
    return Procedure(
        route=ProcedureRoute.OPEN_COMPETITION,
        title=title,
        reference=f"OR.524.{key}.{year}",
        task_id=task_id,
        programme_id=programme_id,
        budget_year=year,
        planned_amount=amount,
        published_bip=bip,
        published_board=bip,
        published_website=website,
        offer_deadline=deadline,
        lists_previous_years=lists_previous,
        offers_received=offers,
        offers_rejected=rejected,
        decision_date=decision,
        # the results made public the working day after the choice in all three places (art. 15 ust. 2h–2j)
        results_published=decision + dt.timedelta(days=1),
        results_published_board=decision + dt.timedelta(days=1),
        results_published_website=decision + dt.timedelta(days=1),
        # a complete announcement (art. 13 ust. 2 pkt 1–6) and a commission appointed the working day after
        # the offer deadline, with two members named by organisations not taking part (art. 15 ust. 2a–2f)
        announcement_points="1,2,3,4,5,6",
        commission_appointed=_working_day(deadline + dt.timedelta(days=1)),
        commission_ngo_members=2,
        commission_offeror_members=0,
        commission_statements=True,
    )


def _competition_parts(
    specs: list[ContractSpec], tasks: dict[str, PublicTask], procedure: Procedure
) -> list[ProcedurePart]:
    """The yearly competition is announced over several areas (as small gminas do): one part per area of its
    contracts with their first-year grants and one offer per contract; the offers that won nothing, the
    rejected ones and the money left over go to the first area, so the parts add up to the competition."""
    by_area: dict[WkusArea, list[ContractSpec]] = {}
    for spec in specs:
        by_area.setdefault(tasks[spec.task].area, []).append(spec)
    amounts = {area: sum((D(c.amounts[0]) for c in group), D("0.00")) for area, group in by_area.items()}
    parts = [
        ProcedurePart(
            position=i, area=area, offers_received=len(group), offers_rejected=0, planned_amount=amounts[area]
        )
        for i, (area, group) in enumerate(by_area.items())
    ]
    if parts:
        first = parts[0]
        first.offers_received += procedure.offers_received - len(specs)
        first.offers_rejected = procedure.offers_rejected
        assert procedure.planned_amount is not None  # _competition always sets it
        first.planned_amount = amounts[first.area] + (procedure.planned_amount - sum(amounts.values(), D("0.00")))
    return parts


def _procedures(
    s: Session,
    rng: random.Random,
    tasks: dict[str, PublicTask],
    programmes: dict[int, CooperationProgramme],
    orgs: dict[str, Organisation],
) -> dict[str, Procedure]:
    from app.core.calendar import add_working_days

    out: dict[str, Procedure] = {}
    by_procedure: dict[str, list[ContractSpec]] = {}
    for c in CONTRACTS:
        by_procedure.setdefault(c.procedure, []).append(c)

    def total(key: str) -> Decimal:
        return sum((D(a) for c in by_procedure.get(key, []) for a in c.amounts[:1]), D("0.00"))

    for key, title, year, published in MULTI_YEAR_COMPETITIONS:
        spec = by_procedure[key][0]
        out[key] = _competition(
            key,
            title,
            year,
            published,
            tasks[spec.task].id,
            programmes[year].id,
            total(key),
            offers=rng.randint(1, 3),
            rejected=0,
        )
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        key = f"k{year}"
        # 2027: announced in November 2026 on the basis of the draft budget (art. 13 ust. 3)
        published = d(2026, 11, 16) if year == 2027 else d(year, 1, 12)
        n = len(by_procedure.get(key, []))
        out[key] = _competition(
            key,
            f"Otwarty konkurs ofert na realizację zadań publicznych Gminy Przykładowa w {year} r.",
            year,
            published,
            None,
            programmes[year].id,
            total(key) + D("5000.00"),
            offers=n + rng.randint(1, 4),
            rejected=rng.randint(0, 1),
            # 2023: only 14 days for offers (deliberate breach of art. 13 ust. 1)
            days=14 if year == 2023 else 24,
            # 2021: the announcement did not list the previous years' tasks (art. 13 ust. 2 pkt 7)
            lists_previous=year != 2021,
        )
        out[key].parts = _competition_parts(by_procedure.get(key, []), tasks, out[key])
        if year == 2027:  # the offers are still being collected
            out[key].decision_date = None
            out[key].results_published = None
            out[key].results_published_board = out[key].results_published_website = None
    # a competition that received no offers and was annulled (art. 18a)
    annulled = _competition(
        "rower",
        "Otwarty konkurs ofert: turystyka rowerowa i szlaki 2022",
        2022,
        d(2022, 3, 7),
        tasks["t_promocja"].id,
        programmes[2022].id,
        D("6000.00"),
        offers=0,
        rejected=0,
    )
    annulled.decision_date = annulled.results_published = None
    annulled.annulled = True
    assert annulled.offer_deadline is not None  # _competition always sets it
    annulled.annulment_date = _working_day(annulled.offer_deadline + dt.timedelta(days=3))
    # the annulment made public the same day in the three places of art. 13 ust. 3 (art. 18a ust. 2)
    annulled.results_published = annulled.results_published_board = annulled.results_published_website = (
        annulled.annulment_date
    )
    out["k_rower22"] = annulled
    # art. 19a small grants: published within 7 working days for 7 days (the publication day not counted,
    # KC art. 111 § 2, so it stays up until start + 7), contract after the remarks window
    for key, group in by_procedure.items():
        if not key.startswith("a19_"):
            continue
        spec = group[0]
        received = spec.start - dt.timedelta(days=35)
        start_pub = add_working_days(received, rng.randint(2, 5))
        out[key] = Procedure(
            route=ProcedureRoute.SMALL_GRANT_19A,
            title=f"Oferta w trybie art. 19a: {spec.title}",
            reference=f"OR.525.{int(key[-4:]) - 2000}.{key[-4:]}",
            task_id=tasks[spec.task].id,
            programme_id=programmes[spec.start.year].id,
            budget_year=spec.start.year,
            planned_amount=D(spec.amounts[0]),
            received_date=received,
            applicant_id=orgs[spec.parties[0]].id,
            publication_start=start_pub,
            publication_end=start_pub + dt.timedelta(days=7),
            task_start=spec.start,
            task_end=spec.end,
            offers_received=1,
            # the offer in all three places the same day (art. 19a ust. 3); the remarks considered the working
            # day after the 7 days, before the contract signed three days later (art. 19a ust. 5)
            offer_published_board=start_pub,
            offer_published_website=start_pub,
            remarks_considered=_working_day(start_pub + dt.timedelta(days=8)),
        )
    out["ini_borki"] = Procedure(
        route=ProcedureRoute.LOCAL_INITIATIVE,
        title="Inicjatywa lokalna: zagospodarowanie placu przy świetlicy wiejskiej w Borkach",
        reference="OR.526.1.2025",
        task_id=tasks["t_inicjatywy"].id,
        programme_id=programmes[2025].id,
        budget_year=2025,
        planned_amount=D("15000.00"),
        received_date=d(2025, 3, 10),
        applicant_id=orgs["kgw_borki"].id,
        answer_date=d(2025, 4, 2),
        task_start=d(2025, 5, 5),
        task_end=d(2025, 8, 29),
        notes="Wkład mieszkańców: praca społeczna (ok. 320 godzin) i materiały; Gmina: kostka brukowa, ławki, "
        "nasadzenia.",
    )
    out["a12_olimpiada"] = Procedure(
        route=ProcedureRoute.NGO_INITIATIVE_12,
        title="Wniosek z inicjatywy własnej (art. 12): Gminna Olimpiada Seniorów",
        reference="OR.524.12.2025",
        task_id=tasks["t_klub_seniora"].id,
        budget_year=2026,
        received_date=d(2025, 9, 1),
        applicant_id=orgs["st_seniorzy"].id,
        answer_date=d(2025, 9, 24),
        notes="Ocena celowości pozytywna; zadanie ujęte w konkursie na 2026 r.",
    )
    for p in out.values():
        s.add(p)
    return out


#: dział and rozdział a gmina's budget usually pays an area's grants from (the "pozostała działalność" or the
#: area's own rozdział of the budget classification), for the demo's contracts
BUDGET_CLASSIFICATION: dict[WkusArea, tuple[str, str]] = {
    WkusArea.EDU: ("854", "85495"),
    WkusArea.PROMO: ("750", "75075"),
    WkusArea.SOC: ("852", "85295"),
    WkusArea.CIV: ("750", "75095"),
    WkusArea.SPORT: ("926", "92605"),
    WkusArea.ENV: ("900", "90095"),
    WkusArea.CULT: ("921", "92105"),
    WkusArea.HEALTH: ("851", "85154"),
    WkusArea.SPATIAL: ("710", "71095"),
}


def _tranche_payment(spec: ContractSpec, year: int) -> dt.date:
    if year == spec.start.year:
        return _working_day(spec.start + dt.timedelta(days=14))
    return _working_day(d(year, 1, 20))


def _contracts(
    s: Session,
    rng: random.Random,
    today: dt.date,
    tasks: dict[str, PublicTask],
    procedures: dict[str, Procedure],
    orgs: dict[str, Organisation],
) -> dict[str, Contract]:
    from app.core.law.deadlines import grant_return_due, statutory_report_due

    out: dict[str, Contract] = {}
    late_candidates = [y for y in range(2022, 2026) if statutory_report_due(d(y, 12, 31)) < today]
    late = ("m_swietlice", max(late_candidates)) if late_candidates else None
    received_late = "s_jarmark23"
    links: list[tuple[ResultValue, ContractReport]] = []
    for seq, spec in enumerate(CONTRACTS, start=1):
        years = list(range(spec.start.year, spec.end.year + 1))
        assert len(years) == len(spec.amounts), spec.key
        procedure = procedures[spec.procedure]
        if spec.draft:
            signed = None
        elif procedure.route is ProcedureRoute.SMALL_GRANT_19A:
            assert procedure.publication_end is not None  # every art. 19a procedure above has its publication
            signed = _working_day(procedure.publication_end + dt.timedelta(days=4))
        else:
            signed = _working_day(spec.start - dt.timedelta(days=10))
            if procedure.decision_date and signed <= procedure.decision_date:
                signed = _working_day(procedure.decision_date + dt.timedelta(days=3))
        k = Contract(
            number=f"OR.526.{seq}.{spec.start.year}",
            title=spec.title,
            task_id=tasks[spec.task].id,
            procedure_id=procedure.id,
            form=spec.form,
            signed_date=signed,
            start_date=spec.start,
            end_date=spec.end,
            unit_rate=D(spec.unit_rate) if spec.unit_rate else None,
            unit_name=spec.unit_name,
            budget_paragraph="2360"
            if spec.form is ContractForm.POWIERZENIE or spec.key.startswith("m_")
            else (
                "2820"
                if orgs[spec.parties[0]].legal_form in (LegalForm.STOWARZYSZENIE, LegalForm.KGW, LegalForm.OSP)
                else "2360"
            ),
            budget_division=BUDGET_CLASSIFICATION[tasks[spec.task].area][0],
            budget_chapter=BUDGET_CLASSIFICATION[tasks[spec.task].area][1],
        )
        k.parties = [
            ContractParty(
                organisation_id=orgs[o].id,
                position=i,
                role=("lider" if i == 0 else "partner – współoferent") if len(spec.parties) > 1 else "",
            )
            for i, o in enumerate(spec.parties)
        ]
        reports: dict[int, ContractReport] = {}
        finals_settled = False
        for year, _amount_text in zip(years, spec.amounts):
            last = year == spec.end.year
            period_end = spec.end if last else d(year, 12, 31)
            due = statutory_report_due(period_end)
            r = ContractReport(
                kind=ReportKind.FINAL if last else ReportKind.ANNUAL,
                budget_year=year,
                period_end=period_end,
                due_date=due,
            )
            if not spec.draft and due < today and (spec.key, year) != late:
                if spec.key == received_late:
                    r.received_date = due + dt.timedelta(days=4)
                else:
                    r.received_date = max(
                        period_end + dt.timedelta(days=3), due - dt.timedelta(days=rng.randint(0, 12))
                    )
                accepted = r.received_date + dt.timedelta(days=rng.randint(10, 21))
                r.accepted_date = accepted if accepted <= today else None
                finals_settled = last and r.accepted_date is not None
            if not spec.draft:
                k.reports.append(r)
                reports[year] = r
        if late is not None and spec.key == late[0]:
            reports[late[1]].notes = "Wezwano organizację do złożenia sprawozdania; brak odpowiedzi."
        # a partial report called for during the year (art. 18 ust. 3: at least 30 days)
        if spec.key == "m_szkolenie" and d(2025, 7, 2) < today:
            k.reports.append(
                ContractReport(
                    kind=ReportKind.PARTIAL,
                    budget_year=2025,
                    period_end=d(2025, 5, 31),
                    call_delivered=d(2025, 6, 2),
                    due_date=d(2025, 7, 2),
                    received_date=d(2025, 6, 30),
                    accepted_date=d(2025, 7, 14),
                )
            )
        for year, amount_text in zip(years, spec.amounts):
            amount = D(amount_text).quantize(D("0.01"))
            payment = _tranche_payment(spec, year)
            use = d(year, 12, 31)
            t = Tranche(
                budget_year=year,
                amount=amount,
                payment_date=payment,
                use_deadline=use,
                return_deadline=grant_return_due(use),
            )
            if not spec.draft and payment <= today:
                t.paid_date = payment
            report = reports.get(year)
            if report is not None and report.received_date is not None:
                returned = D(rng.choice([0, 0, 0, 120, 348, 915])).quantize(D("0.01"))
                t.used_amount, t.returned_amount = amount - returned, returned
                report.cost_grant = amount - returned
                report.cost_admin = (amount * D("0.08")).quantize(D("0.01"))
            k.tranches.append(t)
        if spec.contributions:
            for year in years:
                scale = D(1) if len(years) == 1 else D(rng.randint(90, 112)) / 100
                report = reports.get(year)
                for kind, base in spec.contributions.items():
                    planned = (D(base) * scale).quantize(D("10")).quantize(D("0.01"))
                    o = OwnContribution(
                        budget_year=year,
                        kind=kind,
                        planned_amount=planned,
                        note="wycena pracy wolontariuszy: 25 zł/godz." if kind is CK.PERSONAL else "",
                    )
                    if report is not None and report.received_date is not None:
                        o.actual_amount = (planned * D(rng.randint(92, 110)) / 100).quantize(D("0.01"))
                    k.contributions.append(o)
        for year, report in reports.items():
            if report.received_date is not None:
                actual = sum((o.actual_amount or D(0) for o in k.contributions if o.budget_year == year), D("0.00"))
                report.cost_total = (report.cost_grant or D(0)) + actual
        position = 0
        for name, unit, source, per_year, whole in spec.results:
            if per_year is not None:
                for year in years:
                    result = PlannedResult(
                        position=position,
                        name=name,
                        unit=unit,
                        source=source,
                        budget_year=year,
                        target_value=D(per_year),
                    )
                    position += 1
                    report = reports.get(year)
                    if report is not None and report.received_date is not None:
                        value = ResultValue(
                            budget_year=year, value=(D(per_year) * D(rng.randint(85, 112)) / 100).quantize(D(1))
                        )
                        result.values.append(value)
                        links.append((value, report))
                        report.recipients = report.recipients or int(value.value)
                    k.planned_results.append(result)
            else:
                assert whole is not None
                result = PlannedResult(
                    position=position, name=name, unit=unit, source=source, budget_year=None, target_value=D(whole)
                )
                position += 1
                share = D(whole) / len(years)
                for year in years:
                    report = reports.get(year)
                    if report is not None and report.received_date is not None:
                        value = ResultValue(
                            budget_year=year, value=(share * D(rng.randint(85, 112)) / 100).quantize(D(1))
                        )
                        result.values.append(value)
                        links.append((value, report))
                k.planned_results.append(result)
        if spec.draft:
            k.status = ContractStatus.DRAFT
        elif spec.end < today:
            k.status = ContractStatus.SETTLED if finals_settled else ContractStatus.COMPLETED
        else:
            k.status = ContractStatus.ACTIVE
        s.add(k)
        out[spec.key] = k
    s.flush()
    for value, report in links:
        value.report_id = report.id
    return out


#: contract key, kind, date, controllers, scope, findings, recommendations, due, done
CONTROLS = [
    (
        "m_swietlice",
        ControlKind.DURING,
        d(2023, 10, 12),
        "A. Kowalska, J. Sokołowski",
        "Realizacja zajęć, dokumentacja uczestników, wydatki III kwartału",
        "Zajęcia prowadzone zgodnie z harmonogramem. Listy obecności za wrzesień niekompletne.",
        "Uzupełnić listy obecności i prowadzić je na bieżąco.",
        d(2023, 11, 15),
        True,
    ),
    (
        "m_opieka",
        ControlKind.AFTER,
        d(2024, 3, 5),
        "M. Zalewska",
        "Rozliczenie dotacji 2023, karty usług, osiągnięcie rezultatów",
        "Rozliczenie prawidłowe; liczba godzin usług osiągnięta w 97%.",
        "",
        None,
        False,
    ),
    (
        "s_badania23",
        ControlKind.AFTER,
        d(2024, 2, 20),
        "A. Kowalska",
        "Dokumentacja badań profilaktycznych i wydatków",
        "Brak 12 kart badań w dokumentacji; wydatki zgodne z kosztorysem.",
        "Przedstawić brakujące karty badań.",
        d(2024, 3, 20),
        True,
    ),
    (
        "s_wolontariat24",
        ControlKind.DURING,
        d(2024, 9, 10),
        "J. Sokołowski",
        "Porozumienia wolontariackie, ubezpieczenie wolontariuszy",
        "Bez uwag.",
        "",
        None,
        False,
    ),
    (
        "m_dowoz",
        ControlKind.DURING,
        d(2025, 5, 14),
        "M. Zalewska, J. Sokołowski",
        "Karty drogowe, lista pasażerów, stawka za kilometr",
        "Karty drogowe za marzec bez podpisów kierowcy; liczba kursów zgodna z harmonogramem.",
        "Uzupełnić podpisy na kartach drogowych; wprowadzić kontrolę kart co miesiąc.",
        d(2025, 6, 15),
        False,
    ),
]


def _controls(contracts: dict[str, Contract], today: dt.date | None = None) -> None:
    for key, kind, when, who, scope, findings, recs, due, done in CONTROLS:
        if today is not None and when > today:
            continue
        contracts[key].controls.append(
            Control(
                kind=kind,
                control_date=when,
                controllers=who,
                scope=scope,
                findings=findings,
                recommendations=recs,
                recommendations_due=due,
                recommendations_done=done,
            )
        )


def _rdpp(s: Session, today: dt.date | None = None) -> None:
    request = d(2025, 2, 10)
    if today is not None and request > today:
        return
    s.add(
        RdppRequest(
            request_date=request,
            organisations_count=6,
            organisations="\n".join(
                name
                for key, name, *_rest in ORGANISATIONS
                if key in ("st_przyjaciol", "st_razem", "st_lgd", "f_dobrystart", "f_przystan", "st_abstynent")
            ),
            created_date=d(2025, 4, 8),
            resolution_number="Zarządzenie nr 31/2025 Wójta Gminy Przykładowa",
            term_end=d(2028, 4, 7),
            notes="Rada Działalności Pożytku Publicznego Gminy Przykładowa I kadencji.",
        )
    )


#: non-financial cooperation (art. 5 ust. 2): (date, form, subject, registry organisations, others)
COOPERATION = (
    (
        d(2024, 10, 2),
        "CONSULTATION",
        "Konsultacje projektu programu współpracy na 2025 rok",
        ("st_przyjaciol", "st_lgd"),
        (),
    ),
    (
        d(2024, 11, 20),
        "MEETING",
        "Forum organizacji pozarządowych Gminy Przykładowa",
        ("st_przyjaciol", "st_lgd", "f_dobrystart", "ks_glks"),
        (),
    ),
    (
        d(2025, 1, 31),
        "INFORMATION",
        "Informator dla organizacji: harmonogram konkursów ofert na 2025 rok",
        ("st_seniorzy", "st_kobiety"),
        ("Regionalny Ośrodek Wsparcia Organizacji Pozarządowych w Białymstoku",),
    ),
    (
        d(2025, 2, 1),
        "PREMISES",
        "Użyczenie sali Gminnego Ośrodka Kultury na spotkania klubu seniora",
        ("st_seniorzy",),
        (),
    ),
    (
        d(2025, 3, 20),
        "CONSULTATION",
        "Konsultacje projektu gminnego programu profilaktyki uzależnień",
        ("st_abstynent", "f_zdrowie"),
        (),
    ),
    (
        d(2025, 4, 8),
        "JOINT_TEAM",
        "Posiedzenie inauguracyjne Rady Działalności Pożytku Publicznego",
        ("st_przyjaciol", "st_razem", "st_lgd", "f_dobrystart", "f_przystan", "st_abstynent"),
        (),
    ),
    (
        d(2025, 6, 21),
        "PATRONAGE",
        "Patronat Wójta nad festynem rodzinnym \u201eNoc Świętojańska\u201d",
        ("kgw_olszanka", "osp_przyk"),
        (),
    ),
    (
        d(2025, 9, 15),
        "CONSULTATION",
        "Konsultacje projektu programu współpracy na 2026 rok",
        ("st_przyjaciol", "st_lgd", "f_dobrystart"),
        (),
    ),
    (
        d(2025, 10, 14),
        "TRAINING",
        "Szkolenie: rozliczanie dotacji i sprawozdania z realizacji zadań",
        ("st_seniorzy", "uks_orlik", "kgw_borki"),
        ("Stowarzyszenie \u201eAktywni\u201d z gminy sąsiedniej",),
    ),
)


def _cooperation(s: Session, orgs: dict[str, Organisation], today: dt.date | None = None) -> None:
    from app.core.db.models import NonFinancialCooperation
    from app.core.domain.cooperation import CooperationForm

    for when, form, title, keys, others in COOPERATION:
        if today is not None and when > today:
            continue
        s.add(
            NonFinancialCooperation(
                budget_year=when.year,
                form=CooperationForm(form),
                title=title,
                event_date=when,
                organisations=sorted((orgs[k] for k in keys), key=lambda o: o.name),
                other_organisations="\n".join(others),
            )
        )
