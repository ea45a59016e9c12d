"""Loading the law tables in `resources/law/*.toml` (act versions, art. 4 spheres, rule parameters).

The files are data a clerk's administrator may edit, so every problem in them becomes a
UserFacingError naming the file, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.core.errors import UserFacingError
from app.core.i18n import _


@dataclass(frozen=True)
class ActVersion:
    journal: str
    valid_from: dt.date


@dataclass(frozen=True)
class Act:
    code: str
    title: str
    short: str
    versions: tuple[ActVersion, ...]

    def version_on(self, day: dt.date) -> ActVersion:
        """The consolidated text to cite on `day` (the oldest one for earlier days)."""
        current = self.versions[0]
        for version in self.versions:
            if version.valid_from <= day:
                current = version
        return current


@dataclass(frozen=True)
class Sphere:
    code: str
    name: str
    verified: bool = True


@dataclass(frozen=True)
class RuleSpec:
    rule_id: str
    article: str
    act: str
    declared_severity: str
    verified: bool
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> str:
        """Unverified ([KNOW]) rules are reported as warnings whatever the file declares."""
        return self.declared_severity if self.verified else "warning"

    def decimal(self, key: str) -> Decimal:
        return Decimal(str(self.params[key]))


@dataclass(frozen=True)
class LawData:
    acts: dict[str, Act]
    spheres: dict[str, Sphere]
    spheres_verified: bool
    rules: dict[str, RuleSpec]
    deadlines: dict[str, dict[str, Any]]
    due_soon_days: int

    def rule(self, rule_id: str) -> RuleSpec:
        return self.rules[rule_id]

    def citation(self, article: str, act_code: str, on: dt.date | None = None) -> str:
        """e.g. "art. 13 ust. 1 u.d.p.p.w. (Dz.U. z 2024 r. poz. 1491)"."""
        act = self.acts[act_code]
        version = act.version_on(on or dt.date.today())
        return f"{article} {act.short} ({version.journal})"

    def rule_citation(self, rule_id: str, on: dt.date | None = None) -> str:
        spec = self.rules[rule_id]
        return self.citation(spec.article, spec.act, on)


def law_dir() -> Path:
    from app.paths import resource_path

    return resource_path("law")


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise UserFacingError(_("The law table {path} is missing.").format(path=path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise UserFacingError(
            _("The law table {path} is damaged: {reason}").format(path=path, reason=exc)
        ) from exc


def load_law(folder: Path | None = None) -> LawData:
    folder = folder or law_dir()
    try:
        return _parse(folder)
    except (KeyError, TypeError, ValueError) as exc:
        raise UserFacingError(
            _("The law tables in {path} are incomplete: {reason}").format(path=folder, reason=exc)
        ) from exc


def _parse(folder: Path) -> LawData:
    acts_raw = _read(folder / "acts.toml")
    acts = {}
    for item in acts_raw["act"]:
        versions = tuple(
            sorted((ActVersion(v["journal"], v["valid_from"]) for v in item["versions"]), key=lambda v: v.valid_from)
        )
        if not versions:
            raise ValueError(f"act {item['code']} has no versions")
        acts[item["code"]] = Act(item["code"], item["title"], item["short"], versions)

    spheres_raw = _read(folder / "art4_spheres.toml")
    spheres = {
        str(s["code"]): Sphere(str(s["code"]), s["name"], bool(s.get("verified", True))) for s in spheres_raw["sphere"]
    }

    rules_raw = _read(folder / "rules.toml")
    rules = {}
    reserved = {"article", "act", "severity", "verified"}
    for rule_id, body in rules_raw["rules"].items():
        if body["severity"] not in ("error", "warning"):
            raise ValueError(f"{rule_id}: severity must be error or warning")
        if body["act"] not in acts:
            raise ValueError(f"{rule_id}: unknown act {body['act']}")
        params = {k: v for k, v in body.items() if k not in reserved}
        rules[rule_id] = RuleSpec(rule_id, body["article"], body["act"], body["severity"], bool(body["verified"]), params)
    return LawData(
        acts=acts,
        spheres=spheres,
        spheres_verified=bool(spheres_raw.get("verified_against_isap", False)),
        rules=rules,
        deadlines=dict(rules_raw.get("deadlines", {})),
        due_soon_days=int(rules_raw.get("states", {}).get("due_soon_days", 14)),
    )


@lru_cache(maxsize=1)
def law() -> LawData:
    """The bundled law tables, read once per process."""
    return load_law()
