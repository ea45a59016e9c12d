"""Loading the law tables in `resources/law/*.toml` (act versions, art. 4 spheres, rule parameters).

The files are data a clerk's administrator may edit, so every problem in them becomes a
UserFacingError naming the file, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.core.errors import UserFacingError
from app.core.i18n import _

log = logging.getLogger(__name__)


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
class ParamVersion:
    """Parameter values of one wording of the act, in force from `in_force_from`.

    The first version of a rule holds every parameter; a later one (an amendment) only those it
    changes. `act_version` is the journal the wording was read in (e.g. "Dz.U. z 2024 r. poz. 1491").
    """

    in_force_from: dt.date
    act_version: str
    values: dict[str, Any]
    text: str = ""
    #: False when the amendment's wording was not read in the act itself (only in secondary
    #: sources): a check then never reports an error that only one of the two wordings gives
    verified: bool = True
    source: str = ""
    #: parameters the amendment repeals (e.g. a limit the new wording no longer has)
    removes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSpec:
    rule_id: str
    article: str
    act: str
    declared_severity: str
    verified: bool
    base_params: dict[str, Any] = field(default_factory=dict)
    #: oldest first; empty for a rule without parameters of its own
    versions: tuple[ParamVersion, ...] = ()
    #: the sentence of the act the rule was checked against, quoted ("" = not found)
    text: str = ""
    source: str = ""
    checked_on: dt.date | None = None
    #: what to do about a finding, an English msgid (translate with `_()` when shown)
    fix: str = ""

    @property
    def severity(self) -> str:
        """Unverified ([KNOW]) rules are reported as warnings whatever the file declares."""
        return self.declared_severity if self.verified else "warning"

    def params_on(self, day: dt.date) -> dict[str, Any]:
        """The parameters in force on `day`: the base wording plus every amendment in force by then.

        A day before the first known wording gets the first one (we know no older text)."""
        out = dict(self.base_params)
        for version in self.versions[1:]:
            if version.in_force_from <= day:
                out.update(version.values)
                for key in version.removes:
                    out.pop(key, None)
        return out

    def version_on(self, day: dt.date) -> ParamVersion | None:
        current = self.versions[0] if self.versions else None
        for version in self.versions[1:]:
            if version.in_force_from <= day:
                current = version
        return current

    def unverified_amendment_on(self, day: dt.date) -> ParamVersion | None:
        """The amendment in force on `day` when its wording was not checked against the act, else None."""
        current = self.version_on(day)
        if current is None or current is self.versions[0] or current.verified:
            return None
        return current

    def params_before(self, version: ParamVersion) -> dict[str, Any]:
        """The wording in force the day before `version` came into force."""
        return self.params_on(version.in_force_from - dt.timedelta(days=1))

    @property
    def params(self) -> dict[str, Any]:
        """The parameters in force today (checks that judge a past date use `params_on`)."""
        return self.params_on(dt.date.today())

    def decimal(self, key: str, on: dt.date | None = None) -> Decimal:
        return Decimal(str(self.params_on(on or dt.date.today())[key]))


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


#: The three tables of a law folder.
LAW_FILES = ("acts.toml", "art4_spheres.toml", "rules.toml")


def law_dir() -> Path:
    """The bundled law tables (resources/law)."""
    from app.paths import resource_path

    return resource_path("law")


def override_dir() -> Path:
    """Where `wkus law install` puts a clerk's updated tables (<user data>/law)."""
    from app.paths import user_data_dir

    return user_data_dir() / "law"


def effective_files(bundled: Path | None = None, override: Path | None = None) -> dict[str, Path]:
    """Each table from the override folder when it holds one, else the bundled one."""
    bundled = bundled or law_dir()
    override = override if override is not None else override_dir()
    return {name: (override / name if (override / name).is_file() else bundled / name) for name in LAW_FILES}


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise UserFacingError(_("The law table {path} is missing.").format(path=path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise UserFacingError(_("The law table {path} is damaged: {reason}").format(path=path, reason=exc)) from exc


def load_law(folder: Path | None = None, files: dict[str, Path] | None = None) -> LawData:
    """The tables of `folder`, or of `files` (name -> path), or the effective ones (override first)."""
    if files is None:
        files = {name: folder / name for name in LAW_FILES} if folder is not None else effective_files()
    where = folder or files["rules.toml"].parent
    try:
        return _parse(files)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UserFacingError(
            _("The law tables in {path} are incomplete: {reason}").format(path=where, reason=exc)
        ) from exc


#: Keys of a rule that describe it rather than parametrise it.
_META = {
    "article",
    "act",
    "severity",
    "verified",
    "text",
    "source",
    "note",
    "checked_on",
    "checked_against",
    "in_force_from",
    "amendments",
    "fix",
}


#: Keys of an amendment that describe it rather than set a parameter.
_AMENDMENT_META = {"in_force_from", "act_version", "text", "source", "verified", "removes", "note"}


def _versions(
    rule_id: str, body: dict[str, Any], params: dict[str, Any], acts: dict[str, Act]
) -> tuple[ParamVersion, ...]:
    act = acts[body["act"]]
    first_from = body.get("in_force_from", act.versions[0].valid_from)
    if not isinstance(first_from, dt.date):
        raise TypeError(f"{rule_id}: in_force_from must be a date (YYYY-MM-DD)")
    first_journal = str(body.get("checked_against", act.version_on(first_from).journal))
    out = [ParamVersion(first_from, first_journal, dict(params), str(body.get("text", "")))]
    for n, amendment in enumerate(body.get("amendments", []), 1):
        when = amendment.get("in_force_from")
        if not isinstance(when, dt.date):
            raise TypeError(f"{rule_id}: amendment {n} needs in_force_from as a date (YYYY-MM-DD)")
        if when <= out[-1].in_force_from:
            raise ValueError(f"{rule_id}: amendment {n} must come into force after the previous wording")
        journal = amendment.get("act_version")
        if not isinstance(journal, str) or not journal.strip():
            raise ValueError(f"{rule_id}: amendment {n} needs act_version (the journal it was published in)")
        values = {k: v for k, v in amendment.items() if k not in _AMENDMENT_META}
        removes = amendment.get("removes", [])
        if not isinstance(removes, list) or not all(isinstance(k, str) for k in removes):
            raise TypeError(f"{rule_id}: amendment {n}: removes must be a list of parameter names")
        unknown = sorted((set(values) | set(removes)) - set(params))
        if unknown:
            raise ValueError(f"{rule_id}: amendment {n} changes unknown parameters {', '.join(unknown)}")
        if set(values) & set(removes):
            raise ValueError(
                f"{rule_id}: amendment {n} both sets and removes {', '.join(sorted(set(values) & set(removes)))}"
            )
        verified = amendment.get("verified", True)
        if not isinstance(verified, bool):
            raise TypeError(f"{rule_id}: amendment {n}: verified must be true or false")
        for key, value in values.items():
            if type(value) is not type(params[key]):
                raise ValueError(f"{rule_id}: amendment {n} gives {key} a value of another type than the rule")
            if isinstance(value, str) and key.startswith(("max_amount", "max_share")):
                Decimal(value)  # raises on "abc"
        out.append(
            ParamVersion(
                when,
                journal,
                values,
                str(amendment.get("text", "")),
                verified,
                str(amendment.get("source", "")),
                tuple(removes),
            )
        )
    return tuple(out)


def _parse(files: dict[str, Path]) -> LawData:
    acts_raw = _read(files["acts.toml"])
    acts = {}
    for item in acts_raw["act"]:
        versions = tuple(
            sorted((ActVersion(v["journal"], v["valid_from"]) for v in item["versions"]), key=lambda v: v.valid_from)
        )
        if not versions:
            raise ValueError(f"act {item['code']} has no versions")
        acts[item["code"]] = Act(item["code"], item["title"], item["short"], versions)

    spheres_raw = _read(files["art4_spheres.toml"])
    spheres = {
        str(s["code"]): Sphere(str(s["code"]), s["name"], bool(s.get("verified", True))) for s in spheres_raw["sphere"]
    }

    rules_raw = _read(files["rules.toml"])
    rules = {}
    for rule_id, body in rules_raw["rules"].items():
        if body["severity"] not in ("error", "warning"):
            raise ValueError(f"{rule_id}: severity must be error or warning")
        if body["act"] not in acts:
            raise ValueError(f"{rule_id}: unknown act {body['act']}")
        params = {k: v for k, v in body.items() if k not in _META}
        checked_on = body.get("checked_on")
        rules[rule_id] = RuleSpec(
            rule_id,
            body["article"],
            body["act"],
            body["severity"],
            bool(body["verified"]),
            params,
            versions=_versions(rule_id, body, params, acts),
            text=str(body.get("text", "")),
            source=str(body.get("source", "")),
            checked_on=checked_on if isinstance(checked_on, dt.date) else None,
            fix=str(body.get("fix", "")),
        )
    return LawData(
        acts=acts,
        spheres=spheres,
        spheres_verified=bool(spheres_raw.get("verified_against_isap", False)),
        rules=rules,
        deadlines=dict(rules_raw.get("deadlines", {})),
        due_soon_days=int(rules_raw.get("states", {}).get("due_soon_days", 14)),
    )


def missing_requirements(reference: LawData, new: LawData) -> list[str]:
    """What `new` lacks that the code reads (every rule, parameter and act of `reference`, the
    bundled tables), as translated phrases; empty when `new` can be used."""
    problems = []
    for rule_id, spec in reference.rules.items():
        if rule_id not in new.rules:
            problems.append(_("rule {rule} is missing").format(rule=rule_id))
            continue
        theirs = new.rules[rule_id].base_params
        for key, value in spec.base_params.items():
            if key not in theirs:
                problems.append(_("rule {rule} lacks the parameter {key}").format(rule=rule_id, key=key))
            elif type(theirs[key]) is not type(value):
                problems.append(_("rule {rule}: {key} has another type than expected").format(rule=rule_id, key=key))
    for code in reference.acts:
        if code not in new.acts:
            problems.append(_("act {code} is missing").format(code=code))
    return problems


@lru_cache(maxsize=1)
def law() -> LawData:
    """The law tables in use (a clerk's installed ones first, else the bundled), read once per process.

    An installed table that a newer release has outgrown (a rule or parameter the code now reads
    is missing) or that is damaged is set aside for the bundled one, with a line in the log, so
    the app never stops on it; `wkus law show` names the installed tables in use.
    """
    bundled = load_law(law_dir())
    files = effective_files()
    if all(path.parent == law_dir() for path in files.values()):
        return bundled
    try:
        installed = load_law(files=files)
    except UserFacingError as exc:
        log.warning("installed law tables ignored: %s", exc.message)
        return bundled
    problems = missing_requirements(bundled, installed)
    if problems:
        log.warning("installed law tables ignored: %s", "; ".join(problems))
        return bundled
    return installed
