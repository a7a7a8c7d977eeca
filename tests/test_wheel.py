"""The built wheel carries the grammar and the default configuration, and works outside the source tree."""

from __future__ import annotations

import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES_DIR, REPO_ROOT


@pytest.mark.slow
def test_wheel_installs_and_validates_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(REPO_ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(dist.glob("pipelex-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "pipelex/grammar/plx.lark" in names
    assert "pipelex/kit/inference/backends.toml" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    # The dependencies come from this environment; pipelex itself only from the wheel.
    (purelib / "_test_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr

    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    where = subprocess.check_output(
        [str(python), "-c", "import pipelex; print(pipelex.__file__)"], text=True, cwd=workdir
    )
    assert Path(where.strip()).is_relative_to(purelib)
    result = subprocess.run(
        [str(python), "-m", "pipelex", "validate", str(EXAMPLES_DIR / "tweet_optimizer" / "tweet_optimizer.plx")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=workdir,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: no problems in 1 file" in result.stdout
