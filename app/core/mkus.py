"""The MKUS model as data (resources/mkus/model.toml): the three steps, the four commissioning types
with the source's names and the later names, the Bon type's sub-forms, the success factors of step 1
and the benefits-and-risks analysis (WKUS) behind the decision test W-03.

The Kreator and the handbook read the same file, so the names a clerk sees in both agree. A missing or
damaged file becomes a UserFacingError naming it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from app.core.domain.enums import MkusType
from app.core.errors import UserFacingError
from app.core.i18n import _, current_language


@dataclass(frozen=True)
class Subform:
    key: str
    name: str
    description: str


@dataclass(frozen=True)
class TypeNames:
    type: MkusType
    number: int
    #: the name in the source (MKUS "wstępna wersja", seed 003)
    source_name: str
    #: the name in the final MKUS model where it changed, else ""
    later_name: str
    subforms: tuple[Subform, ...]

    @property
    def label(self) -> str:
        """ "Zakup usług (później: Zlecanie usług)": the source's name, and the later one if it changed."""
        if self.later_name and self.later_name != self.source_name:
            return _("{source} (later: {later})").format(source=self.source_name, later=self.later_name)
        return self.source_name


@dataclass(frozen=True)
class ModelStep:
    number: int
    name: str
    parts: tuple[str, ...]
    tools: tuple[str, ...]


@dataclass(frozen=True)
class SuccessFactor:
    key: str
    name: str
    question: str
    #: the tool in which the clerk records the answer or its evidence
    tool: str


@dataclass(frozen=True)
class AnalysisItem:
    """One line of the benefits-and-risks analysis behind the decision test (W-03)."""

    key: str
    #: "benefit" or "risk"
    side: str
    #: who gains or bears it: "gmina", "recipients" or "ngo"
    party: str
    name: str
    #: how to limit a risk ("" for a benefit)
    mitigation: str
    #: the tool that measures it
    tool: str


@dataclass(frozen=True)
class IndicatorThresholds:
    """The thresholds of the indicators of the problems MKUS answers (grants up to `small_grant_limit`
    are small, a task with at least `large_task_from` in a year is large).

    `small_grant_limit` None (the model file's case) is art. 19a's amount limit in the law tables for
    the year (app.core.law.small_grants): the law is that figure's one owner."""

    small_grant_limit: Decimal | None = None
    large_task_from: Decimal = Decimal("100000.00")


@dataclass(frozen=True)
class MkusModel:
    source: str
    steps: tuple[ModelStep, ...]
    types: tuple[TypeNames, ...]
    success_factors: tuple[SuccessFactor, ...]
    analysis: tuple[AnalysisItem, ...] = ()
    thresholds: IndicatorThresholds = IndicatorThresholds()

    @property
    def benefits(self) -> tuple[AnalysisItem, ...]:
        return tuple(a for a in self.analysis if a.side == "benefit")

    @property
    def risks(self) -> tuple[AnalysisItem, ...]:
        return tuple(a for a in self.analysis if a.side == "risk")

    def type_names(self, mkus_type: MkusType | str) -> TypeNames:
        code = MkusType(mkus_type)
        for t in self.types:
            if t.type is code:
                return t
        raise KeyError(code)


def model_file() -> Path:
    from app.paths import resource_path

    return resource_path("mkus", "model.toml")


def _lang(language: str | None) -> str:
    return "en" if (language or current_language()).startswith("en") else "pl"


@lru_cache(maxsize=4)
def _load(path: Path, lang: str) -> MkusModel:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        steps = tuple(
            ModelStep(int(s["number"]), str(s[f"name_{lang}"]), tuple(s[f"parts_{lang}"]), tuple(s.get("tools", ())))
            for s in raw["steps"]
        )
        types = tuple(
            TypeNames(
                MkusType(t["code"]),
                int(t["number"]),
                str(t[f"source_name_{lang}"]),
                str(t.get(f"later_name_{lang}", "")),
                tuple(
                    Subform(str(f["key"]), str(f[f"name_{lang}"]), str(f[f"description_{lang}"]))
                    for f in t.get("subforms", ())
                ),
            )
            for t in raw["types"]
        )
        factors = tuple(
            SuccessFactor(str(f["key"]), str(f[f"name_{lang}"]), str(f[f"question_{lang}"]), str(f["tool"]))
            for f in raw["success_factors"]
        )
        analysis = tuple(
            AnalysisItem(
                str(a["key"]),
                str(a["side"]),
                str(a["for"]),
                str(a[f"name_{lang}"]),
                str(a.get(f"mitigation_{lang}", "")),
                str(a["tool"]),
            )
            for a in raw.get("analysis", ())
        )
        if any(a.side not in ("benefit", "risk") for a in analysis):
            raise ValueError("analysis: side must be benefit or risk")
        ind = raw.get("indicators", {})
        if "small_grant_limit" in ind:  # a second copy of a law figure would drift from it
            raise ValueError("indicators: small_grant_limit is art. 19a's limit, read from the law tables")
        # money as text in the file ("100000.00"): a TOML float would not be exact
        thresholds = IndicatorThresholds(None, Decimal(str(ind.get("large_task_from", "100000.00"))))
        if thresholds.large_task_from <= 0:
            raise ValueError("indicators: the thresholds must be amounts above 0")
    except FileNotFoundError as exc:
        raise UserFacingError(_("The file {path} is missing.").format(path=path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise UserFacingError(_("The file {path} is damaged: {reason}").format(path=path, reason=exc)) from exc
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        raise UserFacingError(_("The file {path} is incomplete: {reason}").format(path=path, reason=exc)) from exc
    if {t.type for t in types} != set(MkusType):
        raise UserFacingError(
            _("The file {path} is incomplete: {reason}").format(
                path=path, reason=_("it must describe each of the four commissioning types once")
            )
        )
    return MkusModel(str(raw.get("source", "")), steps, types, factors, analysis, thresholds)


def mkus_model(language: str | None = None, path: Path | None = None) -> MkusModel:
    return _load(path or model_file(), _lang(language))
