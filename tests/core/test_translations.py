"""Translations complete (issue 7): catalogues, placeholders, unwrapped UI text, pseudo-locale.

Each check runs on the real catalogues/sources and, once, on a planted defect in a fixture below,
to show it can fail.
"""

from __future__ import annotations

import io
import re

import pytest
from babel.messages.pofile import read_po

from app.core import i18n
from tools.i18n_lint import BRACE, catalogue_problems, read_catalogue, scan_ui, unwrapped_strings

PLANTED_PO = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

msgid "Saved"
msgstr "Zapisano"

msgid "Contracts"
msgstr ""

#, fuzzy
msgid "Organisations"
msgstr "Organizacje"

msgid "Contract {number} signed on {date}"
msgstr "Umowa {numer} podpisana {date}"

msgid "%s rows imported"
msgstr "zaimportowano wiersze"

msgid "{count} contract"
msgid_plural "{count} contracts"
msgstr[0] "{count} umowa"
msgstr[1] "{count} umowy"

msgid "{count} report"
msgid_plural "{count} reports"
msgstr[0] "jedno sprawozdanie"
msgstr[1] "{count} sprawozdania"
msgstr[2] "{count} sprawozdań"
"""

PLANTED_UI = """
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from app.core.i18n import _

def build(self, n):
    self.title = QLabel(_("Contracts"))                       # fine
    self.ok = QPushButton("Zapisz")                           # 7: Polish literal
    self.setWindowTitle("Contracts")                          # 8: English literal
    self.hint.setPlaceholderText(f"Search {n} rows")          # 9: f-string with words
    QMessageBox.warning(self, _("Error"), "Could not save")   # 10: message text
    self.count.setText(f"{n} / {n + 1}")                      # fine: no words
    self.fmt.addItem("PDF", "pdf")                            # fine: acronym; data not shown
    self.fmt.addItem(_("Editable"), "docx")                   # fine
    self.sep.setText("<b>—</b>")                              # fine: markup only
    self.bad.setToolTip(_(f"Year {n}"))                       # 15: f-string inside _()
"""


def planted_catalogue():
    return read_po(io.BytesIO(PLANTED_PO.encode()), locale="pl")


# ---- catalogues ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_catalogue_complete_with_matching_placeholders(lang: str) -> None:
    assert catalogue_problems(read_catalogue(lang), lang) == []


def test_planted_catalogue_defects_are_each_reported() -> None:
    problems = catalogue_problems(planted_catalogue(), "pl")
    assert problems == [
        "pl: 'Contracts': untranslated",
        "pl: 'Organisations': fuzzy",
        "pl: 'Contract {number} signed on {date}': placeholders ['{date}', '{numer}'] != ['{date}', '{number}'] "
        "in 'Umowa {numer} podpisana {date}'",
        "pl: '%s rows imported': printf placeholders [] != ['%s'] in 'zaimportowano wiersze'",
        "pl: '{count} contract': untranslated",  # the third Polish form is missing
    ]  # "{count} report" is fine: a Polish singular may drop the count


def test_polish_plurals_use_three_forms_everywhere() -> None:
    for m in read_catalogue("pl"):
        if m.id and not isinstance(m.id, str) and all(m.string):
            assert len(m.string) == 3, m.id


# ---- unwrapped user-visible strings -------------------------------------------------------------


def test_ui_has_no_unwrapped_strings() -> None:
    assert scan_ui() == []


def test_planted_unwrapped_strings_are_found() -> None:
    found = unwrapped_strings(PLANTED_UI, "planted.py")
    assert found == [
        "planted.py:7: QPushButton: 'Zapisz'",
        "planted.py:8: setWindowTitle: 'Contracts'",
        "planted.py:9: setPlaceholderText: 'Search  rows'",
        "planted.py:10: warning: 'Could not save'",
        "planted.py:15: _(f-string) cannot be translated",
    ]


# ---- pseudo-locale ------------------------------------------------------------------------------


def test_pseudo_locale_lengthens_by_forty_percent_and_keeps_placeholders() -> None:
    i18n.set_language("pseudo")
    for m in read_catalogue("pl"):
        if not m.id or not isinstance(m.id, str) or not m.string:
            continue
        polish = m.string
        # an entry with a context (pgettext) may share its msgid with a plain one
        shown = i18n.pgettext(m.context, m.id) if m.context else i18n._(m.id)
        assert shown.startswith("[" + polish) and shown.endswith("]")
        assert len(shown) - 2 >= round(len(polish) * 1.4) - 1, (polish, shown)
        names = {g for g in BRACE.findall(m.id) if g}
        if names and "{}" not in m.id and not re.search(r"\{\w+[!:]", m.id):
            shown.format(**dict.fromkeys(names, "X"))  # still formats: placeholders intact


def test_pseudo_scale_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.TRANS_SCALE_ENV, "2.0")
    i18n.set_language("pseudo")
    assert i18n._("Spatial planning") == "[Planowanie przestrzenne" + "~" * 23 + "]"
    monkeypatch.setenv(i18n.TRANS_SCALE_ENV, "nonsense")
    i18n.set_language("pseudo")
    assert i18n._("Spatial planning") == "[Planowanie przestrzenne" + "~" * 9 + "]"
