"""``pipelex validate inference [--ping]``: check the inference configuration, optionally against live backends."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import typer

from pipelex.cli.console import stdout, user_errors

if TYPE_CHECKING:
    from pipelex.cli.validate_cmd import DiagnosticFormat
    from pipelex.engine.config_diagnostic import SourceCache
    from pipelex.engine.inference_check import Finding
    from pipelex.engine.inference_setup import InferenceSetup
    from pipelex.language.diagnostics import Diagnostic


def validate_inference(output_format: DiagnosticFormat, *, ping: bool) -> None:
    """Load the configuration, run every check, print the findings; exit 1 when one is an error."""
    from pipelex.cli.validate_cmd import DiagnosticFormat, print_diagnostics
    from pipelex.engine.config_diagnostic import SourceCache
    from pipelex.engine.inference_check import check_inference
    from pipelex.engine.inference_setup import load_inference_setup
    from pipelex.language.diagnostic_render import summary_line

    with user_errors():
        setup = load_inference_setup()
    served = {sdk for _family, sdk in setup.registry.registered()}
    findings = check_inference(setup.deck, served, setup.config_dir)
    is_text = output_format is not DiagnosticFormat.json
    if is_text:
        stdout.out(describe_setup(setup), highlight=False)
    cache = SourceCache()
    diagnostics = [_diagnostic(finding, cache) for finding in findings]
    print_diagnostics(cache.sources, diagnostics, output_format, file_count=len(cache.sources))
    errors = sum(1 for diagnostic in diagnostics if diagnostic.is_error)
    if is_text:
        summary = summary_line(diagnostics, len(cache.sources)).replace(" in ", " in the inference configuration (", 1)
        summary = summary + ")" if diagnostics else "ok: the inference configuration is consistent"
        style = "bold red" if errors else ("bold yellow" if diagnostics else "bold green")
        stdout.print(summary, style=style)
    if ping:
        errors += ping_backends(setup)
    if errors:
        raise typer.Exit(1)


def describe_setup(setup: InferenceSetup) -> str:
    """``configuration: <dir> (project), active profile: native``."""
    origin = setup.source.origin.value if setup.source is not None else "project"
    routing = setup.deck.routing
    active = f", active routing profile: {routing.active}" if routing is not None else ""
    disabled = [name for name, backend in setup.deck.backends.items() if not backend.enabled]
    off = f"\ndisabled backends (their models are unavailable): {', '.join(disabled)}" if disabled else ""
    return f"configuration: {setup.config_dir} ({origin}){active}{off}"


def _diagnostic(finding: Finding, cache: SourceCache) -> Diagnostic:
    from pipelex.language.diagnostics import Diagnostic, DiagnosticKind

    span = cache.locate(finding.file, finding.key_path) if finding.file is not None else None
    kind = DiagnosticKind(finding.topic, finding.topic, finding.severity)
    return Diagnostic(kind, finding.message, str(finding.file or "inference configuration"), span)


def ping_backends(setup: InferenceSetup) -> int:
    """List the models of every enabled backend that has routed models; the number of failures."""
    from pipelex.cogt.exceptions import ModelListingUnsupportedError
    from pipelex.exceptions import PipelexError

    failures = 0
    any_listed = False
    for name, sdk in routed_backend_sdks(setup):
        backend = setup.deck.backends[name]
        lister = setup.listers.get(sdk) if setup.listers is not None else None
        if lister is None:
            stdout.out(f"ping {name} ({sdk}): unsupported for listing", highlight=False)
            continue
        try:
            asyncio.run(lister(sdk=sdk, backend_name=name, backend=backend, flat=False, any_listed=any_listed))
        except ModelListingUnsupportedError:
            stdout.out(f"ping {name} ({sdk}): unsupported for listing", highlight=False)
            continue
        except PipelexError as error:
            failures += 1
            stdout.print(f"ping {name} ({sdk}): failed: {error}", style="bold red", highlight=False)
            continue
        any_listed = True
        stdout.print(f"ping {name} ({sdk}): ok", style="bold green", highlight=False)
    return failures


def routed_backend_sdks(setup: InferenceSetup) -> list[tuple[str, str]]:
    """(backend, sdk) for every enabled backend and each sdk of the models routed to it, in file order."""
    deck = setup.deck
    pairs: dict[tuple[str, str], None] = {}
    for name, backend in deck.backends.items():
        if not backend.enabled:
            continue
        for model, spec in deck.backend_specs.get(name, {}).items():
            routed = deck.routing.active_profile.route(model)[0] if deck.routing is not None else name
            if routed == name:
                pairs[(name, spec.sdk)] = None
    return list(pairs)
