"""An unusable data folder stops the app with a message naming the folder (issue 7, bad input)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.startup_errors import data_dir_problem


@pytest.fixture
def blocked_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("WKUS_DATA_DIR", str(blocker / "data"))
    return blocker


def test_writable_folder_is_fine() -> None:
    assert data_dir_problem() is None


def test_blocked_folder_is_named_in_polish(blocked_data_dir: Path) -> None:
    message = data_dir_problem()
    assert message is not None
    assert message.startswith(f"Nie można użyć folderu danych {blocked_data_dir / 'data'}")
    assert "WKUS_DATA_DIR" in message


def test_cli_exits_1_with_the_message_not_a_traceback(
    blocked_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deadlines", "--db", str(blocked_data_dir.parent / "x.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "Nie można użyć folderu danych" in err and "Traceback" not in err


def test_english_when_asked(blocked_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "check", "--db", "x.sqlite"]) == 1
    assert "The data folder" in capsys.readouterr().err
