domain = "greetings"

[pipe.say_hello]
description = "Greet someone by name"
inputs = { name = "Text" }
output = "Text"
prompt = "Write a one-line greeting for $name."
