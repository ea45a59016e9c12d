"""One measurement per process (the runner starts each in a fresh interpreter, offscreen).

    python -m benchmarks.probes CASE [DB] [--out DIR]

Each probe prints one JSON line: its timings (perf_counter inside the process, or time.time() at
an event for start-up, which the runner compares with the moment it started the process), the
process's peak RSS in MB, and with WKUS_BENCH_PROFILE=1 a sampling profile of the measured part
(benchmarks/sampler.py: inclusive wall seconds per app function, every thread).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def peak_rss_mb() -> float:
    """The peak resident memory of this probe's own program.

    Linux's getrusage(RUSAGE_SELF).ru_maxrss also keeps the high-water mark of the program the process
    was before exec: a probe started by a runner that had generated the XL gmina in memory reported the
    runner's 3.7 GB for every case. VmHWM in /proc/self/status is the peak of the current program only."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux, the fallback elsewhere


def emit(**values: Any) -> None:
    values["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print(json.dumps(values), flush=True)


def sampling() -> Any:
    """A running sampling profile (benchmarks/sampler.py) when the runner asks for one
    (WKUS_BENCH_PROFILE=1), else None; `profiled(sampler)` is what the probe then emits."""
    if os.environ.get("WKUS_BENCH_PROFILE") != "1":
        return None
    from benchmarks.sampler import Sampler

    return Sampler().start()


def profiled(sampler: Any) -> dict[str, Any]:
    if sampler is None:
        return {}
    from benchmarks.sampler import top

    return {"profile": top(sampler.stop())}


def _first_paint(window: Any, on_paint: Any, quit_after: bool = True) -> None:
    """Call on_paint() once, at the window's first paint event, then quit the event loop (unless
    `quit_after` is False: on_paint then quits it itself)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.paint_stamp import on_first_paint  # the recipe the frozen app's start uses too

    on_first_paint(window, lambda stamp: (on_paint(stamp), quit_after and QApplication.quit()))
    QTimer.singleShot(60_000, QApplication.quit)  # never hang the suite


def floor_window() -> None:
    """The floor of start-up: a bare PySide6 QMainWindow, shown."""
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("floor"))
    window.resize(1280, 800)
    _first_paint(window, lambda stamp: emit(first_paint=stamp))
    window.show()
    app.exec()


def app_window(db_path: str) -> None:
    """The app as launch.run_gui builds it (without the lock/backup dialogs), on the given database:
    the window's shell is shown and painted first, then the database is opened and attached."""
    from app.core import i18n
    from app.core.settings import UserSettings
    from app.log import setup_logging

    i18n.set_language("pl")
    setup_logging()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.application import create_application
    from app.ui.launch import show_and_wait_for_paint, show_first_figures_painted
    from app.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow(None, Path(db_path), UserSettings(), persist_settings=False)
    window.resize(1280, 800)
    painted_at: list[float] = []
    ready_at: list[float] = []
    state: dict[str, Any] = {"view": None, "loaded": None, "attached": False}

    def maybe_finish() -> None:
        loaded = state["loaded"]
        if not painted_at or not state["attached"] or (loaded is not None and not ready_at):
            return
        data = getattr(state["view"], "data", None)
        # a dashboard without `loaded` fills itself synchronously, so its figures are on the first paint
        ready = ready_at[0] if ready_at else (painted_at[0] if data is not None else None)
        emit(
            first_paint=painted_at[0],
            dashboard_ready=ready,
            contracts=getattr(data, "contracts", None),
            **profiled(sampler),
        )
        QApplication.quit()

    def painted(stamp: float) -> None:
        painted_at.append(stamp)
        maybe_finish()

    _first_paint(window, painted, quit_after=False)
    show_and_wait_for_paint(window)
    # the wait after the paint is what grows with the gmina; sampled from here (never the paint itself)
    sampler = sampling()
    # as launch._run_with_lock: the figures read from the file and painted before the database is opened
    first = show_first_figures_painted(window, Path(db_path))
    if first:
        ready_at.append(time.time())
    from app.core.db.engine import open_database

    db = open_database(Path(db_path))
    window.attach_database(db)
    # The window opens on the dashboard (first view, no saved last view) and refreshes it once.
    view = window.stack.currentWidget() if window.current_key == "dashboard" else window.show_view("dashboard")
    loaded = getattr(view, "loaded", None)  # a dashboard that fills itself after the first paint
    state.update(view=view, loaded=loaded, attached=True)
    if loaded is not None and not first:
        loaded.connect(lambda: (ready_at.append(time.time()), maybe_finish()))
    QTimer.singleShot(0, maybe_finish)
    app.exec()
    db.dispose()


def recompute(db_path: str) -> None:
    from app.core.db.engine import open_database
    from app.core.tools.service import recompute_all

    db = open_database(Path(db_path))
    sampler = sampling()
    started = time.perf_counter()
    summary = recompute_all(db, as_of=None)
    seconds = time.perf_counter() - started
    emit(seconds=seconds, results=summary.computed, **profiled(sampler))
    db.dispose()


def recompute_changed(db_path: str) -> None:
    """One annual report's figures changed (as the report dialog saves them), then the recompute the
    tools screens run: only what the change made stale. The database holds a full recompute's results."""
    _recompute_incremental(db_path, _change_one_report)


def recompute_next_day(db_path: str) -> None:
    """Nothing changed but the day: the recompute the tools screens run when the clerk first opens them
    in the morning (ui/tools/backend.ensure_results, as_of today), the day after the last recompute
    (the stored mark's date + 1: on 31 December a new year, whose recompute is a full one)."""
    _recompute_incremental(db_path, _next_day)


def _change_one_report(db: Any) -> dt.date | None:
    from decimal import Decimal

    from sqlalchemy import select

    from app.core.db.models import ContractReport

    with db.session() as s:
        report = s.scalars(
            select(ContractReport).where(ContractReport.cost_grant.is_not(None)).order_by(ContractReport.id)
        ).first()
        assert report is not None, "the gmina has no report with a grant"
        report.cost_grant = (report.cost_grant or Decimal(0)) + Decimal("100.00")
        report.recipients = (report.recipients or 0) + 1
    return None  # today, the date of the runner's full recompute


def _next_day(db: Any) -> dt.date | None:
    from app.core.tools.incremental import read_mark

    with db.session() as s:
        mark = read_mark(s)
    assert mark is not None, "the gmina holds no recompute's mark"
    return dt.date.fromisoformat(mark["as_of"]) + dt.timedelta(days=1)


def _recompute_incremental(db_path: str, change: Callable[[Any], dt.date | None]) -> None:
    """The incremental recompute (full=False) after `change` (which gives the reference date; None: today),
    on a database holding a full recompute's results: its seconds, CPU seconds and the rows it wrote."""
    from app.core.db.engine import open_database
    from app.core.tools.service import recompute_all

    db = open_database(Path(db_path))
    as_of = change(db)
    started, cpu = time.perf_counter(), time.process_time()
    summary = recompute_all(db, as_of=as_of, full=False)
    emit(
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu,
        results=summary.computed,
        written=summary.written,
    )
    db.dispose()


def migrate(db_path: str) -> None:
    """Open the database once, as the app's first start after an upgrade does (open_database migrates it),
    so that the cases measure the everyday start and not a migration (a cached gmina generated at an older
    schema is migrated by whichever probe opens it first)."""
    from app.core.db.engine import open_database

    started = time.perf_counter()
    open_database(Path(db_path)).dispose()
    emit(seconds=time.perf_counter() - started)


def floor_read(db_path: str) -> None:
    """The floor of recompute: read every row of every table once with plain sqlite3."""
    import sqlite3

    started = time.perf_counter()
    con = sqlite3.connect(db_path)
    rows = 0
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        for _row in con.execute(f'SELECT * FROM "{table}"'):
            rows += 1
    con.close()
    emit(seconds=time.perf_counter() - started, rows=rows)


def floor_write(db_path: str) -> None:
    """A lower bound of the full recompute, not a floor of its ratio: SQLite alone inserting the
    tool_result rows a recompute stored in `db_path` (read beforehand, untimed) into that table emptied,
    with its indexes, the app's PRAGMAs and page cache, in one transaction. No formula runs, no Python
    object is built per row: whatever the recompute does on top of this is the tools' own work."""
    import shutil
    import sqlite3

    from app.core.db.engine import BULK_WRITE_CACHE_KIB

    copy = Path(tempfile.mkdtemp(prefix="wkus-bench-")) / "write.sqlite"
    shutil.copyfile(db_path, copy)
    con = sqlite3.connect(copy)
    columns = [r[1] for r in con.execute("PRAGMA table_info(tool_result)") if r[1] != "id"]
    rows = con.execute(f"SELECT {', '.join(columns)} FROM tool_result").fetchall()
    con.execute("DELETE FROM tool_result")
    con.commit()
    con.execute("VACUUM")
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", f"cache_size=-{BULK_WRITE_CACHE_KIB}"):
        con.execute(f"PRAGMA {pragma}")
    insert = f"INSERT INTO tool_result ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    started, cpu = time.perf_counter(), time.process_time()
    con.executemany(insert, rows)
    con.commit()
    emit(seconds=time.perf_counter() - started, cpu_seconds=time.process_time() - cpu, rows=len(rows))
    con.close()
    shutil.rmtree(copy.parent)


def contracts_list(db_path: str) -> None:
    """Open the contracts list and scroll it from top to bottom a page at a time."""
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

    from app.core import i18n
    from app.core.db.engine import open_database
    from app.ui.application import create_application

    i18n.set_language("pl")
    app = create_application()
    db = open_database(Path(db_path))
    sampler = sampling()
    started = time.perf_counter()
    from app.ui.views.contracts import ContractsView

    view = ContractsView(db)
    view.resize(1280, 800)
    # as the main window does: a view that read its rows while being built is not refreshed at once
    if hasattr(view, "refresh") and not getattr(view, "loaded_on_creation", False):
        view.refresh()
    view.show()
    app.processEvents()
    opened = time.perf_counter() - started
    table = view.findChild(QTableView)
    model = table.model()
    source = model.sourceModel() if hasattr(model, "sourceModel") else model
    loaded_at_open = source.rowCount()
    lazy = bool(source.canFetchMore(source.index(-1, -1))) if hasattr(source, "canFetchMore") else False
    started = time.perf_counter()
    page = max(1, table.viewport().height() // max(1, table.verticalHeader().defaultSectionSize()))
    steps = 0
    row = 0
    while row < model.rowCount():
        table.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        app.processEvents()
        row += page
        steps += 1
        if model.canFetchMore(model.index(-1, -1)):
            model.fetchMore(model.index(-1, -1))
    scrolled = time.perf_counter() - started
    emit(
        open_seconds=opened,
        scroll_seconds=scrolled,
        pages=steps,
        rows=model.rowCount(),
        rows_loaded_at_open=loaded_at_open,
        lazy=lazy,
        **profiled(sampler),
    )
    db.dispose()
    QApplication.quit()


def annual_report(db_path: str, year: str = "2025") -> None:
    from app.core import i18n
    from app.core.db.engine import open_database
    from app.core.documents.annual_report import build_annual_report

    i18n.set_language("pl")
    db = open_database(Path(db_path))
    out = Path(tempfile.mkdtemp(prefix="wkus-bench-")) / "report.pdf"
    sampler = sampling()
    started, cpu = time.perf_counter(), time.process_time()
    result = build_annual_report(db, int(year), out, fmt="pdf")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    # CPU seconds beside the wall clock: on a shared machine under load the wall clock of one run
    # can double while the work done does not
    emit(seconds=seconds, cpu_seconds=cpu, pages=result.pages, path=str(out), **pdf_shape(out), **profiled(sampler))
    db.dispose()


def pdf_shape(path: Path) -> dict[str, int]:
    """Pages and raster images (the charts) of a PDF, for the floor to build the same shape."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return {}
    reader = PdfReader(str(path))
    images = 0
    for page in reader.pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        images += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    return {"pdf_pages": len(reader.pages), "charts": images}


def floor_report(pages: str, charts: str) -> None:
    """The floor of the annual report: plain reportlab + matplotlib, same pages and charts.

    Timed from before its imports and its font registration, as the report is (the report's probe
    starts its clock before `build_annual_report`, which imports reportlab and matplotlib on first use
    and registers its fonts): until 7 December 2026 the floor's clock started after them, ~0.5–0.8 s
    the report paid and the floor did not. Sampled as the report is (WKUS_BENCH_PROFILE): the sampler's
    thread takes CPU and the interpreter lock from the probe it runs in (0.03–0.1 s CPU of a report and
    0.001–0.16 s of its main thread's wall waiting for the lock, 7 December 2026), which the floor did not pay."""
    sampler = sampling()
    started, cpu = time.perf_counter(), time.process_time()
    from io import BytesIO

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Table

    from app.paths import resource_path

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(resource_path("fonts", "DejaVuSans.ttf"))))
    n_pages, n_charts = int(pages), int(charts)
    imports_cpu = time.process_time() - cpu
    styles = getSampleStyleSheet()
    story: list[Any] = []
    for p in range(n_pages):
        story.append(Paragraph(f"Strona {p + 1}: sprawozdanie z realizacji programu", styles["Heading2"]))
        rows = [[f"Umowa {p}/{r}", f"Organizacja {r}", f"{(r + 1) * 1234},00 zł"] for r in range(28)]
        story.append(Table(rows, style=[("FONT", (0, 0), (-1, -1), "DejaVuSans", 8)]))
        if p < n_charts:
            fig = Figure(figsize=(6, 2.5), dpi=150)
            ax = fig.add_subplot()
            ax.bar([str(y) for y in range(2016, 2026)], [(y * 37 + p) % 100 for y in range(10)])
            buffer = BytesIO()
            fig.savefig(buffer, format="png")
            buffer.seek(0)
            story.append(Image(buffer, width=16 * cm, height=6.5 * cm))
        story.append(PageBreak())
    out = Path(tempfile.mkdtemp(prefix="wkus-bench-")) / "floor.pdf"
    SimpleDocTemplate(str(out), pagesize=A4).build(story)
    cpu = time.process_time() - cpu
    # cpu_after_imports: the window the floor was timed in until 7 December 2026
    emit(
        seconds=time.perf_counter() - started,
        cpu_seconds=cpu,
        cpu_after_imports=cpu - imports_cpu,
        pages=n_pages,
        charts=n_charts,
        **profiled(sampler),
    )


CASES = {
    "floor-window": floor_window,
    "app-window": app_window,
    "recompute": recompute,
    "recompute-changed": recompute_changed,
    "recompute-next-day": recompute_next_day,
    "floor-read": floor_read,
    "migrate": migrate,
    "floor-write": floor_write,
    "contracts-list": contracts_list,
    "annual-report": annual_report,
    "floor-report": floor_report,
}


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("WKUS_DATA_DIR", tempfile.mkdtemp(prefix="wkus-bench-data-"))
    case, *args = sys.argv[1:]
    CASES[case](*args)


if __name__ == "__main__":
    main()
