"""The agenda's part of the production skeleton (`manage.py initialiser_site`): the agenda and news pages in the
main menu of a new site, and the resources page with the webinar replays."""

from site_collectivites.models import StandardPage
from site_collectivites.squelette.chantier import page_presente, stream

from .models import ActualiteIndexPage, AgendaIndexPage, ReplayIndexPage


def construire(chantier):
    agenda = page_presente(
        chantier.home, AgendaIndexPage, "agenda", title="Agenda",
        intro="Rencontres, ateliers, webinaires et formations proposés aux élus et aux agents des collectivités.",
        search_description="Les rendez-vous de l'ingénierie publique en Drôme : rencontres, ateliers, webinaires.",
        show_in_menus=True,
    )
    actualites = page_presente(
        chantier.home, ActualiteIndexPage, "actualites", title="Actualités",
        intro="Les nouvelles de l'ingénierie publique départementale et de ses partenaires.",
        search_description="Les actualités de l'ingénierie publique en Drôme.",
        show_in_menus=True,
    )
    chantier.au_menu(agenda, 40, "Agenda")
    chantier.au_menu(actualites, 50, "Actualités")

    ressources = page_presente(
        chantier.home, StandardPage, "ressources", par_slug=True, title="Ressources",
        intro="Guides, supports et replays pour les élus et les agents des collectivités.",
        search_description="Les ressources de l'ingénierie publique : replays des webinaires, guides, supports.",
    )
    replays = ReplayIndexPage.objects.first()
    if replays is None:
        replays = page_presente(
            ressources, ReplayIndexPage, "webinaires-en-replay", title="Webinaires en replay",
            intro="Vous avez manqué un webinaire « 1 heure pour… » ? Revoyez-le ici, avec sa transcription et ses "
                  "supports.",
            search_description="Les replays des webinaires de l'ingénierie publique en Drôme.",
        )
        # The resources page leads to the replays (its text is the editors' afterwards).
        ressources.corps = stream(("texte", f'<p>Revoir les webinaires : <a linktype="page" id="{replays.pk}">'
                                            "les webinaires en replay</a>.</p>"))
        ressources.save_revision().publish()
