"""Is the CLI a documented, scriptable skin, with one place that turns errors into messages?"""

from __future__ import annotations

import subprocess
import sys

import pytest

from mleprep.cli.main import COMMANDS, build_parser


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mleprep.cli", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert COMMANDS[command]["help"].split(":")[0] in result.stdout
    assert "example:\n  mleprep " + command in result.stdout


def test_every_subcommand_is_documented():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)


def test_outside_a_course_the_error_says_how_to_find_one(tmp_path):
    result = run("list", cwd=tmp_path)
    assert result.returncode == 2 and "no course found" in result.stderr and "--course" in result.stderr


def test_the_script_runs_every_exit_handler_the_command_registered_and_keeps_its_exit_code():
    # run() ends the process without tearing the interpreter down (0.3 s after a grading command);
    # temporary folders and multiprocessing still clean up through their exit handlers.
    probe = (
        "import atexit\n"
        "before = atexit._ncallbacks()\n"
        "from mleprep.cli import main as cli\n"
        # A handler registered while importing would run after run()'s own, i.e. never.
        "assert atexit._ncallbacks() == before\n"
        "def command(argv=None):\n"
        "    atexit.register(print, 'cleaned up')\n"
        "    print('output', end='')\n"
        "    return 3\n"
        "cli.main = command\n"
        "cli.run()\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 3
    assert result.stdout == "outputcleaned up\n"
