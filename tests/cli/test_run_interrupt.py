"""Ctrl-C during `pipelex run`: exit 130, no traceback, what finished is saved with an interrupted report."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SLOW_PLX = """
domain = "slow"
main_pipe = "steps"

[pipe.first]
type = "PipeCompose"
description = "A quick first step"
inputs = { topic = "Text" }
output = "Text"
template = "about $topic"

[pipe.answer]
type = "PipeLLM"
description = "A slow model"
inputs = { word = "Text" }
output = "Text"
model = "gpt-4o-mini"
prompt = "Say $word"

[pipe.steps]
type = "PipeSequence"
description = "A quick step, then many slow calls"
inputs = { topic = "Text", words = "Text[]" }
output = "Text[]"
steps = [
    { pipe = "first", result = "intro" },
    { pipe = "answer", batch_over = "words", batch_as = "word", result = "answers" },
]
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a subprocess")
def test_ctrl_c_saves_what_finished_and_exits_130(tmp_path: Path) -> None:
    plx = tmp_path / "slow.plx"
    plx.write_text(SLOW_PLX)
    inputs = tmp_path / "inputs.json"
    inputs.write_text(json.dumps({"topic": "tea", "words": [f"w{index}" for index in range(200)]}))
    out = tmp_path / "out"
    env = {**os.environ, "PIPELEX_MOCK_LATENCY_MS": "300", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "pipelex", "run", str(plx), "-i", str(inputs), "--dry-run", "-o", str(out)]
    process = subprocess.Popen(
        [*command, "--max-concurrency", "4"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(2.5)  # loading takes well under a second; then a few waves of 4 calls finish
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr.decode()
    assert "Traceback" not in stderr.decode()
    assert "interrupted" in stderr.decode()
    report = json.loads((out / "run_report.json").read_text())
    assert report["interrupted"] is True
    assert report["calls"]
    memory = json.loads((out / "working_memory.json").read_text())["stuffs"]
    assert memory["intro"]["content"] == "about tea"
    answers = memory["answers"]["content"]
    assert 0 < len(answers) < 200
    assert len(answers) == len(report["calls"])
    assert not (out / "main_result.json").exists()
    assert stdout == b""
