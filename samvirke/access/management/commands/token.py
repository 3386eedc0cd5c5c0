from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import timezone

from samvirke.access.models import ApiToken, Role
from samvirke.lib.commands import SamvirkeCommand
from samvirke.registry.models import Municipality, Organisation


class Command(SamvirkeCommand):
    help = "API tokens for machine clients: create (the key is shown once), list, revoke."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("name")
        create.add_argument("--user", required=True, help="changes are recorded as this user's")
        create.add_argument("--organisation", required=True, help="organisation identifier")
        create.add_argument("--role", required=True, choices=[r for r, _l in Role.choices])
        create.add_argument("--municipality", default="", help="for a municipality reader")
        sub.add_parser("list")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("key_id")

    def handle(self, *args, **o):
        if o["action"] == "list":
            for t in ApiToken.objects.select_related("organisation"):
                state = "revoked" if t.revoked_at else "active"
                self.stdout.write(f"{t.key_id}  {t.name}  {t.organisation.slug}  {t.role}  {state}")
        elif o["action"] == "revoke":
            changed = ApiToken.objects.filter(key_id=o["key_id"], revoked_at=None)
            token = changed.first()
            if token is None:
                raise CommandError(f"key_id: no active token {o['key_id']!r}")
            token.revoked_at = timezone.now()
            token.save()
            self.stdout.write(f"Revoked {token}.")
        else:
            self.stdout.write(self._create(o))

    def _create(self, o) -> str:
        user = get_user_model().objects.filter(username=o["user"]).first()
        organisation = Organisation.objects.filter(slug=o["organisation"]).first()
        municipality = Municipality.objects.filter(number=o["municipality"]).first()
        if user is None:
            raise CommandError(f"user: no user {o['user']!r}")
        if organisation is None:
            raise CommandError(f"organisation: no organisation {o['organisation']!r}")
        if o["municipality"] and municipality is None:
            raise CommandError(f"municipality: no municipality {o['municipality']!r}")
        token = ApiToken(
            name=o["name"],
            created_by=user,
            organisation=organisation,
            role=o["role"],
            municipality=municipality,
        )
        secret = token.issue()
        try:
            token.full_clean()
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            ) from None
        token.save()
        return secret
