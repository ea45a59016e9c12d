"""The model multi-year cooperation programme (Sopot, partial product 4) filled with the gmina's data.

A gmina with no earlier programme in the register gets each of the 11 statutory chapters
(art. 5a ust. 4) drafted from resources/programme/model_programme.toml: the gmina's name, council and
executive, the programme's years, the areas and art. 4 spheres of its registered tasks, the priority
tasks and their money, the consultation dates. The clerk edits every chapter in the wizard.

A chapter whose facts are unknown (no amounts, no consultation dates) is not drafted at all: the
model never writes a figure the register does not know.
"""

from __future__ import annotations

import datetime as dt
import string
import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.core.errors import UserFacingError
from app.core.i18n import _, current_language, format_date, format_money


@dataclass(frozen=True)
class PriorityFact:
    year: int
    title: str
    #: None = the clerk has not given the amount yet
    amount: Decimal | None


@dataclass(frozen=True)
class ProgrammeFacts:
    first: int
    last: int
    gmina: str = ""
    council: str = ""
    executive: str = ""
    areas: tuple[str, ...] = ()
    spheres: tuple[str, ...] = ()
    priorities: tuple[PriorityFact, ...] = ()
    multi_year_tasks: tuple[str, ...] = ()
    organisations: int | None = None
    cons_from: dt.date | None = None
    cons_to: dt.date | None = None
    remarks_received: int | None = None
    remarks_accepted: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ModelProgramme:
    texts: dict[int, str]
    fallback: dict[str, str]


def model_file() -> Path:
    from app.paths import resource_path

    return resource_path("programme", "model_programme.toml")


def _lang(language: str | None) -> str:
    return "en" if (language or current_language()).startswith("en") else "pl"


@lru_cache(maxsize=4)
def _load(path: Path, lang: str) -> ModelProgramme:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        texts = {int(e["number"]): str(e[f"text_{lang}"]) for e in raw["element"]}
        fallback = {k[: -len(lang) - 1]: str(v) for k, v in raw.get("fallback", {}).items() if k.endswith(f"_{lang}")}
    except FileNotFoundError as exc:
        raise UserFacingError(_("The file {path} is missing.").format(path=path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise UserFacingError(_("The file {path} is damaged: {reason}").format(path=path, reason=exc)) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise UserFacingError(_("The file {path} is incomplete: {reason}").format(path=path, reason=exc)) from exc
    if set(texts) != set(range(1, 12)):
        raise UserFacingError(
            _("The file {path} is incomplete: {reason}").format(
                path=path, reason=_("it must have the 11 elements of art. 5a ust. 4, numbered 1 to 11")
            )
        )
    return ModelProgramme(texts, fallback)


def model_programme(language: str | None = None, path: Path | None = None) -> ModelProgramme:
    return _load(path or model_file(), _lang(language))


def _period(facts: ProgrammeFacts, lang: str) -> str:
    if facts.last != facts.first:
        return f"na lata {facts.first}\u2013{facts.last}" if lang == "pl" else f"for {facts.first}\u2013{facts.last}"
    return f"na rok {facts.first}" if lang == "pl" else f"for {facts.first}"


def _total(facts: ProgrammeFacts) -> Decimal | None:
    amounts = [p.amount for p in facts.priorities]
    if not amounts or any(a is None for a in amounts):
        return None  # one unknown amount makes the total unknown
    return sum((a for a in amounts if a is not None), Decimal("0.00"))


def _values(facts: ProgrammeFacts, lang: str, fallback: dict[str, str]) -> dict[str, str | None]:
    """Placeholder → text; None where the register does not know the value (the chapter is skipped)."""
    total = _total(facts)
    by_year: dict[int, Decimal] = {}
    for p in facts.priorities:
        if p.amount is not None:
            by_year[p.year] = by_year.get(p.year, Decimal("0.00")) + p.amount
    # one entry per priority task, its years (and amounts where given) in brackets
    grouped: dict[str, list[str]] = {}
    for p in facts.priorities:
        grouped.setdefault(p.title, []).append(
            f"{p.year}: {format_money(p.amount)}" if p.amount is not None else str(p.year)
        )
    priorities = "; ".join(f"{title} ({', '.join(years)})" for title, years in grouped.items())
    return {
        "gmina": facts.gmina or None,  # the profile's name is never replaced by a generic word
        "council": facts.council or fallback.get("council", ""),
        "executive": facts.executive or None,
        "period": _period(facts, lang),
        "first": str(facts.first),
        "last": str(facts.last),
        "areas": "; ".join(facts.areas) or fallback.get("areas", ""),
        "spheres": "; ".join(facts.spheres) or fallback.get("spheres", ""),
        "priorities": priorities or None,
        "multi_year_tasks": "; ".join(facts.multi_year_tasks) or fallback.get("multi_year_tasks", ""),
        "amount": format_money(total) if total is not None else None,
        "amounts_by_year": "; ".join(f"{y} \u2013 {format_money(a)}" for y, a in sorted(by_year.items()))
        if total is not None
        else None,
        "organisations": str(facts.organisations) if facts.organisations is not None else None,
        "cons_from": format_date(facts.cons_from) if facts.cons_from else None,
        "cons_to": format_date(facts.cons_to) if facts.cons_to else None,
        "remarks_received": str(facts.remarks_received) if facts.remarks_received is not None else None,
        "remarks_accepted": str(facts.remarks_accepted) if facts.remarks_accepted is not None else None,
        **facts.extra,
    }


def placeholders(text: str) -> list[str]:
    return [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name]


def draft_elements(
    facts: ProgrammeFacts, numbers: tuple[int, ...] | None = None, language: str | None = None, path: Path | None = None
) -> dict[int, str]:
    """The model's chapters `numbers` (all 11 by default) filled with `facts`; a chapter needing a value
    the facts do not have is left out."""
    lang = _lang(language)
    model = model_programme(lang, path)
    values = _values(facts, lang, model.fallback)
    out: dict[int, str] = {}
    for n in numbers or tuple(range(1, 12)):
        text = model.texts[n]
        names = placeholders(text)
        unknown = [name for name in names if name not in values]
        if unknown:
            raise UserFacingError(
                _("The file {path} is incomplete: {reason}").format(
                    path=path or model_file(),
                    reason=_("unknown field {{{name}}} in element {number}").format(name=unknown[0], number=n),
                )
            )
        if any(values[name] is None for name in names):
            continue
        out[n] = text.format_map(values)
    return out


# ---- facts from the database and the wizard's answers ------------------------------------------------


def gather_facts(
    db: Any,
    first: int,
    last: int | None,
    priorities: list[dict[str, Any]] | None = None,
    answers: dict[str, Any] | None = None,
) -> ProgrammeFacts:
    """What the register knows for a model programme of `first`–`last`; `priorities` are the wizard's
    rows (year, title, amount)."""
    from app.core.wizards.base import date, integer, money

    answers = answers or {}
    rows = []
    for r in priorities or []:
        year = integer({"y": r.get("year", "")}, "y")
        title = str(r.get("title") or "").strip()
        if year is None or not title:
            continue
        # a malformed amount is the wizard's own field error; here it is simply unknown (None)
        rows.append(PriorityFact(year, title, money({"m": r.get("amount", "")}, "m")))
    facts = ProgrammeFacts(
        first=first,
        last=last or first,
        priorities=tuple(rows),
        cons_from=date(answers, "consultation_start"),
        cons_to=date(answers, "consultation_end"),
        remarks_received=integer(answers, "remarks_received"),
        remarks_accepted=integer(answers, "remarks_accepted"),
    )
    if db is None:
        return facts
    from app.core.domain.enums import DeliveryMode
    from app.core.law.data import law
    from app.core.services.common import sphere_sort_key
    from app.core.services.gmina import get_gmina
    from app.core.services.organisations import list_organisations
    from app.core.services.tasks import list_tasks

    g = get_gmina(db)
    tasks = list_tasks(db)
    areas: list[str] = []
    for t in tasks:
        if t.area.label not in areas:
            areas.append(t.area.label)
    spheres_law = law().spheres
    codes = sorted({c for t in tasks for c in t.spheres if c in spheres_law}, key=sphere_sort_key)
    return replace(
        facts,
        gmina=g.name if g else "",
        council=g.council_name if g else "",
        executive=g.executive_title.label if g else "",
        areas=tuple(areas),
        spheres=tuple(f"{spheres_law[c].name} (art. 4 ust. 1 pkt {c})" for c in codes),
        multi_year_tasks=tuple(t.title for t in tasks if t.delivery_mode is DeliveryMode.MULTI_YEAR_CONTRACT),
        organisations=len(list_organisations(db, active_only=True)),
    )


def suggested_priorities(db: Any, first: int, last: int | None) -> list[dict[str, str]]:
    """Priority rows for a gmina with no earlier programme: each registered task delivered by NGOs
    (annual grants or a multi-year contract), for each year of the programme. The amount is what the
    task's contracts (drafts included) plan for that year in their tranches; empty when none does: the
    clerk enters it, the model never guesses a figure."""
    if db is None:
        return []
    from app.core.domain.enums import DeliveryMode
    from app.core.i18n import format_decimal
    from app.core.services.tasks import list_tasks
    from app.core.wizards.known import task_costs_by_year

    ngo = (DeliveryMode.ANNUAL_GRANTS, DeliveryMode.MULTI_YEAR_CONTRACT)
    tasks = [(t, task_costs_by_year(db, t.id)) for t in list_tasks(db) if t.delivery_mode in ngo]
    return [
        {
            "year": str(year),
            "title": t.title,
            "area": t.area.label,
            "amount": format_decimal(costs[year], 2) if costs.get(year) else "",
        }
        for year in range(first, (last or first) + 1)
        for t, costs in tasks
    ]
