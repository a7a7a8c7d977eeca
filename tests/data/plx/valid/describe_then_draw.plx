domain = "drawing"
description = "Write an image prompt with an LLM, then draw it"
main_pipe = "illustrate"

[concept.SceneBrief]
description = "A prompt for an image generator"
refines = "ImgGenPrompt"

[pipe.illustrate]
type = "PipeSequence"
description = "Describe a scene, then draw two versions"
inputs = { topic = "Text" }
output = "Image[2]"
steps = [
    { pipe = "describe_scene", result = "brief" },
    { pipe = "draw_scene", result = "pictures" },
]

[pipe.describe_scene]
type = "PipeLLM"
description = "Write the image prompt"
inputs = { topic = "Text" }
output = "SceneBrief"
prompt = "Describe, in one sentence, a picture about $topic."

[pipe.draw_scene]
type = "PipeImgGen"
description = "Draw the scene (the brief is the prompt)"
inputs = { brief = "SceneBrief" }
output = "Image[2]"
negative_prompt = "text, watermark"
aspect_ratio = "landscape_4_3"
