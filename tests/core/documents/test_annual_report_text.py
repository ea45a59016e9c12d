"""The annual report prints the same words and figures after the speed work of issue 18 as before it.

The fixtures in tests/fixtures/annual_report/ are the text of the PDFs (pypdf, whitespace collapsed,
one block per page with its footer) as the report printed them before that work (branch h-report, on
main at a5aa6ff): the demo gmina's 2024 and 2025 reports and the reference gmina's 2025 report, whose
figures tests/core/test_reference_gmina.py checks against hand-computed values. A change to the report's
content must update a fixture deliberately: `python -m tests.core.documents.test_annual_report_text` rewrites them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.core.backup_fixtures import TODAY, demo_db, demo_path, demo_template  # noqa: F401
from tests.core.reference_gmina import ref  # noqa: F401

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "annual_report"


def report_pages(db, year: int, out: Path) -> str:  # type: ignore[no-untyped-def]
    """The report's text, one block per page ("=== page N ===" then its words)."""
    from pypdf import PdfReader

    from app.core.documents.annual_report import build_annual_report

    result = build_annual_report(db, year, out, fmt="pdf")
    pages = PdfReader(str(out)).pages
    assert result.pages == len(pages)
    # money uses (narrow) no-break spaces; a cell's text may wrap: only the words and their order count
    return "".join(f"=== page {i} ===\n{_words(p.extract_text() or '')}\n" for i, p in enumerate(pages, 1))


def _words(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def _compare(text: str, name: str) -> None:
    expected = (FIXTURES / name).read_text(encoding="utf-8")
    if text != expected:  # show the first differing page, not a 100 kB diff
        got, want = text.split("=== page "), expected.split("=== page ")
        for g, w in zip(got, want):
            assert g == w
        assert len(got) == len(want)


@pytest.mark.parametrize("year", [2024, 2025])
def test_demo_report_text_unchanged(demo_db, tmp_path, year: int) -> None:  # noqa: F811
    _compare(report_pages(demo_db, year, tmp_path / "r.pdf"), f"demo-{year}.txt")


def test_reference_report_text_unchanged(ref, tmp_path) -> None:  # noqa: F811
    _compare(report_pages(ref[0], 2025, tmp_path / "r.pdf"), "reference-2025.txt")


def main() -> None:
    """Rewrite the fixtures from the current code (only for a deliberate change of the report)."""
    import os
    import tempfile

    os.environ.setdefault("WKUS_DATA_DIR", tempfile.mkdtemp(prefix="wkus-fixture-"))
    from app.core import i18n
    from app.core.db.engine import open_database
    from app.core.demo import load_demo
    from tests.core.reference_gmina import build_reference_gmina

    i18n.set_language("pl")
    folder = Path(tempfile.mkdtemp(prefix="wkus-fixture-"))
    FIXTURES.mkdir(parents=True, exist_ok=True)
    demo = open_database(folder / "demo.sqlite")
    load_demo(demo, TODAY)
    for year in (2024, 2025):
        (FIXTURES / f"demo-{year}.txt").write_text(report_pages(demo, year, folder / "d.pdf"), encoding="utf-8")
    demo.dispose()
    reference = open_database(folder / "ref.sqlite")
    build_reference_gmina(reference)
    (FIXTURES / "reference-2025.txt").write_text(report_pages(reference, 2025, folder / "r.pdf"), encoding="utf-8")
    reference.dispose()


if __name__ == "__main__":
    main()
