"""One owner of money figures (issue 13): document modules ask `app.core.figures.money` and never add
up tranches, grants or planned amounts themselves. A test reads the documents' source and fails on a
sum of money it finds there, naming the file and line."""

from __future__ import annotations

import ast
from pathlib import Path

DOCUMENTS = Path(__file__).resolve().parents[3] / "app" / "core" / "documents"
#: names that mean money in the documents' read models
MONEY_NAMES = {
    "amount",
    "amounts",
    "amount_in",
    "tranches",
    "tranche",
    "planned",
    "planned_amount",
    "used",
    "used_amount",
    "returned",
    "returned_amount",
    "committed",
    "transferred",
    "granted",
    "total",
    "cost_grant",
}


def _mentions_money(node: ast.AST) -> bool:
    for n in ast.walk(node):
        if isinstance(n, ast.Attribute) and n.attr in MONEY_NAMES:
            return True
        if isinstance(n, ast.Name) and n.id in MONEY_NAMES:
            return True
    return False


def money_sums(source: str) -> list[int]:
    """Lines where money is summed: `sum(...)` over money, or `x += <money>`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "sum"
                and node.args
                and _mentions_money(node.args[0])
            )
            or isinstance(node, ast.AugAssign)
            and isinstance(node.op, ast.Add)
            and _mentions_money(node.value)
        ):
            lines.append(node.lineno)
    return sorted(lines)


def test_the_check_finds_a_sum_of_tranches() -> None:
    assert money_sums("total = sum(c.amount_in(year) for c in cons)\n") == [1]
    assert money_sums("x = 0\nfor t in c.tranches:\n    x += t.amount\n") == [3]
    assert money_sums("n = sum(r.offers for r in rows)\n") == []


def test_no_document_module_adds_money_itself() -> None:
    # Known sums that are not figures of the money vocabulary, each with how many there are, so a new one
    # still fails the test:
    allowed = {
        # the contract read model: `ContractInfo.total` / `amount_in` are one contract's own tranches
        "data.py": 2,
        # the contract card's own-contribution totals (planned / actual of one contract; not grant money)
        "contract_card.py": 1,
        # grant per recipient from the reports' costs: an indicator of the "results" owner (app.core.tools)
        "model_indices.py": 1,
        # the paper report form: one contract's planned own contribution per kind (its rows, not a total)
        "report_form.py": 3,
    }
    found = {p.name: money_sums(p.read_text(encoding="utf-8")) for p in sorted(DOCUMENTS.glob("*.py"))}
    unexpected = {name: lines for name, lines in found.items() if len(lines) > allowed.get(name, 0)}
    assert unexpected == {}


def test_committed_in_sql_equals_the_vocabulary(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The Pulpit's SQL sum and `TrancheMoney.committed` are one rule: equal on a gmina with every status."""
    from app.core.db.engine import open_database
    from app.core.figures import money
    from tests.core.reference_gmina import build_reference_gmina

    db = open_database(tmp_path / "x.sqlite")
    build_reference_gmina(db)
    with db.session() as s:
        by_python: dict[int, object] = {}
        for t in money.tranche_money(s):
            if t.committed:
                by_python[t.year] = by_python.get(t.year, 0) + t.committed  # type: ignore[operator]
        statuses = {t.status for t in money.tranche_money(s)}
        assert money.committed_by_year(s) == by_python
    assert len(statuses) == 5  # draft, active, completed, settled, terminated: every branch of the rule
    db.dispose()
