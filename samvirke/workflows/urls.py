from django.urls import path

from samvirke.workflows import views

app_name = "workflows"
urlpatterns = [
    path("arshjul/", views.calendar_page, name="calendar"),
    path("arshjul.ics", views.calendar_feed, name="calendar_feed"),
    path("stab/", views.dashboard, name="dashboard"),
]
