"""makemessages without fuzzy matching: a new text stays untranslated (and the
translation test says so) instead of getting a similar text's translation marked fuzzy."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
