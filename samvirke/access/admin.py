"""Roles and API tokens (administrators only), and the scoped base for every register admin."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from samvirke.access import scope
from samvirke.access.models import ApiToken, Grant
from samvirke.lib import viewer


class ScopedAdmin(SimpleHistoryAdmin):
    """Staff see and change only their organisation's records; shared reference data any
    staff member; the rest administrators. Roles decide, not Django's per-model
    permissions, so a role is all an administrator has to give. Nothing is deleted here:
    unpublish to archive; the history keeps every version and can restore one."""

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
        super().save_model(request, obj, form, change)
        # checked after saving, inside the admin's transaction: a record moved into another
        # organisation is refused and rolled back
        if not scope.can_change(obj, viewer.current()):
            raise PermissionDenied("That record belongs to another organisation.")


class ScopedInline(admin.StackedInline):
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


@admin.register(Grant)
class GrantAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "municipality"]
    list_filter = ["role", "organisation"]

    def has_module_permission(self, request):
        return request.user.is_superuser


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
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
    readonly_fields = []

    def has_module_permission(self, request):
        return request.user.is_superuser

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
