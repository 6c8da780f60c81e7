"""Settings, roles and commands of the socle."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from wagtail.blocks import RichTextBlock
from wagtail.models import GroupApprovalTask, Page, WorkflowPage

from site_collectivites.fields import StreamField
from site_collectivites.models import HomePage, StandardPage
from site_collectivites.taxonomie.models import COULEURS, Partenaire, Thematique, TypePrestation

ROOT = Path(__file__).resolve().parent.parent


def _run_python(code, **env):
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    environment.update(env)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)


SETUP_PRODUCTION = (
    "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'site_collectivites.settings.production';"
    "import django; django.setup(); print('ok')"
)


def test_production_refuses_to_start_without_a_real_secret_key():
    for key in ("", "django-insecure-abc", "x" * 60):
        result = _run_python(SETUP_PRODUCTION, SECRET_KEY=key)
        assert result.returncode != 0
        assert "SECRET_KEY doit être fourni" in result.stderr


def test_production_starts_with_environment_configuration():
    result = _run_python(
        SETUP_PRODUCTION
        + ";from django.conf import settings as s;"
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'], s.EMAIL_BACKEND, s.CACHES['default']['BACKEND'])",
        SECRET_KEY="k" * 20 + "Zq8!vP2#mL5@xR9$wT3%yU6^nB1&cD4*eF7(gH0)",
        ALLOWED_HOSTS="collectivites.ladrome.fr",
        DATABASE_URL="postgres://user:pw@db.example:5432/collectivites",
        REDIS_URL="redis://127.0.0.1:6379/1",
        ANYMAIL_ESP="brevo",
        ANYMAIL_BREVO_API_KEY="cle",
    )
    assert result.returncode == 0, result.stderr
    assert (
        "False ['collectivites.ladrome.fr'] django.db.backends.postgresql anymail.backends.brevo.EmailBackend "
        "site_collectivites.cache.redis.RedisCache" in result.stdout
    )


def test_production_queues_tasks_for_the_worker_unless_told_otherwise():
    code = SETUP_PRODUCTION + ";from django.conf import settings as s;print(s.TASKS['default']['BACKEND'])"
    secret = "k" * 20 + "Zq8!vP2#mL5@xR9$wT3%yU6^nB1&cD4*eF7(gH0)"
    assert "django_tasks_db.DatabaseBackend" in _run_python(code, SECRET_KEY=secret).stdout
    immediate = _run_python(code, SECRET_KEY=secret, TASKS_BACKEND="immediate")
    assert "django_tasks.backends.immediate.ImmediateBackend" in immediate.stdout
    wrong = _run_python(code, SECRET_KEY=secret, TASKS_BACKEND="celery")
    assert wrong.returncode != 0 and "TASKS_BACKEND doit valoir immediate ou database" in wrong.stderr


def test_dev_default_is_an_embedded_sqlite_database():
    result = _run_python(
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'site_collectivites.settings.dev';"
        "os.environ.pop('DATABASE_URL', None);"
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], str(s.DATABASES['default']['NAME']).endswith('var/db.sqlite3'))",
        DATABASE_URL="",
    )
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.sqlite3 True" in result.stdout


def test_streamfield_definitions_stay_out_of_migrations():
    field = StreamField([("texte", RichTextBlock())], blank=True)
    name, path, args, kwargs = field.deconstruct()
    assert path == "site_collectivites.fields.StreamField"
    assert args == [] and "block_lookup" not in kwargs
    # And the migration-time field still builds (with no blocks).
    assert StreamField(**kwargs).stream_block.child_blocks == {}


def test_every_thematique_colour_is_readable_with_white_text():
    def luminance(hex_colour):
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for colour, _label in COULEURS:
        contrast = 1.05 / (luminance(colour) + 0.05)
        assert contrast >= 4.5, f"{colour} : contraste {contrast:.2f}"


@pytest.mark.django_db
def test_editor_groups_and_moderation_workflow_exist():
    redacteurs = Group.objects.get(name="Rédacteurs")
    moderateurs = Group.objects.get(name="Modérateurs")
    root = Page.get_first_root_node()
    redacteur_perms = set(redacteurs.page_permissions.filter(page=root).values_list("permission__codename", flat=True))
    moderateur_perms = set(moderateurs.page_permissions.filter(page=root).values_list("permission__codename", flat=True))
    assert {"add_page", "change_page"} <= redacteur_perms and "publish_page" not in redacteur_perms
    assert "publish_page" in moderateur_perms
    assert moderateurs.permissions.filter(codename="change_thematique").exists()
    workflow = WorkflowPage.objects.get(page=root).workflow
    assert workflow.name == "Validation par les modérateurs" and workflow.active
    task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
    assert list(task.groups.all()) == [moderateurs]


@pytest.mark.django_db
def test_redacteur_submits_but_cannot_publish(client, home):
    user = User.objects.create_user("redac", password="motdepasse-solide-2026")
    user.groups.add(Group.objects.get(name="Rédacteurs"))
    client.force_login(user)
    edit = client.get(f"/admin/pages/{home.pk}/edit/").content.decode()
    assert "Soumettre à Validation par les modérateurs" in edit
    assert 'name="action-publish"' not in edit


@pytest.mark.django_db
def test_admin_is_in_french_and_has_the_accessibility_checker(admin_client, home):
    assert "Connexion" in Client().get("/admin/login/").content.decode()
    html = admin_client.get("/").content.decode()
    assert "wagtail-userbar" in html
    assert "checker-axe-configuration" in html  # Wagtail's accessibility checker (axe) in the userbar


@pytest.mark.django_db
def test_reference_data_is_edited_as_snippets(admin_client):
    Thematique.objects.create(nom="Énergie")
    assert "Énergie" in admin_client.get("/admin/snippets/taxonomie/thematique/").content.decode()
    assert admin_client.get("/admin/snippets/taxonomie/partenaire/").status_code == 200
    assert admin_client.get("/admin/snippets/taxonomie/typeprestation/").status_code == 200


@pytest.mark.django_db
def test_demo_content_is_complete_and_idempotent(client):
    call_command("load_demo_content", stdout=open(os.devnull, "w"))
    counts = (Thematique.objects.count(), TypePrestation.objects.count(), Partenaire.objects.count(),
              Page.objects.count())
    call_command("load_demo_content", stdout=open(os.devnull, "w"))
    assert counts == (Thematique.objects.count(), TypePrestation.objects.count(), Partenaire.objects.count(),
                      Page.objects.count())
    assert counts[:2] == (9, 4)
    sigles = set(Partenaire.objects.values_list("sigle", flat=True))
    assert {"CAUE", "ADIL 26", "SDED", "EPORA", "SAFER", "Chambre d'agriculture", "CCI Drôme", "CMA Drôme", "DAH",
            "Agence d'attractivité", "Moulin Digital", "Numérian", "TERANA", "Pôle SIG"} <= sigles
    assert Partenaire.objects.filter(nature="direction").count() >= 6
    home = HomePage.objects.get()
    assert home.get_site().root_page_id == home.pk
    slugs = set(StandardPage.objects.live().values_list("slug", flat=True))
    assert {"mentions-legales", "donnees-personnelles", "accessibilite", "contact"} <= slugs
    for url in ("/", "/ingenierie-publique/", "/plan-du-site/", "/accessibilite/"):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_ensure_admin_creates_the_account_once(monkeypatch, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("DJANGO_ADMIN_USER", "chef")
    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", "un-mot-de-passe-long-2026")
    call_command("ensure_admin", stdout=open(os.devnull, "w"))
    call_command("ensure_admin", stdout=open(os.devnull, "w"))
    user = User.objects.get(username="chef")
    assert user.is_superuser and user.check_password("un-mot-de-passe-long-2026")
    assert User.objects.filter(username="chef").count() == 1


@pytest.mark.django_db
def test_ensure_admin_generates_and_remembers_a_password(monkeypatch, tmp_path, settings, capsys):
    settings.VAR_DIR = tmp_path
    monkeypatch.delenv("DJANGO_ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("DJANGO_ADMIN_USER", "admin")
    call_command("ensure_admin")
    password = (tmp_path / "admin-password.txt").read_text().strip()
    assert User.objects.get(username="admin").check_password(password)
    call_command("ensure_admin")
    assert password in capsys.readouterr().out


@pytest.mark.django_db
def test_ensure_admin_ends_make_run_with_a_short_block_of_address_and_accounts(monkeypatch, tmp_path, settings,
                                                                              capsys):
    """What `make run` prints last: the address it serves (SITE_URL, from HOST and PORT) and every account."""
    settings.VAR_DIR = tmp_path
    settings.SITE_URL = "http://127.0.0.1:8123"
    monkeypatch.delenv("DJANGO_ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("DJANGO_ADMIN_USER", "admin")
    monkeypatch.setenv("DJANGO_DEMO_PASSWORD", "mot-de-passe-demo-2026")
    User.objects.create_user("coordination").groups.add(Group.objects.get(name="Coordination des demandes"))
    for nom in ("agent.sded", "agent.caue"):
        User.objects.create_user(nom).groups.add(Group.objects.get(name="Agents des partenaires"))
    call_command("ensure_admin")
    sortie = capsys.readouterr().out
    password = (tmp_path / "admin-password.txt").read_text().strip()
    assert "Le site : http://127.0.0.1:8123/" in sortie
    assert "Administration : http://127.0.0.1:8123/admin/" in sortie
    assert f"identifiant : admin   mot de passe : {password}" in sortie
    assert "mot de passe commun : mot-de-passe-demo-2026" in sortie
    assert "agent.caue, agent.sded (agent d'un partenaire" in sortie
    assert "coordination (coordination : voit toutes les demandes)" in sortie
    assert len(sortie.splitlines()) <= 10


@pytest.mark.django_db
def test_editors_can_consult_the_territory_but_not_change_it(client):
    user = User.objects.create_user("redac2", password="motdepasse-solide-2026")
    user.groups.add(Group.objects.get(name="Rédacteurs"))
    assert user.has_perm("territoire.view_commune") and not user.has_perm("territoire.change_commune")
    client.force_login(user)
    assert client.get("/admin/territoire/communes/").status_code == 200
