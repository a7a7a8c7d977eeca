domain = "types"

[concept.Thing]
description = "A thing"

[concept.Thing.structure]
a = "A field"

[pipe.describe]
type = "PipeLLM"
description = "Describe a thing"
inputs = { item = "Thing" }
output = "Text"
prompt = "Describe $item.a"

[pipe.count]
type = "PipeLLM"
description = "Count"
inputs = { text = "Text" }
output = "Number"
prompt = "How many words in @text?"

[pipe.flow]
type = "PipeSequence"
description = "Feeds a number where a thing is expected, and a list where one text is expected"
inputs = { texts = "Text[]" }
output = "Thing"
steps = [
    { pipe = "count", batch_over = "texts", batch_as = "text", result = "item" },
    { pipe = "describe", result = "description" },
    { pipe = "count", result = "n" },
]
