from wagtail import hooks

from site_collectivites.courrier.admin import CourrielEnFileViewSet


@hooks.register("register_admin_viewset")
def file_des_courriels():
    return CourrielEnFileViewSet("courriels_en_file")

