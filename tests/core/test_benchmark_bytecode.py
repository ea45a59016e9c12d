"""The benchmark measures the app as installed (issue 18): its bytecode compiled once before the runs,
and every probe reads the libraries' installed bytecode. A PYTHONPYCACHEPREFIX hid the latter: the first
annual report of a run compiled matplotlib and reportlab from source, and its floor, run after it, did not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from benchmarks import runner


def test_the_app_is_compiled_without_a_bytecode_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[list[str], dict[str, Any]]] = []
    monkeypatch.setattr(runner, "subprocess", SimpleNamespace(run=lambda cmd, **kw: calls.append((cmd, kw))))
    env = {"PYTHONPYCACHEPREFIX": "/tmp/somewhere", "PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin"}
    runner.compile_app(env)
    assert "PYTHONPYCACHEPREFIX" not in env
    [(cmd, kw)] = calls
    assert cmd[1:] == ["-m", "compileall", "-q", "app", "benchmarks"]
    assert kw["cwd"] == runner.ROOT and "PYTHONPYCACHEPREFIX" not in kw["env"]


def test_a_probe_reads_the_installed_bytecode_of_the_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    # the app's compile is not the point here
    monkeypatch.setattr(runner, "subprocess", SimpleNamespace(run=lambda *_a, **_kw: None))
    env = {"PYTHONPYCACHEPREFIX": "/tmp/somewhere", "PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin"}
    runner.compile_app(env)
    script = (
        "import importlib.util, json, sys, reportlab.platypus as p;"
        "print(json.dumps([sys.pycache_prefix, p.__file__, importlib.util.cache_from_source(p.__file__)]))"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    prefix, source, cached = json.loads(out.stdout)
    assert prefix is None
    # where the probe looks for the module's bytecode: next to it, where pip wrote it
    assert cached.startswith(str(Path(source).parent / "__pycache__") + "/") and Path(cached).is_file()
