"""The AWS deployment template is valid CloudFormation (cfn-lint, offline)."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[1] / "deploy" / "aws" / "template.yaml"


def test_cfn_lint_passes() -> None:
    cfn_lint = Path(sys.executable).parent / "cfn-lint"
    result = subprocess.run(
        [str(cfn_lint), str(TEMPLATE)], check=False, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_a_handler_that_exists() -> None:
    dockerfile = (TEMPLATE.parent / "Dockerfile").read_text(encoding="utf-8")
    (command,) = re.findall(r'^CMD \["([\w.]+)"\]$', dockerfile, re.MULTILINE)
    module, name = command.rsplit(".", 1)
    assert callable(getattr(importlib.import_module(module), name))


def test_no_wildcard_permissions() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert not re.search(r"Action:.*[a-z0-9]:\*|Resource: ['\"]?\*", text)
