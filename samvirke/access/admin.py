"""Roles and API tokens (administrators only), and the scoped base for every register admin."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from samvirke.access import scope
from samvirke.access.models import ApiToken, Grant
from samvirke.lib import viewer
from samvirke.lib.fields import LONG_TEXT_LIMIT, visible_q
from samvirke.registry.models import Organisation

# One labelled date-time field instead of Django's split widget, whose halves lack labels.
LABELLED_DATETIME = {
    models.DateTimeField: {
        "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    }
}


def _visible_choices(db_field, kwargs: dict) -> dict:
    """Choice lists follow the read rule: a related record that has drafts (cooperations,
    agreements, decisions …) is offered only if the viewer may see it, so no staff page
    lists another organisation's draft names."""
    model = db_field.remote_field.model
    if hasattr(model, "access") and any(f.name == "is_published" for f in model._meta.fields):
        queryset = kwargs.get("queryset")
        if queryset is None:
            queryset = model._default_manager.all()
        kwargs["queryset"] = queryset.filter(visible_q(model))
    return kwargs


class VisibleChoicesMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # a long text's limit shows in the form (maxlength) and is checked there first
        if isinstance(db_field, models.TextField) and db_field.max_length is None:
            kwargs.setdefault("max_length", LONG_TEXT_LIMIT)
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(  # type: ignore[misc]
            db_field, request, **_visible_choices(db_field, kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(  # type: ignore[misc]
            db_field, request, **_visible_choices(db_field, kwargs)
        )


class ScopedAdmin(VisibleChoicesMixin, SimpleHistoryAdmin):
    """Staff see and change only their organisation's records; shared reference data any
    staff member; the rest administrators. Roles decide, not Django's per-model
    permissions, so a role is all an administrator has to give. Nothing is deleted here:
    unpublish to archive; the history keeps every version and can restore one."""

    formfield_overrides = LABELLED_DATETIME

    def get_queryset(self, request):
        return scope.editable(super().get_queryset(request), viewer.current())

    def has_module_permission(self, request):
        return request.user.is_staff and scope.can_add(self.model, viewer.current())

    def has_view_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return request.user.is_staff and scope.can_change(obj, viewer.current())

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        who = viewer.current()
        before = scope.organisations_of(type(obj), obj.pk) if change else frozenset()
        super().save_model(request, obj, form, change)
        # checked after saving, inside the admin's transaction: a record moved into another
        # organisation is refused and rolled back
        if not scope.can_change(obj, who) or not scope.may_reach(obj, before, who):
            raise PermissionDenied("That record belongs to another organisation.")


class ScopedInline(VisibleChoicesMixin, admin.StackedInline):
    """Rows inside a record follow the record's permissions; none is deleted here (a
    participant who leaves gets the status "withdrawn", and the history keeps the rest)."""

    can_delete = False

    def _allowed(self, request, obj) -> bool:
        return request.user.is_staff and (obj is None or scope.can_change(obj, viewer.current()))

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


class OrganisationAccessAdmin(SimpleHistoryAdmin):
    """Roles and tokens: superusers manage all, an organisation's administrators their own."""

    formfield_overrides = LABELLED_DATETIME

    @staticmethod
    def _allowed_organisations():
        who = viewer.current()
        return None if who.everything else who.admin_organisations

    def get_queryset(self, request):
        allowed = self._allowed_organisations()
        queryset = super().get_queryset(request)
        return queryset if allowed is None else queryset.filter(organisation__in=allowed)

    def has_module_permission(self, request):
        allowed = self._allowed_organisations()
        return request.user.is_staff and (allowed is None or bool(allowed))

    def has_view_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        allowed = self._allowed_organisations()
        if obj is None or allowed is None:
            return self.has_module_permission(request)
        return request.user.is_staff and obj.organisation_id in allowed

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        allowed = self._allowed_organisations()
        if db_field.name == "organisation" and allowed is not None:
            kwargs["queryset"] = Organisation.objects.filter(pk__in=allowed)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        allowed = self._allowed_organisations()
        if allowed is not None and obj.organisation_id not in allowed:
            raise PermissionDenied("Only that organisation's administrators give its roles.")
        super().save_model(request, obj, form, change)


@admin.register(Grant)
class GrantAdmin(OrganisationAccessAdmin):
    list_display = ["user", "organisation", "role", "municipality"]
    list_filter = ["role", "organisation"]

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)  # taking a role away; history stays


@admin.register(ApiToken)
class ApiTokenAdmin(OrganisationAccessAdmin):
    list_display = [
        "name",
        "key_id",
        "organisation",
        "role",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    fields = ["name", "organisation", "role", "municipality", "expires_at", "revoked_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change, **kwargs)

        class TokenForm(base):  # type: ignore[misc,valid-type]
            def clean(self):
                # the creator is the token's user: the model checks they hold its role
                if self.instance.created_by_id is None:
                    self.instance.created_by = request.user
                return super().clean()

        return TokenForm

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the token's history stays

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            secret = obj.issue()
            messages.warning(
                request,
                f"The token (shown once, store it now): {secret}",
            )
        super().save_model(request, obj, form, change)


# django-otp's device admins, with labelled date-time fields (throttling timestamps)
for _model in (TOTPDevice, StaticDevice):
    _base = type(admin.site._registry[_model])
    admin.site.unregister(_model)
    admin.site.register(
        _model, type(_base.__name__, (_base,), {"formfield_overrides": LABELLED_DATETIME})
    )
