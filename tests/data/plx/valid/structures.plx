domain = "structures"
description = "Inline structures with every field type of the subset"

[concept.Candidate]
description = "A job candidate"

[concept.Candidate.structure]
name = "Full name"
years_of_experience = { type = "integer", description = "Years of experience" }
score = { type = "number", description = "Fit, from 0 to 1" }
is_available = { type = "boolean", description = "Available now", required = false }
seniority = { type = "text", choices = ["junior", "mid", "senior"] }
notes = { type = "text", description = "Free notes", default_value = "none" }

[concept.Shortlist]
description = "Candidates worth an interview"
refines = "Text"

[pipe.assess]
type = "PipeLLM"
description = "Assess candidates from their CVs"
inputs = { cvs = "Text[]" }
output = "Candidate[2]"
prompt = "Assess each of these CVs:\n@cvs"

[pipe.shortlist]
type = "PipeLLM"
description = "Write the shortlist"
inputs = { candidates = "Candidate[]" }
output = "Shortlist"
model = { model = "gpt-4o-mini", temperature = 0.2, max_tokens = "auto" }
prompt = """
{% for candidate in candidates %}- $candidates is long; {{ candidate.name }} ({{ candidate.seniority }})
{% endfor %}
"""

[pipe.flow]
type = "PipeSequence"
description = "Assess then shortlist"
inputs = { cvs = "Text[]" }
output = "Shortlist"
steps = [
    { pipe = "assess", result = "candidates" },
    { pipe = "shortlist" },
]
