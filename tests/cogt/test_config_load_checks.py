"""Configuration mistakes are reported when the configuration loads, naming the file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.engine.inference_setup import kit_inference_dir, load_inference_setup
from pipelex.exceptions import ConfigurationError, PipelexError, PipeRunError
from tests.conftest import EXAMPLES_DIR


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(kit_inference_dir(), tmp_path / ".pipelex" / "inference")
    return tmp_path


def _edit(project: Path, relative: str, change: Callable[[str], str]) -> None:
    path = project / ".pipelex" / "inference" / relative
    path.write_text(change(path.read_text()))


@pytest.mark.parametrize(
    ("relative", "change", "message"),
    [
        (
            "backends/openai.toml",
            lambda text: text.replace("input = 0.15", "input = -2.5"),
            "greater than or equal to 0",
        ),
        (
            "backends/openai.toml",
            lambda text: text.replace("max_tokens = 16384", "max_tokens = 0", 1),
            "greater than or equal to 1",
        ),
        (
            "backends/openai.toml",
            lambda text: text.replace('model_id = "gpt-4o"', 'model_id = "gpt-4o"\nbogus = 1'),
            "bogus",
        ),
        ("backends/openai.toml", lambda text: "stray = 3\n" + text, "`stray` must be a table"),
        (
            "backends.toml",
            lambda text: text.replace('"${OPENAI_BASE_URL}"', '"ftp://x"'),
            "not a usable http:// or https:// URL",
        ),
        (
            "deck/base_deck.toml",
            lambda text: text.replace("temperature = 0.5 }", "temperature = 0.5, bogus = 1 }"),
            "unknown key `bogus`",
        ),
        ("deck/overrides.toml", lambda text: "[llm]\npresets = 3\n", "overrides.toml [llm]: `presets` must be a table"),
    ],
)
def test_mistake_is_reported_at_load(project: Path, relative: str, change: Callable[[str], str], message: str) -> None:
    _edit(project, relative, change)
    with pytest.raises(PipelexError) as caught:
        load_inference_setup(project)
    assert message in str(caught.value)


def test_renamed_model_file_is_an_orphan(project: Path) -> None:
    models = project / ".pipelex" / "inference" / "backends"
    (models / "openai.toml").rename(models / "acme.toml")
    with pytest.raises(ConfigurationError, match=r"there is no backend `acme` in backends\.toml"):
        load_inference_setup(project)


def test_base_deck_is_required(project: Path) -> None:
    (project / ".pipelex" / "inference" / "deck" / "base_deck.toml").unlink()
    with pytest.raises(ConfigurationError, match=r"base_deck\.toml is missing"):
        load_inference_setup(project)


def test_structured_output_needs_a_model_that_produces_it(project: Path) -> None:
    _edit(
        project,
        "backends/openai.toml",
        lambda text: text.replace('outputs = ["text", "structured"]', 'outputs = ["text"]'),
    )
    px = Pipelex.load(EXAMPLES_DIR / "tweet_optimizer", project_dir=project)
    with pytest.raises(PipeRunError, match="does not produce"):
        px.run_sync("review_tweet", inputs={"draft": "hi"}, dry_run=True)


def test_a_model_whose_sdk_no_plugin_serves_loads_but_cannot_run(project: Path) -> None:
    _edit(project, "backends/openai.toml", lambda text: text.replace('default_sdk = "openai"', 'default_sdk = "acme"'))
    setup = load_inference_setup(project)
    assert "is served by no plugin" in setup.deck.unavailable["gpt-4o"]
    px = Pipelex.load(EXAMPLES_DIR / "hello_world", project_dir=project)
    with pytest.raises(PipelexError, match=r"its sdk `acme` \(backend `openai`\) is served by no plugin"):
        px.run_sync(inputs={"topic": "tea"}, dry_run=True)


def test_a_misspelled_backend_setting_is_warned_about(caplog) -> None:  # type: ignore[no-untyped-def]
    import logging

    from pipelex.cogt.model_backends.backend_library import load_backend

    with caplog.at_level(logging.WARNING, logger="pipelex"):
        backend = load_backend("openai", {"max_concurency": 1, "custom_header": "x"}, {}, "backends.toml [openai]")
    assert "did you mean `max_concurrency`?" in caplog.text
    assert "custom_header" not in caplog.text  # a plugin's own extra is not a typo
    assert backend.extra_config["custom_header"] == "x"
