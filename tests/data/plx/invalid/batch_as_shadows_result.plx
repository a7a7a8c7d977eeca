domain = "research"

[concept]
Question = "A research question"
Answer = "An answer to a research question"

[pipe.list_questions]
type = "PipeLLM"
description = "List the questions a topic raises"
inputs = { topic = "Text" }
output = "Question[]"
prompt = "List the open questions about $topic."

[pipe.answer_question]
type = "PipeLLM"
description = "Answer one question"
inputs = { topic = "Question" }
output = "Answer"
prompt = "Answer briefly: $topic"

[pipe.research]
type = "PipeSequence"
description = "Answer every question about a topic"
inputs = { topic = "Text" }
output = "Answer[]"
steps = [
    { pipe = "list_questions", result = "questions" },
    { pipe = "answer_question", batch_over = "questions", batch_as = "topic", result = "answers" },
]
