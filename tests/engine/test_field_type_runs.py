"""Runs with every field type: inputs with ISO dates, templates reading nested fields, readable results."""

from __future__ import annotations

from pathlib import Path

from pipelex import Pipelex

FIELD_TYPES = Path(__file__).resolve().parent.parent / "data" / "plx" / "valid" / "field_types.plx"

MEETING = {
    "title": "Planning",
    "starts_at": "2025-03-04T09:30:00",
    "organizer": {"name": "Ada", "nicknames": ["A"], "skills": {"math": 5}, "reports": []},
    "attendees": [{"name": "Grace", "nicknames": [], "skills": {}, "reports": []}],
    "kind": "review",
}


def test_a_structured_input_with_dates_renders_in_a_template() -> None:
    px = Pipelex.load(FIELD_TYPES)
    output = px.run_sync("announce", inputs={"meeting": MEETING})
    assert output.main_text == "Planning (review) on 2025-03-04T09:30:00, organized by Ada"


def test_a_structured_result_renders_as_readable_text() -> None:
    px = Pipelex.load(FIELD_TYPES)
    output = px.run_sync("announce", inputs={"meeting": MEETING})
    meeting = output.working_memory.get("meeting")
    assert meeting is not None
    assert meeting.as_text() == "\n".join(
        [
            "title: Planning",
            "starts_at: 2025-03-04T09:30:00",
            "day_off: 2025-12-25",
            "deadline: 2026-01-31",
            "organizer:",
            "  name: Ada",
            "  born: (none)",
            "  nicknames:",
            "    - A",
            "  skills:",
            "    math: 5",
            "  manager: (none)",
            "  reports: (none)",
            "attendees:",
            "  - name: Grace",
            "    born: (none)",
            "    nicknames: (none)",
            "    skills: (none)",
            "    manager: (none)",
            "    reports: (none)",
            "kind: review",
            "room_by_floor:",
            "  1: Lobby",
            "ratings: (none)",
            "confirmed: false",
            "duration_minutes: (none)",
        ]
    )


def test_the_whole_flow_runs_dry_with_mocked_nested_values() -> None:
    px = Pipelex.load(FIELD_TYPES)
    output = px.run_sync("plan_and_announce", dry_run=True)
    assert ", organized by " in output.main_text
    planned = output.working_memory.get("meeting")
    assert planned is not None
    assert planned.plain()["kind"] in ("standup", "review", "retro")
