"""Build the application icon from its drawing (developer tool; the results are committed).

    python -m tools.make_icons        # resources/icons/wkus.svg -> wkus.png (256 px) and wkus.ico (16-256 px)

The SVG is rendered by Qt (QtSvg, part of PySide6-Essentials). The .ico holds every size Windows
asks for (16, 24, 32, 48, 64, 128, 256), each rendered from the drawing rather than scaled down
from one bitmap, so the small ones stay sharp. It is written with Pillow when present (a matplotlib
dependency, so no new one), else with Qt's own ICO writer (one size per file is all Qt writes).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "wkus.svg"
PNG = ICONS / "wkus.png"
ICO = ICONS / "wkus.ico"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int):  # type: ignore[no-untyped-def]
    """The drawing as a size×size ARGB QImage (transparent corners)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def _png_bytes(image) -> bytes:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_ico(images: dict[int, object], target: Path) -> str:
    """All sizes in one .ico; returns which writer was used."""
    try:
        from PIL import Image
    except ImportError:  # Pillow is absent: Qt writes the 256 px picture only
        from PySide6.QtGui import QImageWriter

        writer = QImageWriter(str(target), b"ico")
        if not writer.write(images[max(images)]):  # type: ignore[arg-type]
            raise SystemExit(f"cannot write {target}: {writer.errorString()}") from None
        return "qt (256 px only)"
    pictures = {size: Image.open(io.BytesIO(_png_bytes(img))).convert("RGBA") for size, img in images.items()}
    largest = pictures[max(pictures)]
    # Pillow picks each size from the largest image unless given the others as append_images
    largest.save(
        target,
        format="ICO",
        sizes=[(s, s) for s in sorted(pictures)],
        append_images=[pictures[s] for s in sorted(pictures) if s != max(pictures)],
    )
    return "pillow"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = {size: render(SVG, size) for size in ICO_SIZES}
    if not images[256].save(str(PNG), "PNG"):
        raise SystemExit(f"cannot write {PNG}")
    how = write_ico(images, ICO)
    print(f"{PNG.relative_to(ROOT)} (256 px), {ICO.relative_to(ROOT)} ({', '.join(map(str, ICO_SIZES))} px, {how})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
