"""Seed 001's older keys load, each with a deprecation warning naming the new key."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelex.cogt.models.model_deck import ModelDeck
from pipelex.cogt.models.model_manager import load_model_deck
from pipelex.engine.config_location import kit_inference_dir
from pipelex.language.toml_files import read_toml_file
from tests.conftest import EXAMPLES_DIR

SEED_001_DECK = """\
[aliases]
best-gpt = "gpt-5"

[llm_presets]
cheap_llm_for_text = { llm_handle = "gpt-4o-mini", temperature = 0.5 }
cheap_llm_for_object = { llm_handle = "gpt-4o-mini", temperature = 0.3 }
llm_to_reason = { llm_handle = "o4-mini", temperature = 1, max_tokens = "auto" }

[llm_choice_defaults]
for_text = "cheap_llm_for_text"
for_object = "cheap_llm_for_object"

[extract.presets]
extract_text_from_pdf = { ocr_handle = "pypdfium2-extract-text" }
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    target = tmp_path / ".pipelex" / "inference"
    shutil.copytree(kit_inference_dir(), target)
    return target


def deck_of(config: Path) -> ModelDeck:
    return load_model_deck(config, read_toml_file, {})


def test_seed_001_deck_loads_with_warnings(config: Path, caplog: pytest.LogCaptureFixture) -> None:
    base = config / "deck" / "base_deck.toml"
    base.write_text(SEED_001_DECK)
    with caplog.at_level(logging.WARNING, logger="pipelex"):
        deck = deck_of(config)
    resolved = deck.resolve_llm("llm_to_reason", for_object=False)
    assert (resolved.spec.name, resolved.settings.temperature) == ("o4-mini", 1.0)
    assert deck.resolve_llm(None, for_object=True).spec.name == "gpt-4o-mini"
    assert deck.resolve_extract("extract_text_from_pdf").spec.name == "pypdfium2-extract-text"
    assert [record.getMessage() for record in caplog.records] == [
        f"{base}: [llm_presets] is deprecated, write [llm.presets]",
        f"{base}: [llm_choice_defaults] is deprecated, write [llm.choice_defaults]",
        f"{base}: [llm.presets] cheap_llm_for_text: `llm_handle` is deprecated, write `model`",
        f"{base}: [extract.presets] extract_text_from_pdf: `ocr_handle` is deprecated, write `model`",
    ]


def test_old_and_new_sections_merge_the_new_winning(config: Path) -> None:
    (config / "deck" / "overrides.toml").write_text(
        '[llm_presets]\nmine = { llm_handle = "gpt-4o" }\ncheap_llm_for_text = { llm_handle = "gpt-5" }\n'
        '[llm.presets]\ncheap_llm_for_text = { model = "gpt-4.1" }\n'
    )
    deck = deck_of(config)
    assert deck.llm_presets["mine"].targets == ("gpt-4o",)
    assert deck.llm_presets["cheap_llm_for_text"].targets == ("gpt-4.1",)


def test_seed_001_model_file_layout(config: Path, caplog: pytest.LogCaptureFixture) -> None:
    models = config / "backends" / "openai.toml"
    models.write_text(
        models.read_text()
        + '\n[models.gpt-legacy]\nmodel_id = "gpt-4o-mini"\nsdk = "openai"\ncosts = { input = 0.15, output = 0.6 }\n'
    )
    text = models.read_text().replace("[gpt-", "[models.gpt-").replace('["gpt-', '[models."gpt-')
    models.write_text(text)
    with caplog.at_level(logging.WARNING, logger="pipelex"):
        deck = deck_of(config)
    assert deck.inference_models["gpt-legacy"].model_id == "gpt-4o-mini"
    assert "[models.<name>] tables are deprecated, write one [<name>] table per model" in caplog.text


def test_cli_prints_the_deprecation_warning(config: Path) -> None:
    (config / "deck" / "overrides.toml").write_text('[llm_presets]\nmine = { llm_handle = "gpt-4o" }\n')
    result = subprocess.run(
        [sys.executable, "-m", "pipelex", "validate", str(EXAMPLES_DIR / "hello_world")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=config.parent.parent,
    )
    assert result.returncode == 0, result.stderr
    assert "warning: " in result.stderr
    assert "overrides.toml: [llm_presets] is deprecated, write [llm.presets]" in result.stderr
    assert "`llm_handle` is deprecated, write `model`" in result.stderr
