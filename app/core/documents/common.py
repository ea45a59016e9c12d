"""What every document builder shares: the result record, the page setup from the gmina, lookups
of other engineers' engines (used when present, otherwise the document says so)."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.documents.data import GminaInfo
from app.core.documents.pdf import PageSetup, PdfDocument
from app.core.domain.enums import WkusArea
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


@contextmanager
def cycles_collected_after() -> Iterator[None]:
    """Build a large document without Python's cycle collector running in the middle of it.

    Every full collection walks every live object, and a large document is hundreds of thousands of them
    (the story's tables and paragraphs, the year's records): the annual report of a 3 000-contract gmina
    spent ~20 % of its time in six such walks that freed only its charts' and the tools' cyclic leftovers
    (~10 MB). Paused for one build, the collector runs again afterwards as usual; reference counting frees
    everything else meanwhile. Does nothing when the collector is already paused (a nested build)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def new_document(
    gmina: GminaInfo,
    title: str,
    subject: str,
    size: str = "A4",
    large: bool = False,
    fmt: str = "pdf",
    landscape: bool = False,
    footer_text: str = "",
    council: bool = False,
    letterhead: bool = True,
) -> Any:
    """A PdfDocument, or a DocxDocument with the same API when `fmt == "docx"`.

    The letterhead is the office's: "Wójt Gminy X" over its address and contacts (a gmina wiejska
    writes so, never "Gmina X / Wójt — X"). `council` sets the style of an act or report for the
    council; `letterhead=False` leaves the head of the page empty (a resolution is the council's act)."""
    # an A5 page has no room for the contacts in its head (the brochure gives them in its text)
    setup = PageSetup(
        title=title,
        subject=subject,
        author=gmina.name,
        header_text=gmina.address if size == "A5" else letterhead_text(gmina),
        header_title=gmina.head,
        logo=gmina.logo,
        size=size,
        large_type=large,
        landscape=landscape,
        footer_text=footer_text,
        council=council,
        letterhead=letterhead,
    )
    if fmt == "docx":
        from app.core.documents.docx_writer import DocxDocument

        return DocxDocument(setup)
    return PdfDocument(setup)


def letterhead_text(gmina: GminaInfo) -> str:
    """The line under "Wójt Gminy X": the office's address and contacts, whatever of them is entered."""
    return " · ".join(p for p in (gmina.address, gmina.contacts) if p)


def area_label(area: WkusArea | None) -> str:
    return area.label if area is not None else _("(area not assigned)")
