from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("inscription/", views.inscrire, name="inscrire"),
    path("inscription/merci/", views.merci, name="merci"),
    path("confirmer/<str:jeton>/", views.confirmer, name="confirmer"),
    path("preferences/<str:jeton>/", views.preferences, name="preferences"),
    path("desabonnement/<str:jeton>/", views.desabonner, name="desabonner"),
    path("desabonnement/<str:jeton>/direct/", views.desabonner_direct, name="desabonner_direct"),
    path("renouveler/<str:jeton>/", views.renouveler, name="renouveler"),
]
