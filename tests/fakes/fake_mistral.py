"""A fake Mistral server on 127.0.0.1 speaking Mistral's wire format.

``POST /v1/chat/completions`` answers like the real API (``usage``, ``created`` and the other fields the
mistralai SDK requires); with a ``json_schema`` response format the content is JSON valid against the schema.
``POST /v1/ocr`` answers one page per page of the document (an image is one page), each with the
markdown ``"# page N"`` and, when ``include_image_base64`` is set, one embedded PNG as a data URL.
``GET /v1/models`` lists ``model_ids``. Requests are recorded; failures can be scripted (``error_body`` gives
Mistral's error shape). ``base_url`` has no ``/v1``: the SDK adds it.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

from pipelex.core.png import mock_png
from pipelex.plugins.mock.mock_extract_worker import count_pages
from tests.fakes.fake_openai import FakeOpenAIServer, RecordedRequest, ScriptedResponse, value_for_schema


def error_body(message: str, kind: str = "invalid_request_error") -> dict[str, Any]:
    """Mistral's error body."""
    return {"object": "error", "message": message, "type": kind, "param": None, "code": None}


class FakeMistralServer(FakeOpenAIServer):
    """Start with ``with FakeMistralServer() as server:``."""

    def __init__(self, port: int = 0) -> None:
        super().__init__(port)
        self.model_ids = ["mistral-large-latest", "mistral-ocr-latest"]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def answer(self, request: RecordedRequest) -> ScriptedResponse:
        with self._lock:
            self.requests.append(request)
            if self.scripted:
                return self.scripted.pop(0)
        path = request.path.rstrip("/")
        if path == "/v1/models":
            data = [
                {
                    "id": model_id,
                    "object": "model",
                    "created": 0,
                    "owned_by": "mistralai",
                    "type": "base",
                    "capabilities": {"completion_chat": True, "ocr": "ocr" in model_id},
                }
                for model_id in self.model_ids
            ]
            return ScriptedResponse(200, {"object": "list", "data": data})
        if path == "/v1/chat/completions":
            return ScriptedResponse(200, chat_completion(request.body))
        if path == "/v1/ocr":
            return ScriptedResponse(200, ocr_answer(request.body))
        return ScriptedResponse(404, {"detail": "Not Found"})


def chat_completion(body: dict[str, Any]) -> dict[str, Any]:
    messages = body.get("messages", [])
    user = next((message for message in reversed(messages) if message.get("role") == "user"), {})
    content = user.get("content", "")
    if isinstance(content, list):
        content = " ".join(part.get("text", "") for part in content if isinstance(part, dict))
    response_format = body.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        schema = response_format["json_schema"]["schema"]
        answer = json.dumps(value_for_schema(schema, schema.get("$defs", {})))
    else:
        answer = f"fake mistral answer to: {' '.join(str(content).split())[:60]}"
    prompt_tokens = max(1, len(str(content)) // 4)
    return {
        "id": "cmpl-fake",
        "object": "chat.completion",
        "model": body.get("model", "unknown"),
        "created": int(time.time()),
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": 9, "total_tokens": prompt_tokens + 9},
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer, "tool_calls": None},
                "finish_reason": "stop",
            }
        ],
    }


def ocr_answer(body: dict[str, Any]) -> dict[str, Any]:
    document = body.get("document", {})
    url = document.get("document_url") or document.get("image_url") or ""
    if isinstance(url, dict):
        url = url.get("url", "")
    header, _, encoded = url.partition(",")
    count = count_pages(base64.b64decode(encoded), "application/pdf" in header)
    with_images = bool(body.get("include_image_base64"))
    image = f"data:image/png;base64,{base64.b64encode(mock_png()).decode()}"
    pages = [
        {
            "index": index,
            "markdown": f"# page {index + 1}\n\n![img-{index}.png](img-{index}.png)",
            "images": [
                {
                    "id": f"img-{index}.png",
                    "top_left_x": 0,
                    "top_left_y": 0,
                    "bottom_right_x": 10,
                    "bottom_right_y": 10,
                    **({"image_base64": image} if with_images else {}),
                }
            ],
            "dimensions": {"dpi": 200, "height": 2200, "width": 1700},
        }
        for index in range(count)
    ]
    return {"pages": pages, "model": body.get("model", "unknown"), "usage_info": {"pages_processed": count}}
