"""The Pulpit's bar chart names its unit in the UI language (babel's currency symbol)."""

from __future__ import annotations

from app.core import i18n


def test_chart_unit_follows_the_language() -> None:
    from app.ui.views.dashboard import thousands_unit

    assert thousands_unit() == "tys. zł"  # the Polish wording is what is tested
    i18n.set_language("en")
    try:
        assert thousands_unit() == "thousand PLN"  # was "thousand zł" in the English UI
    finally:
        i18n.set_language("pl")
