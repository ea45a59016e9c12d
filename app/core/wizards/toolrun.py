"""Running a catalogue tool for a wizard step: the step's answers in, the tool's own outputs out.

A wizard step that shows a tool's result runs that tool (app.core.tools.engine.evaluate, no
database), with the catalogue in use: weights, bands and wording edited in the catalogue reach
the wizard, and the same answers give the same result in the wizard and in the Tools view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core.errors import FieldError
from app.core.tools.catalogue import Band, Tool, get_catalogue


@dataclass(frozen=True)
class ToolRun:
    tool: Tool
    #: typed outputs of the formula (empty when it could not run)
    outputs: Mapping[str, Any] = field(default_factory=dict)
    #: what stopped the formula or what it noted, each naming the tool's input
    problems: tuple[FieldError, ...] = ()
    ran: bool = False

    def get(self, key: str) -> Any:
        return self.outputs.get(key) if self.ran else None

    def band(self, key: str) -> Band | None:
        value = self.get(key)
        return self.tool.output(key).band_for(value) if value is not None else None


def tool(tool_id: str) -> Tool:
    return get_catalogue().tool(tool_id)


def run(tool_id: str, raw: Mapping[str, Any]) -> ToolRun:
    from app.core.tools.engine import evaluate

    t = tool(tool_id)
    outputs, problems, ran = evaluate(t, raw)
    return ToolRun(t, outputs, problems, ran)
