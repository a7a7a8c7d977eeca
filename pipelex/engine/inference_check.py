"""``pipelex validate inference``: the consistency checks of a loaded inference configuration.

Loading already refuses what no run could survive (bad TOML, unknown keys, aliases naming nothing, loops,
an active profile naming an undefined backend). These checks add what depends on the whole picture:

- routing: every profile names backends that exist; in the active one, an exact route names a backend
  that is enabled and has a spec for the model (error); a pattern or the default that sends models to an
  enabled backend without a spec for them makes them unavailable (warning); a pattern that matches no known
  model (warning). Models routed to a disabled backend are unavailable by choice: not a finding;
- plugins: an enabled backend whose models use an sdk no plugin serves (error);
- environment: a ``${VAR}`` of an enabled backend that is unset (an error; except in ``endpoint``, which
  then falls back to the SDK's default);
- the model deck: a choice default that leads to no usable model (error); a preset or alias that leads
  only to unusable models, for another reason than a disabled backend (warning).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelex.cogt.exceptions import LLMHandleNotFoundError
from pipelex.cogt.model_routing.routing_profile import RoutingProfileLibrary
from pipelex.cogt.models.model_deck import ModelDeck
from pipelex.language.diagnostics import Severity

_OPTIONAL_VARIABLE_KEYS = frozenset({"endpoint"})


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem of the configuration, located at a key of a file when it has one.

    Attributes:
        severity: error or warning.
        topic: ``routing``, ``plugin``, ``env`` or ``deck`` (shown as the diagnostic's code).
        message: what is wrong and what to do.
        file: the configuration file at fault.
        key_path: the offending key in it.
    """

    severity: Severity
    topic: str
    message: str
    file: Path | None = None
    key_path: tuple[str, ...] = ()


def check_inference(deck: ModelDeck, served_sdks: set[str], config_dir: Path) -> list[Finding]:
    """Every finding about the configuration in ``config_dir`` as loaded into ``deck``.

    Args:
        deck: the loaded model deck (with its routing profiles and backend specs).
        served_sdks: the sdks some plugin serves.
        config_dir: the inference folder the deck was loaded from.
    """
    findings: list[Finding] = []
    if deck.routing is not None:
        findings.extend(_check_profiles(deck, deck.routing))
        findings.extend(_check_active_routes(deck, deck.routing))
    backends_file = config_dir / "backends.toml"
    findings.extend(_check_plugins(deck, served_sdks, backends_file))
    findings.extend(_check_env(deck, backends_file))
    findings.extend(_check_deck(deck, config_dir / "deck"))
    return findings


def _check_profiles(deck: ModelDeck, routing: RoutingProfileLibrary) -> list[Finding]:
    findings: list[Finding] = []
    for profile in routing.profiles.values():
        named: list[tuple[tuple[str, ...], str]] = [(("default",), profile.default)] if profile.default else []
        named.extend((("routes", route.pattern), route.backend) for route in profile.routes)
        for keys, backend in named:
            if backend not in deck.backends:
                message = f"profile `{profile.name}` names backend `{backend}`, which backends.toml does not define"
                findings.append(
                    Finding(Severity.ERROR, "routing", message, routing.path, ("profiles", profile.name, *keys))
                )
    return findings


@dataclass(frozen=True, slots=True)
class _Rule:
    """One rule of the active profile: a route's pattern (or ``default``), its backend, the models it decides."""

    pattern: str
    backend_name: str
    models: list[str]
    keys: tuple[str, ...]

    @property
    def is_exact(self) -> bool:
        return self.pattern != "default" and "*" not in self.pattern

    @property
    def shown(self) -> str:
        return "the default" if self.pattern == "default" else f"route `{self.pattern}`"


def _check_active_routes(deck: ModelDeck, routing: RoutingProfileLibrary) -> list[Finding]:
    """What the active profile does with the known models, rule by rule."""
    profile = routing.active_profile
    decided: dict[str, list[str]] = {}
    for name in deck.catalog:
        _backend, pattern = profile.route(name)
        decided.setdefault(pattern, []).append(name)
    base = ("profiles", profile.name)
    rules = [
        _Rule(route.pattern, route.backend, decided.get(route.pattern, []), (*base, "routes", route.pattern))
        for route in profile.routes
    ]
    if profile.default is not None:
        rules.append(_Rule("default", profile.default, decided.get("default", []), (*base, "default")))
    findings: list[Finding] = []
    for rule in rules:
        problem = _rule_problem(deck, rule)
        if problem is not None:
            severity, message = problem
            findings.append(Finding(severity, "routing", message, routing.path, rule.keys))
    return findings


def _rule_problem(deck: ModelDeck, rule: _Rule) -> tuple[Severity, str] | None:
    backend = deck.backends.get(rule.backend_name)
    if backend is None or (not backend.enabled and not rule.is_exact):
        # an undefined backend is reported by _check_profiles; a disabled one is a deliberate choice
        return None
    specs = deck.backend_specs.get(rule.backend_name, {})
    target = f"backend `{rule.backend_name}`"
    if rule.is_exact and rule.pattern not in specs:
        hint = f"add it to backends/{rule.backend_name}.toml"
        return Severity.ERROR, f"{rule.shown} sends `{rule.pattern}` to {target}, which has no spec for it ({hint})"
    if rule.is_exact and not backend.enabled:
        return Severity.ERROR, f"{rule.shown} sends `{rule.pattern}` to {target}, which is disabled"
    unserved = [name for name in rule.models if name not in specs]
    if unserved:
        why = "which has no spec for them"
        message = f"{rule.shown} sends {_count(unserved)} to {target}, {why}: they are unavailable ({_names(unserved)})"
        return Severity.WARNING, message
    if rule.pattern != "default" and not rule.models:
        return Severity.WARNING, f"{rule.shown} matches no known model"
    return None


def _check_plugins(deck: ModelDeck, served_sdks: set[str], backends_file: Path) -> list[Finding]:
    findings: list[Finding] = []
    for name, backend in deck.backends.items():
        if not backend.enabled:
            continue
        routed = {
            spec.sdk for model, spec in deck.backend_specs.get(name, {}).items() if _routed_to(deck, model) == name
        }
        for sdk in sorted(routed - served_sdks):
            message = (
                f"backend `{name}` is enabled, but its models use the sdk `{sdk}`, which no plugin serves: "
                "install its plugin, or set `enabled = false`"
            )
            findings.append(Finding(Severity.ERROR, "plugin", message, backends_file, (name, "enabled")))
    return findings


def _routed_to(deck: ModelDeck, model: str) -> str | None:
    if deck.routing is None:
        return None
    return deck.routing.active_profile.route(model)[0]


def _check_env(deck: ModelDeck, backends_file: Path) -> list[Finding]:
    findings: list[Finding] = []
    for name, backend in deck.backends.items():
        if not backend.enabled:
            continue
        for key, variables in backend.missing_env_vars.items():
            listed = " and ".join(f"`{variable}`" for variable in variables)
            if key not in _OPTIONAL_VARIABLE_KEYS:
                message = (
                    f"backend `{name}` is enabled but {listed} is not set (needed by `{key}`): set it in the "
                    "environment or in .env, or set `enabled = false`"
                )
                findings.append(Finding(Severity.ERROR, "env", message, backends_file, (name, key)))
    return findings


def _check_deck(deck: ModelDeck, deck_dir: Path) -> list[Finding]:
    findings: list[Finding] = []
    base = deck_dir / "base_deck.toml"
    for key, written in deck.llm_choice_defaults.items():
        try:
            deck.resolve_llm(written, for_object=key == "for_object")
        except LLMHandleNotFoundError as error:
            message = f"the default `{key}` cannot be used: {error}"
            findings.append(Finding(Severity.ERROR, "deck", message, base, ("llm", "choice_defaults", key)))
    for section, sigil, table in (("aliases", "@", deck.aliases), ("presets", "$", deck.llm_presets)):
        for name in table:
            try:
                names = deck.expand_names(f"{sigil}{name}")
            except LLMHandleNotFoundError:
                continue  # loops are refused at load
            if names and not any(handle in deck.inference_models or _is_switched_off(deck, handle) for handle in names):
                keys = ("aliases", name) if section == "aliases" else ("llm", "presets", name)
                message = f"`{name}` leads only to unavailable models ({_names(names)})"
                findings.append(Finding(Severity.WARNING, "deck", message, base, keys))
    return findings


def _is_switched_off(deck: ModelDeck, model: str) -> bool:
    """Whether ``model`` is unavailable only because the backend it is routed to is disabled (a choice)."""
    backend = deck.backends.get(_routed_to(deck, model) or "")
    return backend is not None and not backend.enabled


def _count(models: list[str]) -> str:
    return f"{len(models)} model" + ("" if len(models) == 1 else "s")


def _names(models: list[str], limit: int = 4) -> str:
    shown = ", ".join(f"`{name}`" for name in models[:limit])
    return shown + (f" and {len(models) - limit} more" if len(models) > limit else "")
