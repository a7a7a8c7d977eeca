"""Backends and their model specs, loaded from ``backends.toml`` and ``backends/<name>.toml``."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pipelex.cogt.config_values import expand_env, get_bool, get_non_negative_int, get_positive_number, get_str
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.endpoint import check_endpoint
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.core.validation_problems import validation_problems
from pipelex.exceptions import ConfigurationError

TomlReader = Callable[[Path], dict[str, Any]]
_log = logging.getLogger("pipelex.config")

_BACKEND_KEYS = {"enabled", "endpoint", "api_key"}
_SPEC_DEFAULT_KEYS = {"default_sdk", "default_prompting_target"}


def load_backend(name: str, table: Mapping[str, Any], env: Mapping[str, str], where: str) -> InferenceBackend:
    """Build one backend from its table, expanding ``${VAR}`` values."""
    missing: dict[str, tuple[str, ...]] = {}
    resolved: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, str):
            expanded, unset = expand_env(value, env)
            if unset:
                missing[key] = tuple(unset)
            resolved[key] = expanded
        else:
            resolved[key] = value
    return InferenceBackend(
        name=name,
        enabled=get_bool(table, "enabled", where, True),
        endpoint=check_endpoint(name, get_str(resolved, "endpoint", where)),
        api_key=get_str(resolved, "api_key", where),
        extra_config=_extra_config(resolved, table, where),
        missing_env_vars=missing,
    )


# Keys pipelex or its built-in plugins read; any other key is handed to the plugin as it is.
_KNOWN_EXTRA_KEYS = ("max_retries", "timeout_s", "max_concurrency", "api_version", "local", "mock_latency_ms")


def _warn_near_misses(extra: Mapping[str, Any], where: str) -> None:
    """A key one typo away from a known setting is almost surely that setting, misspelled and so ignored."""
    from pipelex.language.suggest import closest

    for key in extra:
        if key in _KNOWN_EXTRA_KEYS:
            continue
        match = closest(key, (*_KNOWN_EXTRA_KEYS, *sorted(_BACKEND_KEYS)), cutoff=0.8)
        if match is not None:
            _log.warning(
                "%s: `%s` is not a setting pipelex knows (did you mean `%s`?); it is passed to the plugin as it is",
                where,
                key,
                match,
            )


def _extra_config(resolved: Mapping[str, Any], written: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Every key but the common ones, with the SDK tuning values checked and converted."""
    extra = {key: value for key, value in resolved.items() if key not in _BACKEND_KEYS}
    _warn_near_misses(extra, where)
    numbers: dict[str, int | float | None] = {
        "max_retries": get_non_negative_int(resolved, "max_retries", where, written),
        "timeout_s": get_positive_number(resolved, "timeout_s", where, written),
        "max_concurrency": get_non_negative_int(resolved, "max_concurrency", where, written),
    }
    if numbers["max_concurrency"] == 0:
        raise ConfigurationError(f"{where}: `max_concurrency` must be a whole number, 1 or more (it is 0)")
    for key, value in numbers.items():
        if value is None:
            extra.pop(key, None)
        else:
            extra[key] = value
    return extra


def load_model_specs(backend_name: str, document: Mapping[str, Any], where: str) -> dict[str, InferenceModelSpec]:
    """Read a backend's model file: file-level defaults, then one table per model."""
    document = _upgraded_model_file(document, where)
    default_sdk = get_str(document, "default_sdk", where)
    default_target = get_str(document, "default_prompting_target", where)
    specs: dict[str, InferenceModelSpec] = {}
    for name, table in document.items():
        if name in _SPEC_DEFAULT_KEYS:
            continue
        if not isinstance(table, dict):
            raise ConfigurationError(f"{where}: `{name}` must be a table describing a model").at(where, name)
        fields = dict(table)
        fields.setdefault("model_id", name)
        fields.setdefault("sdk", default_sdk)
        if default_target is not None:
            fields.setdefault("prompting_target", default_target)
        if fields["sdk"] is None:
            raise ConfigurationError(f"{where}: model `{name}` has no `sdk` and the file sets no `default_sdk`").at(
                where, name
            )
        try:
            specs[name] = InferenceModelSpec(backend_name=backend_name, name=name, **fields)
        except ValidationError as error:
            problems = validation_problems(error, limit=None)
            keys = [str(part) for part in error.errors()[0]["loc"]] if error.errors() else []
            raise ConfigurationError(f"{where}: model `{name}`: {problems}").at(where, name, *keys) from None
    return specs


def _read_model_file(backend_name: str, path: Path, read_toml: TomlReader) -> dict[str, InferenceModelSpec]:
    if not path.exists():
        return {}
    if not path.is_file():
        raise ConfigurationError(f"{path}: the model file of backend `{backend_name}` must be a file, not a directory")
    return load_model_specs(backend_name, read_toml(path), str(path))


class InferenceBackendLibrary:
    """Every backend named in ``backends.toml``, and the model specs of each (a disabled backend's too).

    The models of a disabled backend are known (pipes may name them) but not served: routing marks them
    unavailable, with the reason.
    """

    def __init__(self, backends: dict[str, InferenceBackend], specs: dict[str, dict[str, InferenceModelSpec]]) -> None:
        self.backends = backends
        self.specs = specs

    @classmethod
    def load(cls, inference_dir: Path, read_toml: TomlReader, env: Mapping[str, str]) -> InferenceBackendLibrary:
        backends_path = inference_dir / "backends.toml"
        document = read_toml(backends_path)
        backends: dict[str, InferenceBackend] = {}
        specs: dict[str, dict[str, InferenceModelSpec]] = {}
        for name, table in document.items():
            where = f"{backends_path} [{name}]"
            if not isinstance(table, dict):
                raise ConfigurationError(f"{where}: each backend must be a table").at(backends_path, name)
            try:
                backend = load_backend(name, table, env, where)
            except ConfigurationError as error:
                raise error.at(backends_path, name, *_named_key(str(error), table)) from None
            backends[name] = backend
            specs[name] = _read_model_file(name, inference_dir / "backends" / f"{name}.toml", read_toml)
        _check_orphan_model_files(inference_dir / "backends", backends)
        return cls(backends, specs)

    def get_backend(self, name: str) -> InferenceBackend | None:
        return self.backends.get(name)


def _check_orphan_model_files(models_dir: Path, backends: Mapping[str, InferenceBackend]) -> None:
    """A model file must belong to a backend of backends.toml (a renamed file would silently lose its models)."""
    if not models_dir.is_dir():
        return
    for path in sorted(models_dir.glob("*.toml")):
        if path.stem not in backends:
            known = ", ".join(f"`{name}`" for name in backends) or "none"
            raise ConfigurationError(
                f"{path}: there is no backend `{path.stem}` in backends.toml (backends: {known}); "
                "a model file is named after its backend"
            ).at(path)


def _named_key(message: str, table: Mapping[str, Any]) -> list[str]:
    """The first key of ``table`` named in backquotes in ``message``, to locate the error at it."""
    for quoted in re.findall(r"`([^`]+)`", message):
        if quoted in table:
            return [quoted]
    return []


def _upgraded_model_file(document: Mapping[str, Any], where: str) -> Mapping[str, Any]:
    """Seed 001's layout (``[models.<name>]`` tables) flattened to one table per model, with a warning."""
    models = document.get("models")
    if not isinstance(models, dict) or not models or not all(isinstance(table, dict) for table in models.values()):
        return document
    if any(isinstance(value, str) for value in models.values()):
        return document
    _log.warning("%s: [models.<name>] tables are deprecated, write one [<name>] table per model", where)
    flattened = {key: value for key, value in document.items() if key != "models"}
    flattened.update(models)
    return flattened
