"""A chart goes into the PDF with the pixels matplotlib draws for it (issue 18 replaced the PNG round trip by
the renderer's own pixels: one grey channel for a grey chart, RGB for a coloured one; then savefig's two
passes over the figure by one drawing cut to the same tight box, its corner on a whole pixel)."""

from __future__ import annotations

import io
import zlib
from typing import Any

import pytest

#: a power of two: a whole pixel divided by it and multiplied back is exact in binary floating point, so
#: savefig, given the box on whole pixels, shifts the figure by exactly whole pixels
DPI = 128


def _figure(color: str, transparent: bool = False, layout: str | None = None) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 2), layout=layout)
    ax = fig.add_subplot()
    ax.barh([0, 1, 2], [3, 1, 2], color=color)
    ax.set_title("Środki zaangażowane (zł)")
    if transparent:
        fig.patch.set_alpha(0.0)
    return fig, FigureCanvasAgg(fig)


def _png_pixels(fig: Any, box: Any = "tight") -> Any:
    import numpy as np
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches=box)
    buffer.seek(0)
    return np.asarray(Image.open(buffer))


def _tight_box_on_whole_pixels(fig: Any) -> Any:
    """savefig's tight box (padded by savefig.pad_inches, 0.1 in) moved to the nearest whole pixel: its
    left edge, and its top edge counted from the top of the picture, as Agg's rows are."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.transforms import Bbox

    fig.set_dpi(DPI)
    renderer = FigureCanvasAgg(fig).get_renderer()
    with renderer._draw_disabled():
        fig.draw(renderer)
    box = fig.get_tightbbox(renderer).padded(mpl.rcParams["savefig.pad_inches"])
    height_px = int(box.height * DPI)
    top = round(renderer.height - height_px - box.y0 * DPI)
    return Bbox.from_bounds(round(box.x0 * DPI) / DPI, (renderer.height - height_px - top) / DPI, box.width, box.height)


@pytest.mark.parametrize("layout", [None, "constrained"])
@pytest.mark.parametrize(("color", "mode", "channels"), [("0.25", "L", 1), ("#c03020", "RGB", 3)])
def test_the_embedded_pixels_are_matplotlibs_pixels(color: str, mode: str, channels: int, layout: str | None) -> None:
    import numpy as np

    from app.core.documents.pdf import _rendered

    fig, canvas = _figure(color, layout=layout)
    tight = _png_pixels(fig)  # RGBA, all opaque
    assert (tight[..., 3] == 255).all()
    # with constrained layout the padded box reaches past the figure's edge (its pad is 3 pt, savefig's
    # 0.1 in): savefig paints the figure's white there, and so must the cut
    expected = _png_pixels(fig, _tight_box_on_whole_pixels(fig))
    picture = _rendered(fig, canvas, DPI)
    w, h = picture.size
    # the same size in pixels as savefig's own tight picture
    assert (w, h) == (tight.shape[1], tight.shape[0])
    assert picture.space == {"L": "DeviceGray", "RGB": "DeviceRGB"}[mode]
    got = np.frombuffer(zlib.decompress(picture.stream), np.uint8).reshape((h, w) if channels == 1 else (h, w, 3))
    assert (got == (expected[..., 0] if channels == 1 else expected[..., :3])).all()


def test_a_transparent_chart_keeps_its_png() -> None:
    from PIL import Image

    from app.core.documents.pdf import _rendered

    fig, canvas = _figure("0.25", transparent=True)
    picture = _rendered(fig, canvas, DPI)
    assert picture.space == ""
    assert Image.open(io.BytesIO(zlib.decompress(picture.stream))).format == "PNG"


def test_a_chart_is_drawn_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib.figure import Figure

    from app.core.documents.charts import bar_chart
    from app.core.documents.pdf import PageSetup, PdfDocument

    drawn: list[Any] = []
    original = Figure.draw

    def counting(self: Any, renderer: Any) -> None:
        drawn.append(self)
        original(self, renderer)

    monkeypatch.setattr(Figure, "draw", counting)
    doc = PdfDocument(PageSetup("Sprawozdanie", "Test", "Gmina Testowa", council=True))
    fig = bar_chart([f"UM/{i}/2025" for i in range(16)], {"osiągnięte": list(range(16))}, "Rezultaty", horizontal=True)
    doc.figure(fig, 0.95)
    # savefig(bbox_inches="tight") walked the figure twice: once to lay it out and measure it, once to draw it
    assert drawn == [fig]


def test_the_pdf_holds_the_chart_pixels_as_reportlab_writes_them(tmp_path: Any) -> None:
    """The chart's compressed pixels go into the PDF as they are: the image reportlab's drawImage writes
    for the same grey picture, its stream compressed at CHART_ZLIB_LEVEL (reportlab's is at zlib's default
    level), and the page draws it."""
    import numpy as np
    from pypdf import PdfReader
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from app.core.documents.pdf import CHART_ZLIB_LEVEL, PageSetup, PdfDocument

    doc = PdfDocument(PageSetup("Sprawozdanie", "Test", "Gmina Testowa", council=True))
    fig, _canvas = _figure("0.25", layout="constrained")
    doc.figure(fig, 0.5, dpi=DPI)
    picture = next(f for f in doc.story if hasattr(f, "picture")).picture
    w, h = picture.size
    grey = np.frombuffer(zlib.decompress(picture.stream), np.uint8).reshape(h, w)
    assert grey.min() < 100 < grey.max()  # bars on white
    doc.save(tmp_path / "ours.pdf")
    # reportlab's own way: a greymap file drawn with drawImage
    theirs = Canvas(str(tmp_path / "theirs.pdf"))
    pgm = f"P5\n{w} {h}\n255\n".encode("ascii") + grey.tobytes()
    theirs.drawImage(ImageReader(io.BytesIO(pgm)), 0, 0, 100, 100)
    theirs.save()

    def images(path: Any) -> list[Any]:
        page = PdfReader(str(path)).pages[0]
        xobjects = page["/Resources"]["/XObject"]
        found = [x.get_object() for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image"]
        return [(o["/Width"], o["/Height"], o["/ColorSpace"], zlib.decompress(o._data)) for o in found]

    assert images(tmp_path / "ours.pdf") == images(tmp_path / "theirs.pdf") == [(w, h, "/DeviceGray", grey.tobytes())]
    ours = PdfReader(str(tmp_path / "ours.pdf")).pages[0]["/Resources"]["/XObject"]
    assert [x.get_object()._data for x in ours.values()] == [zlib.compress(grey.tobytes(), CHART_ZLIB_LEVEL)]
    assert CHART_ZLIB_LEVEL == 3  # not reportlab's 6: the same pixels in less than half the CPU


def test_a_transparent_chart_is_drawn_from_its_png(tmp_path: Any) -> None:
    from pypdf import PdfReader

    from app.core.documents.pdf import PageSetup, PdfDocument

    doc = PdfDocument(PageSetup("Sprawozdanie", "Test", "Gmina Testowa", council=True))
    fig, _canvas = _figure("0.25", transparent=True)
    doc.figure(fig, 0.5, dpi=DPI)
    doc.save(tmp_path / "r.pdf")
    page = PdfReader(str(tmp_path / "r.pdf")).pages[0]
    found = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
    # reportlab decoded the PNG: its RGB pixels with the alpha channel as a soft mask
    assert [(o["/Subtype"], "/SMask" in o) for o in found] == [("/Image", True)]


def test_without_reportlabs_internals_the_chart_goes_through_draw_image(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """The same image XObject, the same pixels, when `_draw_pixels` cannot write the picture itself (a
    reportlab without the internals it relies on) and reportlab's drawImage decodes and compresses the
    greymap (at its own zlib level)."""
    from pypdf import PdfReader

    import app.core.documents.pdf as pdf

    def image_streams(path: Any) -> list[Any]:
        page = PdfReader(str(path)).pages[0]
        found = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
        return [
            (o["/Width"], o["/Height"], o["/ColorSpace"], zlib.decompress(o._data))
            for o in found
            if o["/Subtype"] == "/Image"
        ]

    def build(path: Any) -> None:
        doc = pdf.PdfDocument(pdf.PageSetup("Sprawozdanie", "Test", "Gmina Testowa", council=True))
        fig, _canvas = _figure("0.25", layout="constrained")
        doc.figure(fig, 0.5, dpi=DPI)
        doc.save(path)

    build(tmp_path / "direct.pdf")
    monkeypatch.setattr(pdf, "_draw_pixels", lambda *_args: False)
    build(tmp_path / "through.pdf")
    direct = image_streams(tmp_path / "direct.pdf")
    assert len(direct) == 1 and direct[0][2] == "/DeviceGray"
    assert direct == image_streams(tmp_path / "through.pdf")
