"""The README's first lines are the two commands; CI runs the second unchanged."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command_unchanged() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert readme[0] == "```" and readme[3] == "```"
    run_command, test_command = readme[1], readme[2]
    assert run_command.endswith("chargewatch run")
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
