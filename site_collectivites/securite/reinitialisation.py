"""The admin's « mot de passe oublié » form: its e-mail through the outbox, its requests limited.

Django's form sends in the request and swallows a failure (the link is lost, the person waits for nothing), and
nothing limited it: eleven requests made eleven e-mails to the same person. Here:

- the e-mail is queued in the site's outbox (site_collectivites/courrier/): sent by the worker, retried when the
  provider fails, listed in the admin;
- its link starts with the site's public address (Wagtail's template reads WAGTAILADMIN_BASE_URL = SITE_URL),
  never with the Host header of the request;
- at most `MAX_PAR_ADRESSE` e-mails per address and `MAX_PAR_IP` requests per client in `FENETRE_SECONDES`,
  counted in the database (securite/ratelimit.py). Beyond, the page answers as usual and sends nothing: the same
  answer whether the address has an account or not, whether the limit is reached or not.
"""

import logging

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from wagtail.admin.forms.auth import PasswordResetForm

from site_collectivites.courrier.file import mettre_en_file
from site_collectivites.exploitation.courriels import ligne_d_en_tete
from site_collectivites.models import CourrielEnFile

from .ratelimit import client_ip, compter

logger = logging.getLogger(__name__)

FENETRE_SECONDES = 3600
MAX_PAR_ADRESSE = 3
MAX_PAR_IP = 10


class FormulaireReinitialisation(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        adresse = self.cleaned_data["email"].strip().lower()
        trop_par_ip = request is not None and compter("reinitialisation-ip", client_ip(request), FENETRE_SECONDES) > MAX_PAR_IP
        if trop_par_ip or compter("reinitialisation-adresse", adresse, FENETRE_SECONDES) > MAX_PAR_ADRESSE:
            logger.warning("Réinitialisation de mot de passe refusée : limite atteinte")
            return
        with transaction.atomic():
            super().save(*args, request=request, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        message = EmailMultiAlternatives(
            ligne_d_en_tete(render_to_string(subject_template_name, context)),
            render_to_string(email_template_name, context), from_email, [to_email],
        )
        if html_email_template_name is not None:
            message.attach_alternative(render_to_string(html_email_template_name, context), "text/html")
        mettre_en_file(message, CourrielEnFile.Nature.REINITIALISATION)
