from django.urls import path

from samvirke.meetings import views

app_name = "meetings"
urlpatterns = [
    path("moter/", views.meeting_list, name="list"),
    path("moter/<slug:slug>/", views.meeting_detail, name="detail"),
    path("moter/<slug:slug>/sakliste.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("moter/<slug:slug>/protokoll.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("moter/<slug:slug>/protokoll-signert.pdf", views.signed_minutes, name="signed_minutes"),
    path("moter/<slug:slug>/dokument/<int:pk>/", views.paper, name="paper"),
]
