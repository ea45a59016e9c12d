"""A chart goes into the PDF with exactly the pixels matplotlib's PNG of it had (issue 18 replaced the PNG
round trip by the renderer's own pixels: one grey channel for a grey chart, RGB for a coloured one)."""

from __future__ import annotations

import io
import zlib
from typing import Any

import pytest


def _figure(color: str, transparent: bool = False) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.barh([0, 1, 2], [3, 1, 2], color=color)
    ax.set_title("Środki zaangażowane (zł)")
    if transparent:
        fig.patch.set_alpha(0.0)
    return fig, FigureCanvasAgg(fig)


def _png_pixels(fig: Any) -> Any:
    import numpy as np
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=120, bbox_inches="tight")
    buffer.seek(0)
    return np.asarray(Image.open(buffer))


@pytest.mark.parametrize(("color", "mode", "channels"), [("0.25", "L", 1), ("#c03020", "RGB", 3)])
def test_the_embedded_pixels_are_the_png_pixels(color: str, mode: str, channels: int) -> None:
    import numpy as np
    from PIL import Image

    from app.core.documents.pdf import _rendered

    fig, canvas = _figure(color)
    expected = _png_pixels(fig)  # RGBA, all opaque
    assert (expected[..., 3] == 255).all()
    packed, (w, h) = _rendered(fig, canvas, 120)
    image = Image.open(io.BytesIO(zlib.decompress(packed)))
    assert image.mode == mode and image.size == (w, h) == (expected.shape[1], expected.shape[0])
    got = np.asarray(image)
    assert (got == (expected[..., 0] if channels == 1 else expected[..., :3])).all()


def test_a_transparent_chart_keeps_its_png() -> None:
    from PIL import Image

    from app.core.documents.pdf import _rendered

    fig, canvas = _figure("0.25", transparent=True)
    packed, _size = _rendered(fig, canvas, 120)
    assert Image.open(io.BytesIO(zlib.decompress(packed))).format == "PNG"
