import io
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Charge (ou met à jour) le contenu de démonstration du site. Idempotent."

    def handle(self, *args, **options):
        # -v0 (make run): the loaders' summaries are kept quiet; `ensure_admin` prints the accounts at the end.
        sortie = self.stdout if options["verbosity"] > 0 else io.StringIO()
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if app_config.name == "site_collectivites":
                module_name = "site_collectivites.demo.socle"
            if find_spec(module_name.rsplit(".", 1)[0]) is None or find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            if hasattr(module, "load"):
                module.load(sortie)
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS("Contenu de démonstration chargé."))
