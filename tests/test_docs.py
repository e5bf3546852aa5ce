"""The documentation's examples are true: docs/format.md's YAML loads, round-trips and renders
as the document says."""

import re
from pathlib import Path

from talkeditor.render.issue_markdown import issue_markdown
from talkeditor.storage import yaml_format

DOC = Path(__file__).resolve().parent.parent / "docs" / "format.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_format_example_loads_round_trips_and_renders_as_documented():
    (example,) = _blocks("yaml")
    issue = yaml_format.loads(example)
    assert yaml_format.dumps(issue) == example
    rendered = issue_markdown(issue)
    (expected,) = _blocks("markdown")
    for line in expected.splitlines():
        if line and line != "…":
            assert line in rendered.splitlines(), line
