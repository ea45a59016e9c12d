"""The WKUS model section prints the tools engine's composite indices, not estimates."""

from __future__ import annotations

import datetime as dt
import re


def test_annual_report_prints_the_engines_composite_indices(db, tmp_path):
    from pypdf import PdfReader

    from app.core.demo import load_demo
    from app.core.documents.annual_report import build_annual_report
    from app.core.documents.data import contracts_in_year
    from app.core.i18n import format_decimal, format_percent
    from app.core.tools import composite_indices
    from app.core.tools.present import index_coverage, index_grade_text

    load_demo(db, today=dt.date(2026, 3, 15))
    result = build_annual_report(db, 2025, tmp_path / "r.pdf")
    text = re.sub(
        r"[\s\u00a0\u202f]+", " ", "\n".join(p.extract_text() or "" for p in PdfReader(str(result.path)).pages)
    )
    section = text[text.index("7. Modele WKUS") : text.index("8. Wnioski")]
    with db.session() as s:
        ids = [c.id for c in contracts_in_year(s, 2025)]
        indices = composite_indices(s, contract_ids=ids, year=2025)
    assert [i.model for i in indices] == ["Efektywność", "Jakość", "Współpraca"]
    for i in indices:
        assert i.value is not None
        # a grade only with data for at least half of the weight (catalogue: index_band_min_coverage)
        assert bool(i.band) == (i.weight_covered >= i.min_coverage)
        grade = i.band or index_grade_text(i)
        row = (
            f"{i.model} {i.name} {format_decimal(i.value, 1)} {grade} {index_coverage(i)} {i.contracts} "
            f"{format_percent(i.weight_covered)}"
        )
        assert re.sub(r"[\s\u00a0\u202f]+", " ", row) in section
    assert "Indeksy złożone modeli WKUS (0–100)" not in section  # chart titles are pictures, not text
