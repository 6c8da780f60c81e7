"""The admin's second factor: wagtail-2fa's code page, fixed for django-otp 1.7.5.

django-otp 1.7.5 no longer tries every device of the user when the login form names none (it would count a
failure on each device that did not match) and answers « Please select a device. ». wagtail-2fa 1.8.0's form
names none, so nobody could log in. Our accounts have TOTP devices only: the form picks the one whose code
matches (the user's only device in practice; with several, django-otp's match_token). The view takes
wagtail-2fa's URL name (see urls.py), so its middleware and templates are unchanged.

The code page is the second step of a login: it asks a code of a logged-in user who has a device. Without a
user, wagtail-2fa's view checked a code against AnonymousUser's devices (TypeError: 500 on any POST); without a
device there is no code to give. Both now go where they can go on: the login, the enrolment of a device.
"""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, reverse
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail_2fa.forms import TokenForm
from wagtail_2fa.middleware import VerifyUserMiddleware
from wagtail_2fa.views import LoginView


class FormulaireCode(TokenForm):
    def _verify_token(self, user, token, device=None):
        if device is None:
            appareils = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
            if len(appareils) == 1:
                device = appareils[0]
            else:
                device = match_token(user, token)
                if device is None:
                    return super()._verify_token(user, token, appareils[0] if appareils else None)
                return device
        return super()._verify_token(user, token, device)


class VerificationCode(LoginView):
    form_class = FormulaireCode

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=reverse("wagtailadmin_login"))
        if not user_has_device(request.user, confirmed=True):
            return redirect("wagtail_2fa_device_new")
        return super().dispatch(request, *args, **kwargs)


class VerificationDeuxiemeFacteur(VerifyUserMiddleware):
    """wagtail-2fa's middleware (settings.MIDDLEWARE), which no longer answers « Page introuvable » to Wagtail's
    previews.

    To decide whether a URL needs the second factor, wagtail-2fa resolves `request.path_info` against the URLconf,
    and lets Resolver404 (an Http404) escape when it does not resolve. Wagtail's previews (side panel, new tab,
    the newsletter's e-mail modes, the moderators' review link) render the page through a request it builds
    itself, whose PATH_INFO is the page's URL still percent-encoded (`/actualit%C3%A9s/…`): no URL pattern
    accepts `%`, so a two-factor-verified editor got a 404 for every page whose address had an accent, itself
    or an ancestor's. A path that resolves to nothing is no exempted URL: the second factor is required there
    as everywhere else (a verified editor goes on to the page, or to its real 404), never a 404 from here.
    """

    def _require_verified_user(self, request):
        try:
            return super()._require_verified_user(request)
        except Resolver404:
            return True
