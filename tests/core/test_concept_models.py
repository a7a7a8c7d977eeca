"""Inline structures become pydantic models: every field type, nested and recursive concepts, mocks."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from pipelex.core.concepts import Concept
from pipelex.core.mock_values import mock_instance
from pipelex.language.library_loader import load_library

FIELD_TYPES = Path(__file__).resolve().parent.parent / "data" / "plx" / "valid" / "field_types.plx"


@pytest.fixture(scope="module")
def concepts() -> dict[str, Concept]:
    library = load_library([str(FIELD_TYPES)])
    assert library.ok, library.diagnostics
    return {concept.code: concept for concept in library.concepts if concept.domain == "field_types"}


def _meeting_data() -> dict[str, object]:
    return {
        "title": "Planning",
        "starts_at": "2025-03-04T09:30:00",
        "organizer": {"name": "Ada", "nicknames": [], "skills": {"math": 5}, "reports": []},
        "attendees": [],
        "kind": "review",
    }


def test_iso_strings_become_dates_even_under_strict_validation(concepts: dict[str, Concept]) -> None:
    meeting = concepts["Meeting"].content_model().model_validate(_meeting_data(), strict=True)
    assert meeting.starts_at == datetime(2025, 3, 4, 9, 30)  # type: ignore[attr-defined]
    assert meeting.deadline == date(2026, 1, 31)  # type: ignore[attr-defined]  # the default, parsed
    assert meeting.day_off == date(2025, 12, 25)  # type: ignore[attr-defined]
    assert meeting.room_by_floor == {1: "Lobby"}  # type: ignore[attr-defined]
    assert meeting.confirmed is False  # type: ignore[attr-defined]
    assert meeting.duration_minutes is None  # type: ignore[attr-defined]


def test_nested_concepts_use_the_model_of_the_concept_they_name(concepts: dict[str, Concept]) -> None:
    meeting = concepts["Meeting"].content_model().model_validate(_meeting_data())
    person_model = concepts["Person"].content_model()
    assert isinstance(meeting.organizer, person_model)  # type: ignore[attr-defined]


def test_choices_and_wrong_values_are_refused(concepts: dict[str, Concept]) -> None:
    model = concepts["Meeting"].content_model()
    with pytest.raises(ValidationError, match="kind"):
        model.model_validate({**_meeting_data(), "kind": "party"})
    with pytest.raises(ValidationError, match="starts_at"):
        model.model_validate({**_meeting_data(), "starts_at": "soon"})


def test_dicts_accept_key_value_pairs_as_the_strict_schema_asks(concepts: dict[str, Concept]) -> None:
    person = (
        concepts["Person"]
        .content_model()
        .model_validate({"name": "Ada", "nicknames": [], "skills": [{"key": "math", "value": 5}], "reports": []})
    )
    assert person.skills == {"math": 5}  # type: ignore[attr-defined]
    schema = concepts["Person"].content_model().model_json_schema()
    assert schema["$defs"]["Person"]["properties"]["skills"]["type"] == "array"  # recursive: the root is a $ref


def test_an_optional_cycle_makes_a_recursive_model(concepts: dict[str, Concept]) -> None:
    model = concepts["Person"].content_model()
    boss = {"name": "Grace", "nicknames": [], "skills": {}, "reports": []}
    person = model.model_validate(
        {"name": "Ada", "nicknames": ["A"], "skills": {}, "manager": boss, "reports": [boss, boss]}
    )
    assert isinstance(person.manager, model)  # type: ignore[attr-defined]
    assert len(person.reports) == 2  # type: ignore[attr-defined]


def test_mocks_are_valid_and_deterministic(concepts: dict[str, Concept]) -> None:
    model = concepts["Meeting"].content_model()
    first = mock_instance(model, "seed")
    assert first.model_dump() == mock_instance(model, "seed").model_dump()
    model.model_validate(first.model_dump(mode="json"))
    assert isinstance(first.starts_at, datetime)  # type: ignore[attr-defined]
    assert first.kind in ("standup", "review", "retro")  # type: ignore[attr-defined]
