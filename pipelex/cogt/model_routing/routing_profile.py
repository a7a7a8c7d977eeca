"""Routing profiles: which backend serves which model.

A route's pattern is exact (``gpt-4o``), a prefix (``gpt-*``), a suffix (``*-turbo``) or a
contains pattern (``*-vision-*``). Precedence is deterministic: an exact match wins; otherwise the
matching pattern with the most literal characters wins; among equally specific patterns, the one
declared first. When nothing matches, ``default``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelex.cogt.config_values import get_str, get_table
from pipelex.exceptions import ConfigurationError


@dataclass(frozen=True, slots=True)
class Route:
    pattern: str
    backend: str

    def matches(self, model_name: str) -> bool:
        core = self.pattern.strip("*")
        starts = self.pattern.startswith("*")
        ends = self.pattern.endswith("*")
        if starts and ends:
            return core in model_name
        if ends:
            return model_name.startswith(core)
        if starts:
            return model_name.endswith(core)
        return model_name == self.pattern

    @property
    def is_exact(self) -> bool:
        return "*" not in self.pattern

    @property
    def specificity(self) -> int:
        return len(self.pattern.replace("*", ""))


@dataclass(frozen=True)
class RoutingProfile:
    """A named set of routes with a default backend."""

    name: str
    default: str | None
    routes: tuple[Route, ...] = ()
    description: str = ""

    def route(self, model_name: str) -> tuple[str | None, str]:
        """The backend for ``model_name`` and the rule that chose it (a pattern, or ``default``)."""
        best: Route | None = None
        for route in self.routes:
            if not route.matches(model_name):
                continue
            if route.is_exact:
                return route.backend, route.pattern
            if best is None or route.specificity > best.specificity:
                best = route
        if best is not None:
            return best.backend, best.pattern
        return self.default, "default"


@dataclass(frozen=True)
class RoutingProfileLibrary:
    """Every profile of ``routing_profiles.toml``, and which one is active."""

    active: str
    profiles: dict[str, RoutingProfile]
    path: Path

    @property
    def active_profile(self) -> RoutingProfile:
        return self.profiles[self.active]


def load_routing_profile(document: Mapping[str, Any], path: Path) -> RoutingProfile:
    """The active profile of a ``routing_profiles.toml`` document."""
    return load_routing_profiles(document, path).active_profile


def load_routing_profiles(document: Mapping[str, Any], path: Path) -> RoutingProfileLibrary:
    """Every profile of a ``routing_profiles.toml`` document, checked.

    Raises:
        ConfigurationError: located at the offending key.
    """
    where = str(path)
    try:
        active = get_str(document, "active", where)
        profiles = get_table(document, "profiles", where)
    except ConfigurationError as error:
        raise error.at(path, "active" if "`active`" in str(error) else "profiles") from None
    if active is None:
        raise ConfigurationError(
            f"{where}: `active` must name one of the profiles: {', '.join(profiles) or 'none'}"
        ).at(path, "profiles")
    if not isinstance(profiles.get(active), dict):
        known = ", ".join(f"`{name}`" for name in profiles) or "none"
        raise ConfigurationError(f"{where}: the active profile `{active}` is not defined (defined: {known})").at(
            path, "active"
        )
    loaded: dict[str, RoutingProfile] = {}
    for name, table in profiles.items():
        if not isinstance(table, dict):
            raise ConfigurationError(f"{where}: [profiles] `{name}` must be a table").at(path, "profiles", name)
        loaded[name] = _read_profile(name, table, path)
    return RoutingProfileLibrary(active, loaded, path)


def _read_profile(name: str, table: Mapping[str, Any], path: Path) -> RoutingProfile:
    profile_where = f"{path} [profiles.{name}]"
    try:
        routes_table = get_table(table, "routes", profile_where)
        default = get_str(table, "default", profile_where)
        description = get_str(table, "description", profile_where) or ""
    except ConfigurationError as error:
        key = next((key for key in ("routes", "default", "description") if f"`{key}`" in str(error)), "")
        raise error.at(path, "profiles", name, key) from None
    routes: list[Route] = []
    for pattern, backend in routes_table.items():
        if not isinstance(backend, str):
            raise ConfigurationError(f"{profile_where}: route `{pattern}` must name a backend").at(
                path, "profiles", name, "routes", pattern
            )
        if "*" in pattern.strip("*"):
            raise ConfigurationError(f"{profile_where}: route `{pattern}` may only have `*` at its start or end").at(
                path, "profiles", name, "routes", pattern
            )
        routes.append(Route(pattern, backend))
    return RoutingProfile(name=name, default=default, routes=tuple(routes), description=description)
