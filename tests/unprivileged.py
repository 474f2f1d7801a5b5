"""Run the command line as a user without root's power over file permissions.

Tests of permission errors (an unreadable folder, a read-only folder) mean nothing when
they run as root, who reads and writes everything. As root, the command runs under
`setpriv` without the capabilities that override file permissions (CAP_DAC_OVERRIDE,
CAP_DAC_READ_SEARCH), so it meets permissions as their owner would; as anyone else it
runs as is.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

_DROP = "-dac_override,-dac_read_search"


def prefix() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without util-linux's setpriv: cannot drop the power to ignore permissions")
    return [setpriv, f"--bounding-set={_DROP}", f"--inh-caps={_DROP}"]


def hr_lint(*args: str, cwd, input: bytes | None = None, env: dict | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """`hr-lint ARGS` in a fresh process, as an ordinary user (text output decoded)."""
    full_env = dict(os.environ, **(env or {}))
    proc = subprocess.run([*prefix(), sys.executable, "-m", "hr_lint", *args], cwd=cwd, input=input,
                          capture_output=True, env=full_env, timeout=timeout)
    proc.stdout_text = proc.stdout.decode("utf-8", "replace")
    proc.stderr_text = proc.stderr.decode("utf-8", "replace")
    return proc
