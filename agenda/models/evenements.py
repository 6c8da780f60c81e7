"""Events: EvenementPage and the agenda AgendaIndexPage (upcoming first, past by year, filters, iCalendar)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from agenda import ical, inscriptions, services
from agenda.forms import FormulaireInscription
from site_collectivites.cache import cartes, liens, par_generation
from site_collectivites.blocks import BodyStreamBlock, LinkBlock
from site_collectivites.blocks.base import RICH_TEXT_FEATURES
from site_collectivites.fields import StreamField
from site_collectivites.models.pages import BasePage
from site_collectivites.referencement.jsonld import nonce_de
from site_collectivites.taxonomie.models import Partenaire, Thematique


class TypeEvenement(models.TextChoices):
    RENCONTRE = "rencontre", "Rencontre"
    ATELIER = "atelier", "Atelier"
    WEBINAIRE = "webinaire", "Webinaire"
    FORMATION = "formation", "Formation"
    REUNION_INFORMATION = "reunion_information", "Réunion d'information"


class ModeParticipation(models.TextChoices):
    PRESENTIEL = "presentiel", "En présentiel"
    EN_LIGNE = "en_ligne", "En ligne"
    MIXTE = "mixte", "En présentiel et en ligne"


class StatutEvenement(models.TextChoices):
    PROGRAMME = "programme", "Programmé"
    REPORTE = "reporte", "Reporté"
    ANNULE = "annule", "Annulé"
    COMPLET = "complet", "Complet"


class ModeInscription(models.TextChoices):
    AUCUNE = "aucune", "Sans inscription"
    LIEN_EXTERNE = "lien_externe", "Inscription sur un autre site"
    SUR_LE_SITE = "sur_le_site", "Inscription sur ce site"


class AgendaIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField("chapô", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["agenda.EvenementPage"]
    max_count = 1  # one of a kind (docs/architecture.md, « Page tree »): the site's one agenda

    class Meta:
        verbose_name = "agenda"
        verbose_name_plural = "agendas"

    FILTRES = ("type", "thematique", "partenaire", "mois")

    def evenements(self):
        return EvenementPage.objects.live().public().descendant_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        valeurs = {nom: request.GET.get(nom, "").strip() for nom in self.FILTRES}
        index = services.index_agenda(self)
        page_obj, a_venir, passes_par_annee = services.page_agenda(
            services.evenements_selectionnes(index, valeurs), request.GET.get("page"))
        context.update(
            page_obj=page_obj,
            # The upcoming events' titles are <h3> under "Prochains rendez-vous", the past ones' <h4> under
            # their year.
            cartes_a_venir=self.cartes_evenements(request, a_venir, niveau=3),
            cartes_passees_par_annee=[(annee, self.cartes_evenements(request, evenements, niveau=4))
                                      for annee, evenements in passes_par_annee],
            valeurs=valeurs,
            filtre_actif=any(valeurs.values()),
            parametres_filtres=services.parametres_filtres(valeurs, self.FILTRES),
            types=TypeEvenement.choices,
            # (value, label) pairs for the select boxes.
            thematiques=[(o.slug, o.nom) for o in index.facettes.options["thematique"]],
            partenaires=[(o.slug, o.nom_court) for o in index.facettes.options["partenaire"]],
            mois=index.mois,
            url_calendrier=(self.get_url(request) or "") + self.reverse_subpage("calendrier"),
            url_abonnement=ical.url_abonnement(self.get_full_url(request) + self.reverse_subpage("calendrier")),
            url_replays=par_generation.url_de_page(request, "replays", _page_replays),
        )
        return context

    @staticmethod
    def cartes_evenements(request, evenements, niveau):
        """The cards of `evenements`, their title a heading of `niveau`. An event's card shows nothing that
        depends on the date (its section does): it is the same before and after the event."""
        return cartes.cartes(request, "agenda/includes/carte_evenement.html", "evenement", [e.pk for e in evenements],
                             services.evenements_pour_cartes, contexte={"niveau": niveau})

    @path("calendrier/", name="calendrier")
    def calendrier(self, request):
        """The whole agenda as an iCalendar feed (calendar apps subscribe to this URL)."""
        evenements = services.evenements_du_calendrier(self.evenements()).select_related("commune")
        contenu = ical.calendrier(evenements, request, nom=ical.nom_du_calendrier(self.title))
        return ical.reponse(contenu, "agenda.ics", piece_jointe=False)


class EvenementPage(RoutablePageMixin, BasePage):
    relations_servies = ("commune", "image")  # loaded with the page (routage.py)

    type_evenement = models.CharField(
        "type d'événement", max_length=30, choices=TypeEvenement.choices, default=TypeEvenement.RENCONTRE
    )
    statut = models.CharField(
        "statut",
        max_length=20,
        choices=StatutEvenement.choices,
        default=StatutEvenement.PROGRAMME,
        help_text="Un événement annulé ou reporté reste en ligne avec son statut : ne le supprimez pas.",
    )
    debut = models.DateTimeField("début", help_text="Heure de Paris.")
    fin = models.DateTimeField("fin", help_text="Heure de Paris.")
    journee_entiere = models.BooleanField(
        "journée(s) entière(s)", default=False, help_text="Les heures sont alors ignorées."
    )
    resume = models.TextField("résumé", max_length=600, blank=True, help_text="Une ou deux phrases pour les listes.")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultative : montrée dans l'agenda, sur la page d'accueil et en haut de la page. Son texte "
                  "alternatif est la description de l'image (à renseigner dans la médiathèque).",
    )
    public = models.CharField(
        "public", max_length=255, blank=True, help_text="Ex. : élus et secrétaires de mairie des communes rurales."
    )
    mode = models.CharField(
        "mode de participation", max_length=20, choices=ModeParticipation.choices, default=ModeParticipation.PRESENTIEL
    )
    lieu_nom = models.CharField("nom du lieu", max_length=200, blank=True, help_text="Ex. : salle des fêtes.")
    lieu_adresse = models.CharField("adresse", max_length=255, blank=True, help_text="Numéro et rue.")
    commune = models.ForeignKey(
        "territoire.Commune",
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evenements",
    )
    lien_en_ligne = models.URLField(
        "lien de connexion", blank=True, help_text="Pour un événement en ligne ou mixte (visioconférence)."
    )
    thematiques = ParentalManyToManyField(
        Thematique, verbose_name="thématiques", blank=True, related_name="evenements"
    )
    partenaires = ParentalManyToManyField(
        Partenaire, verbose_name="organisateurs", blank=True, related_name="evenements"
    )
    description = StreamField(BodyStreamBlock(), verbose_name="description", blank=True)
    inscription = models.CharField(
        "inscription", max_length=20, choices=ModeInscription.choices, default=ModeInscription.AUCUNE
    )
    lien_inscription = models.URLField("lien d'inscription", blank=True, help_text="Si l'inscription se fait ailleurs.")
    # Registration on this site (agenda/inscriptions.py): seats counted in people, a waiting list beyond.
    capacite = models.PositiveIntegerField(
        "nombre de places",
        null=True,
        blank=True,
        help_text="Inscription sur ce site : au-delà, les inscriptions vont en liste d'attente. Vide : sans limite.",
    )
    date_limite_inscription = models.DateTimeField(
        "clôture des inscriptions",
        null=True,
        blank=True,
        help_text="Heure de Paris. Vide : jusqu'au début de l'événement.",
    )
    # Replay of a past webinar (services.a_un_replay): a video, its transcript (RGAA 4.1), slides, duration.
    replay_video = models.URLField(
        "adresse de la vidéo",
        blank=True,
        help_text="Lien PeerTube, Dailymotion, YouTube ou Vimeo. Pour un webinaire passé uniquement.",
    )
    replay_duree = models.PositiveSmallIntegerField("durée (minutes)", null=True, blank=True)
    replay_transcription = RichTextField(
        "transcription",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Obligatoire avec une vidéo : elle la rend accessible à tous (RGAA, critère 4.1).",
    )
    replay_supports = StreamField(
        [("document", DocumentChooserBlock(label="document")), ("lien", LinkBlock())],
        verbose_name="supports et documents",
        blank=True,
        help_text="Diaporama, documents présentés, liens utiles.",
    )
    # iCalendar SEQUENCE: bumped automatically when a published change touches the date, place or status
    # (services.sequence_suivante), so calendar apps replace their copy.
    sequence = models.PositiveIntegerField("version (calendriers)", default=0, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("type_evenement"), FieldPanel("statut")]),
                FieldRowPanel([FieldPanel("debut"), FieldPanel("fin")]),
                FieldPanel("journee_entiere"),
            ],
            "Quand",
        ),
        MultiFieldPanel(
            [
                FieldPanel("mode"),
                FieldPanel("lieu_nom"),
                FieldPanel("lieu_adresse"),
                FieldPanel("commune"),
                FieldPanel("lien_en_ligne"),
            ],
            "Où",
        ),
        FieldPanel("resume"),
        FieldPanel("image"),
        FieldPanel("public"),
        FieldPanel("thematiques", widget=forms.CheckboxSelectMultiple),
        FieldPanel("partenaires", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("inscription"),
                FieldPanel("lien_inscription"),
                FieldRowPanel([FieldPanel("capacite"), FieldPanel("date_limite_inscription")]),
            ],
            "Inscription",
        ),
        MultiFieldPanel(
            [
                FieldPanel("replay_video"),
                FieldPanel("replay_duree"),
                FieldPanel("replay_transcription"),
                FieldPanel("replay_supports"),
            ],
            "Replay (webinaire passé)",
            classname="collapsed",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("resume"),
        index.SearchField("description"),
        index.SearchField("lieu_nom"),
        index.FilterField("debut"),
        index.FilterField("fin"),
    ]
    parent_page_types = ["agenda.AgendaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"
        # The agenda shows a page of upcoming events (soonest first) or of past ones (newest first): with
        # this index PostgreSQL walks the start dates and stops after a page instead of sorting every event.
        indexes = [models.Index(fields=["debut"], name="evenement_debut")]

    def clean(self):
        super().clean()
        erreurs = {}
        if self.debut and self.fin and self.fin < self.debut:
            erreurs["fin"] = "La fin doit être postérieure ou égale au début."
        if self.mode in (ModeParticipation.PRESENTIEL, ModeParticipation.MIXTE) and not (self.lieu_nom or self.commune):
            erreurs["lieu_nom"] = "Indiquez le lieu (ou au moins la commune) d'un événement en présentiel."
        if self.inscription == ModeInscription.LIEN_EXTERNE and not self.lien_inscription:
            erreurs["lien_inscription"] = "Indiquez l'adresse où s'inscrire."
        if self.date_limite_inscription and self.fin and self.date_limite_inscription > self.fin:
            erreurs["date_limite_inscription"] = "La clôture des inscriptions doit précéder la fin de l'événement."
        if self.replay_video and self.type_evenement != TypeEvenement.WEBINAIRE:
            erreurs["replay_video"] = "Seul un webinaire peut avoir un replay."
        if self.replay_video and not self.replay_transcription:
            erreurs["replay_transcription"] = "Ajoutez la transcription de la vidéo (accessibilité, RGAA 4.1)."
        if erreurs:
            raise ValidationError(erreurs)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.journee_entiere and self.debut and self.fin:
            self.debut, self.fin = services.bornes_journee_entiere(self.debut, self.fin)
        if self.pk and (update_fields is None or set(update_fields) & set(services.CHAMPS_SIGNIFICATIFS)):
            ancien = type(self).objects.filter(pk=self.pk).first()
            self.sequence = services.sequence_suivante(ancien, self)
            if update_fields is not None:
                kwargs["update_fields"] = list(update_fields) + ["sequence"]
        return super().save(*args, **kwargs)

    # --- Display -------------------------------------------------------------------------------------

    def get_meta_description(self):
        return self.search_description or self.resume

    def get_og_image(self):
        return self.image_partage or self.image

    @property
    def image_carte(self):
        return self.image

    @property
    def est_annule(self):
        return self.statut == StatutEvenement.ANNULE

    @property
    def statut_a_signaler(self):
        """The status shown next to the title ("Programmé" goes without saying)."""
        return "" if self.statut == StatutEvenement.PROGRAMME else self.get_statut_display()

    @property
    def duree_texte(self):
        """"45 min", "1 h", "1 h 30"."""
        if not self.replay_duree:
            return ""
        heures, minutes = divmod(self.replay_duree, 60)
        if not heures:
            return f"{minutes} min"
        return f"{heures} h {minutes:02d}" if minutes else f"{heures} h"

    @property
    def en_presentiel(self):
        return self.mode in (ModeParticipation.PRESENTIEL, ModeParticipation.MIXTE)

    @property
    def en_ligne(self):
        return self.mode in (ModeParticipation.EN_LIGNE, ModeParticipation.MIXTE)

    @property
    def lieu_texte(self):
        """The place on one line: "Salle des fêtes, 2 rue…, Crest" (or "En ligne")."""
        if not self.en_presentiel:
            return "En ligne"
        morceaux = [self.lieu_nom, self.lieu_adresse, self.commune.nom if self.commune_id else ""]
        texte = ", ".join(m for m in morceaux if m)
        return f"{texte} et en ligne" if self.mode == ModeParticipation.MIXTE and texte else texte

    @cached_property
    def debut_local(self):
        return timezone.localtime(self.debut)

    @cached_property
    def fin_local(self):
        return timezone.localtime(self.fin)

    @property
    def dates_texte(self):
        """"Jeudi 18 septembre 2026, de 9 h 00 à 12 h 30", "Du 2 au 3 octobre 2026"…, in Paris time."""
        debut, fin = self.debut_local, self.fin_local
        meme_jour = debut.date() == fin.date()
        if self.journee_entiere:
            if meme_jour:
                return date_format(debut, "l j F Y").capitalize()
            return f"Du {date_format(debut, 'j F Y')} au {date_format(fin, 'j F Y')}"
        if meme_jour:
            return f"{date_format(debut, 'l j F Y').capitalize()}, de {_heure(debut)} à {_heure(fin)}"
        return f"Du {date_format(debut, 'j F Y')} à {_heure(debut)} au {date_format(fin, 'j F Y')} à {_heure(fin)}"

    # Generic card interface (includes/card_list.html).
    @property
    def date_carte(self):
        texte = self.dates_texte
        return f"{texte} – {self.statut_a_signaler}" if self.statut_a_signaler else texte

    @property
    def date_carte_iso(self):
        return self.debut_local.date().isoformat() if self.journee_entiere else self.debut_local.isoformat()

    @property
    def texte_carte(self):
        return self.resume

    def get_context(self, request, *args, **kwargs):
        from agenda import jsonld

        formulaire = kwargs.pop("formulaire_inscription", None)
        context = super().get_context(request, *args, **kwargs)
        lies = liens.objets_lies(self, ("partenaires", "thematiques"), request)
        context["organisateurs"], context["thematiques"] = lies["partenaires"], lies["thematiques"]
        context["a_venir"] = services.est_a_venir(self)
        context["replay"] = services.a_un_replay(self)
        context["url_ics"] = (self.get_url(request) or "") + self.reverse_subpage("ics")
        context["jsonld"] = jsonld.script_jsonld(jsonld.evenement_jsonld(self, request, lies["partenaires"]),
                                                 nonce_de(request))
        if formulaire is None and inscriptions.inscriptions_ouvertes(self):
            formulaire = FormulaireInscription().preparer_aria()
        context["formulaire_inscription"] = formulaire
        context["erreur_de_formulaire"] = bool(formulaire is not None and formulaire.is_bound and formulaire.errors)
        context["inscriptions_ouvertes"] = formulaire is not None
        if formulaire is not None:
            # An unsaved page (preview) has no registrations to count.
            context["places_restantes"] = inscriptions.places_restantes(self) if self.pk else self.capacite
        if self.inscription == ModeInscription.SUR_LE_SITE and self.pk:
            context["url_inscription"] = (self.get_url(request) or "") + self.reverse_subpage("inscription")
        return context

    # --- Registration on this site (rules in agenda/inscriptions.py, pages in agenda/views_inscription.py) ----

    @path("inscription/", name="inscription")
    def inscription_route(self, request):
        from agenda import views_inscription

        return views_inscription.inscrire(request, self)

    @path("inscription/merci/", name="inscription_merci")
    def inscription_merci(self, request):
        from agenda import views_inscription

        return views_inscription.merci(request, self)

    # The signed token goes in the query string: Wagtail's URL pattern only lets [\w-] through in the path.
    @path("inscription/annuler/", name="inscription_annuler")
    def inscription_annuler(self, request):
        from agenda import views_inscription

        return views_inscription.annuler(request, self, request.GET.get("jeton", ""))

    @path("calendrier/", name="ics")
    def ics(self, request):
        """This event alone, as a .ics file to add to one's calendar."""
        return ical.reponse(ical.calendrier([self], request, nom=self.title), f"{self.slug}.ics", piece_jointe=True)


def _page_replays():
    from agenda.models.replays import ReplayIndexPage

    return ReplayIndexPage.objects.live().public().first()


def _heure(moment):
    """French typographic time: "9 h 30", "14 h"."""
    return f"{moment.hour} h {moment.minute:02d}" if moment.minute else f"{moment.hour} h"
