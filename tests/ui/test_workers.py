"""Background jobs (app/ui/workers.py)."""

from __future__ import annotations


def test_job_whose_receiver_is_gone_finishes_quietly(qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    """QA: closing the window while the Pulpit loaded printed 'RuntimeError: Signal source has been deleted'
    from the worker thread."""
    import logging

    import shiboken6

    from app.ui.workers import Job

    job = Job(lambda: 42)
    shiboken6.delete(job.signals)  # what happens when the view and its job's QObject are destroyed
    with caplog.at_level(logging.DEBUG, logger="app.ui.workers"):
        job.run()  # in the thread pool this raised inside QRunnable::run
    assert "receiver was deleted" in caplog.text


def test_job_delivers_its_result(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui.workers import run_in_background

    results: list[object] = []
    job = run_in_background(lambda: 6 * 7, results.append, results.append)  # kept until the result is in
    qtbot.waitUntil(lambda: results == [42], timeout=5000)
    assert job.signals is not None
