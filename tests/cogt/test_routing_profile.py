from __future__ import annotations

from pathlib import Path

import pytest

from pipelex.cogt.model_routing.routing_profile import Route, RoutingProfile, load_routing_profile
from pipelex.exceptions import ConfigurationError

PROFILE = RoutingProfile(
    name="mixed",
    default="gateway",
    routes=(
        Route("gpt-*", "openai"),
        Route("gpt-4o-*", "azure"),
        Route("*-mini", "cheap"),
        Route("*vision*", "vision"),
        Route("gpt-4o-mini", "exact"),
    ),
)


@pytest.mark.parametrize(
    ("model", "backend", "rule"),
    [
        ("gpt-4o-mini", "exact", "gpt-4o-mini"),  # exact wins over every pattern
        ("gpt-4o-audio", "azure", "gpt-4o-*"),  # the longer prefix is more specific
        ("gpt-5", "openai", "gpt-*"),
        ("o4-mini", "cheap", "*-mini"),
        ("llava-vision-7b", "vision", "*vision*"),
        ("claude-4", "gateway", "default"),
    ],
)
def test_precedence(model: str, backend: str, rule: str) -> None:
    assert PROFILE.route(model) == (backend, rule)


def test_ties_go_to_the_first_declared() -> None:
    profile = RoutingProfile("p", None, (Route("ab*", "first"), Route("*ab", "second")))
    assert profile.route("abab") == ("first", "ab*")


def test_unknown_active_profile_lists_the_defined_ones() -> None:
    with pytest.raises(ConfigurationError, match=r"active profile `nope` is not defined \(defined: `a`, `b`\)"):
        load_routing_profile({"active": "nope", "profiles": {"a": {}, "b": {}}}, Path("routing_profiles.toml"))


def test_star_in_the_middle_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="only have `\\*` at its start or end"):
        load_routing_profile({"active": "a", "profiles": {"a": {"routes": {"g*t": "x"}}}}, Path("r.toml"))
