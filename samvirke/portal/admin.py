"""Accessible staff pages for users and groups.

Django's stock user and group admins use widgets that fail WCAG checks (a split date-time
widget without labels, a filter widget with prohibited ARIA); these use plain, labelled
fields instead.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AccessibleUserAdmin(UserAdmin):
    filter_horizontal = ()
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Group)
class AccessibleGroupAdmin(GroupAdmin):
    filter_horizontal = ()
