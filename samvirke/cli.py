"""The `samvirke` command: samvirke's own commands and Django's, under one name."""

from __future__ import annotations

import getpass
import os
import sys

HELP = """\
samvirke - the register of inter-municipal cooperation

Usage: samvirke COMMAND [options]     (samvirke COMMAND --help for the options)

Register:
  load sogn            load the embedded Sogn dataset (safe to run again)
  load national-demo   load a synthetic national register (357 municipalities, 3 000
                       cooperations in 15 regions; for demos and benchmarks)
  export               write the whole register as YAML or JSON (--as-of DATE: as it stood)
  import FILE          read a register file; all of it is stored, or none of it
  backup FILE          everything (history, users, tokens, documents, editions) in one zip
  restore FILE         a backup into a migrated database (--replace if it holds records)
  bootstrap municipalities | organisations
                       start from SSB's KLASS (numbers over time) and Enhetsregisteret
Cost allocation:
  allocate             share a budget by a cost key, exact to the krone; --compare scenarios
Population:
  population import    import a long CSV or a wide table (checked; --accept-findings)
  population import-ssb  fetch SSB tables 01222, 07459 or the newest projection
  population check     check the stored figures (exits non-zero on an error)
  population forecast  when the region reaches a target, and how likely by a year
Reports:
  report status        the status deck as PowerPoint, PDF or web page
  report publish       freeze an edition; report editions / report download list and fetch
  report municipality  a municipality's overview of cooperation (kommunelova kap. 17)
  report followup      the decision follow-up report
Meetings:
  meetings             list | agenda SLUG --out F.pdf | minutes SLUG --out F.pdf
Follow-up:
  reminders            what falls due (reviews, follow-ups, duties, transfers); e-mails it
  workflows            due | review | done | checklist | host | investigations |
                       transfers | calendar (the årshjul; --ics FILE)
Running:
  serve                serve the portal (default http://127.0.0.1:8000)
  migrate              create or update the database tables
  createsuperuser      make a staff login for the editing pages (/admin/)
  otp USER             its second factor: a QR code for an authenticator app (--backup N)
  collectstatic        gather style sheets for serving

Every other Django management command works too: samvirke help --commands
Access:
  token create|list|revoke   API tokens for machine clients (scoped to one role)
Settings come from the environment: DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS.
With none set, samvirke uses the SQLite database and secret key in var/ by itself.
SAMVIRKE_USER=name records a command's changes as that samvirke user's.
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

    from samvirke.access.audit import channel

    # every change a command makes is recorded as made by this command and OS user
    with channel(f"samvirke {args[0]} ({getpass.getuser()})"):
        execute_from_command_line(["samvirke", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
