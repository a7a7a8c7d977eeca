from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES_DIR


def pipelex(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipelex", *args], capture_output=True, text=True, timeout=60, cwd=cwd)


def test_init_writes_a_working_configuration_and_refuses_to_overwrite(tmp_path: Path) -> None:
    first = pipelex("init", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    config = tmp_path / ".pipelex" / "inference"
    assert (config / "backends.toml").is_file()
    assert (config / "deck" / "base_deck.toml").is_file()
    assert (tmp_path / ".env.example").read_text().splitlines()[1:] == ["OPENAI_API_KEY=", "OPENAI_BASE_URL="]

    (config / "deck" / "overrides.toml").write_text('[aliases]\nmine = "gpt-4o"\n')
    again = pipelex("init", cwd=tmp_path)
    assert again.returncode == 1
    assert "nothing written; use --force" in again.stderr
    assert "mine" in (config / "deck" / "overrides.toml").read_text()

    plx = tmp_path / "uses_alias.plx"
    plx.write_text(
        (EXAMPLES_DIR / "hello_world" / "hello_world.plx")
        .read_text()
        .replace('model = "gpt-4o-mini"', 'model = "mine"')
    )
    validated = pipelex("validate", str(plx), cwd=tmp_path)
    assert validated.returncode == 0, validated.stdout

    forced = pipelex("init", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert "mine" not in (config / "deck" / "overrides.toml").read_text()
