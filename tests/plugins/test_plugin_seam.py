"""The fail-loud rules of the plugin seam, and that a plugin written from the seed's example works."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipelex import Pipelex
from pipelex.exceptions import MissingDependencyError
from pipelex.plugins import discovery
from pipelex.plugins.contract import PLUGIN_API_VERSION, PipelexPlugin
from pipelex.plugins.exceptions import (
    CoreUnconditionalPluginDisabledError,
    DuplicateInferenceBackendError,
    InferenceBackendNotFoundError,
    PluginApiVersionMismatchError,
)
from pipelex.plugins.inference_backend_registry import InferenceBackendRegistry, InferenceFamily, require_sdk
from pipelex.plugins.registrar import PluginRegistrar
from tests.conftest import EXAMPLES_DIR
from tests.data.plugins.site.echo_plx_plugin import EchoPlugin, _make_echo_worker


def test_a_seed_style_plugin_serves_a_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert isinstance(EchoPlugin(), PipelexPlugin)
    monkeypatch.setattr(discovery, "BUILTIN_PLUGINS", (*discovery.BUILTIN_PLUGINS, EchoPlugin()))
    config = tmp_path / ".pipelex" / "inference"
    config.mkdir(parents=True)
    (config / "routing_profiles.toml").write_text('active = "native"\n[profiles.native]\ndefault = "openai"\n')
    (config / "backends.toml").write_text('[openai]\nenabled = true\napi_key = "k"\n[internal]\nenabled = false\n')
    (config / "backends").mkdir()
    (config / "backends" / "openai.toml").write_text(
        '[gpt-4o-mini]\nmodel_id = "echo-1"\nsdk = "echo"\ncosts = { input = 1.0, output = 2.0 }\n'
    )
    (config / "deck").mkdir()
    (config / "deck" / "base_deck.toml").write_text('[llm.choice_defaults]\nfor_text = "gpt-4o-mini"\n')
    output = Pipelex.load(EXAMPLES_DIR / "hello_world", project_dir=tmp_path).run_sync(inputs={"topic": "tea"})
    prompt = "Write a haiku about tea.\nAnswer with the haiku only."
    assert output.main_text == f"echo: {prompt}"
    (call,) = output.report.calls
    assert (call.sdk, call.input_tokens, call.output_tokens) == ("echo", len(prompt), 1)
    assert call.cost == pytest.approx((len(prompt) * 1.0 + 1 * 2.0) / 1e6)


def test_version_mismatch(monkeypatch: pytest.MonkeyPatch) -> None:
    plugin: Any = EchoPlugin()
    plugin.targets_api = PLUGIN_API_VERSION + 1
    monkeypatch.setattr(discovery, "BUILTIN_PLUGINS", (plugin,))
    with pytest.raises(PluginApiVersionMismatchError, match="targets plugin API 2"):
        discovery.build_registrar(include_entry_points=False)


def test_duplicate_backend_names_both_plugins() -> None:
    registrar = PluginRegistrar()
    registrar.begin("first")
    registrar.add_inference_backend(family=InferenceFamily.LLM, sdk="x", make_worker=_make_echo_worker)
    registrar.begin("second")
    with pytest.raises(DuplicateInferenceBackendError, match="`first` and `second`"):
        registrar.add_inference_backend(family=InferenceFamily.LLM, sdk="x", make_worker=_make_echo_worker)


def test_openai_cannot_be_disabled() -> None:
    with pytest.raises(CoreUnconditionalPluginDisabledError):
        discovery.build_registrar(["openai"], include_entry_points=False)


def test_lookup_miss_asks_about_the_plugin() -> None:
    registry = InferenceBackendRegistry({})
    with pytest.raises(InferenceBackendNotFoundError, match=r"Is its plugin installed and enabled\?") as caught:
        registry.lookup(family=InferenceFamily.LLM, sdk="acme")
    assert isinstance(caught.value, NotImplementedError)


def test_require_sdk_names_package_and_extra() -> None:
    with pytest.raises(
        MissingDependencyError, match=r"`acme_sdk_not_installed` is not installed: pip install 'pipelex\[acme\]'"
    ):
        require_sdk(spec="acme_sdk_not_installed", extra="acme", msg="The acme SDK is required.")
