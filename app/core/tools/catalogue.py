"""The catalogue of the 42 WKUS tools, loaded from a data file (no wording or weights in code).

`resources/tools/catalogue.toml` is bundled; a gmina holding the official handbook may put an edited
copy at `<user data>/tools/catalogue.toml`, which takes precedence. A broken override never stops the
app: the bundled file is used and `Catalogue.warnings` says why (shown on the Narzędzia screen).

Everything here is plain frozen dataclasses; texts are `Localized` (Polish and English) and pick the
current language when shown (`str(tool.name)`).
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.core.i18n import _, current_language

log = logging.getLogger(__name__)

INPUT_TYPES = ("number", "money", "percent", "date", "choice", "likert", "checklist", "table", "text")
COLUMN_TYPES = tuple(t for t in INPUT_TYPES if t not in ("checklist", "table"))
OUTPUT_TYPES = ("money", "number", "ratio", "percent", "score", "count", "text", "flag", "table", "date", "year")
SCOPES = ("contract", "task", "programme", "gmina")
LEVELS = ("good", "fair", "poor", "info")
INDEX_SCOPES = ("contract", "task", "gmina")
W10_NORMS = ("score", "count", "share", "likert")
OVERRIDE_NAME = "catalogue.toml"


class CatalogueError(ValueError):
    """The catalogue file cannot be used; `problems` lists every problem found (in the clerk's language)."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(_("The tool catalogue {path} cannot be used:").format(path=path) + "\n" + "\n".join(problems))


@dataclass(frozen=True)
class Localized:
    pl: str
    en: str

    @property
    def text(self) -> str:
        if current_language() == "en":
            return self.en or self.pl
        return self.pl or self.en

    def __str__(self) -> str:
        return self.text


EMPTY = Localized("", "")


@dataclass(frozen=True)
class Option:
    """One value of a choice input; `score` feeds the formula (None: the choice is not scored)."""

    value: str
    label: Localized
    score: Decimal | None = None


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: Localized
    weight: Decimal | None = None


@dataclass(frozen=True)
class InputDef:
    """A typed input of a tool (or a column of a table input).

    Values handed to formulas: number/money/percent → Decimal (percent as a fraction, 0.25 = 25 %),
    date → datetime.date, choice → option value (str), likert → int 1–5, checklist → frozenset of
    item keys, table → tuple of dicts (column key → value as above; None when empty), text → str.
    """

    key: str
    type: str
    label: Localized
    help: Localized = EMPTY
    unit: Localized = EMPTY
    required: bool = True
    default: str | None = None
    source: str | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    integer: bool = False
    options: tuple[Option, ...] = ()
    items: tuple[ChecklistItem, ...] = ()
    columns: tuple[InputDef, ...] = ()
    #: W-10 only: IJW area, normalisation kind and target for counts
    area: str | None = None
    norm: str | None = None
    target: Decimal | None = None

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def column(self, key: str) -> InputDef:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class Band:
    """Interpretation band: applies from `min` (inclusive; None = from minus infinity) to the next band."""

    min: Decimal | None
    level: str
    label: Localized


@dataclass(frozen=True)
class ColumnDef:
    key: str
    type: str
    label: Localized


@dataclass(frozen=True)
class OutputDef:
    key: str
    type: str
    label: Localized
    primary: bool = False
    bands: tuple[Band, ...] = ()
    chart: str | None = None
    columns: tuple[ColumnDef, ...] = ()

    def band_for(self, value: Any) -> Band | None:
        return band_for(self.bands, value)


def band_for(bands: Iterable[Band], value: Any) -> Band | None:
    if value is None or isinstance(value, (str, tuple, list, dict)):
        return None
    try:
        v = Decimal(value) if not isinstance(value, bool) else Decimal(int(value))
    except (InvalidOperation, TypeError, ValueError):
        return None
    found = None
    for b in bands:
        if b.min is None or v >= b.min:
            found = b
    return found


@dataclass(frozen=True)
class Tool:
    id: str
    model: str
    stages: tuple[str, ...]
    scope: str
    name: Localized
    purpose: Localized
    guidance: Localized
    inputs: tuple[InputDef, ...]
    outputs: tuple[OutputDef, ...]
    params: Mapping[str, Any] = field(default_factory=dict)

    def input(self, key: str) -> InputDef:
        return next(i for i in self.inputs if i.key == key)

    def output(self, key: str) -> OutputDef:
        return next(o for o in self.outputs if o.key == key)

    @property
    def primary_output(self) -> OutputDef:
        return next((o for o in self.outputs if o.primary), self.outputs[0])

    @property
    def sourced_inputs(self) -> tuple[InputDef, ...]:
        return tuple(i for i in self.inputs if i.source)


@dataclass(frozen=True)
class IndexComponent:
    key: str  # "TOOL-ID.output"
    scope: str  # where the value is read relative to a contract: contract | task | gmina
    weight: Decimal
    min: Decimal
    max: Decimal
    label: Localized

    @property
    def tool_id(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def output_key(self) -> str:
        return self.key.split(".", 1)[1]


@dataclass(frozen=True)
class IndexDef:
    model: str
    name: Localized
    components: tuple[IndexComponent, ...]

    def default_weights(self) -> dict[str, Decimal]:
        return {c.key: c.weight for c in self.components}


@dataclass(frozen=True)
class Catalogue:
    version: str
    models: Mapping[str, Localized]
    stages: Mapping[str, Localized]
    tools: tuple[Tool, ...]
    indices: Mapping[str, IndexDef]
    index_bands: tuple[Band, ...]
    path: Path
    #: why the user's override was not used (empty when all is well)
    warnings: tuple[str, ...] = ()
    #: share of an index's weight that must have data before the index gets a verbal grade
    band_min_coverage: Decimal = Decimal("0.5")

    def _by_id(self) -> dict[str, Tool]:
        # built once (the engine asks hundreds of thousands of times per recompute); frozen: set directly
        index = self.__dict__.get("_index")
        if index is None:
            index = {t.id: t for t in reversed(self.tools)}  # reversed: the first of duplicate ids wins
            object.__setattr__(self, "_index", index)
        return index

    def tool(self, tool_id: str) -> Tool:
        t = self._by_id().get(tool_id)
        if t is None:
            raise KeyError(tool_id)
        return t

    def has_tool(self, tool_id: str) -> bool:
        return tool_id in self._by_id()

    def by_model(self, model: str) -> tuple[Tool, ...]:
        models = self.__dict__.get("_models")
        if models is None:
            models = {}
            for t in self.tools:
                models.setdefault(t.model, []).append(t)
            models = {k: tuple(v) for k, v in models.items()}
            object.__setattr__(self, "_models", models)
        return models.get(model, ())

    @property
    def is_override(self) -> bool:
        return self.path != bundled_path()


# ---- loading -----------------------------------------------------------------------------------


def bundled_path() -> Path:
    from app.paths import resource_path

    return resource_path("tools", "catalogue.toml")


def override_path() -> Path:
    from app.paths import user_data_dir

    return user_data_dir() / "tools" / OVERRIDE_NAME


class _Reader:
    """Collects every problem of the file instead of stopping at the first one."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def loc(self, d: Mapping[str, Any], where: str, base: str, required: bool = True) -> Localized:
        pl, en = d.get(f"{base}_pl", ""), d.get(f"{base}_en", "")
        if not isinstance(pl, str) or not isinstance(en, str):
            self.fail(where, _("'{key}' must be text").format(key=base))
            return EMPTY
        if required and not pl:
            self.fail(where, _("'{key}' is missing").format(key=f"{base}_pl"))
        return Localized(pl, en)

    def dec(self, d: Mapping[str, Any], key: str, where: str) -> Decimal | None:
        if key not in d:
            return None
        value = d[key]
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(where, _("'{key}' must be a number").format(key=key))
            return None
        try:
            # str() first: a TOML float 0.1 must become Decimal("0.1"), not its binary expansion
            return Decimal(str(value))
        except InvalidOperation:
            self.fail(where, _("'{key}' must be a number").format(key=key))
            return None

    def bands(self, raw: Any, where: str) -> tuple[Band, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.fail(where, _("'bands' must be a list"))
            return ()
        out: list[Band] = []
        for n, b in enumerate(raw, 1):
            w = f"{where} band {n}"
            if not isinstance(b, dict):
                self.fail(w, _("must be a table"))
                continue
            level = b.get("level", "info")
            if level not in LEVELS:
                self.fail(
                    w, _("level '{level}' is not one of {allowed}").format(level=level, allowed=", ".join(LEVELS))
                )
            lo = self.dec(b, "min", w)
            if n > 1 and lo is None:
                self.fail(w, _("only the first band may omit 'min'"))
            if out and lo is not None and out[-1].min is not None and lo <= out[-1].min:
                self.fail(w, _("bands must be in ascending order of 'min'"))
            out.append(Band(lo, level, self.loc(b, w, "label")))
        return tuple(out)

    def options(self, raw: Any, where: str) -> tuple[Option, ...]:
        if not isinstance(raw, list) or not raw:
            self.fail(where, _("a choice needs a non-empty 'options' list"))
            return ()
        out = []
        for o in raw:
            if not isinstance(o, dict) or "value" not in o:
                self.fail(where, _("every option needs a 'value'"))
                continue
            out.append(Option(str(o["value"]), self.loc(o, where, "label"), self.dec(o, "score", where)))
        if len({o.value for o in out}) != len(out):
            self.fail(where, _("option values repeat"))
        return tuple(out)

    def input(self, d: Any, where: str, column: bool = False) -> InputDef | None:
        if not isinstance(d, dict) or not isinstance(d.get("key"), str) or not d.get("key"):
            self.fail(where, _("every input needs a 'key'"))
            return None
        key = d["key"]
        w = f"{where} input '{key}'"
        typ = d.get("type")
        allowed = COLUMN_TYPES if column else INPUT_TYPES
        if typ not in allowed:
            self.fail(w, _("type '{type}' is not one of {allowed}").format(type=typ, allowed=", ".join(allowed)))
            return None
        options = self.options(d.get("options"), w) if typ == "choice" else ()
        items: tuple[ChecklistItem, ...] = ()
        if typ == "checklist":
            raw_items = d.get("items", [])
            if not isinstance(raw_items, list) or not raw_items and not d.get("source"):
                self.fail(w, _("a checklist needs a non-empty 'items' list"))
                raw_items = []
            items = tuple(
                ChecklistItem(str(i.get("key", "")), self.loc(i, w, "label"), self.dec(i, "weight", w))
                for i in raw_items
                if isinstance(i, dict)
            )
        columns: tuple[InputDef, ...] = ()
        if typ == "table":
            raw_cols = d.get("columns")
            if not isinstance(raw_cols, list) or not raw_cols:
                self.fail(w, _("a table needs a non-empty 'columns' list"))
            else:
                columns = tuple(c for c in (self.input(c, w, column=True) for c in raw_cols) if c is not None)
        lo, hi = self.dec(d, "min", w), self.dec(d, "max", w)
        if lo is not None and hi is not None and lo > hi:
            self.fail(w, _("'min' is greater than 'max'"))
        required = d.get("required", True)
        if not isinstance(required, bool):
            self.fail(w, _("'required' must be true or false"))
            required = True
        default = d.get("default")
        return InputDef(
            key=key,
            type=typ,
            label=self.loc(d, w, "label"),
            help=self.loc(d, w, "help", required=False),
            unit=self.loc(d, w, "unit", required=False),
            required=required,
            default=None if default is None else str(default),
            source=d.get("source"),
            min=lo,
            max=hi,
            integer=bool(d.get("integer", False)),
            options=options,
            items=items,
            columns=columns,
            area=None if d.get("area") is None else str(d["area"]),
            norm=d.get("norm"),
            target=self.dec(d, "target", w),
        )

    def output(self, d: Any, where: str) -> OutputDef | None:
        if not isinstance(d, dict) or not d.get("key"):
            self.fail(where, _("every output needs a 'key'"))
            return None
        w = f"{where} output '{d['key']}'"
        if d.get("type") not in OUTPUT_TYPES:
            self.fail(
                w,
                _("type '{type}' is not one of {allowed}").format(type=d.get("type"), allowed=", ".join(OUTPUT_TYPES)),
            )
            return None
        cols = tuple(
            ColumnDef(str(c.get("key", "")), str(c.get("type", "text")), self.loc(c, w, "label"))
            for c in d.get("columns", [])
            if isinstance(c, dict)
        )
        return OutputDef(
            d["key"],
            d["type"],
            self.loc(d, w, "label"),
            bool(d.get("primary", False)),
            self.bands(d.get("bands"), w),
            d.get("chart"),
            cols,
        )

    def tool(self, d: Any, models: Mapping[str, Any], stages: Mapping[str, Any]) -> Tool | None:
        if not isinstance(d, dict) or not isinstance(d.get("id"), str):
            self.fail("[[tools]]", _("every tool needs an 'id'"))
            return None
        tid = d["id"]
        w = _("tool {id}").format(id=tid)
        if d.get("model") not in models:
            self.fail(w, _("model '{model}' is not defined in [models]").format(model=d.get("model")))
        raw_stages = d.get("stages", [])
        if not isinstance(raw_stages, list) or not raw_stages or any(s not in stages for s in raw_stages):
            self.fail(w, _("'stages' must list stages defined in [stages]"))
            raw_stages = [s for s in raw_stages if s in stages] if isinstance(raw_stages, list) else []
        if d.get("scope") not in SCOPES:
            self.fail(
                w, _("scope '{scope}' is not one of {allowed}").format(scope=d.get("scope"), allowed=", ".join(SCOPES))
            )
        inputs = tuple(i for i in (self.input(i, w) for i in d.get("inputs", [])) if i is not None)
        outputs = tuple(o for o in (self.output(o, w) for o in d.get("outputs", [])) if o is not None)
        if len({i.key for i in inputs}) != len(inputs):
            self.fail(w, _("input keys repeat"))
        if not outputs:
            self.fail(w, _("a tool needs at least one output"))
        elif len({o.key for o in outputs}) != len(outputs):
            self.fail(w, _("output keys repeat"))
        params = d.get("params", {})
        if not isinstance(params, dict):
            self.fail(w, _("'params' must be a table"))
            params = {}
        return Tool(
            id=tid,
            model=str(d.get("model")),
            stages=tuple(raw_stages),
            scope=str(d.get("scope")),
            name=self.loc(d, w, "name"),
            purpose=self.loc(d, w, "purpose"),
            guidance=self.loc(d, w, "guidance", required=False),
            inputs=inputs,
            outputs=outputs,
            params=params,
        )


def parse_catalogue(
    raw: Mapping[str, Any], path: Path, required: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] | None = None
) -> Catalogue:
    """Build and validate a catalogue from parsed TOML; raise CatalogueError listing every problem.

    `required` maps tool id → (input keys, output keys) the formulas need; by default the formula
    registry's own declaration, so an edited copy cannot silently drop what a formula reads.
    """
    r = _Reader()
    version = raw.get("catalogue_version")
    if not isinstance(version, str) or not version:
        r.fail("catalogue_version", _("missing"))
        version = "?"
    models_raw, stages_raw = raw.get("models", {}), raw.get("stages", {})
    models = {k: r.loc(v, f"[models.{k}]", "name") for k, v in models_raw.items() if isinstance(v, dict)}
    stages = {k: r.loc(v, f"[stages.{k}]", "name") for k, v in stages_raw.items() if isinstance(v, dict)}
    if not models:
        r.fail("[models]", _("missing"))
    tools_raw = raw.get("tools", [])
    if not isinstance(tools_raw, list) or not tools_raw:
        r.fail("[[tools]]", _("missing"))
        tools_raw = []
    tools = tuple(t for t in (r.tool(t, models, stages) for t in tools_raw) if t is not None)
    ids = [t.id for t in tools]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        r.fail(_("tool {id}").format(id=dup), _("defined more than once"))
    by_id = {t.id: t for t in tools}

    if required is None:
        from app.core.tools.formulas import FORMULAS

        required = {tid: (f.inputs, f.outputs) for tid, f in FORMULAS.items()}
    for tid, (need_in, need_out) in required.items():
        tool = by_id.get(tid)
        if tool is None:
            r.fail(_("tool {id}").format(id=tid), _("missing (the formulas need it)"))
            continue
        have_in, have_out = {i.key for i in tool.inputs}, {o.key for o in tool.outputs}
        for key in need_in:
            if key not in have_in:
                r.fail(
                    _("tool {id}").format(id=tid), _("input '{key}' is missing (the formula reads it)").format(key=key)
                )
        for key in need_out:
            if key not in have_out:
                r.fail(
                    _("tool {id}").format(id=tid),
                    _("output '{key}' is missing (the formula writes it)").format(key=key),
                )
    for tool in tools:
        for inp in tool.inputs:
            if inp.source and inp.source.startswith("tool:"):
                ref = inp.source[5:]
                rtid, _dot, rkey = ref.partition(".")
                if rtid not in by_id or rkey not in {o.key for o in by_id[rtid].outputs}:
                    r.fail(
                        _("tool {id}").format(id=tool.id),
                        _("input '{key}' reads unknown output '{ref}'").format(key=inp.key, ref=ref),
                    )

    indices: dict[str, IndexDef] = {}
    for model, d in (raw.get("indices") or {}).items():
        w = f"[indices.{model}]"
        if model not in models:
            r.fail(w, _("model '{model}' is not defined in [models]").format(model=model))
        comps = []
        for c in d.get("components", []) if isinstance(d, dict) else []:
            key = str(c.get("key", ""))
            cw = f"{w} '{key}'"
            tid, _dot, okey = key.partition(".")
            if tid not in by_id or okey not in {o.key for o in by_id[tid].outputs}:
                r.fail(cw, _("refers to unknown tool output '{key}'").format(key=key))
            if c.get("scope", "contract") not in INDEX_SCOPES:
                r.fail(
                    cw,
                    _("scope '{scope}' is not one of {allowed}").format(
                        scope=c.get("scope"), allowed=", ".join(INDEX_SCOPES)
                    ),
                )
            weight, lo, hi = r.dec(c, "weight", cw), r.dec(c, "min", cw), r.dec(c, "max", cw)
            if weight is None or weight < 0:
                r.fail(cw, _("'weight' must be a number not below zero"))
            if lo is None or hi is None or hi <= lo:
                r.fail(cw, _("'min' and 'max' must be numbers with max greater than min"))
            comps.append(
                IndexComponent(
                    key,
                    c.get("scope", "contract"),
                    weight or Decimal(0),
                    lo or Decimal(0),
                    hi if hi is not None else Decimal(1),
                    r.loc(c, cw, "label"),
                )
            )
        if comps and sum(c.weight for c in comps) <= 0:
            r.fail(w, _("the weights add up to zero"))
        indices[model] = IndexDef(model, r.loc(d, w, "name") if isinstance(d, dict) else EMPTY, tuple(comps))
    index_bands = r.bands(raw.get("index_bands"), "[[index_bands]]")
    coverage = (
        r.dec(raw, "index_band_min_coverage", "index_band_min_coverage")
        if "index_band_min_coverage" in raw
        else Decimal("0.5")
    )
    if coverage is not None and not Decimal(0) <= coverage <= Decimal(1):
        r.fail("index_band_min_coverage", _("must be a share between 0 and 1"))
    if r.problems:
        raise CatalogueError(path, r.problems)
    return Catalogue(
        version,
        models,
        stages,
        tools,
        indices,
        index_bands,
        path,
        band_min_coverage=coverage if coverage is not None else Decimal("0.5"),
    )


def load_catalogue_file(path: Path) -> Catalogue:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogueError(path, [_("the file cannot be read ({error})").format(error=exc.strerror or exc)]) from exc
    return parse_catalogue(_toml_of(data, path), path)


def _toml_of(data: bytes, path: Path) -> dict[str, Any]:
    """The file's TOML as tomllib reads it, from the parsed cache when these bytes were read before
    (tomllib took ~45 ms of the catalogue's ~60 ms in every fresh process: a document, a recompute)."""
    from app.core import parsed_cache

    key = parsed_cache.digest(data)
    cached = parsed_cache.read(_CACHE_NAME, key)
    if isinstance(cached, dict):
        return cached
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CatalogueError(path, [_("not a valid TOML file ({error})").format(error=exc)]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(path, [_("not a valid TOML file ({error})").format(error=exc)]) from exc
    parsed_cache.write(_CACHE_NAME, key, raw)
    return raw


#: one cache file for whichever catalogue was read last (the bundled one, or the clerk's override)
_CACHE_NAME = "tool-catalogue"


def load_catalogue(override: Path | None = None) -> Catalogue:
    """The user's override if present and valid, otherwise the bundled file (with the reason)."""
    candidate = override if override is not None else override_path()
    if candidate.exists():
        try:
            return load_catalogue_file(candidate)
        except CatalogueError as exc:
            log.warning("tool catalogue override refused: %s", exc)
            bundled = load_catalogue_file(bundled_path())
            reason = _("Your tool catalogue {path} was not used; the built-in catalogue is in use instead.").format(
                path=candidate
            )
            return Catalogue(
                bundled.version,
                bundled.models,
                bundled.stages,
                bundled.tools,
                bundled.indices,
                bundled.index_bands,
                bundled.path,
                (reason, *exc.problems),
                band_min_coverage=bundled.band_min_coverage,
            )
    return load_catalogue_file(bundled_path())


_cached: Catalogue | None = None


def get_catalogue() -> Catalogue:
    """The catalogue in use (loaded once; `reload_catalogue()` after the file was replaced)."""
    global _cached
    if _cached is None:
        _cached = load_catalogue()
    return _cached


def reload_catalogue() -> Catalogue:
    global _cached
    _cached = None
    return get_catalogue()


def set_catalogue(catalogue: Catalogue | None) -> None:
    """Use this catalogue from now on (tests; None = load again on next use)."""
    global _cached
    _cached = catalogue
