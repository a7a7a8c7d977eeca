"""``pipelex show backends | models [BACKEND] | routing NAME``: what the inference configuration does."""

from __future__ import annotations

import asyncio
import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from pipelex.cli.console import fail, stderr, stdout, user_errors

if TYPE_CHECKING:
    from pipelex.cogt.model_backends.backend import InferenceBackend
    from pipelex.engine.inference_setup import InferenceSetup

show_app = typer.Typer(help="Show the inference configuration: backends, models, routing.", no_args_is_help=True)


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


def _setup() -> InferenceSetup:
    from pipelex.engine.inference_setup import load_inference_setup

    with user_errors():
        return load_inference_setup()


@show_app.command("backends")
def show_backends() -> None:
    """List the backends of backends.toml: enabled or not, endpoint, key, models and sdks (no key is shown)."""
    from pipelex.cogt.model_backends.endpoint import redact_url

    setup = _setup()
    served = {sdk for _family, sdk in setup.registry.registered()}
    stdout.out(f"{'backend':<14} {'state':<9} {'models':>6}  {'sdks':<26} {'key':<32} endpoint", highlight=False)
    for name, backend in setup.deck.backends.items():
        specs = setup.deck.backend_specs.get(name, {})
        sdks = sorted({spec.sdk for spec in specs.values()})
        shown_sdks = ", ".join(sdk if sdk in served else f"{sdk} (no plugin)" for sdk in sdks) or "-"
        endpoint = redact_url(backend.endpoint) if backend.endpoint else "(SDK default)"
        state = "enabled" if backend.enabled else "disabled"
        line = f"{name:<14} {state:<9} {len(specs):>6}  {shown_sdks:<26} {_key_state(backend):<32} {endpoint}"
        stdout.out(line, highlight=False)


def _key_state(backend: InferenceBackend) -> str:
    missing = backend.missing_env_vars.get("api_key")
    if backend.api_key:
        return "set"
    if missing:
        return f"missing: {', '.join(missing)}"
    return "none needed"


@show_app.command("models")
def show_models(
    backend_name: Annotated[str | None, typer.Argument(metavar="[BACKEND]", help="only this backend's models")] = None,
    live: Annotated[
        bool, typer.Option("--live", help="only ask the backend (network); fail if it cannot be asked")
    ] = False,
    configured: Annotated[
        bool, typer.Option("--configured", help="only list the configured models (no network)")
    ] = False,
) -> None:
    """Ask BACKEND which models it serves (through its plugin's model lister); without BACKEND, or when the
    backend cannot be asked, list the configured models with their sdk, model id, prices and status."""
    setup = _setup()
    deck = setup.deck
    if backend_name is not None and backend_name not in deck.backends:
        fail(f"no backend `{backend_name}` in backends.toml (backends: {', '.join(deck.backends)})")
    if live:
        _list_live(setup, backend_name)
        return
    if backend_name is not None and not configured:
        reason = _why_not_live(setup, backend_name)
        if reason is None:
            _list_live(setup, backend_name)
            return
        stderr.print(f"not asking `{backend_name}` live: {reason}; its configured models:", style="dim")
    stdout.out(f"{'model':<24} {'backend':<14} {'sdk':<10} {'model id':<32} {'costs':<24} status", highlight=False)
    for name, specs in deck.backend_specs.items():
        if backend_name is not None and name != backend_name:
            continue
        for model, spec in specs.items():
            routed = deck.inference_models.get(model)
            if routed is not None and routed.backend_name == name:
                status = f"served (rule {deck.routing_rules.get(model, 'default')})"
            elif routed is not None:
                status = f"routed to {routed.backend_name}"
            else:
                status = f"unavailable: {deck.unavailable.get(model, 'not routed here')}"
            costs = ", ".join(f"{key} {value:g}" for key, value in spec.costs.items()) or "-"
            line = f"{model:<24} {name:<14} {spec.sdk:<10} {spec.model_id:<32} {costs:<24} {status}"
            stdout.out(line, highlight=False)


def _why_not_live(setup: InferenceSetup, backend_name: str) -> str | None:
    """Why ``backend_name`` cannot be asked for its models, or ``None`` when it can."""
    from pipelex.cli.validate_inference_cmd import routed_backend_sdks

    backend = setup.deck.backends[backend_name]
    if not backend.enabled:
        return "it is disabled in backends.toml"
    sdks = [sdk for name, sdk in routed_backend_sdks(setup) if name == backend_name]
    if not sdks:
        return "it serves no routed model"
    if not any(setup.listers is not None and setup.listers.get(sdk) is not None for sdk in sdks):
        return "its plugin cannot list models"
    missing = backend.missing_env_vars.get("api_key")
    if not backend.api_key and missing:
        return f"{', '.join(missing)} is not set"
    return None


def _list_live(setup: InferenceSetup, backend_name: str | None) -> None:
    from pipelex.cli.validate_inference_cmd import routed_backend_sdks
    from pipelex.cogt.exceptions import ModelListingUnsupportedError

    pairs = [(name, sdk) for name, sdk in routed_backend_sdks(setup) if backend_name in (None, name)]
    if backend_name is not None and not pairs:
        fail(f"backend `{backend_name}` is disabled or serves no routed model: nothing to ask")
    any_listed = False
    for name, sdk in pairs:
        lister = setup.listers.get(sdk) if setup.listers is not None else None
        if lister is None:
            stdout.out(f"{name} ({sdk}): unsupported for listing", highlight=False)
            continue
        try:
            with user_errors():
                asyncio.run(
                    lister(
                        sdk=sdk, backend_name=name, backend=setup.deck.backends[name], flat=False, any_listed=any_listed
                    )
                )
        except ModelListingUnsupportedError:
            stdout.out(f"{name} ({sdk}): unsupported for listing", highlight=False)
            continue
        any_listed = True


@show_app.command("routing")
def show_routing(
    name: Annotated[str, typer.Argument(help="a preset, alias or model, as a pipe writes it ($preset, @alias, ...)")],
    output_format: Annotated[ShowFormat, typer.Option("--format", "-f", help="text or json")] = ShowFormat.text,
) -> None:
    """Explain one routing decision: which model, backend, rule, sdk, model id and settings NAME leads to."""
    from pipelex.engine.routing_explanation import explain_routing

    setup = _setup()
    with user_errors():
        decision = explain_routing(setup.deck, name)
    if output_format is ShowFormat.json:
        stdout.out(json.dumps(decision.as_json(), indent=2), highlight=False)
        return
    routing = setup.deck.routing
    profile = f" (profile `{routing.active}`)" if routing is not None else ""
    rows = [
        ("requested", decision.requested),
        ("model", decision.model),
        ("backend", decision.backend or "-"),
        ("rule", f"{decision.rule}{profile}"),
        ("sdk", decision.sdk or "-"),
        ("model_id", decision.model_id or "-"),
        ("settings", ", ".join(f"{key} = {value}" for key, value in decision.settings.items()) or "-"),
    ]
    if decision.fallbacks:
        rows.append(("fallbacks", ", ".join(decision.fallbacks)))
    rows.append(("status", "usable" if decision.reason is None else f"cannot be used: {decision.reason}"))
    for label, value in rows:
        stdout.out(f"{label:<10} {value}", highlight=False)
