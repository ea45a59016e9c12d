"""Alt+letter mnemonics for every menu entry, in whatever language the menus are shown.

Translators cannot be asked to keep "&" letters unique across a whole menu (and the Polish letters
differ from the English ones), so entries without a mnemonic get one here, as KDE's accelerator
manager does: the first free letter that starts a word, else any free letter. Entries that already
have one (e.g. "&Plik") keep it and reserve their letter.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

#: "&x" marks a mnemonic, "&&" is a literal ampersand
_MNEMONIC = re.compile(r"&([^&])")


def mnemonic_of(text: str) -> str | None:
    """The mnemonic letter of a menu text (lower case), or None."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _with_mnemonic(text: str, used: set[str]) -> str:
    plain = text
    candidates = [i for i, ch in enumerate(plain) if ch.isalnum() and (i == 0 or not plain[i - 1].isalnum())]
    candidates += [i for i, ch in enumerate(plain) if ch.isalnum() and i not in candidates]
    for i in candidates:
        letter = plain[i].lower()
        if letter not in used and plain[i - 1 : i] != "&":
            used.add(letter)
            return plain[:i] + "&" + plain[i:]
    return text  # every letter taken: the entry stays reachable by arrows within its menu


def assign_mnemonics(container: QMenu | QMenuBar | QWidget) -> None:
    """Give every entry of a menu bar or menu, and of the menus inside it, a unique Alt+letter."""
    # Submenus are found as child widgets: PySide6's QAction.menu() takes ownership of the menu it
    # returns and deletes it with the Python wrapper.
    for owner in [container, *container.findChildren(QMenu)]:
        actions: list[QAction] = [a for a in owner.actions() if not a.isSeparator() and a.text()]
        used = {m for m in (mnemonic_of(a.text()) for a in actions) if m}
        for action in actions:
            if mnemonic_of(action.text()) is None:
                action.setText(_with_mnemonic(action.text(), used))
