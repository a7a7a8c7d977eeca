domain = "captions"

[concept]
Caption = "A caption for a photo"

[pipe.write_caption]
type = "PipeLLM"
description = "Caption one photo description"
inputs = { photo_description = "Text" }
output = "Caption"
prompt = "Write a caption for: $photo_description"

[pipe.caption_all]
type = "PipeBatch"
description = "Caption every photo"
inputs = { photo_descriptions = "Text[]" }
output = "Caption"
branch_pipe_code = "write_caption"
input_list_name = "photo_descriptions"
input_item_name = "photo_description"

[pipe.first_caption]
type = "PipeSequence"
description = "Caption the photos, keep the list"
inputs = { photo_descriptions = "Text[]" }
output = "Caption"
steps = [{ pipe = "caption_all", result = "captions" }]
