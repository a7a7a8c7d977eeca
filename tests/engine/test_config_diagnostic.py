"""Configuration mistakes read as located diagnostics (file:line:col, the line, a caret), never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from pipelex.engine.config_location import kit_inference_dir


class Case(NamedTuple):
    relative: str
    old: str
    new: str
    first_line: str
    source_line: str


CASES = [
    Case(
        "deck/base_deck.toml",
        'base-gpt = "gpt-4o"',
        'base-gpt = "gpt-4oo"',
        "error[ModelsManagerError]: [aliases] base-gpt: `gpt-4oo` is not a preset, alias or model "
        "(did you mean `gpt-4o`, `gpt-4.1` or `gpt-5`?)",
        'base-gpt = "gpt-4oo"',
    ),
    Case(
        "deck/base_deck.toml",
        'cheap_llm_for_text = { model = "gpt-4o-mini", temperature = 0.5 }',
        'cheap_llm_for_text = { model = "gpt-4o-mini", temperature = 5 }',
        "error[ModelsManagerError]: [llm.presets] cheap_llm_for_text: `temperature` must be a number from 0 to 2",
        'cheap_llm_for_text = { model = "gpt-4o-mini", temperature = 5 }',
    ),
    Case(
        "backends.toml",
        'api_key = "${OPENAI_API_KEY}"',
        'api_key = "${OPENAI_API_KEY}"\nmax_retries = -1',
        "error[ConfigurationError]: [openai]: `max_retries` must be a whole number, 0 or more (it is -1)",
        "max_retries = -1",
    ),
    Case(
        "routing_profiles.toml",
        'active = "native"',
        'active = "nativ"',
        "error[ConfigurationError]: the active profile `nativ` is not defined "
        "(defined: `native`, `gateway_first`, `hybrid`)",
        'active = "nativ"',
    ),
    Case(
        "routing_profiles.toml",
        '"claude-*" = "anthropic"',
        '"claude-*" = "antropic"',
        "error[ModelsManagerError]: [profiles.native]: backend `antropic` is not defined in backends.toml "
        "(defined: `internal`, `openai`, `azure_openai`, `anthropic`, `mistral`, `docling`, `google`, `gateway`, `fal`)",
        '"claude-*" = "antropic"',
    ),
    Case(
        "backends/openai.toml",
        "costs = { input = 0.15, output = 0.6 }",
        "costs = { input = -0.15, output = 0.6 }",
        "error[ConfigurationError]: model `gpt-4o-mini`: `costs.input`: Input should be greater than or equal to 0",
        "costs = { input = -0.15, output = 0.6 }",
    ),
    Case(
        "routing_profiles.toml",
        'active = "native"',
        "active = ",
        "error[ConfigurationError]: not valid TOML:",
        "active = ",
    ),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(kit_inference_dir(), tmp_path / ".pipelex" / "inference")
    return tmp_path


def pipelex(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OPENAI_API_KEY": "sk-test"}
    return subprocess.run(
        [sys.executable, "-m", "pipelex", *args], capture_output=True, text=True, timeout=60, cwd=cwd, env=env
    )


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.new[:30])
def test_mistake_is_a_located_diagnostic(project: Path, case: Case) -> None:
    relative, old, new, first_line, source_line = case
    path = project / ".pipelex" / "inference" / relative
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    line_number = path.read_text().splitlines().index(source_line) + 1
    result = pipelex(project, "validate", "inference")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(first_line), result.stderr
    assert lines[1].startswith(f" --> {path}:{line_number}:") or lines[1].startswith(f"  --> {path}:{line_number}:")
    assert any(line.endswith(f"| {source_line}") for line in lines), result.stderr
    assert any(set(line.split("|")[-1].strip()) == {"^"} for line in lines[3:]), result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_deck_names_the_error(project: Path) -> None:
    (project / ".pipelex" / "inference" / "deck" / "base_deck.toml").unlink()
    result = pipelex(project, "validate", "inference")
    assert result.returncode == 1
    assert result.stderr.startswith("error: no model deck in ")
    assert "base_deck.toml is missing" in result.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("$nope", "error: `nope` is not an LLM preset of the model deck"),
        ("@nope", "error: `nope` is not an alias of the model deck"),
        ("gpt-4oo", "error: `gpt-4oo` is not a preset, alias or model of the model deck (did you mean `gpt-4o`"),
    ],
)
def test_unknown_names_read_clearly(project: Path, name: str, expected: str) -> None:
    result = pipelex(project, "show", "routing", name)
    assert result.returncode == 1
    assert result.stderr.startswith(expected), result.stderr
