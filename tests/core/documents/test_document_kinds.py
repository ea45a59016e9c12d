"""Document kinds: one list (app/core/documents/kinds.py KINDS); the CLI's choices come from it."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import pytest

from app.core.documents import kinds
from app.core.documents.catalogue import DocumentRequest, validate
from app.core.errors import ValidationFailed


def test_the_year_is_required_by_three_kinds_and_offered_by_four_more() -> None:
    assert kinds.codes("needs_year") == ["annual-report", "brochure", "report-form"]
    # these builders read a year when given (programme year, contracts of the year, deadlines of the year,
    # first budget year) and fall back to their own default otherwise
    assert kinds.codes("optional_year") == ["resolution", "model-report", "schedule", "commitments"]
    assert kinds.codes("takes_year") == [
        "annual-report",
        "resolution",
        "model-report",
        "brochure",
        "schedule",
        "report-form",
        "commitments",
    ]
    assert kinds.codes("takes_contract") == ["contract-card", "model-report", "report-form"]
    assert kinds.codes("takes_area") == ["model-report"]
    assert kinds.codes("docx") == ["annual-report", "resolution"]


def test_a_required_year_is_refused_when_missing_an_optional_one_is_not(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed) as err:
        validate(DocumentRequest(kind="brochure", out_path=tmp_path / "b.pdf"))
    assert [e.field for e in err.value.errors] == ["year"]
    assert validate(DocumentRequest(kind="schedule", out_path=tmp_path / "s.pdf")).code == "schedule"


def _document_parser() -> argparse.ArgumentParser:
    from app.commands import document

    parser = argparse.ArgumentParser()
    document.configure(parser)
    return parser


def test_cli_choices_come_from_kinds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    parser = _document_parser()
    assert parser.parse_args(["report-form", "--db", str(tmp_path / "x"), "--out", "f.pdf"]).kind == "report-form"
    with pytest.raises(SystemExit):
        parser.parse_args(["no-such-kind", "--out", "f.pdf"])
    # a kind added to KINDS is a CLI choice without any edit of the command
    extra = dataclasses.replace(kinds.KINDS[0], code="new-kind", optional_contract=True)
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, extra))
    parser = _document_parser()
    assert parser.parse_args(["new-kind", "--out", "f.pdf"]).kind == "new-kind"
    contract_help = next(a.help for a in parser._actions if a.dest == "contract")
    assert contract_help is not None and "new-kind" in contract_help and "brochure" not in contract_help
