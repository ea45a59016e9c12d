"""The log file is opened on the first record (logging.handlers costs start-up time before the first
paint), and no record is lost for it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_log_file_opens_on_the_first_record_and_keeps_it(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import logging, sys
        from app.log import setup_logging
        path = setup_logging()
        print("logging.handlers" in sys.modules, path.exists())
        logging.getLogger("x").info("first line")
        logging.getLogger("x").debug("not at INFO")
        logging.shutdown()
        print("logging.handlers" in sys.modules, path.read_text(encoding="utf-8").count("INFO x: first line"))
    """)
    env = dict(os.environ, WKUS_DATA_DIR=str(tmp_path / "data"), PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.split() == ["False", "False", "True", "1"]
