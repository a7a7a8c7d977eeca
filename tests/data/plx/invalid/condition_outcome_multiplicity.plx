domain = "quiz"

[concept]
Question = "A quiz question"

[pipe.one_hard_question]
type = "PipeLLM"
description = "Write one hard question"
inputs = { topic = "Text", level = "Text" }
output = "Question"
prompt = "Write one hard question about $topic for a $level player."

[pipe.easy_questions]
type = "PipeLLM"
description = "Write a few easy questions"
inputs = { topic = "Text" }
output = "Question[3]"
prompt = "Write {{ _nb_output }} easy questions about $topic."

[pipe.make_quiz]
type = "PipeCondition"
description = "Questions that fit the player's level"
inputs = { topic = "Text", level = "Text" }
output = "Question"
expression = "level.text"
outcomes = { expert = "one_hard_question", beginner = "easy_questions" }
default_outcome = "fail"
