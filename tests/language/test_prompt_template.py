from __future__ import annotations

import pytest

from pipelex.language.prompt_template import TemplateRenderError, TemplateSyntaxProblem, parse_template


def test_sigils_render_inline_and_as_blocks() -> None:
    template = parse_template("Hi $user.name!\n@doc\n@?extra")
    assert [variable.path for variable in template.variables] == ["user.name", "doc", "extra"]
    assert template.render({"user": {"name": "Ann"}, "doc": "the text"}) == "Hi Ann!\n<doc>\nthe text\n</doc>"


def test_lists_and_objects() -> None:
    template = parse_template("$items\n@items")
    rendered = template.render({"items": [{"a": 1}, {"a": 2}]})
    assert rendered == '[{"a": 1}, {"a": 2}]\n<items>\na: 1\n\na: 2\n</items>'


def test_emails_and_prices_are_not_variables() -> None:
    template = parse_template("Write to ann@example.com about the $ 10 fee, $$ and a trailing $.")
    assert template.variables == ()


def test_raw_jinja_variables_are_collected_but_loop_variables_are_not() -> None:
    template = parse_template("{% for row in rows %}{{ row.x }}{% endfor %} {{ title | upper }}")
    assert sorted(variable.root for variable in template.variables) == ["rows", "title"]


def test_sandbox_refuses_unsafe_attribute_access() -> None:
    template = parse_template("{{ text.__class__.__mro__ }}")
    with pytest.raises(TemplateRenderError):
        template.render({"text": "x"})


def test_missing_field_is_a_render_error() -> None:
    with pytest.raises(TemplateRenderError, match="no attribute 'nope'"):
        parse_template("$user.nope").render({"user": {"name": "Ann"}})


def test_syntax_error_is_located_by_line() -> None:
    with pytest.raises(TemplateSyntaxProblem) as caught:
        parse_template("line one\n{% if x %}never closed")
    assert caught.value.offset is not None


def test_fields_named_like_dict_methods_are_the_fields() -> None:
    template = parse_template("items=$x.items keys={{ x.keys }} values=@x.values get={{ x['get'] }}")
    rendered = template.render({"x": {"items": "3 apples", "keys": "K", "values": "V", "get": "G"}})
    assert rendered == "items=3 apples keys=K values=<x.values>\nV\n</x.values> get=G"


@pytest.mark.parametrize(
    "source",
    [
        "{{ 1/0 }}",
        "{{ range(10**9) | list }}",
        "{% include 'x' %}",
        "{{ '%d' | format(t) }}",
        "{{ t | wordwrap(0) }}",
        "{{ 'x' * 10**10 }}",
        "{{ [1] * 10000000 }}",
        "{{ 2 ** 100000000 }}",
    ],
)
def test_runtime_failures_are_render_errors(source: str) -> None:
    with pytest.raises(TemplateRenderError):
        parse_template(source).render({"t": "text"})


def test_raw_blocks_are_not_rewritten() -> None:
    template = parse_template("{% raw %}ping @channel about $HOME{% endraw %} for $who")
    assert [variable.root for variable in template.variables] == ["who"]
    assert template.render({"who": "Ann"}) == "ping @channel about $HOME for Ann"


def test_optional_variable_also_read_by_raw_jinja_is_required() -> None:
    assert parse_template("$t @?it {% if it %}x{% endif %}").optional_roots == set()
    assert parse_template("$t @?it {{ it.name }}").optional_roots == set()
    assert parse_template("$t @?it").optional_roots == {"it"}
