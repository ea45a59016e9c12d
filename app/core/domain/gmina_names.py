"""The gmina's name, its council and its head in the grammatical cases council documents need.

A resolution is "Uchwała Nr … Rady Gminy X" (genitive), it entrusts its execution "Wójtowi Gminy X"
(dative), the letterhead reads "Wójt Gminy X" and it is published "w Dzienniku Urzędowym Województwa
Podlaskiego" (domain.md §9.1, the Piątnica example). These are forms of Polish proper names and
titles, not interface text, so they are data here and never go through gettext.

The clerk may type the forms in the gmina profile; an empty form is derived when the name allows it
("Gmina Piątnica" -> "Gminy Piątnica": a rural gmina takes the invariant name of its seat) and is
otherwise reported missing, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.domain.enums import ExecutiveTitle

#: the head of the executive: (nominative, dative); the gmina's genitive follows ("Wójt Gminy X")
HEAD_FORMS: dict[ExecutiveTitle, tuple[str, str]] = {
    ExecutiveTitle.WOJT: ("Wójt", "Wójtowi"),
    ExecutiveTitle.BURMISTRZ: ("Burmistrz", "Burmistrzowi"),
    ExecutiveTitle.PREZYDENT: ("Prezydent", "Prezydentowi"),
    ExecutiveTitle.ZARZAD_POWIATU: ("Zarząd", "Zarządowi"),
}

#: the sixteen voivodeships (art. 1 of the act of 24 July 1998 on the three-level division of the
#: state) -> the genitive in the title of their official journal, "Dziennik Urzędowy Województwa …"
VOIVODESHIPS: dict[str, str] = {
    "dolnośląskie": "Dolnośląskiego",
    "kujawsko-pomorskie": "Kujawsko-Pomorskiego",
    "lubelskie": "Lubelskiego",
    "lubuskie": "Lubuskiego",
    "łódzkie": "Łódzkiego",
    "małopolskie": "Małopolskiego",
    "mazowieckie": "Mazowieckiego",
    "opolskie": "Opolskiego",
    "podkarpackie": "Podkarpackiego",
    "podlaskie": "Podlaskiego",
    "pomorskie": "Pomorskiego",
    "śląskie": "Śląskiego",
    "świętokrzyskie": "Świętokrzyskiego",
    "warmińsko-mazurskie": "Warmińsko-Mazurskiego",
    "wielkopolskie": "Wielkopolskiego",
    "zachodniopomorskie": "Zachodniopomorskiego",
}

#: the first word of a unit's name -> (genitive, dative, locative); the rest of the name stays as is
_UNIT_WORDS: dict[str, tuple[str, str, str]] = {
    "gmina": ("Gminy", "Gminie", "Gminie"),
    "miasto": ("Miasta", "Miastu", "Mieście"),
}
#: adjectives after "Gmina" that decline too ("Gmina Miejska X" -> "Gminy Miejskiej X")
_UNIT_ADJECTIVES: dict[str, tuple[str, str, str]] = {
    "miejska": ("Miejskiej", "Miejskiej", "Miejskiej"),
    "wiejska": ("Wiejskiej", "Wiejskiej", "Wiejskiej"),
    "miejsko-wiejska": ("Miejsko-Wiejskiej", "Miejsko-Wiejskiej", "Miejsko-Wiejskiej"),
}
#: "Rada Gminy X" / "Rada Miejska w X" / "Rada Miasta X" / "Rada Powiatu X": the first two words decline
_COUNCIL_WORDS: dict[str, tuple[str, str]] = {
    "rada": ("Rady", "Radzie"),
    "miejska": ("Miejskiej", "Miejskiej"),
}


def journal_genitive(voivodeship: str) -> str:
    """ "podlaskie" / "Województwo Podlaskie" / "woj. podlaskie" -> "Podlaskiego"; "" when unknown."""
    text = " ".join(voivodeship.casefold().split())
    for prefix in ("województwo ", "woj. ", "woj "):
        text = text.removeprefix(prefix)
    return VOIVODESHIPS.get(text.strip(), "")


def _decline_unit(name: str, case: int) -> str:
    """case 0 genitive, 1 dative, 2 locative; "" when the name does not start with a known word."""
    words = name.split()
    if len(words) < 2 or words[0].casefold() not in _UNIT_WORDS:
        return ""
    out = [_UNIT_WORDS[words[0].casefold()][case]]
    rest = words[1:]
    if words[0].casefold() == "gmina" and rest and rest[0].casefold() in _UNIT_ADJECTIVES:
        out.append(_UNIT_ADJECTIVES[rest[0].casefold()][case])
        rest = rest[1:]
    if not rest:
        return ""
    return " ".join(out + rest)


def _decline_council(council: str, case: int) -> str:
    """case 0 genitive, 1 dative of "Rada …"; the council as typed when it does not start with "Rada"."""
    words = council.split()
    if not words or words[0].casefold() != "rada":
        return council
    out = [_COUNCIL_WORDS["rada"][case]]
    if len(words) > 1 and words[1].casefold() == "miejska":
        out.append(_COUNCIL_WORDS["miejska"][case])
        words = words[1:]
    return " ".join(out + words[1:])


def bare_name(name: str) -> str:
    """The name without the demo marker, as it stands in running text."""
    return name.replace("(DEMO)", "").strip()


@dataclass(frozen=True)
class NameForms:
    """Every form a council document needs, and which of them had to be left out."""

    nominative: str
    genitive: str
    dative: str
    locative: str
    head: str  # "Wójt Gminy X"
    head_dative: str  # "Wójtowi Gminy X"
    council: str  # "Rada Gminy X" ("" when unknown)
    council_genitive: str  # "Rady Gminy X"
    council_dative: str  # "Radzie Gminy X"
    journal: str  # "Dziennik Urzędowy Województwa Podlaskiego" ("" when the voivodeship is unknown)
    #: profile fields that are empty and could not be derived: "genitive", "dative", "locative", "voivodeship"
    missing: tuple[str, ...] = field(default=())

    @property
    def journal_locative(self) -> str:
        """ "w Dzienniku Urzędowym Województwa Podlaskiego" (or the generic form without the name)."""
        if not self.journal:
            return "w Dzienniku Urzędowym Województwa"
        return "w Dzienniku Urzędowym Województwa " + self.journal.rsplit("Województwa ", 1)[-1]


def name_forms(
    name: str,
    executive: ExecutiveTitle,
    council: str,
    voivodeship: str,
    genitive: str = "",
    dative: str = "",
    locative: str = "",
) -> NameForms:
    """The forms from the profile: typed forms win, empty ones are derived or reported missing."""
    nominative = bare_name(name)
    missing: list[str] = []
    typed = {"genitive": genitive.strip(), "dative": dative.strip(), "locative": locative.strip()}
    forms: dict[str, str] = {}
    for case, key in enumerate(("genitive", "dative", "locative")):
        forms[key] = typed[key] or _decline_unit(nominative, case)
        if not forms[key]:
            missing.append(key)
            forms[key] = nominative  # printed as typed, and the document says which form is missing
    head, head_dative = HEAD_FORMS.get(executive, (executive.label, executive.label))
    council = council.strip()
    journal_word = journal_genitive(voivodeship)
    if not journal_word:
        missing.append("voivodeship")
    return NameForms(
        nominative=nominative,
        genitive=forms["genitive"],
        dative=forms["dative"],
        locative=forms["locative"],
        head=f"{head} {forms['genitive']}",
        head_dative=f"{head_dative} {forms['genitive']}",
        council=council,
        council_genitive=_decline_council(council, 0) if council else "",
        council_dative=_decline_council(council, 1) if council else "",
        journal=f"Dziennik Urzędowy Województwa {journal_word}" if journal_word else "",
        missing=tuple(missing),
    )
