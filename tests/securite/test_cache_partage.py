"""Production refuses several processes without a shared cache (site_collectivites/cache/partage.py): run as
`manage.py check --deploy` runs it, with production settings read from the environment."""

import re

from tests.securite.test_production import RACINE, check_deploy

UNITE = RACINE / "deploy" / "systemd" / "collectivites.service"


def verifier(**env):
    return check_deploy("caches", **env)


def test_gunicorns_workers_with_a_local_memory_cache_are_refused():
    code, sortie = verifier()
    assert code == 1
    assert ("(cache.E001) Le cache (default) est en mémoire locale alors que 3 processus servent le site "
            "(SERVEURS_APPLICATION=1 × WEB_CONCURRENCY=3)") in sortie
    assert "Définissez REDIS_URL" in sortie


def test_several_app_servers_of_one_process_each_are_refused_too():
    code, sortie = verifier(WEB_CONCURRENCY="1", SERVEURS_APPLICATION="2")
    assert code == 1 and "alors que 2 processus servent le site" in sortie


def test_a_shared_redis_or_a_single_process_passes():
    assert verifier(REDIS_URL="redis://127.0.0.1:6379/1")[0] == 0
    assert verifier(WEB_CONCURRENCY="1")[0] == 0


def test_gunicorn_runs_the_number_of_workers_the_check_counts():
    """The unit gives gunicorn its workers through WEB_CONCURRENCY (gunicorn's own variable), with the default of
    production settings, so that `check --deploy` run from a shell counts what systemd starts."""
    unite = UNITE.read_text()
    (valeur,) = re.findall(r"^Environment=WEB_CONCURRENCY=(\d+)$", unite, re.M)
    execution = unite.split("ExecStart=", 1)[1].split("\nExecReload", 1)[0]
    assert "--workers" not in execution and "-w " not in execution
    assert f"WEB_CONCURRENCY={valeur})" in verifier()[1]
