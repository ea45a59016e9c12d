"""What every document builder shares: the result record, the page setup from the gmina, lookups
of other engineers' engines (used when present, otherwise the document says so)."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from app.core.documents.data import GminaInfo
from app.core.documents.pdf import PageSetup, PdfDocument
from app.core.i18n import _

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocumentResult:
    """What a builder produced: the file, its page count and the gaps it reported in the text."""

    path: Path
    title: str
    pages: int
    missing: list[str] = field(default_factory=list)


FORMATS = ("pdf", "docx")


def new_document(gmina: GminaInfo, title: str, subject: str, size: str = "A4", large: bool = False,
                 fmt: str = "pdf", landscape: bool = False, footer_text: str = "") -> Any:
    """A PdfDocument, or a DocxDocument with the same API when `fmt == "docx"`."""
    header = _("{executive} — {city}").format(executive=gmina.executive, city=gmina.city) if gmina.city else gmina.executive
    setup = PageSetup(title=title, subject=subject, author=gmina.name, header_text=header, logo=gmina.logo, size=size,
                      large_type=large, landscape=landscape, footer_text=footer_text)
    if fmt == "docx":
        from app.core.documents.docx_writer import DocxDocument

        return DocxDocument(setup)
    return PdfDocument(setup)


def optional_module(name: str) -> ModuleType | None:
    """Another area's module if it has been written yet (deadlines, tool engine), else None."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None
    except Exception:  # a half-finished module must not stop printing
        log.exception("module %s failed to import; documents print without it", name)
        return None


def not_yet_available(what: str) -> str:
    return _("{what}: not yet available in this version of the application.").format(what=what)


def area_label(area: object) -> str:
    return area.label if area is not None else _("(area not assigned)")  # type: ignore[attr-defined]
