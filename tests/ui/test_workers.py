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


def test_unexpected_error_reaches_the_clerk_as_the_given_message_and_the_log_keeps_it(qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    """Issue 20: the Documents view showed the exception's own (English) text to the clerk."""
    import logging

    from app.ui.workers import run_in_background

    def broken() -> None:
        raise KeyError("secret-internal-detail")

    messages: list[str] = []
    with caplog.at_level(logging.ERROR, logger="app.ui.workers"):
        job = run_in_background(broken, messages.append, messages.append, failure="F-msgid", what="testing jobs")
        qtbot.waitUntil(lambda: messages != [], timeout=10000)
    assert messages == ["F-msgid"]
    assert "secret-internal-detail" in caplog.text and "testing jobs failed" in caplog.text
    assert job.failure == "F-msgid"


def test_unexpected_error_without_a_message_gets_the_general_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.core.i18n import _
    from app.ui.workers import run_in_background

    messages: list[str] = []
    _job = run_in_background(lambda: 1 // 0, messages.append, messages.append)
    qtbot.waitUntil(lambda: messages != [], timeout=10000)
    assert messages == [_("The operation failed because of an unexpected error. Details are in the log.")]


def test_user_facing_error_is_shown_as_raised(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.core.errors import UserFacingError
    from app.ui.workers import run_in_background

    def refuse() -> None:
        raise UserFacingError("Pole „Rok”: podaj rok.")

    messages: list[str] = []
    _job = run_in_background(refuse, messages.append, messages.append, failure="not this one")
    qtbot.waitUntil(lambda: messages != [], timeout=10000)
    assert messages == ["Pole „Rok”: podaj rok."]


def test_callbacks_are_skipped_once_the_owner_is_deleted(qtbot) -> None:  # type: ignore[no-untyped-def]
    import threading

    import shiboken6
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QWidget

    from app.ui.workers import run_in_background

    owner = QWidget()
    release = threading.Event()
    results: list[object] = []
    job = run_in_background(lambda: release.wait(60) and "late", results.append, results.append, owner=owner)
    shiboken6.delete(owner)  # the view closed while its job ran
    release.set()
    assert QThreadPool.globalInstance().waitForDone(60000)
    # a control job without an owner is delivered, so the event loop did run the queued signals
    control: list[object] = []
    _control = run_in_background(lambda: "control", control.append, control.append)
    qtbot.waitUntil(lambda: control == ["control"], timeout=10000)
    assert results == []
    assert job.relay is not None
