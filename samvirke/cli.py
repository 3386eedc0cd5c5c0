"""The `samvirke` command: samvirke's own commands and Django's, under one name."""

from __future__ import annotations

import os
import sys

HELP = """\
samvirke - the register of inter-municipal cooperation

Usage: samvirke COMMAND [options]     (samvirke COMMAND --help for the options)

Register:
  load sogn            load the embedded Sogn dataset (safe to run again)
  export               write the whole register as YAML or JSON
  import FILE          read a register file; all of it is stored, or none of it
Running:
  serve                serve the portal (default http://127.0.0.1:8000)
  migrate              create or update the database tables
  createsuperuser      make a staff login for the editing pages (/admin/)
  collectstatic        gather style sheets for serving

Every other Django management command works too: samvirke help --commands
Settings come from the environment: DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS.
"""

ALIASES = {"serve": "runserver"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(HELP, end="")
        return 0
    if args[0] == "help" and len(args) == 1:
        print(HELP, end="")
        return 0
    args[0] = ALIASES.get(args[0], args[0])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samvirke.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["samvirke", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
