"""The bilan in the admin: its menu item and home panel (coordination and partners' agents only), its URLs,
and the QR code buttons of every page."""

from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button

from demandes.acces import peut_acceder

from . import admin_views


class BilanMenuItem(MenuItem):
    def is_shown(self, request):
        return peut_acceder(request.user)


class BilanPanel(Component):
    """A summary of the year on the admin home, linking to the dashboard."""

    name = "bilan"
    template_name = "bilan/admin/panneau.html"
    order = 150

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        annee = timezone.localdate().year
        return {"bilan": admin_views.bilan_de(self.user, annee), "url": reverse("bilan_tableau")}


@hooks.register("register_admin_urls")
def urls_bilan():
    return [
        path("bilan/", admin_views.TableauBilanView.as_view(), name="bilan_tableau"),
        path("bilan/figer/", admin_views.figer_annee, name="bilan_figer"),
        path("bilan/rapport/", admin_views.RapportActiviteView.as_view(), name="bilan_rapport"),
        path("bilan/qr/<int:page_id>.<str:format_fichier>", admin_views.qr_code, name="bilan_qr"),
    ]


@hooks.register("register_admin_menu_item")
def menu_bilan():
    return BilanMenuItem("Bilan", reverse("bilan_tableau"), icon_name="table", order=210)


@hooks.register("construct_homepage_panels")
def panneau_bilan(request, panels):
    if peut_acceder(request.user):
        panels.append(BilanPanel(request.user))


def boutons_qr(page, user, priorite):
    if page.is_root() or not page.permissions_for_user(user).can_edit():
        return []
    return [
        Button(f"QR code ({format_fichier.upper()})", reverse("bilan_qr", args=[page.pk, format_fichier]),
               icon_name="download", priority=priorite + i)
        for i, format_fichier in enumerate(["svg", "png"])
    ]


@hooks.register("register_page_listing_more_buttons")
def qr_dans_la_liste(page, user, next_url=None):
    return boutons_qr(page, user, 90)


@hooks.register("register_page_header_buttons")
def qr_dans_l_entete(page, user, view_name=None, next_url=None):
    return boutons_qr(page, user, 90)


@hooks.register("parametres_pages_en_cache")
def parametres_du_bilan():
    """The year a public bilan shows (views._annee): the page cache keys on the declared parameters only."""
    return {"annee"}
