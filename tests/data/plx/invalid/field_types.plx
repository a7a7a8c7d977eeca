domain = "hr"

[concept.Team]
description = "A team"

[concept.Team.structure]
name = { type = "text", desciption = "Its name" }
founded = { type = "date", required = true, default_value = 2020-01-01 }
size = { type = "integer", default_value = 2.5 }
kickoff = { type = "date", default_value = "next monday" }
tags = { type = "list", item_type = "text", default_value = ["a", 2] }
budget = { type = "dict", key_type = "text", value_type = "number", default_value = { q1 = "high" } }
lead = { type = "concept", concept_ref = "Persn" }
members = { type = "list", item_type = "concept" }
rooms = { type = "list", item_type = "text", item_concept_ref = "Room" }
floor = { type = "integer", key_type = "text" }
mood = { type = "emotion" }
owner = { type = "concept", concept_ref = "Person", default_value = "nobody" }
partners = { type = "concept", concept_ref = "Team[]" }

[concept.Person]
description = "A person"

[concept.Person.structure]
name = "Full name"
desk = { type = "concept", concept_ref = "Desk" }

[concept.Desk]
description = "A desk"

[concept.Desk.structure]
owner = { type = "concept", concept_ref = "Person", description = "Who sits there" }
