domain = "loops"

[pipe.ping]
type = "PipeSequence"
description = "Calls pong, which calls ping"
inputs = { ball = "Text" }
output = "Text"
steps = [{ pipe = "pong", result = "ball" }]

[pipe.pong]
type = "PipeSequence"
description = "Calls ping back"
inputs = { ball = "Text" }
output = "Text"
steps = [{ pipe = "ping", result = "ball" }]
