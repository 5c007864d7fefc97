"""`describe --json`: one schema for every template, with template.toml's own key names."""

from __future__ import annotations

import json
import tomllib

import pytest

from jdwizard.cli import main
from jdwizard.template.library import all_templates, get_template

TEMPLATE_IDS = [template.id for template in all_templates()]
TOP_KEYS = {"id", "title", "version", "category", "summary", "origin", "folder", "help",
            "fields", "tips"}
FIELD_KEYS = {"name", "label", "question", "kind", "list", "hint", "required", "default",
              "sample"}


def describe(capsys: pytest.CaptureFixture[str], template_id: str) -> dict[str, object]:
    assert main(["describe", template_id, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_describe_json_gives_the_help_and_each_fields_default_and_sample(capsys, template_id):
    data = describe(capsys, template_id)
    template = get_template(template_id)
    raw = tomllib.loads((template.source / "template.toml").read_text("utf-8"))
    assert set(data) == TOP_KEYS
    assert (data["category"], data["summary"]) == (raw.get("category", "Other"), raw["summary"])
    assert data["origin"] == "built-in" and data["folder"] == str(template.source.parent)
    assert data["help"] == {
        "when_to_use": raw["help"]["when_to_use"].strip(),
        "personalize": raw["help"]["personalize"].strip(),
        "faq": [{"question": faq["question"].strip(), "answer": faq["answer"].strip()}
                for faq in raw["help"]["faq"]],
    }
    by_name = {entry["name"]: entry for entry in raw["fields"]}
    fields = data["fields"]
    assert isinstance(fields, list) and [f["name"] for f in fields] == list(template.field_names)
    for field, entry in zip(fields, template.fields, strict=True):
        assert set(field) == FIELD_KEYS
        assert field["list"] is entry.as_list and field["question"] == entry.question
        default = entry.default
        assert field["default"] == (list(default) if isinstance(default, tuple) else default)
        assert field["sample"] == entry.sample
        if "default" in by_name[entry.name]:  # as template.toml writes it: a text or a list
            assert field["default"] == by_name[entry.name]["default"]


def test_a_list_default_is_a_json_list_and_no_default_is_null(capsys, monkeypatch):
    """The schema for both kinds of default, whatever the built-in templates hold today."""
    import dataclasses

    from jdwizard.cli import templates

    template = get_template("backend-engineer")
    fields = list(template.fields)
    fields[0] = dataclasses.replace(fields[0], default=None, sample=None)
    fields[1] = dataclasses.replace(fields[1], default=("One {{ company }}", "Two"),
                                    sample="A\nB")
    data = templates.describe_data(dataclasses.replace(template, fields=tuple(fields)))
    described = data["fields"]
    assert isinstance(described, list)
    assert (described[0]["default"], described[0]["sample"]) == (None, None)
    assert described[1]["default"] == ["One {{ company }}", "Two"]
    assert described[1]["sample"] == "A\nB"
    assert json.loads(json.dumps(data)) == data
