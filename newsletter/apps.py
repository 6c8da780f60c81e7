from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Lettre d'information"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from anymail.signals import tracking

        from newsletter.webhooks import recevoir_evenement

        # ESP events (bounces, complaints…) arrive through anymail's tracking webhook, secured by
        # ANYMAIL["WEBHOOK_SECRET"]; see docs/newsletter.md.
        tracking.connect(recevoir_evenement, dispatch_uid="newsletter-suivi-esp")
