from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipelex.engine.config_location import kit_inference_dir
from pipelex.language.toml_files import read_toml_file
from tests.conftest import EXAMPLES_DIR


def pipelex(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipelex", *args], capture_output=True, text=True, timeout=60, cwd=cwd)


def test_init_writes_a_working_configuration_and_refuses_to_overwrite(tmp_path: Path) -> None:
    first = pipelex("init", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    config = tmp_path / ".pipelex" / "inference"
    assert (config / "backends.toml").is_file()
    assert (config / "deck" / "base_deck.toml").is_file()
    env_lines = (tmp_path / ".env.example").read_text().splitlines()
    assert env_lines[env_lines.index("# openai (enabled in backends.toml)") + 1 :][:2] == [
        "OPENAI_API_KEY=",
        "OPENAI_BASE_URL=",
    ]

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


def test_every_written_file_is_commented_valid_toml_equal_to_the_kit(tmp_path: Path) -> None:
    assert pipelex("init", cwd=tmp_path).returncode == 0
    written = sorted((tmp_path / ".pipelex" / "inference").rglob("*.toml"))
    assert [path.relative_to(tmp_path / ".pipelex" / "inference") for path in written] == sorted(
        path.relative_to(kit_inference_dir()) for path in kit_inference_dir().rglob("*.toml")
    )
    for path in written:
        text = path.read_text()
        assert text.startswith("# Written by `pipelex init`"), path
        assert sum(line.startswith("#") for line in text.splitlines()) >= 3, path
        kit_file = kit_inference_dir() / path.relative_to(tmp_path / ".pipelex" / "inference")
        assert read_toml_file(path) == read_toml_file(kit_file), path


def test_env_example_lists_every_backend_variable(tmp_path: Path) -> None:
    assert pipelex("init", cwd=tmp_path).returncode == 0
    text = (tmp_path / ".env.example").read_text()
    for name in (
        "OPENAI_API_KEY",
        "AZURE_OPENAI_ENDPOINT",
        "AZURE_OPENAI_API_KEY",
        "AZURE_OPENAI_API_VERSION",
        "ANTHROPIC_API_KEY",
        "MISTRAL_API_KEY",
        "GOOGLE_API_KEY",
        "GATEWAY_BASE_URL",
        "GATEWAY_API_KEY",
        "FAL_API_KEY",
    ):
        assert f"\n{name}=\n" in text
    assert "# anthropic (disabled in backends.toml)" in text


def test_init_with_force_replaces_a_broken_file(tmp_path: Path) -> None:
    assert pipelex("init", cwd=tmp_path).returncode == 0
    routing = tmp_path / ".pipelex" / "inference" / "routing_profiles.toml"
    routing.write_text("active = ")
    assert pipelex("init", "--force", cwd=tmp_path).returncode == 0
    assert read_toml_file(routing)["active"] == "native"
