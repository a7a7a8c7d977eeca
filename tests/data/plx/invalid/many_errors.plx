domain = "many"
description = "Several problems, all reported in one run"

[concept]
Report = "A report"

[pipe.write]
type = "PipeLLM"
description = "Unknown concept, undeclared variable"
inputs = { topic = "Topic" }
output = "Reprot"
prompt = "Write about $topic for $audience"

[pipe.render]
type = "PipeComposer"
description = "Unknown pipe type"
output = "Text"

[pipe.flow]
type = "PipeSequence"
description = "Unknown step"
inputs = { topic = "Text" }
output = "Report"
steps = [{ pipe = "writ", result = "report" }]
