"""The requester's private links (demandes/demandeur.py), mounted by the root URLconf under /suivi-demande/."""

from django.urls import path

from . import vues_demandeur

app_name = "demandeur"

urlpatterns = [
    path("<str:jeton>/", vues_demandeur.page, name="page"),
    path("<str:jeton>/courriels/", vues_demandeur.courriels, name="courriels"),
    path("<str:jeton>/avis/", vues_demandeur.avis, name="avis"),
]
