"""What loading the inference configuration adds to `pipelex validate`.

Usage: python bench/bench_inference_config.py [--repeat 30] [--runs 7]

1. In process, best of N: `load_inference_setup()` (the kit, and a project written by `pipelex init`), its
   parts (reading + routing + deck; plugin discovery), and, as baselines measured in the same run,
   `tomllib.loads` of the same configuration texts and `load_library` of the example being validated.
2. Whole process, median of N: `pipelex validate EXAMPLE` next to `python -c "import pipelex"` and to the same
   validation done in a script that skips the configuration (model names unchecked), so the difference is
   what the configuration costs a user, imports included.

Ratios only compare numbers measured in this run, on this machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelex.cogt.models.model_manager import load_model_deck  # noqa: E402
from pipelex.engine.config_location import kit_inference_dir  # noqa: E402
from pipelex.engine.inference_setup import load_inference_setup, read_config_file  # noqa: E402
from pipelex.kit.project_init import init_project  # noqa: E402
from pipelex.language.library_loader import load_library  # noqa: E402
from pipelex.plugins.discovery import build_registrar  # noqa: E402

EXAMPLE = ROOT / "examples" / "tweet_optimizer"
_NO_CONFIG = (
    "import sys; from pipelex.language.library_loader import load_library; "
    "sys.exit(0 if load_library([sys.argv[1]]).ok else 1)"
)
_WITH_CONFIG = (
    "import sys; from pipelex.language.library_loader import load_library; "
    "from pipelex.engine.inference_setup import load_inference_setup; "
    "names = load_inference_setup().deck.model_names(); "
    "sys.exit(0 if load_library([sys.argv[1]], model_names=names).ok else 1)"
)


def best_seconds(function: Callable[[], object], repeat: int) -> float:
    function()  # warm
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def in_process(repeat: int, project: Path) -> float:
    texts = [path.read_text(encoding="utf-8") for path in sorted(kit_inference_dir().rglob("*.toml"))]
    names = load_inference_setup(project).deck.model_names()
    rows = [
        ("tomllib.loads of the config files (baseline)", lambda: [tomllib.loads(text) for text in texts]),
        ("load_library(example) (what validate checks)", lambda: load_library([str(EXAMPLE)], model_names=names)),
        ("load_inference_setup() with the kit", lambda: load_inference_setup(ROOT / "bench")),
        ("load_inference_setup() with an init project", lambda: load_inference_setup(project)),
        (
            "  of which load_model_deck (read, route, deck)",
            lambda: load_model_deck(kit_inference_dir(), read_config_file, {}),
        ),
        ("  of which build_registrar (plugins)", build_registrar),
    ]
    timings = [(label, best_seconds(function, repeat)) for label, function in rows]
    baseline = timings[0][1]
    library = timings[1][1]
    print(f"in process, best of {repeat}:")
    print(f"  {'':48} {'ms':>8} {'x tomllib':>10} {'x library':>10}")
    for label, seconds in timings:
        print(f"  {label:48} {seconds * 1000:8.2f} {seconds / baseline:10.1f} {seconds / library:10.2f}")
    return timings[3][1]


def median_seconds(command: list[str], runs: int, cwd: Path) -> float:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, cwd=cwd, env=env, check=False)  # warm the bytecode caches
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=cwd, env=env, check=False)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def whole_process(runs: int, project: Path) -> None:
    commands = [
        ("python -c 'import pipelex' (baseline)", [sys.executable, "-c", "import pipelex"]),
        ("validate without configuration (script)", [sys.executable, "-c", _NO_CONFIG, str(EXAMPLE)]),
        ("validate with configuration (script)", [sys.executable, "-c", _WITH_CONFIG, str(EXAMPLE)]),
        ("pipelex validate EXAMPLE (the CLI)", [sys.executable, "-m", "pipelex", "validate", str(EXAMPLE)]),
    ]
    timings = [(label, median_seconds(command, runs, project)) for label, command in commands]
    baseline = timings[0][1]
    print(f"\nwhole process ({EXAMPLE.name}, cwd = an init project), median of {runs}:")
    for label, seconds in timings:
        print(f"  {label:44} {seconds * 1000:7.0f} ms  x{seconds / baseline:.2f}")
    added = timings[2][1] - timings[1][1]
    share = added / timings[3][1] * 100
    print(f"  configuration adds {added * 1000:.0f} ms to a validate ({share:.0f}% of the CLI's time)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        project = Path(directory)
        init_project(project)
        in_process(args.repeat, project)
        whole_process(args.runs, project)


if __name__ == "__main__":
    main()
