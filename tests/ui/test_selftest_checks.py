"""The installation checks that `wkus --self-test` adds (app/selftest_checks.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import app.paths
from app import selftest_checks
from app.selftest_checks import extra_frozen_checks


def test_all_checks_pass_from_source() -> None:
    results = extra_frozen_checks()
    assert [name for name, ok, _detail in results if not ok] == []
    names = [name for name, _ok, _detail in results]
    assert names == [
        "resources",
        "translations",
        "polish money and dates",
        "qt polish strings",
        "matplotlib cache",
        "pdf document",
        "pdf preview",
        "docx document",
        "polish collation",
        "office server driver",
        "password store",
    ]
    formatting = {n: d for n, _ok, d in results}["polish money and dates"]
    assert formatting == "1\u00a0234,50\u00a0zł | 31 maja 2026 | 31.05.2026"


def test_missing_font_in_bundle_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(app.paths, "bundle_root", lambda: tmp_path)
    name, ok, detail = selftest_checks._resources()
    assert not ok and "DejaVuSans.ttf" in detail


def test_frozen_without_persistent_mpl_cache_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.paths, "is_frozen", lambda: True)
    monkeypatch.setattr(app.paths, "matplotlib_config_dir", None)
    monkeypatch.setenv("MPLCONFIGDIR", "/tmp/_MEI12345")
    _name, ok, detail = selftest_checks._matplotlib_cache()
    assert not ok and detail == "user data folder not usable; temporary /tmp/_MEI12345"


def test_frozen_runtime_points_matplotlib_at_user_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.paths, "is_frozen", lambda: True)
    monkeypatch.setattr(app.paths, "matplotlib_config_dir", None)
    monkeypatch.setenv("MPLCONFIGDIR", "/tmp/_MEI12345")
    app.paths.configure_frozen_runtime()
    assert Path(__import__("os").environ["MPLCONFIGDIR"]) == app.paths.cache_dir() / "matplotlib"
    assert selftest_checks._matplotlib_cache()[1]
    # the self-test moves WKUS_DATA_DIR to a temporary folder: the folder chosen at start still counts
    monkeypatch.setenv("WKUS_DATA_DIR", str(app.paths.cache_dir() / "elsewhere"))
    assert selftest_checks._matplotlib_cache()[1]


def test_a_raising_check_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> tuple[str, bool, str]:
        raise ModuleNotFoundError("No module named 'babel.numbers'")

    monkeypatch.setattr(selftest_checks, "CHECKS", (broken,))
    assert extra_frozen_checks() == [("broken", False, "ModuleNotFoundError: No module named 'babel.numbers'")]


def test_a_build_without_the_server_extra_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    """psycopg and keyring are the optional extra `server`: a build without them is complete."""
    monkeypatch.setitem(sys.modules, "psycopg", None)  # None in sys.modules: `import` raises ModuleNotFoundError
    monkeypatch.setitem(sys.modules, "keyring", None)
    assert selftest_checks._office_server_driver() == (
        "office server driver",
        True,
        "not in this build (optional extra 'server')",
    )
    assert selftest_checks._password_store() == ("password store", True, "not in this build (optional extra 'server')")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SecretStorage is the Linux store")
def test_keyring_without_secretstorage_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """keyring present but its Linux store's library missing (as when cryptography's cffi backend was
    left out of the bundle): the office server's password could never be read, so the check fails."""
    pytest.importorskip("keyring")
    monkeypatch.setitem(sys.modules, "secretstorage", None)
    monkeypatch.setattr(selftest_checks, "CHECKS", (selftest_checks._password_store,))
    assert extra_frozen_checks() == [
        ("password store", False, "ModuleNotFoundError: import of secretstorage halted; None in sys.modules")
    ]
