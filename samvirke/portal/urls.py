from django.urls import path

from samvirke.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("samarbeid/", views.cooperation_list, name="cooperation_list"),
    path("samarbeid/<slug:slug>/", views.cooperation_detail, name="cooperation_detail"),
    path("kommunar/", views.municipality_list, name="municipality_list"),
    path("kommunar/<str:number>/", views.municipality_detail, name="municipality_detail"),
    path("avtalar/", views.agreement_list, name="agreement_list"),
    path("avtalar/<slug:slug>/", views.agreement_detail, name="agreement_detail"),
    path(
        "avtalar/<slug:slug>/dokument/<int:pk>/",
        views.agreement_document,
        name="agreement_document",
    ),
    path("vedtak/", views.decision_list, name="decision_list"),
    path("vedtak/<slug:slug>/", views.decision_detail, name="decision_detail"),
    path("organ/", views.body_list, name="body_list"),
    path("organ/<slug:slug>/", views.body_detail, name="body_detail"),
    path("tilsette/", views.staff_list, name="staff_list"),
    path("nettverk/", views.network_list, name="network_list"),
    path("folketal/", views.population_page, name="population"),
    path("folketal/alder/", views.population_ages, name="population_ages"),
    path("om/", views.about, name="about"),
    path("fordeling/", views.allocation, name="allocation"),
]
