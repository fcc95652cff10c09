"""A user's script (tests/typing_user_script.py) passes ``mypy --strict`` against vnpov's types."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "typing_user_script.py"


def test_user_script_passes_mypy_strict() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (it is in the test extra)")
    env = dict(os.environ, MYPYPATH=str(ROOT / "python"))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--follow-imports=silent",  # vnpov's types are used; only the user's script is judged
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            "--no-error-summary",
            str(SCRIPT),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_catches_a_wrong_use(tmp_path: Path) -> None:
    """The check has teeth: a wrong type is reported (the script above is not vacuously fine)."""
    pytest.importorskip("mypy", reason="mypy is not installed (it is in the test extra)")
    bad = tmp_path / "bad.py"
    bad.write_text('import vnpov\n\nn: int = vnpov.extract("x").show("0")\n', encoding="utf-8")
    env = dict(os.environ, MYPYPATH=str(ROOT / "python"))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--follow-imports=silent",
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            str(bad),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1 and 'expression has type "Evidence"' in proc.stdout, proc.stdout + proc.stderr
