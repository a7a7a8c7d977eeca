domain = "steps"

[pipe.first]
type = "PipeCompose"
description = "Greet"
inputs = { name = "Text" }
output = "Text"
template = "Hello $name"

[pipe.flow]
type = "PipeSequence"
description = "Calls a pipe that does not exist"
inputs = { name = "Text" }
output = "Text"
steps = [
    { pipe = "frist", result = "greeting" },
    { pipe = "second", result = "done" },
]
