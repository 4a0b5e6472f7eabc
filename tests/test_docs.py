"""The docs cannot drift: the README names every command, setting and named query there is."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from inspectkg.cli import cli
from inspectkg.graph import registry
from inspectkg.settings import ENV_PREFIX, Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    return README.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_every_command_is_in_the_readme_and_every_readme_command_exists() -> None:
    documented = set(re.findall(r"^\| `inspectkg (\w+)", _section("Commands"), re.M))
    assert documented == set(cli.commands)
    used = set(re.findall(r"(?:`|^)inspectkg ([a-z]+)\b", README, re.M))
    assert used <= set(cli.commands)


def test_every_setting_is_documented_with_its_environment_variable() -> None:
    rows = re.findall(r"^\| `(\w+)` \| `(\w+)` \|", _section("Settings"), re.M)
    assert rows == [(f.name, ENV_PREFIX + f.name.upper()) for f in dataclasses.fields(Settings)]


def test_every_named_query_is_listed_in_the_readme() -> None:
    listed = re.findall(r"^\| `([\w-]+)` \|", _section("Named queries"), re.M)
    assert listed == list(registry())


def test_every_named_query_has_a_title_and_a_description() -> None:
    missing = [q.name for q in registry().values() if q.title == q.name or not q.description]
    assert missing == []


def test_the_two_commands_are_make_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.findall(r"^make (\w+)", _section("Two commands"), re.M) == ["demo", "test"]
    for target in ("demo", "test"):
        assert re.search(rf"^{target}:", makefile, re.M)


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
