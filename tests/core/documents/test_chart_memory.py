"""A chart in a PDF holds no more memory than its compressed picture once drawn (issue 18: each chart of a
large report kept ~20 MB until the layout ended, and a report with six charts peaked at 275 MB)."""

from __future__ import annotations

import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any


def _chart() -> Any:
    from app.core.documents.charts import bar_chart

    names = [f"UM/{i}/2025 Stowarzyszenie nr {i}" for i in range(16)]
    return bar_chart(names, {"osiągnięte": [Decimal(i * 5) for i in range(16)]}, "Rezultaty", horizontal=True)


def _document() -> Any:
    from app.core.documents.pdf import PageSetup, PdfDocument

    return PdfDocument(PageSetup("Sprawozdanie", "Test", "Gmina Testowa", council=True))


def test_the_renderers_are_let_go_when_the_pixels_are_taken() -> None:
    fig = _chart()
    doc = _document()
    doc.figure(fig, 0.95)
    # savefig's tight bounding box left its whole-figure 300 dpi renderer (1942 × 2320 × 4 bytes = 18 MB) on
    # every text artist, and the canvas kept the cropped one
    holders = [a for a in fig.findobj() if vars(a).get("_renderer") is not None]
    assert holders == []
    assert fig.canvas.renderer is None


def test_the_story_holds_the_compressed_chart_only(tmp_path: Path) -> None:
    doc = _document()
    doc.figure(_chart(), 0.95)
    image = next(f for f in doc.story if hasattr(f, "picture"))
    # the grey 300 dpi picture (1 942 × 2 320 pixels, one byte each: 4.5 MB), compressed: a mostly white chart
    assert image.picture.space == "DeviceGray"
    assert len(zlib.decompress(image.picture.stream)) == image.picture.size[0] * image.picture.size[1]
    assert len(image.picture.stream) < 1_000_000
    assert image._img is None
    doc.save(tmp_path / "r.pdf")
    # drawn: reportlab's reader with the decoded picture and its bytes (2 × 4.4 MB) is not kept
    assert image._img is None
