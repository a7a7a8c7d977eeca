"""Configuration mistakes are caught when the configuration loads, naming the file and the key."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.cogt.exceptions import LLMHandleNotFoundError, ModelDeckNotFoundError, ModelsManagerError
from pipelex.cogt.models.model_deck import ModelDeck
from pipelex.cogt.models.model_manager import load_model_deck
from pipelex.engine.inference_setup import inference_dir_for, kit_inference_dir, load_inference_setup
from pipelex.exceptions import ConfigurationError
from pipelex.language.toml_files import read_toml_file
from tests.conftest import EXAMPLES_DIR


@pytest.fixture
def config(tmp_path: Path) -> Path:
    target = tmp_path / ".pipelex" / "inference"
    shutil.copytree(kit_inference_dir(), target)
    return target


def deck_of(config: Path, env: dict[str, str] | None = None) -> ModelDeck:
    return load_model_deck(config, read_toml_file, env or {})


def add_to_openai(config: Path, lines: str) -> None:
    """Add keys to the `[openai]` table of the kit's backends.toml."""
    backends = config / "backends.toml"
    backends.write_text(backends.read_text().replace("[openai]\n", "[openai]\n" + lines, 1))


def write_overrides(config: Path, text: str) -> Path:
    path = config / "deck" / "overrides.toml"
    path.write_text(text)
    return path


# --- backend extras ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('max_retries = "x"', '`max_retries` must be a whole number, 0 or more (it is "x")'),
        ("max_retries = -1", "`max_retries` must be a whole number, 0 or more (it is -1)"),
        ("max_retries = 1.5", "`max_retries` must be a whole number"),
        ("max_retries = true", "`max_retries` must be a whole number, 0 or more (it is true)"),
        ('timeout_s = "slow"', '`timeout_s` must be a number greater than 0 (it is "slow")'),
        ("timeout_s = 0", "`timeout_s` must be a number greater than 0 (it is 0)"),
        ("timeout_s = -2.5", "`timeout_s` must be a number greater than 0"),
        ('timeout_s = "nan"', "`timeout_s` must be a number greater than 0"),
        ("timeout_s = [1]", "`timeout_s` must be a number greater than 0 (it is a list)"),
    ],
)
def test_bad_sdk_extras_name_file_backend_and_key(config: Path, line: str, expected: str) -> None:
    add_to_openai(config, line + "\n")
    with pytest.raises(ConfigurationError) as caught:
        deck_of(config)
    message = str(caught.value)
    assert message.startswith(f"{config / 'backends.toml'} [openai]: ")
    assert expected in message


def test_good_sdk_extras_are_converted(config: Path) -> None:
    add_to_openai(config, 'max_retries = "${RETRIES}"\ntimeout_s = 30\n')
    extra = deck_of(config, {"RETRIES": "4"}).backends["openai"].extra_config
    assert extra == {"max_retries": 4, "timeout_s": 30.0}
    assert isinstance(extra["max_retries"], int)


def test_unset_variable_leaves_the_default(config: Path) -> None:
    add_to_openai(config, 'max_retries = "${RETRIES}"\n')
    backend = deck_of(config).backends["openai"]
    assert "max_retries" not in backend.extra_config
    assert backend.missing_env_vars["max_retries"] == ("RETRIES",)


def test_a_bad_value_from_the_environment_is_not_shown(config: Path) -> None:
    add_to_openai(config, 'timeout_s = "${SLOW}"\n')
    with pytest.raises(ConfigurationError, match=r"\(it is \"\$\{SLOW\}\"\)") as caught:
        deck_of(config, {"SLOW": "secret-looking-value"})
    assert "secret-looking-value" not in str(caught.value)


def test_bad_extras_fail_the_load_not_the_run(config: Path) -> None:
    add_to_openai(config, 'max_retries = "x"\n')
    with pytest.raises(ConfigurationError, match=r"backends\.toml \[openai\]: `max_retries`"):
        Pipelex.load(EXAMPLES_DIR / "hello_world", project_dir=config.parent.parent)


# --- deck references -----------------------------------------------------------------------------------


def test_unknown_choice_default_names_the_file_and_the_key(config: Path) -> None:
    overrides = write_overrides(config, '[llm.choice_defaults]\nfor_text = "nope"\n')
    with pytest.raises(ModelsManagerError) as caught:
        deck_of(config)
    assert str(caught.value) == f"{overrides}: [llm.choice_defaults] for_text = `nope` is not a preset, alias or model"


def test_unknown_choice_default_suggests_close_names(config: Path) -> None:
    write_overrides(config, '[llm.choice_defaults]\nfor_object = "cheap_llm_for_objet"\n')
    with pytest.raises(
        ModelsManagerError, match=r"for_object = `cheap_llm_for_objet` .*\(did you mean `cheap_llm_for_object`"
    ):
        deck_of(config)


def test_a_mistake_in_base_deck_names_base_deck(config: Path) -> None:
    base = config / "deck" / "base_deck.toml"
    base.write_text(base.read_text().replace('base-gpt = "gpt-4o"', 'base-gpt = "gpt-4oo"'))
    with pytest.raises(ModelsManagerError) as caught:
        deck_of(config)
    assert str(caught.value).startswith(f"{base}: [aliases] base-gpt: `gpt-4oo` is not a preset, alias or model")
    assert "did you mean `gpt-4o`" in str(caught.value)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            '[llm.presets]\nmine = { model = "gpt-9" }\n',
            r"\[llm\.presets\] mine: `gpt-9` is not a preset, alias or model",
        ),
        (
            '[aliases]\nchain = ["gpt-5", "gtp-4o"]\n',
            r"\[aliases\] chain: `gtp-4o` is not a preset, alias or model \(did you mean `gpt-4o`",
        ),
        ('[aliases]\nx = "$base-gpt"\n', r"\[aliases\] x: `\$base-gpt` is not an LLM preset"),
        (
            '[llm.presets]\np = { model = "@cheap_llm_for_text" }\n',
            r"\[llm\.presets\] p: `@cheap_llm_for_text` is not an alias",
        ),
        (
            "[llm.choice_defaults]\nfor_text = 3\n",
            r"\[llm\.choice_defaults\] for_text: must be the name of a preset, alias or model",
        ),
        ('[aliases]\na = "b"\nb = "a"\n', r"\[aliases\] a: aliases and presets refer to each other in a loop"),
    ],
)
def test_deck_entries_must_name_something(config: Path, overrides: str, expected: str) -> None:
    path = write_overrides(config, overrides)
    with pytest.raises(ModelsManagerError, match=expected) as caught:
        deck_of(config)
    assert str(caught.value).startswith(f"{path}: ")


def test_targets_may_name_a_model_of_a_disabled_backend(config: Path) -> None:
    add_disabled_backend(config)
    write_overrides(config, '[aliases]\nfallback = ["other-model", "gpt-4o"]\nonly_other = "other-model"\n')
    deck = deck_of(config)
    assert "other-model" in deck.known_llm_names()
    assert deck.resolve_llm("fallback", for_object=False).spec.name == "gpt-4o"
    with pytest.raises(LLMHandleNotFoundError, match="routed to backend `other`, which is disabled"):
        deck.resolve_llm("only_other", for_object=False)


def add_disabled_backend(config: Path) -> None:
    """A disabled backend `other` serving `other-model`, routed to it."""
    (config / "backends.toml").write_text((config / "backends.toml").read_text() + "\n[other]\nenabled = false\n")
    (config / "backends" / "other.toml").write_text('default_sdk = "openai"\n[other-model]\nmodel_id = "o-1"\n')
    routing = config / "routing_profiles.toml"
    routing.write_text(
        routing.read_text().replace(
            "[profiles.native.routes]\n", "[profiles.native.routes]\n" + '"other-*" = "other"\n', 1
        )
    )


def test_cli_validate_reports_a_deck_mistake(config: Path) -> None:
    write_overrides(config, '[llm.choice_defaults]\nfor_text = "nope"\n')
    result = subprocess.run(
        [sys.executable, "-m", "pipelex", "validate", str(EXAMPLES_DIR / "hello_world")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=config.parent.parent,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[:5] == [
        "error[ModelsManagerError]: [llm.choice_defaults] for_text = `nope` is not a preset, alias or model",
        f" --> {config / 'deck' / 'overrides.toml'}:2:1",
        "  |",
        '2 | for_text = "nope"',
        "  | ^^^^^^^^",
    ]
    assert "Traceback" not in result.stderr


# --- where the configuration is ------------------------------------------------------------------------


def test_no_project_config_uses_the_defaults(tmp_path: Path) -> None:
    assert inference_dir_for(tmp_path) == kit_inference_dir()
    (tmp_path / ".pipelex").mkdir()
    assert inference_dir_for(tmp_path) == kit_inference_dir()


def test_project_config_is_used(config: Path) -> None:
    assert inference_dir_for(config.parent.parent) == config


def test_inference_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / ".pipelex").mkdir()
    (tmp_path / ".pipelex" / "inference").write_text("")
    with pytest.raises(ConfigurationError, match=r"inference` must be a directory, but it is a file"):
        inference_dir_for(tmp_path)


def test_pipelex_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / ".pipelex").write_text("")
    with pytest.raises(ConfigurationError, match=r"\.pipelex` must be a directory, but it is a file"):
        inference_dir_for(tmp_path)


def test_backends_toml_that_is_a_directory(config: Path) -> None:
    (config / "backends.toml").unlink()
    (config / "backends.toml").mkdir()
    with pytest.raises(ConfigurationError, match=r"backends\.toml` must be a file, but it is a directory"):
        inference_dir_for(config.parent.parent)


def test_inference_without_backends_toml(config: Path) -> None:
    (config / "backends.toml").unlink()
    with pytest.raises(ConfigurationError, match=r"has no `backends\.toml`"):
        inference_dir_for(config.parent.parent)


def test_broken_link(tmp_path: Path) -> None:
    (tmp_path / ".pipelex").mkdir()
    (tmp_path / ".pipelex" / "inference").symlink_to(tmp_path / "nowhere")
    with pytest.raises(ConfigurationError, match="it is a broken link"):
        inference_dir_for(tmp_path)


def test_model_file_that_is_a_directory(config: Path) -> None:
    (config / "backends" / "openai.toml").unlink()
    (config / "backends" / "openai.toml").mkdir()
    with pytest.raises(ConfigurationError, match=r"openai\.toml: the model file of backend `openai` must be a file"):
        deck_of(config)


def test_deck_file_that_is_a_directory(config: Path) -> None:
    (config / "deck" / "overrides.toml").unlink()
    (config / "deck" / "overrides.toml").mkdir()
    with pytest.raises(ModelDeckNotFoundError, match=r"overrides\.toml: a deck file must be a file"):
        deck_of(config)


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_project_dir_must_be_a_directory(tmp_path: Path, kind: str) -> None:
    project = tmp_path / "project"
    if kind == "file":
        project.write_text("")
    expected = "does not exist" if kind == "missing" else "is not a directory"
    with pytest.raises(ConfigurationError, match=f"the project directory `.*project` {expected}"):
        load_inference_setup(project)
    with pytest.raises(ConfigurationError, match=expected):
        Pipelex.load(EXAMPLES_DIR / "hello_world", project_dir=project)


def test_cli_inference_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / ".pipelex").mkdir()
    (tmp_path / ".pipelex" / "inference").write_text("")
    example = EXAMPLES_DIR / "hello_world"
    result = subprocess.run(
        [sys.executable, "-m", "pipelex", "run", str(example / "hello_world.plx"), "--dry-run", "-o", "out"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "must be a directory, but it is a file" in result.stderr
