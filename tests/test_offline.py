"""reportgen needs no network and no NLTK data: prove it with an empty HOME and NLTK_DATA."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SEED


def test_analyze_runs_with_empty_home_and_no_nltk_data(tmp_path: Path) -> None:
    home, nltk_data = tmp_path / "home", tmp_path / "nltk_data"
    home.mkdir()
    nltk_data.mkdir()
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "NLTK_DATA": str(nltk_data),
           "LC_ALL": "C", "TZ": "Pacific/Kiritimati"}
    command = [sys.executable, "-m", "reportgen", "analyze", "--format", "json", str(SEED)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)["articles"][0]
    assert article["metrics"]["sentences"] == 23
    assert article["metrics"]["readability"]["syllables"] > 0
    assert list(home.iterdir()) == [] and list(nltk_data.iterdir()) == []
    in_process = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    assert result.stdout == in_process
