domain = "brainstorm"
description = "Older ways to ask for several outputs"

[concept]
Idea = "An idea"

[pipe.three_ideas]
type = "PipeLLM"
description = "Three ideas (older spelling, still works)"
inputs = { topic = "Text" }
output = "Idea"
nb_output = 3
prompt = "Give ideas about $topic"

[pipe.some_ideas]
type = "PipeLLM"
description = "Some ideas (older spelling, still works)"
inputs = { topic = "Text" }
output = "Idea"
multiple_output = true
prompt = "Give ideas about $topic"

[pipe.no_ideas]
type = "PipeLLM"
description = "Zero is not a count"
inputs = { topic = "Text" }
output = "Idea"
nb_output = 0
prompt = "Give ideas about $topic"

[pipe.twice]
type = "PipeLLM"
description = "Both spellings at once"
inputs = { topic = "Text" }
output = "Idea[]"
nb_output = 2
prompt = "Give ideas about $topic"
