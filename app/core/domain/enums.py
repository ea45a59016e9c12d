"""Closed lists of the domain, each member with a translatable label.

Values are stable codes stored in the database; labels are English msgids shown through `_()`.
"""

from __future__ import annotations

from enum import Enum

from app.core.i18n import N_, _


class LabeledEnum(str, Enum):
    """A string enum whose members carry an English label msgid: `Member = "CODE", N_("label")`."""

    _label: str  # set per member in __new__ (an annotation only: not a member)

    def __new__(cls, value: str, label: str = "") -> LabeledEnum:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj._label = label or value
        return obj

    @property
    def label(self) -> str:
        return _(self._label)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(code, translated label) pairs in declaration order, for combo boxes."""
        return [(m.value, m.label) for m in cls]

    def __str__(self) -> str:
        return self.value


class JstType(LabeledEnum):
    GMINA_WIEJSKA = "GMINA_WIEJSKA", N_("rural gmina")
    GMINA_MIEJSKO_WIEJSKA = "GMINA_MIEJSKO_WIEJSKA", N_("urban-rural gmina")
    GMINA_MIEJSKA = "GMINA_MIEJSKA", N_("urban gmina")
    MIASTO_NPP = "MIASTO_NPP", N_("city with powiat rights")
    POWIAT = "POWIAT", N_("powiat")


class ExecutiveTitle(LabeledEnum):
    WOJT = "WOJT", N_("Wójt")
    BURMISTRZ = "BURMISTRZ", N_("Burmistrz")
    PREZYDENT = "PREZYDENT", N_("Prezydent Miasta")
    ZARZAD_POWIATU = "ZARZAD_POWIATU", N_("Zarząd Powiatu")


class LegalForm(LabeledEnum):
    STOWARZYSZENIE = "STOWARZYSZENIE", N_("association (registered)")
    STOWARZYSZENIE_ZWYKLE = "STOWARZYSZENIE_ZWYKLE", N_("ordinary association")
    FUNDACJA = "FUNDACJA", N_("foundation")
    OSP = "OSP", N_("volunteer fire brigade (OSP)")
    KGW = "KGW", N_("rural housewives' club (KGW)")
    KLUB_SPORTOWY = "KLUB_SPORTOWY", N_("sports club")
    UKS = "UKS", N_("student sports club (UKS)")
    KOSCIELNA_OSOBA_PRAWNA = "KOSCIELNA_OSOBA_PRAWNA", N_("church legal person")
    SPOLDZIELNIA_SOCJALNA = "SPOLDZIELNIA_SOCJALNA", N_("social cooperative")
    SPOLKA_NON_PROFIT = "SPOLKA_NON_PROFIT", N_("non-profit company")
    STOWARZYSZENIE_JST = "STOWARZYSZENIE_JST", N_("association of local governments")
    INNA = "INNA", N_("other eligible entity")


class RegistryType(LabeledEnum):
    KRS = "KRS", N_("National Court Register (KRS)")
    EWIDENCJA_STAROSTY = "EWIDENCJA_STAROSTY", N_("starosta's register")
    REJESTR_KGW = "REJESTR_KGW", N_("KGW register (ARiMR)")
    KOSCIELNA = "KOSCIELNA", N_("church register")
    INNY = "INNY", N_("other register")


class WkusArea(LabeledEnum):
    EDU = "EDU", N_("Education and upbringing")
    PROMO = "PROMO", N_("Promotion of the gmina and entrepreneurship")
    SOC = "SOC", N_("Social assistance, family support and pro-family policy")
    CIV = "CIV", N_("Self-government and civic attitudes")
    SPORT = "SPORT", N_("Sport and physical culture")
    ENV = "ENV", N_("Greenery, environment and waste management")
    CULT = "CULT", N_("Culture, tradition and heritage")
    HEALTH = "HEALTH", N_("Health protection and addiction prevention")
    SPATIAL = "SPATIAL", N_("Spatial planning")


class MkusType(LabeledEnum):
    BON_REGRANTING = "BON_REGRANTING", N_("Activity voucher (regranting)")
    ZLECANIE_USLUG = "ZLECANIE_USLUG", N_("Commissioning a service")
    ZLECANIE_INSTYTUCJI = "ZLECANIE_INSTYTUCJI", N_("Commissioning an institution")
    KOOPERACYJNE = "KOOPERACYJNE", N_("Cooperative problem solving")


class DeliveryMode(LabeledEnum):
    IN_HOUSE = "IN_HOUSE", N_("delivered by the office itself")
    MUNICIPAL_UNIT = "MUNICIPAL_UNIT", N_("delivered by a municipal unit")
    ANNUAL_GRANTS = "ANNUAL_GRANTS", N_("annual grant competitions")
    MULTI_YEAR_CONTRACT = "MULTI_YEAR_CONTRACT", N_("multi-year contract with an NGO")
    PROCUREMENT = "PROCUREMENT", N_("public procurement")
    NOT_DELIVERED = "NOT_DELIVERED", N_("not delivered yet")


class ProgrammeKind(LabeledEnum):
    ANNUAL = "ANNUAL", N_("annual")
    MULTI_YEAR = "MULTI_YEAR", N_("multi-year")


class ProcedureRoute(LabeledEnum):
    OPEN_COMPETITION = "OPEN_COMPETITION", N_("open competition (art. 11, 13)")
    SMALL_GRANT_19A = "SMALL_GRANT_19A", N_("small grant without competition (art. 19a)")
    REGRANTING_16A = "REGRANTING_16A", N_("regranting (art. 16a)")
    LOCAL_INITIATIVE = "LOCAL_INITIATIVE", N_("local initiative (art. 19b)")
    EMERGENCY_11A = "EMERGENCY_11A", N_("emergency without competition (art. 11a)")
    NGO_INITIATIVE_12 = "NGO_INITIATIVE_12", N_("NGO's own initiative (art. 12)")
    PZP_SOCIAL = "PZP_SOCIAL", N_("public procurement, social services (Pzp art. 359)")


class ContractForm(LabeledEnum):
    WSPARCIE = "WSPARCIE", N_("support (wsparcie)")
    POWIERZENIE = "POWIERZENIE", N_("entrustment (powierzenie)")


class ContractStatus(LabeledEnum):
    DRAFT = "DRAFT", N_("draft")
    ACTIVE = "ACTIVE", N_("in progress")
    COMPLETED = "COMPLETED", N_("completed, awaiting settlement")
    SETTLED = "SETTLED", N_("settled")
    TERMINATED = "TERMINATED", N_("terminated")


class ContributionKind(LabeledEnum):
    FINANCIAL = "FINANCIAL", N_("own financial contribution")
    PERSONAL = "PERSONAL", N_("personal contribution (volunteers, social work)")
    IN_KIND = "IN_KIND", N_("in-kind contribution")
    RECIPIENT_FEES = "RECIPIENT_FEES", N_("recipients' payments")
    OTHER_PUBLIC = "OTHER_PUBLIC", N_("other public funds")


class ReportKind(LabeledEnum):
    PARTIAL = "PARTIAL", N_("partial report")
    ANNUAL = "ANNUAL", N_("annual report")
    FINAL = "FINAL", N_("final report")


class ControlKind(LabeledEnum):
    DURING = "DURING", N_("during delivery")
    AFTER = "AFTER", N_("after completion")


class AuditAction(LabeledEnum):
    CREATE = "CREATE", N_("created")
    UPDATE = "UPDATE", N_("changed")
    DELETE = "DELETE", N_("deleted")


class ResultKind(LabeledEnum):
    """What a planned result counts; decides how its yearly values add up (app.core.tools.results)."""

    STATE = "STATE", N_("state (level)")
    FLOW = "FLOW", N_("flow (summed)")
    PERSONS = "PERSONS", N_("persons")
