"""The wizard framework: steps as data, navigation with branches, validation, serialisable state.

The Electrum pattern (style-anchors.md §2.2): the core knows every step, which step comes next
(`Step.next`, a step id or a function of the answers), how to check a step and what `finish()`
does; a GUI only renders `Step` and calls `go_next` / `go_back`. Nothing here imports Qt, and the
whole flow is tested without a screen.

Answers are plain JSON values kept exactly as typed ("1 234,50", "31.12.2026"), so a resumed
wizard shows the clerk's own text; the steps' validators and `finish()` parse them.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.core.errors import FieldError, ValidationFailed
from app.core.i18n import N_, _
from app.core.services.fields import Checker

#: the four stages of the seed MKUS model (domain.md §3.1.2), in order
STAGES: dict[str, str] = {
    "A": N_("Analysis"),
    "P": N_("Preparation"),
    "R": N_("Implementation"),
    "M": N_("Monitoring and evaluation"),
}

#: field kinds a GUI must know how to render
KINDS = ("text", "textarea", "money", "int", "number", "date", "choice", "multi", "bool", "table")

Answers = dict[str, Any]
Options = list[tuple[str, str]]


@dataclass
class WizardContext:
    """What steps may read: the database (None in pure tests) and today's date."""

    db: Any = None  # app.core.db.engine.Database | None; Any keeps this module free of the engine import
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class Column:
    """A column of a table field; `kind` is one of text, money, number, int, date."""

    key: str
    label: str
    kind: str = "text"
    required: bool = False
    #: for a text column picked from a list: the (translated) values offered, "" = none; a GUI shows a
    #: drop-down instead of free typing (the stored value is still the text)
    choices: Callable[[], list[str]] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Field:
    key: str
    #: English msgid; translated when shown
    label: str
    kind: str = "text"
    #: a short hint under the input (msgid)
    help: str = ""
    required: bool = False
    #: choice/multi: (code, translated label) pairs; may read the database and earlier answers
    options: Callable[[WizardContext, Answers], Options] | None = None
    columns: tuple[Column, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    #: the field is asked only when this returns True (branches inside a step)
    visible: Callable[[Answers], bool] | None = None

    def shown(self, answers: Answers) -> bool:
        return self.visible is None or bool(self.visible(answers))


@dataclass(frozen=True)
class Step:
    id: str
    #: A, P, R or M (STAGES)
    stage: str
    title: str
    #: the handbook's guidance for the step, in plain language (msgid)
    guidance: str
    #: side panel "Dlaczego to pytanie?" (msgid)
    why: str
    #: the legal basis or tool behind the question, shown under `why` (not translated: articles, ids)
    basis: str = ""
    tools: tuple[str, ...] = ()
    #: handbook chapter id (resources/handbook)
    chapter: str = ""
    fields: tuple[Field, ...] = ()
    #: checks beyond the field types (combinations, legal limits); messages already translated
    check: Callable[[WizardContext, Answers], list[FieldError]] | None = None
    #: next step id; a function of the answers for branches; None = last step
    next: str | Callable[[Answers], str | None] | None = None
    #: answers the database already knows, offered the first time the step is entered
    prefill: Callable[[WizardContext, Answers], Answers] | None = None
    #: computed lines shown with the step (recommendation, indicators); recomputed as the clerk types
    info: Callable[[WizardContext, Answers], list[str]] | None = None
    #: answers that follow others as the clerk types (e.g. a suggested title following the year) while
    #: the clerk has not changed them; returns only the keys to change
    derive: Callable[[WizardContext, Answers], Answers] | None = None
    #: a panel of what other gminas chose and achieved for the answers so far (an
    #: app.core.comparison.peers.PeerPanel); shown under the step's computed lines, recomputed as they are
    peers: Callable[[WizardContext, Answers], Any] | None = None
    #: the answers `peers` reads: the panel is recomputed only when one of them changes (it reads the database)
    peers_on: tuple[str, ...] = ()
    #: a line above the title naming the larger step of the model the page belongs to (e.g. "MKUS
    #: step 1 of 3: …"); already translated, set by the wizard's `refresh` when the step is shown
    heading: str = ""

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def next_id(self, answers: Answers) -> str | None:
        return self.next(answers) if callable(self.next) else self.next


@dataclass
class FinishResult:
    #: entity → id of each record created ("task", "procedure", "contract", "programme")
    created: dict[str, int]
    #: what the clerk should know (e.g. why no contract draft was made)
    messages: list[str] = field(default_factory=list)
    #: the drogowskaz answers (app.core.documents.signpost.answers_from_dict format), if any
    signpost: dict[str, Any] | None = None


@dataclass(frozen=True)
class WizardDef:
    kind: str
    title: str
    description: str
    first: str
    steps: dict[str, Step]
    finish: Callable[[WizardContext, WizardState], FinishResult]
    #: the title of a started wizard in "Moje rozpoczęte kreatory"
    title_of: Callable[[Answers], str] = lambda a: ""
    chapter: str = ""
    #: a step as it is asked now: steps that are a catalogue tool take their questions from the
    #: catalogue in use when shown (an edited catalogue reaches the wizard without a restart)
    refresh: Callable[[Step], Step] | None = None

    def step(self, step_id: str) -> Step:
        step = self.steps[step_id]
        return self.refresh(step) if self.refresh is not None else step


STATE_VERSION = 1


@dataclass
class WizardState:
    kind: str
    current: str
    answers: Answers = field(default_factory=dict)
    #: steps passed on the way to `current`, for Back (the last one is where Back goes)
    history: list[str] = field(default_factory=list)
    #: steps whose data-based answers were already offered (never refilled over the clerk's edits)
    prefilled: list[str] = field(default_factory=list)
    session_id: int | None = None
    finished: bool = False
    created: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": STATE_VERSION,
                "kind": self.kind,
                "current": self.current,
                "answers": self.answers,
                "history": self.history,
                "prefilled": self.prefilled,
                "finished": self.finished,
                "created": self.created,
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str, session_id: int | None = None) -> WizardState:
        from app.core.errors import UserFacingError

        try:
            raw = json.loads(text)
            return cls(
                kind=str(raw["kind"]),
                current=str(raw["current"]),
                answers=dict(raw.get("answers") or {}),
                history=[str(s) for s in raw.get("history") or []],
                prefilled=[str(s) for s in raw.get("prefilled") or []],
                session_id=session_id,
                finished=bool(raw.get("finished")),
                created={str(k): int(v) for k, v in (raw.get("created") or {}).items()},
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise UserFacingError(_("The saved wizard cannot be read: {reason}").format(reason=exc)) from exc


# ---- navigation ------------------------------------------------------------------------------------


def start(defn: WizardDef, ctx: WizardContext, answers: Answers | None = None) -> WizardState:
    state = WizardState(kind=defn.kind, current=defn.first, answers=dict(answers or {}))
    enter(defn, ctx, state)
    return state


def enter(defn: WizardDef, ctx: WizardContext, state: WizardState) -> None:
    """Offer what the database knows for the current step, once, and only for unanswered fields."""
    step = defn.step(state.current)
    if step.prefill is None or step.id in state.prefilled:
        return
    for key, value in step.prefill(ctx, state.answers).items():
        if _empty(state.answers.get(key)):
            state.answers[key] = value
    state.prefilled.append(step.id)


def validate(defn: WizardDef, ctx: WizardContext, state: WizardState, step_id: str | None = None) -> list[FieldError]:
    step = defn.step(step_id or state.current)
    errors = check_fields(step, ctx, state.answers)
    if step.check is not None and not errors:
        # combination rules read parsed values, so they run once the fields themselves are valid
        errors = step.check(ctx, state.answers)
    return errors


def go_next(
    defn: WizardDef, ctx: WizardContext, state: WizardState, answers: Answers | None = None
) -> list[FieldError]:
    """Store `answers`, check the step; when it passes, move on (the answers are kept either way)."""
    if answers:
        state.answers.update(copy.deepcopy(answers))
    errors = validate(defn, ctx, state)
    if errors:
        return errors
    nxt = defn.step(state.current).next_id(state.answers)
    if nxt is None:
        return []
    state.history.append(state.current)
    state.current = nxt
    enter(defn, ctx, state)
    return []


def go_back(state: WizardState, answers: Answers | None = None) -> None:
    """Back keeps what was typed on the step being left (even if not yet valid)."""
    if answers:
        state.answers.update(copy.deepcopy(answers))
    if state.history:
        state.current = state.history.pop()


def is_last(defn: WizardDef, state: WizardState) -> bool:
    return defn.step(state.current).next_id(state.answers) is None


def path(defn: WizardDef, state: WizardState) -> list[str]:
    """Steps visited plus the steps ahead as the current answers would route them."""
    out = list(state.history) + [state.current]
    nxt = defn.step(state.current).next_id(state.answers)
    while nxt is not None and nxt not in out:
        out.append(nxt)
        nxt = defn.step(nxt).next_id(state.answers)
    return out


def finish(defn: WizardDef, ctx: WizardContext, state: WizardState) -> FinishResult:
    """Check every step on the path again, then let the wizard create its records."""
    if not is_last(defn, state):
        raise ValidationFailed([FieldError("", _("Wizard"), _("Go through the remaining steps first."))])
    errors: list[FieldError] = []
    for step_id in state.history + [state.current]:
        for e in validate(defn, ctx, state, step_id):
            errors.append(
                FieldError(
                    e.field, e.label, _("{step}: {message}").format(step=_(defn.step(step_id).title), message=e.message)
                )
            )
    if errors:
        raise ValidationFailed(errors)
    result = defn.finish(ctx, state)
    state.finished = True
    state.created = dict(result.created)
    return result


# ---- field checks ----------------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def options_of(f: Field, ctx: WizardContext, answers: Answers) -> Options:
    return f.options(ctx, answers) if f.options is not None else []


def check_fields(step: Step, ctx: WizardContext, answers: Answers) -> list[FieldError]:
    c = Checker()
    for f in step.fields:
        if not f.shown(answers):
            continue
        value = answers.get(f.key)
        if f.kind in ("text", "textarea"):
            c.text(f.key, f.label, value if isinstance(value, str) else "", required=f.required, max_length=4000)
        elif f.kind == "money":
            c.money(f.key, f.label, _text(value), required=f.required)
        elif f.kind == "number":
            c.quantity(f.key, f.label, _text(value), required=f.required)
        elif f.kind == "int":
            number = c.count(f.key, f.label, _text(value), required=f.required)
            if number is not None and f.minimum is not None and number < f.minimum:
                c.error(f.key, f.label, _("Enter at least {minimum}.").format(minimum=f.minimum))
            elif number is not None and f.maximum is not None and number > f.maximum:
                c.error(f.key, f.label, _("Enter at most {maximum}.").format(maximum=f.maximum))
        elif f.kind == "date":
            c.date(f.key, f.label, _text(value), required=f.required)
        elif f.kind == "choice":
            codes = {code for code, _label in options_of(f, ctx, answers)}
            if _empty(value):
                if f.required:
                    c.error(f.key, f.label, _("Choose a value from the list."))
            elif str(value) not in codes:
                c.error(f.key, f.label, _("Choose a value from the list."))
        elif f.kind == "multi":
            chosen = value if isinstance(value, list) else []
            codes = {code for code, _label in options_of(f, ctx, answers)}
            if f.required and not chosen:
                c.error(f.key, f.label, _("Tick at least one item."))
            elif any(str(v) not in codes for v in chosen):
                c.error(f.key, f.label, _("An item ticked is no longer on the list; tick again."))
        elif f.kind == "table":
            rows = [r for r in (value if isinstance(value, list) else []) if isinstance(r, dict) and not _blank_row(r)]
            if f.required and not rows:
                c.error(f.key, f.label, _("Add at least one row."))
            for i, row in enumerate(rows, start=1):
                rc = Checker()
                for col in f.columns:
                    cell = _text(row.get(col.key))
                    label = f.label
                    if col.required and not cell.strip():
                        rc.error(
                            f.key, label, _("fill in the column \u201c{column}\u201d.").format(column=_(col.label))
                        )
                    elif col.kind == "money":
                        rc.money(f.key, label, cell)
                    elif col.kind == "number":
                        rc.quantity(f.key, label, cell)
                    elif col.kind == "int":
                        rc.count(f.key, label, cell)
                    elif col.kind == "date":
                        rc.date(f.key, label, cell)
                c.absorb(rc, i)
    return c.errors


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _blank_row(row: dict[str, Any]) -> bool:
    return all(not _text(v).strip() for v in row.values())


def table_rows(answers: Answers, key: str) -> list[dict[str, str]]:
    """The non-empty rows of a table answer."""
    value = answers.get(key)
    return [
        {k: _text(v) for k, v in r.items()}
        for r in (value if isinstance(value, list) else [])
        if isinstance(r, dict) and not _blank_row(r)
    ]


# ---- parsed values (for checks and finish; the field checks have already run) ----------------------


def money(answers: Answers, key: str) -> Decimal | None:
    c = Checker()
    return c.money(key, key, _text(answers.get(key)))


def number(answers: Answers, key: str) -> Decimal | None:
    c = Checker()
    return c.quantity(key, key, _text(answers.get(key)))


def integer(answers: Answers, key: str) -> int | None:
    c = Checker()
    return c.count(key, key, _text(answers.get(key)))


def date(answers: Answers, key: str) -> dt.date | None:
    c = Checker()
    return c.date(key, key, _text(answers.get(key)))


def typed_date(day: dt.date) -> str:
    """A date as the clerk types it (DD.MM.YYYY, whatever the interface language); the parsers accept it."""
    return day.strftime("%d.%m.%Y")


def flag(answers: Answers, key: str) -> bool:
    return bool(answers.get(key))


def error(field_key: str, label: str, message: str) -> FieldError:
    """A FieldError for a step check (`label` is an English msgid)."""
    return FieldError(field_key, _(label), message)
