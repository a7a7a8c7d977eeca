domain = "field_types"
description = "Every field type of inline structures: dates, lists, dicts, nested concepts, an optional cycle"

[concept.Person]
description = "A person"

[concept.Person.structure]
name = "Full name"
born = { type = "date", description = "Birth date", required = false }
nicknames = { type = "list", item_type = "text", description = "Other names" }
skills = { type = "dict", key_type = "text", value_type = "integer", description = "Level by skill" }
manager = { type = "concept", concept_ref = "Person", required = false, description = "Their manager, if any" }
reports = { type = "list", item_concept_ref = "Person", description = "People who report to them" }

[concept.Meeting]
description = "A meeting"

[concept.Meeting.structure]
title = "What it is about"
starts_at = { type = "datetime", description = "When it starts" }
day_off = { type = "date", default_value = 2025-12-25 }
deadline = { type = "date", default_value = "2026-01-31" }
organizer = { type = "concept", concept_ref = "field_types.Person" }
attendees = { item_type = "concept", item_concept_ref = "Person" }
kind = { choices = ["standup", "review", "retro"] }
room_by_floor = { type = "dict", key_type = "integer", value_type = "text", default_value = { 1 = "Lobby" } }
ratings = { type = "list", item_type = "number", default_value = [] }
confirmed = { type = "boolean", default_value = false }
duration_minutes = { type = "integer", required = false }

[pipe.plan_meeting]
type = "PipeLLM"
description = "Plan a meeting from a brief"
inputs = { brief = "Text" }
output = "Meeting"
prompt = "Plan this meeting: $brief"

[pipe.announce]
type = "PipeCompose"
description = "Announce a meeting"
inputs = { meeting = "Meeting" }
output = "Text"
template = "$meeting.title ($meeting.kind) on {{ meeting.starts_at }}, organized by {{ meeting.organizer.name }}"

[pipe.plan_and_announce]
type = "PipeSequence"
description = "Plan a meeting, then announce it"
inputs = { brief = "Text" }
output = "Text"
steps = [
    { pipe = "plan_meeting", result = "meeting" },
    { pipe = "announce", result = "announcement" },
]
