"""The README documents every command and option (in the spirit of sqlite-utils' docs test),
says each section once and points at nothing outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from curvecli.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMAND = typer.main.get_command(app)


def _options(command) -> list[str]:
    return [name for param in command.params if param.param_type_name == "option"
            for name in [*param.opts, *param.secondary_opts] if name.startswith("--")]


@pytest.mark.parametrize("name", sorted(COMMAND.commands))
def test_every_command_and_option_is_in_the_readme(name: str) -> None:
    assert f"curvecli {name}" in README or f"### {name}" in README
    missing = [option for option in _options(COMMAND.commands[name])
               if not re.search(rf"`[^`]*{re.escape(option)}\b", README)]
    assert missing == [], f"{name}: not documented: {missing}"


def test_every_choice_of_every_option_is_in_the_readme() -> None:
    checked = 0
    for name, command in COMMAND.commands.items():
        for param in command.params:
            descriptor = getattr(param, "type_descriptor", None)
            choices = list(descriptor.choices or []) if descriptor and descriptor.is_choice else []
            missing = [choice for choice in choices if f"`{choice}`" not in README
                       and f"|{choice}" not in README and f"{choice}|" not in README]
            assert missing == [], f"{name} {param.opts}: choices not documented: {missing}"
            checked += len(choices)
    assert checked > 30  # the choices were found (--format, --x, --input-format...)


def test_root_options_are_in_the_readme() -> None:
    for option in _options(COMMAND):
        assert option in README, option


def test_no_section_is_repeated_and_no_link_leaves_the_repository() -> None:
    headings = re.findall(r"^#+ (.+)$", README, flags=re.MULTILINE)
    assert len(headings) == len(set(headings)), headings
    assert "../shared" not in README and "DESIGN.md" not in README
    assert "FORMATS.md" not in README
    for target in re.findall(r"\]\(([^)#][^)]*)\)", README):
        if not target.startswith("http"):
            assert (Path(__file__).resolve().parent.parent / target).exists(), target
