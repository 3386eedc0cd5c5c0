from django.urls import path

from samvirke.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("status/", views.status, name="status"),
    path("kommune/<str:number>.<str:file_format>", views.municipality, name="municipality"),
    path("vedtaksoppfolging/", views.followup, name="followup"),
    path("utgaver/<slug:slug>.<str:file_format>", views.edition, name="edition"),
    path("publiser/", views.publish, name="publish"),
    path("bygg/<int:pk>/", views.build, name="build"),
]
