domain = "pipeline"

[pipe.process]
type = "PipeSequence"
description = "Will process documents, one day"
inputs = { document = "Text" }
output = "Text"
steps = []
