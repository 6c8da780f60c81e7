from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from site_collectivites.courrier.admin import CourrielEnFileViewSet


@hooks.register("register_admin_viewset")
def file_des_courriels():
    return CourrielEnFileViewSet("courriels_en_file")


@hooks.register("insert_global_admin_js")
def dates_a_la_francaise():
    # After Wagtail's date picker, before any form: typed dates are never replaced (static/js/admin-dates.js).
    return format_html('<script src="{}"></script>', static("js/admin-dates.js"))
