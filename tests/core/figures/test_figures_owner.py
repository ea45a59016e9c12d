"""Issue 13: every printed or displayed indicator comes from app.core.tools. This scan fails when a
document module (or a tools screen) computes one itself: arithmetic or sum/max/min on result,
recipient or cost figures, the old `achieved_total`, or a call into the tools' formulas/engine
instead of app.core.tools (figures, present, model_indices, contract_measures)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCANNED = sorted([*(ROOT / "app/core/documents").glob("*.py"), *(ROOT / "app/ui/tools").glob("*.py")])

#: names that hold indicator inputs or outputs: dividing, multiplying or adding them up is computing one
INDICATOR_NAMES = frozenset(
    {
        "achieved",
        "target",
        "target_value",
        "attainment",
        "recipients",
        "persons",
        "cost_grant",
        "cost_total",
        "grant_per_person",
        "grant_per_recipient",
        "achieved_total",
        "cost_admin",
        "k_t",
    }
)
#: tools modules a document must not use directly (they compute; figures/present/service answer)
COMPUTING_MODULES = frozenset(
    {
        "app.core.tools.formulas",
        "app.core.tools.indices",
        "app.core.tools.engine",
        "app.core.tools.results",
        "app.core.tools.sources",
        "app.core.tools.snapshot",
    }
)
#: plain dataclasses of those modules a document may use as its read model (they compute nothing)
DATA_TYPES = frozenset({"ResultData", "ResultFigure", "IndexValue", "ComponentValue"})
#: (file, rule) pairs allowed for now, each with its reason
ALLOWED: dict[tuple[str, str], str] = {
    ("app/core/documents/signpost.py", "arithmetic"): (
        "the drogowskaz prints the Kreator's own answers (no records); issue 13 item 8, another engineer, "
        "moves its cost per recipient to the wizard's tool run"
    ),
}


def _names(node: ast.AST) -> set[str]:
    out = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Attribute):
            out.add(n.attr)
        elif isinstance(n, ast.Name):
            out.add(n.id)
    return out


def _formatting(node: ast.BinOp) -> bool:
    """Text joined with + ("12 " + "osoby", format_decimal(x) + " (…)"): not arithmetic."""
    if not isinstance(node.op, ast.Add):
        return False
    for side in (node.left, node.right):
        for n in ast.walk(side):
            if isinstance(n, (ast.JoinedStr, ast.Constant)) and isinstance(getattr(n, "value", ""), str):
                return True
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id.startswith("format"):
                return True
    return False


def _percent(node: ast.BinOp) -> bool:
    """A share × 100 for a chart's per cent axis: a change of unit, not a computation."""
    return isinstance(node.op, ast.Mult) and any(
        isinstance(side, ast.Constant) and side.value == 100 for side in (node.left, node.right)
    )


def problems(path: Path) -> list[tuple[str, str]]:
    rel = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.Mult, ast.FloorDiv, ast.Add, ast.Sub)):
            hit = (_names(node.left) | _names(node.right)) & INDICATOR_NAMES
            if hit and not _formatting(node) and not _percent(node):
                found.append(("arithmetic", f"{rel}:{node.lineno} computes with {sorted(hit)}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("sum", "max", "min"):
            hit = set().union(*(_names(a) for a in node.args)) & INDICATOR_NAMES if node.args else set()
            if hit:
                found.append(("arithmetic", f"{rel}:{node.lineno} {node.func.id}() over {sorted(hit)}"))
        elif isinstance(node, ast.Attribute) and node.attr == "achieved_total":
            found.append(("arithmetic", f"{rel}:{node.lineno} adds achieved values up over the years"))
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module in COMPUTING_MODULES
            and not {a.name for a in node.names} <= DATA_TYPES
        ):
            found.append(("import", f"{rel}:{node.lineno} imports {node.module}"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in COMPUTING_MODULES:
                    found.append(("import", f"{rel}:{node.lineno} imports {alias.name}"))
    return [(rule, msg) for rule, msg in found if (rel, rule) not in ALLOWED]


def test_no_document_or_tools_screen_computes_an_indicator() -> None:
    assert SCANNED
    found = [msg for path in SCANNED for _rule, msg in problems(path)]
    assert found == [], "\n".join(found)


def test_the_scan_catches_the_old_computations(tmp_path: Path) -> None:
    """What model_indices.measures() and the contract card did before issue 13."""
    sample = ROOT / "app/core/documents/_scan_sample.py"
    sample.write_text(
        "def measures(c, year):\n"
        "    ratios = [r.achieved_total / r.target for r in c.results]\n"
        "    recipients = sum(r.recipients or 0 for r in c.reports)\n"
        "    per_year = {r.year: (r.cost_grant / r.recipients) for r in c.reports}\n"
        "from app.core.tools.formulas import j04_results_matrix\n",
        encoding="utf-8",
    )
    try:
        rules = [rule for rule, _msg in problems(sample)]
    finally:
        sample.unlink()
    assert rules.count("arithmetic") >= 4 and "import" in rules
