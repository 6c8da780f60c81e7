"""Factories of demandes, assignments and back-office accounts."""

import factory
import wagtail_factories
from django.contrib.auth.models import Group, User
from django.utils import timezone

from demandes.models import Affectation, AgentPartenaire, Demande, DemandeFormPage
from demandes.models.references import format_reference


class DemandeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Demande
        skip_postgeneration_save = True

    annee = factory.LazyFunction(lambda: timezone.localdate().year)
    reference = factory.Sequence(lambda n: format_reference(timezone.localdate().year, 90000 + n))
    type_collectivite = "commune"
    territoire_commune = "Saillans"
    territoire_insee = "26289"
    territoire_canton_code = "2602"
    territoire_canton = "Crest"
    territoire_epci = "CC du Crestois"
    nom = "Martin"
    prenom = "Claire"
    fonction = "maire"
    email = factory.Sequence(lambda n: f"mairie{n}@commune.example.org")
    titre = factory.Sequence(lambda n: f"Projet communal n° {n}")
    description = "Un projet de la commune."

    @factory.post_generation
    def thematiques(self, create, extracted, **kwargs):
        if create and extracted:
            self.thematiques.set(extracted)


class AffectationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affectation

    demande = factory.SubFactory(DemandeFactory)


def compte(username, groupe=None, partenaire=None, **champs):
    """An admin account in one of the back office's groups, tied to a partenaire for an agent."""
    user = User.objects.create_user(username=username, password="mot-de-passe-de-test", first_name=username.title(),
                                    email=f"{username}@example.org", **champs)
    if groupe:
        user.groups.add(Group.objects.get(name=groupe))
    if partenaire:
        AgentPartenaire.objects.create(utilisateur=user, partenaire=partenaire)
    return user


class DemandeFormPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DemandeFormPage

    title = "Faire une demande d'accompagnement"
    slug = "faire-une-demande"
