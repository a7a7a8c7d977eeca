"""A fake OpenAI server on 127.0.0.1 speaking the chat completions wire format.

It answers ``POST /v1/chat/completions`` like the real API (and Azure OpenAI's
``POST /openai/deployments/{deployment}/chat/completions?api-version=...``): a text answer, or, when the request has a
``json_schema`` response format, a JSON document valid against that schema. Every request is recorded
(path, headers, body) so tests can assert on what the SDK sent. Scripted failures (status, body,
headers) can be queued. It serves requests concurrently (one thread per connection, keep-alive), can
answer after a delay (``delay_s``, to mimic a provider's latency) and counts the requests in flight
(``max_in_flight``). Run it alone with ``python -m tests.fakes.fake_openai --port 8765 --delay-ms 200``.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class ScriptedResponse:
    status: int
    body: dict[str, Any] | str
    headers: dict[str, str] = field(default_factory=dict)


def value_for_schema(schema: dict[str, Any], defs: dict[str, Any], name: str = "value") -> Any:  # noqa: PLR0911
    """A deterministic value valid against a (strict, OpenAI-style) JSON schema."""
    if "$ref" in schema:
        return value_for_schema(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, name)
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"] or schema["anyOf"]
        return value_for_schema(options[0], defs, name)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((item for item in kind if item != "null"), "null")
    if kind == "object":
        return {key: value_for_schema(sub, defs, key) for key, sub in schema.get("properties", {}).items()}
    if kind == "array":
        count = schema.get("minItems", 2)
        return [value_for_schema(schema.get("items", {}), defs, f"{name}_{index}") for index in range(count)]
    if kind == "integer":
        return 3
    if kind == "number":
        return 42.5
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return f"fake {name}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # many clients connect at once in the concurrency benchmark


class FakeOpenAIServer:
    """Start with ``with FakeOpenAIServer() as server:``; ``server.base_url`` ends in ``/v1``.

    Args:
        port: 0 for any free port.
        delay_s: how long each answer takes.
    """

    def __init__(self, port: int = 0, delay_s: float = 0.0) -> None:
        self.requests: list[RecordedRequest] = []
        self.scripted: list[ScriptedResponse] = []
        self.model_ids: list[str] = ["gpt-4o-mini", "gpt-4o"]
        self.delay_s = delay_s
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", port), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def azure_endpoint(self) -> str:
        """The root URL, as an Azure OpenAI resource's endpoint (``https://NAME.openai.azure.com``)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def script(self, status: int, body: dict[str, Any] | str, headers: dict[str, str] | None = None) -> None:
        """Answer the next request with this response instead of a normal completion."""
        with self._lock:
            self.scripted.append(ScriptedResponse(status, body, headers or {}))

    def answer(self, request: RecordedRequest) -> ScriptedResponse:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay_s > 0:
                time.sleep(self.delay_s)
            return self._answer(request)
        finally:
            with self._lock:
                self.in_flight -= 1

    def _answer(self, request: RecordedRequest) -> ScriptedResponse:
        with self._lock:
            self.requests.append(request)
            if self.scripted:
                return self.scripted.pop(0)
        if request.path.startswith("/openai/"):
            return azure_answer(request, self.model_ids)
        if request.path.rstrip("/") == "/v1/models":
            data = [
                {"id": model_id, "object": "model", "created": 0, "owned_by": "fake"} for model_id in self.model_ids
            ]
            return ScriptedResponse(200, {"object": "list", "data": data})
        if request.path.rstrip("/") == "/v1/images/generations":
            return ScriptedResponse(200, images_answer(request.body))
        if request.path.rstrip("/") != "/v1/chat/completions":
            return ScriptedResponse(
                404, {"error": {"message": f"no route {request.path}", "type": "invalid_request_error"}}
            )
        return ScriptedResponse(200, completion(request.body))

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like a real provider
            disable_nagle_algorithm = True  # else headers and body wait on delayed ACKs (40 ms a request)

            def do_GET(self) -> None:
                headers = {key.lower(): value for key, value in self.headers.items()}
                self._send(server.answer(RecordedRequest(self.path, headers, {})))

            def _send(self, response: ScriptedResponse) -> None:
                payload = response.body if isinstance(response.body, str) else json.dumps(response.body)
                self.send_response(response.status)
                self.send_header("content-type", "application/json")
                for key, value in response.headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(payload.encode())))
                self.end_headers()
                self.wfile.write(payload.encode())

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {"_unparsed": raw.decode("utf-8", "replace")}
                request = RecordedRequest(self.path, {key.lower(): value for key, value in self.headers.items()}, body)
                self._send(server.answer(request))

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


_AZURE_CHAT_PATH = re.compile(r"^/openai/deployments/(?P<deployment>[^/]+)/chat/completions$")


def images_answer(body: dict[str, Any]) -> dict[str, Any]:
    """An images.generate answer: ``n`` small PNGs, base64, with gpt-image-1's usage fields."""
    import base64

    from pipelex.core.png import mock_png

    count = body.get("n", 1) if isinstance(body.get("n", 1), int) else 1
    picture = base64.b64encode(mock_png()).decode("ascii")
    return {
        "created": 0,
        "data": [{"b64_json": picture} for _ in range(count)],
        "usage": {
            "input_tokens": 10,
            "output_tokens": 1056 * count,
            "total_tokens": 10 + 1056 * count,
            "input_tokens_details": {"text_tokens": 10, "image_tokens": 0},
        },
    }


def azure_answer(request: RecordedRequest, model_ids: list[str]) -> ScriptedResponse:
    """Azure OpenAI's routes: every call needs ``?api-version=``; the deployment is in the path."""
    parts = urlsplit(request.path)
    if not parse_qs(parts.query).get("api-version"):
        return ScriptedResponse(404, {"error": {"code": "404", "message": "Resource not found"}})
    if parts.path.rstrip("/") == "/openai/models":
        data = [{"id": model_id, "object": "model", "created_at": 0} for model_id in model_ids]
        return ScriptedResponse(200, {"object": "list", "data": data})
    if _AZURE_CHAT_PATH.match(parts.path) is None:
        message = "The API deployment for this resource does not exist."
        return ScriptedResponse(404, {"error": {"code": "DeploymentNotFound", "message": message}})
    return ScriptedResponse(200, completion(request.body))


def completion(body: dict[str, Any]) -> dict[str, Any]:
    """A chat completion answering ``body``."""
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
        answer = f"fake answer to: {' '.join(str(content).split())[:60]}"
    prompt_tokens = max(1, len(str(content)) // 4)
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "unknown"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer, "refusal": None},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": 7, "total_tokens": prompt_tokens + 7},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--delay-ms", type=float, default=0.0)
    arguments = parser.parse_args()
    with FakeOpenAIServer(arguments.port, arguments.delay_ms / 1000) as server:
        print(f"fake OpenAI server on {server.base_url}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
