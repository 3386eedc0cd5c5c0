from django.urls import path

from samvirke.workflows import views

app_name = "workflows"
urlpatterns = [
    path("arshjul/", views.calendar_page, name="calendar"),
    path("arshjul.ics", views.calendar_feed, name="calendar_feed"),
    path("stab/", views.dashboard, name="dashboard"),
    path("stab/manadleg/", views.monthly_update, name="monthly"),
    path("stab/vedtak/nytt/", views.new_decision, name="new_decision"),
    path("stab/manadleg/<slug:slug>/status/", views.add_status_entry, name="add_status"),
    path("stab/manadleg/<slug:slug>/fase/", views.set_phase, name="set_phase"),
    path("stab/manadleg/<slug:slug>/neste-steg/", views.add_next_step, name="add_next_step"),
]
