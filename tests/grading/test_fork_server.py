"""The workers' fork server can be started before a command has imported anything of grading."""

from __future__ import annotations

from tests.conftest import printed_by_fresh_python


def test_the_fork_servers_module_imports_nothing_it_preloads() -> None:
    probe = (
        "import sys\n"
        "import mleprep.grading.fork_server\n"
        "heavy = ('nbgrader', 'nbformat', 'sqlalchemy', 'sklearn', 'mleprep.course')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    assert printed_by_fresh_python(probe) == "[]"
