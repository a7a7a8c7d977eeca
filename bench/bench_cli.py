"""Whole-process time of `pipelex validate` and of a dry run, against `python -c "import pipelex"`.

Usage: python bench/bench_cli.py [--runs 5]
Prints the median of each command and its ratio to the baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tweet_optimizer"


def median_seconds(command: list[str], runs: int, cwd: Path) -> float:
    # Bytecode caches are allowed (as on a user's machine) and warmed by one untimed run.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    python = sys.executable
    with tempfile.TemporaryDirectory() as work:
        cwd = Path(work)
        commands = {
            'python -c "import pipelex" (baseline)': [python, "-c", "import pipelex"],
            "pipelex --version": [python, "-m", "pipelex", "--version"],
            "pipelex validate examples/": [python, "-m", "pipelex", "validate", str(ROOT / "examples")],
            "pipelex run tweet_optimizer --dry-run": [
                python, "-m", "pipelex", "run", str(EXAMPLE / "tweet_optimizer.plx"),
                "--inputs", str(EXAMPLE / "inputs.json"), "--dry-run", "-o", str(cwd / "out"),
            ],
        }  # fmt: skip
        results = {label: median_seconds(command, runs, cwd) for label, command in commands.items()}
    baseline = next(iter(results.values()))
    print(f"median of {runs} runs, {sys.platform}, Python {sys.version.split()[0]}")
    for label, seconds in results.items():
        print(f"{label:<45} {seconds * 1000:8.0f} ms   x{seconds / baseline:5.1f} baseline")


if __name__ == "__main__":
    main()
