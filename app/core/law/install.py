"""Installing an updated law table from a file, so an amendment needs no new release (issue 17).

A law file is one of the three tables of `resources/law` (`rules.toml`, `acts.toml` or
`art4_spheres.toml`), recognised by what it holds (`[rules.*]`, `[[act]]`, `[[sphere]]`). The
clerk first sees `preview_law_file`: the file is validated together with the tables in use (a
damaged file, a rule the app needs that is missing, a parameter dropped or given another type
is refused with the reason) and every changed parameter is listed with the date its new value
comes into force. `install_law` then copies the file byte for byte into `<user data>/law/`,
which the loader prefers to the bundled tables, and reloads them.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.errors import UserFacingError, os_reason
from app.core.i18n import N_, _
from app.core.law.data import (
    LAW_FILES,
    LawData,
    effective_files,
    law,
    law_dir,
    load_law,
    missing_requirements,
    override_dir,
)

#: What a table holds -> its file name.
_KINDS = {"rules": "rules.toml", "act": "acts.toml", "sphere": "art4_spheres.toml"}


@dataclass(frozen=True)
class LawChange:
    """One difference between the tables in use and the file: `where` is a rule id or an act code."""

    where: str
    what: str
    old: str
    new: str
    in_force_from: dt.date | None = None


@dataclass(frozen=True)
class LawPreview:
    source: Path
    table: str  # e.g. "rules.toml"
    content: bytes
    changes: tuple[LawChange, ...]
    data: LawData


def _kind(raw: dict[str, Any], path: Path) -> str:
    found = [name for key, name in _KINDS.items() if key in raw]
    if len(found) != 1:
        raise UserFacingError(
            _(
                "The file {path} is not a law table: it must hold either [rules.…], [[act]] or [[sphere]] entries, "
                "one kind per file."
            ).format(path=path)
        )
    return found[0]


#: What the parameters of rules.toml mean, for the list of changes (the key itself when not listed).
_PARAM_LABELS = {
    "max_amount": N_("largest grant without competition"),
    "max_days": N_("longest task (days)"),
    "max_share": N_("largest share of small grants in the planned grants"),
    "max_per_organisation": N_("small grants to one organisation a year"),
    "max_years": N_("longest fixed-term contract (years)"),
    "min_days": N_("shortest term (days)"),
    "report_days": N_("days to report after the task"),
    "publish_within_working_days": N_("working days to publish the offer"),
    "publication_days": N_("days the offer stays published"),
    "remarks_days": N_("days for remarks on the offer"),
    "adoption_month": N_("month of the programme deadline"),
    "adoption_day": N_("day of the programme deadline"),
    "month": N_("month of the deadline"),
    "day": N_("day of the deadline"),
    "days_after_earlier_use": N_("days to return after an earlier use deadline"),
    "use_month": N_("month of the use deadline"),
    "use_day": N_("day of the use deadline"),
    "answer_months": N_("months to answer"),
    "min_organisations": N_("organisations needed for the request"),
    "create_months": N_("months to create the council"),
    "term_years": N_("term of the council (years)"),
    "elements": N_("elements of the programme"),
    "allowed_spheres": N_("allowed spheres"),
}


def _label(key: str, article: str) -> str:
    name = _(_PARAM_LABELS[key]) if key in _PARAM_LABELS else key
    return f"{name} ({article})"


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _required(reference: LawData, new: LawData) -> None:
    """Every rule and parameter the app's code reads must still be there, with the same type."""
    problems = missing_requirements(reference, new)
    if problems:
        raise UserFacingError(_("The law table cannot be installed: {problems}.").format(problems="; ".join(problems)))


def diff_law(old: LawData, new: LawData) -> list[LawChange]:
    out: list[LawChange] = []
    for code in sorted(set(old.acts) | set(new.acts)):
        before = {v.journal: v.valid_from for v in old.acts[code].versions} if code in old.acts else {}
        after = {v.journal: v.valid_from for v in new.acts[code].versions} if code in new.acts else {}
        for journal in after.keys() - before.keys():
            out.append(LawChange(code, _("consolidated text"), "—", journal, after[journal]))
        for journal in before.keys() - after.keys():
            out.append(LawChange(code, _("consolidated text"), journal, "—", before[journal]))
    for rule_id in sorted(set(old.rules) | set(new.rules)):
        a, b = old.rules.get(rule_id), new.rules.get(rule_id)
        if a is None or b is None:
            out.append(LawChange(rule_id, _("rule"), "—" if a is None else a.article, "—" if b is None else b.article))
            continue
        for label, x, y in ((_("article"), a.article, b.article), (_("severity"), a.severity, b.severity)):
            if x != y:
                out.append(LawChange(rule_id, label, x, y))
        for key in sorted(set(a.base_params) | set(b.base_params)):
            x, y = a.base_params.get(key, "—"), b.base_params.get(key, "—")
            if x != y:
                out.append(
                    LawChange(
                        rule_id,
                        _label(key, b.article),
                        _show(x),
                        _show(y),
                        b.versions[0].in_force_from if b.versions else None,
                    )
                )
        known = {v.in_force_from for v in a.versions[1:]}
        for version in b.versions[1:]:
            if version.in_force_from in known:
                continue
            for key, value in sorted(version.values.items()):
                out.append(
                    LawChange(
                        rule_id,
                        _label(key, b.article),
                        _show(a.params_on(version.in_force_from).get(key, "—")),
                        _show(value),
                        version.in_force_from,
                    )
                )
            for key in version.removes:  # a limit the new wording no longer has
                out.append(
                    LawChange(
                        rule_id,
                        _label(key, b.article),
                        _show(a.params_on(version.in_force_from).get(key, "—")),
                        _("repealed"),
                        version.in_force_from,
                    )
                )
    if old.spheres != new.spheres:
        changed = sum(1 for c in set(old.spheres) | set(new.spheres) if old.spheres.get(c) != new.spheres.get(c))
        out.append(LawChange(_("art. 4"), _("spheres changed"), "", str(changed)))
    return out


def preview_law_file(path: Path, files: dict[str, Path] | None = None) -> LawPreview:
    """Validate `path` against the tables in use and list what it changes; nothing is written."""
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise UserFacingError(
            _("Cannot read the file {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from exc
    try:
        raw = tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserFacingError(_("The law table {path} is damaged: {reason}").format(path=path, reason=exc)) from exc
    table = _kind(raw, path)
    current = dict(files or effective_files())
    old = load_law(files=current)
    new = load_law(files={**current, table: path})
    _required(load_law(law_dir()), new)
    return LawPreview(path, table, content, tuple(diff_law(old, new)), new)


def install_law(preview: LawPreview, target: Path | None = None) -> Path:
    """Write the previewed table into the override folder (atomically) and reload the tables."""
    folder = target or override_dir()
    destination = folder / preview.table
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = destination.with_suffix(".tmp")
        temporary.write_bytes(preview.content)
        os.replace(temporary, destination)
    except OSError as exc:
        raise UserFacingError(
            _("Cannot write the file {path}: {reason}").format(path=destination, reason=os_reason(exc))
        ) from exc
    law.cache_clear()
    return destination


def installed_tables(folder: Path | None = None) -> list[Path]:
    """The clerk's installed tables that override the bundled ones."""
    folder = folder or override_dir()
    return [folder / name for name in LAW_FILES if (folder / name).is_file()]
