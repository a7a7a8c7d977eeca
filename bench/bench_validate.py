"""`pipelex validate` on the real corpus: in-process cost per 1,000 lines against `tomllib`, and whole process.

Usage: python bench/bench_validate.py [--repeat 7] [--runs 5]

1. For each corpus library (a top directory of the corpus) and for the whole corpus: the best of N in-process
   times of parse + build + check (`load_library`, the model deck's names included), per 1,000 lines, next to
   `tomllib.loads` on the same texts (the baseline, measured in the same run) and their ratio.
2. The whole-process median time of `pipelex validate LIBRARY` on the largest library, next to
   `python -c "import pipelex"` measured in the same run.

The corpus is ../shared/corpus/plx (or $PIPELEX_PLX_CORPUS_DIR).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from pipelex.engine.inference_setup import load_inference_setup  # noqa: E402
from pipelex.language.library_loader import load_library  # noqa: E402

CORPUS = Path(os.environ.get("PIPELEX_PLX_CORPUS_DIR", REPO_ROOT.parent / "shared" / "corpus" / "plx"))


def best_seconds(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def in_process(repeat: int) -> None:
    names = load_inference_setup().deck.known_llm_names()
    libraries = sorted(path for path in CORPUS.iterdir() if path.is_dir())
    print(f"{'library':36} {'files':>5} {'lines':>6} {'ours ms/kline':>14} {'tomllib ms/kline':>17} {'ratio':>6}")
    for target in [*libraries, CORPUS]:
        files = sorted(target.rglob("*.plx"))
        texts = [path.read_text(encoding="utf-8") for path in files]
        lines = sum(text.count("\n") + 1 for text in texts)
        load_library([str(target)], model_names=names)  # warm: grammar, jinja2 environment
        ours = best_seconds(lambda target=target: load_library([str(target)], model_names=names), repeat)
        theirs = best_seconds(lambda texts=texts: [tomllib.loads(text) for text in texts], repeat)
        label = "(whole corpus)" if target == CORPUS else target.name
        per_k = 1000 / lines * 1000
        print(
            f"{label:36} {len(files):>5} {lines:>6} {ours * per_k:>14.2f} {theirs * per_k:>17.2f} {ours / theirs:>6.1f}"
        )


def median_seconds(command: list[str], runs: int) -> float:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, cwd=REPO_ROOT, env=env, check=False)  # warm the caches
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=REPO_ROOT, env=env, check=False)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def whole_process(runs: int) -> None:
    libraries = [path for path in CORPUS.iterdir() if path.is_dir()]
    largest = max(libraries, key=lambda path: sum(file.stat().st_size for file in path.rglob("*.plx")))
    count = len(list(largest.rglob("*.plx")))
    baseline = median_seconds([sys.executable, "-c", "import pipelex"], runs)
    validate = median_seconds([sys.executable, "-m", "pipelex", "validate", str(largest)], runs)
    print(f"\nwhole process, median of {runs}:")
    print(f"  python -c 'import pipelex'                  {baseline * 1000:7.0f} ms  x1.0")
    print(f"  pipelex validate {largest.name} ({count} files) {validate * 1000:7.0f} ms  x{validate / baseline:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7, help="in-process runs per measurement (best kept)")
    parser.add_argument("--runs", type=int, default=5, help="process runs per command (median kept)")
    arguments = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"the corpus is not at {CORPUS} (set PIPELEX_PLX_CORPUS_DIR)")
    in_process(arguments.repeat)
    whole_process(arguments.runs)


if __name__ == "__main__":
    main()
