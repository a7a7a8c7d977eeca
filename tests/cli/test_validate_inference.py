"""`pipelex validate inference [--ping]`: routing consistency, deck resolution, environment, plugins."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelex.engine.config_location import kit_inference_dir
from tests.conftest import EXAMPLES_DIR
from tests.fakes.fake_openai import FakeOpenAIServer

KEY = "sk-validate-never-print-me"


def pipelex(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "pipelex", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(kit_inference_dir(), tmp_path / ".pipelex" / "inference")
    return tmp_path


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / ".pipelex" / "inference" / relative
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_the_kit_is_consistent_once_the_key_is_set(project: Path) -> None:
    result = pipelex(project, "validate", "inference", env={"OPENAI_API_KEY": KEY})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "active routing profile: native" in result.stdout
    assert "ok: the inference configuration is consistent" in result.stdout
    assert KEY not in result.stdout + result.stderr


def test_a_missing_key_of_an_enabled_backend_is_an_error(project: Path) -> None:
    result = pipelex(project, "validate", "inference")
    assert result.returncode == 1
    assert "error[env]: backend `openai` is enabled but `OPENAI_API_KEY` is not set" in result.stdout
    assert "backends.toml:" in result.stdout
    assert 'api_key = "${OPENAI_API_KEY}"' in result.stdout


def test_a_disabled_backend_needs_no_key(project: Path) -> None:
    result = pipelex(project, "validate", "inference", env={"OPENAI_API_KEY": KEY})
    assert "ANTHROPIC_API_KEY" not in result.stdout


def test_an_enabled_backend_without_plugin_is_reported(project: Path) -> None:
    edit(project, "backends.toml", "(Flux models).\nenabled = false", "(Flux models).\nenabled = true")
    result = pipelex(
        project, "validate", "inference", "--format", "concise", env={"OPENAI_API_KEY": KEY, "FAL_API_KEY": KEY}
    )
    assert result.returncode == 1
    assert "error[plugin] backend `fal` is enabled, but its models use the sdk `fal`, which no plugin serves" in (
        result.stdout
    )


def test_exact_route_to_a_backend_without_the_model(project: Path) -> None:
    edit(project, "routing_profiles.toml", '"gpt-*" = "openai"', '"gpt-*" = "openai"\n"gpt-9" = "openai"')
    result = pipelex(project, "validate", "inference", "--format", "json", env={"OPENAI_API_KEY": KEY})
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    (finding,) = [item for item in payload["diagnostics"] if item["severity"] == "error"]
    assert finding["code"] == "routing"
    assert finding["message"] == (
        "route `gpt-9` sends `gpt-9` to backend `openai`, which has no spec for it (add it to backends/openai.toml)"
    )
    assert finding["line"] is not None


def test_inactive_profile_naming_an_undefined_backend(project: Path) -> None:
    edit(project, "routing_profiles.toml", 'default = "gateway"', 'default = "gatewy"')
    result = pipelex(project, "validate", "inference", "--format", "concise", env={"OPENAI_API_KEY": KEY})
    assert result.returncode == 1
    assert "profile `gateway_first` names backend `gatewy`, which backends.toml does not define" in result.stdout


def test_enabled_gateway_without_specs_for_some_models_warns(project: Path) -> None:
    edit(project, "routing_profiles.toml", 'active = "native"', 'active = "gateway_first"')
    text = (project / ".pipelex" / "inference" / "backends.toml").read_text()
    gateway = text.index("[gateway]")
    (project / ".pipelex" / "inference" / "backends.toml").write_text(
        text[:gateway] + text[gateway:].replace("enabled = false", "enabled = true", 1)
    )
    result = pipelex(
        project,
        "validate",
        "inference",
        "--format",
        "concise",
        env={"OPENAI_API_KEY": KEY, "GATEWAY_API_KEY": KEY, "GATEWAY_BASE_URL": "http://127.0.0.1:9/v1"},
    )
    assert result.returncode == 0, result.stdout
    assert "warning[routing] the default sends" in result.stdout
    assert "to backend `gateway`, which has no spec for them" in result.stdout


def test_a_choice_default_leading_nowhere_usable_is_an_error(project: Path) -> None:
    (project / ".pipelex" / "inference" / "deck" / "overrides.toml").write_text(
        '[llm.choice_defaults]\nfor_text = "base-claude"\n'
    )
    result = pipelex(project, "validate", "inference", "--format", "concise", env={"OPENAI_API_KEY": KEY})
    assert result.returncode == 1
    assert "error[deck] the default `for_text` cannot be used: model `base-claude` cannot be used" in result.stdout


def test_a_deck_loop_is_a_located_error(project: Path) -> None:
    (project / ".pipelex" / "inference" / "deck" / "overrides.toml").write_text('[aliases]\na = "b"\nb = "a"\n')
    result = pipelex(project, "validate", "inference", env={"OPENAI_API_KEY": KEY})
    assert result.returncode == 1
    assert result.stderr.splitlines()[:4] == [
        "error[ModelsManagerError]: [aliases] a: aliases and presets refer to each other in a loop",
        f" --> {project / '.pipelex' / 'inference' / 'deck' / 'overrides.toml'}:2:1",
        "  |",
        '2 | a = "b"',
    ]
    assert "Traceback" not in result.stderr


def test_ping_lists_the_models_of_live_backends(project: Path) -> None:
    with FakeOpenAIServer() as server:
        server.model_ids = ["gpt-4o-mini", "gpt-5"]
        result = pipelex(
            project, "validate", "inference", "--ping", env={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": server.base_url}
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ping internal (pypdfium2): unsupported for listing" in result.stdout
    assert "openai (openai): 2 models at http://127.0.0.1:" in result.stdout
    assert "  gpt-5\n" in result.stdout
    assert "ping openai (openai): ok" in result.stdout
    assert [request.path for request in server.requests] == ["/v1/models"]
    assert KEY not in result.stdout + result.stderr


def test_ping_failure_exits_1(project: Path) -> None:
    with FakeOpenAIServer() as server:
        server.script(401, {"error": {"message": "bad key", "type": "invalid_request_error"}})
        result = pipelex(
            project, "validate", "inference", "--ping", env={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": server.base_url}
        )
    assert result.returncode == 1
    assert "ping openai (openai): failed: backend `openai` could not list its models" in result.stdout
    assert "HTTP 401" in result.stdout


def test_a_directory_named_inference_is_validated_as_files(tmp_path: Path) -> None:
    folder = tmp_path / "inference"
    shutil.copytree(EXAMPLES_DIR / "hello_world", folder)
    result = pipelex(tmp_path, "validate", "./inference")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: no problems in 1 file" in result.stdout


def test_ping_without_inference_is_refused(tmp_path: Path) -> None:
    result = pipelex(tmp_path, "validate", str(EXAMPLES_DIR / "hello_world"), "--ping")
    assert result.returncode == 1
    assert "--ping goes with `pipelex validate inference`" in result.stderr
