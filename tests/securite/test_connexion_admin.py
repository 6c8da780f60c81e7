"""Admin login: lockout after repeated failures (django-axes) and the second factor (wagtail-2fa, TOTP)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db
MOT_DE_PASSE = "un-mot-de-passe-solide-2026"


@pytest.fixture
def sans_attente_apres_echec(settings):
    """django-otp makes a device wait 1 s, then 2, 4… after a wrong code; the tests send the right one at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def admin_compte(home):
    return User.objects.create_superuser("redaction", "redaction@ladrome.example", MOT_DE_PASSE)


def connexion(client, mot_de_passe, ip="198.51.100.7", **entetes):
    return client.post(
        "/admin/login/", {"username": "redaction", "password": mot_de_passe}, REMOTE_ADDR=ip, **entetes
    )


def test_lockout_after_five_failures_even_with_the_right_password(client, admin_compte):
    for _ in range(4):
        assert connexion(client, "mauvais").status_code == 200  # the login form again, with its error
    bloque = connexion(client, "mauvais")
    assert bloque.status_code == 429
    html = bloque.content.decode()
    assert "Connexion temporairement bloquée" in html and "15 minutes" in html
    # The right password does not help while locked.
    assert connexion(client, MOT_DE_PASSE).status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_user_and_ip_and_ends_after_the_cool_off(client, admin_compte):
    for _ in range(5):
        connexion(client, "mauvais")
    # A colleague behind another address is not locked out.
    assert connexion(Client(), MOT_DE_PASSE, ip="198.51.100.8").status_code == 302
    # Fifteen minutes later, the same pair may log in again.
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16))
    assert connexion(client, MOT_DE_PASSE).status_code == 302


def test_failures_spread_over_many_ips_lock_the_account_from_every_ip(client, admin_compte):
    # 6 addresses × 4 wrong passwords: each pair stays below its limit of 5, as an attacker would arrange.
    adresses = [f"203.0.113.{n}" for n in range(1, 7)]
    reponses = [connexion(Client(), "mauvais", ip=ip).status_code for ip in adresses for _ in range(4)]
    # The 15th failure for the account locks it: refused from then on.
    assert reponses[:14] == [200] * 14 and set(reponses[14:]) == {429}
    # Even with the right password, from an address never used before.
    bloque = connexion(Client(), MOT_DE_PASSE, ip="198.51.100.50")
    assert bloque.status_code == 429 and "Connexion temporairement bloquée" in bloque.content.decode()
    # Another account is not affected.
    User.objects.create_user("agent", "agent@ladrome.example", MOT_DE_PASSE, is_staff=True)
    autre = Client().post("/admin/login/", {"username": "agent", "password": MOT_DE_PASSE}, REMOTE_ADDR="203.0.113.1")
    assert autre.status_code == 302
    # After the cool-off, the owner logs in again.
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16))
    assert connexion(client, MOT_DE_PASSE, ip="198.51.100.50").status_code == 302


def test_the_account_threshold_counts_only_the_cool_off_window(client, admin_compte, settings):
    settings.CONNEXION_ECHECS_PAR_COMPTE = 8
    for ip in ("203.0.113.1", "203.0.113.2"):
        for _ in range(4):
            connexion(Client(), "mauvais", ip=ip)
    # 8 failures, but the first address's are older than the cool-off: 4 count, the owner may log in.
    AccessAttempt.objects.filter(ip_address="203.0.113.1").update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16))
    assert connexion(client, MOT_DE_PASSE, ip="198.51.100.50").status_code == 302


def test_lockout_counts_the_client_ip_given_by_the_reverse_proxy(client, admin_compte, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        connexion(client, "mauvais", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    tentative = AccessAttempt.objects.get()
    assert tentative.ip_address == "203.0.113.9" and tentative.failures_since_start == 5
    # Another visitor behind the same nginx is not locked out.
    reponse = connexion(Client(), MOT_DE_PASSE, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert reponse.status_code == 302


def test_second_factor_required_enrolment_by_qr_code(client, admin_compte, settings, sans_attente_apres_echec):
    settings.WAGTAIL_2FA_REQUIRED = True
    assert connexion(client, MOT_DE_PASSE).status_code == 302
    # Logged in with the password only: the admin sends to the enrolment of a device.
    reponse = client.get("/admin/")
    assert reponse.status_code == 302 and reponse["Location"].startswith("/admin/2fa/devices/new")
    page = client.get("/admin/2fa/devices/new")
    assert page.status_code == 200 and "/admin/2fa/devices/qr-code" in page.content.decode()
    qr = client.get("/admin/2fa/devices/qr-code")
    assert qr.status_code == 200 and qr["Content-Type"].startswith("image/svg+xml")
    appareil = TOTPDevice.objects.get(user=admin_compte, confirmed=False)
    assert client.post("/admin/2fa/devices/new", {"name": "Téléphone", "password": MOT_DE_PASSE,
                                                  "otp_token": "000000"}).status_code == 200  # wrong code
    reponse = client.post("/admin/2fa/devices/new", {"name": "Téléphone", "password": MOT_DE_PASSE,
                                                     "otp_token": f"{totp(appareil.bin_key):06d}"})
    assert reponse.status_code == 302
    assert TOTPDevice.objects.get(user=admin_compte).confirmed
    assert client.get("/admin/").status_code == 200


def test_second_factor_asked_at_each_login_once_enrolled(client, admin_compte, settings, sans_attente_apres_echec):
    settings.WAGTAIL_2FA_REQUIRED = True
    appareil = TOTPDevice.objects.create(user=admin_compte, name="Téléphone", confirmed=True)
    connexion(client, MOT_DE_PASSE)
    reponse = client.get("/admin/pages/")
    assert reponse.status_code == 302 and reponse["Location"].startswith("/admin/2fa/auth")
    assert client.post("/admin/2fa/auth", {"otp_token": "123456"}).status_code == 200  # refused
    assert client.get("/admin/pages/").status_code == 302
    reponse = client.post("/admin/2fa/auth?next=/admin/pages/", {"otp_token": f"{totp(appareil.bin_key):06d}"})
    assert reponse.status_code == 302 and reponse["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_without_the_requirement_the_password_is_enough(client, admin_compte, settings):
    settings.WAGTAIL_2FA_REQUIRED = False  # dev and `make run`'s demo account
    connexion(client, MOT_DE_PASSE)
    assert client.get("/admin/").status_code == 200


def test_second_factor_with_two_devices_accepts_either(client, admin_compte, settings, sans_attente_apres_echec):
    settings.WAGTAIL_2FA_REQUIRED = True
    TOTPDevice.objects.create(user=admin_compte, name="Téléphone", confirmed=True)
    secours = TOTPDevice.objects.create(user=admin_compte, name="Tablette", confirmed=True)
    connexion(client, MOT_DE_PASSE)
    reponse = client.post("/admin/2fa/auth", {"otp_token": f"{totp(secours.bin_key):06d}"})
    assert reponse.status_code == 302
    assert client.get("/admin/").status_code == 200


# The code page answers any input without a server error (an anonymous POST raised a TypeError: 500).

DONNEES_QUELCONQUES = [
    {}, {"otp_token": "123456"}, {"otp_token": "x" * 5000}, {"otp_token": ["1", "2"]}, {"otp_token": "１２３４５６"},
    {"otp_token": "12\x0034"}, {"otp_device": "n'importe quoi", "otp_token": "1"},
    {"otp_device": "otp_totp.totpdevice/999999", "otp_token": "123456"}, {"next": "https://ailleurs.example/"},
]


def page_de_code(client, methode, donnees):
    return getattr(client, methode)("/admin/2fa/auth", donnees)


def redirige(reponse, methode, donnees, vers):
    """A redirect to `vers`; or the site's 400 for a NUL byte in the URL (OctetNulMiddleware, before any view)."""
    if methode == "get" and any("\x00" in str(valeur) for valeur in donnees.values()):
        return reponse.status_code == 400
    return reponse.status_code == 302 and reponse["Location"].startswith(vers)


@pytest.mark.parametrize("methode", ["get", "post"])
@pytest.mark.parametrize("donnees", DONNEES_QUELCONQUES)
def test_the_code_page_sends_an_anonymous_visitor_to_the_login(home, settings, methode, donnees):
    settings.WAGTAIL_2FA_REQUIRED = True
    reponse = page_de_code(Client(raise_request_exception=False), methode, donnees)
    assert redirige(reponse, methode, donnees, "/admin/login/?next=/admin/2fa/auth"), reponse


@pytest.mark.parametrize("donnees", DONNEES_QUELCONQUES)
def test_the_code_page_sends_an_account_without_device_to_the_enrolment(client, admin_compte, settings, donnees):
    settings.WAGTAIL_2FA_REQUIRED = True
    connexion(client, MOT_DE_PASSE)
    for methode in ("get", "post"):
        assert redirige(page_de_code(client, methode, donnees), methode, donnees, "/admin/2fa/devices/new"), methode
    assert client.get("/admin/2fa/devices/new").status_code == 200


@pytest.mark.parametrize("donnees", DONNEES_QUELCONQUES)
def test_the_code_page_refuses_any_wrong_code_with_its_form(client, admin_compte, settings, donnees,
                                                            sans_attente_apres_echec):
    settings.WAGTAIL_2FA_REQUIRED = True
    TOTPDevice.objects.create(user=admin_compte, name="Téléphone", confirmed=True)
    connexion(client, MOT_DE_PASSE)
    assert page_de_code(client, "post", donnees).status_code == 200  # the form again
    assert client.get("/admin/pages/")["Location"].startswith("/admin/2fa/auth")  # still not verified


# Logout: by POST only, and it ends the session on the server.

def test_a_get_on_the_logout_changes_nothing(client, admin_compte):
    assert connexion(client, MOT_DE_PASSE).status_code == 302
    cookie = client.cookies["sessionid"].value
    reponse = client.get("/admin/logout/")
    # Wagtail's view deleted the cookie (and said « logged out ») after Django's 405, the session still valid.
    assert reponse.status_code == 302 and reponse["Location"] == "/admin/"
    assert "sessionid" not in reponse.cookies
    assert client.cookies["sessionid"].value == cookie
    assert client.get("/admin/").status_code == 200


def test_the_logout_ends_the_session_on_the_server(client, admin_compte):
    connexion(client, MOT_DE_PASSE)
    cookie = client.cookies["sessionid"].value
    reponse = client.post("/admin/logout/")
    assert reponse.status_code == 302 and reponse["Location"] == "/admin/login/"
    # Whoever kept the cookie (another tab, a copied cookie) is anonymous now.
    ancien = Client()
    ancien.cookies["sessionid"] = cookie
    reponse = ancien.get("/admin/")
    assert reponse.status_code == 302 and reponse["Location"].startswith("/admin/login/")
