"""The command line, a thin skin: one module per command group, each command parsing its
arguments and calling one keyword-only library function; shared helpers live in `common`.

May import everything; nothing imports it.
"""
