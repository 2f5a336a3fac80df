"""A development checkout: `make run` writes a git-ignored .env that every manage.py
command reads; without it the production defaults (and their refusals) stay."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = "from django.conf import settings; print(settings.DEBUG, bool(settings.SECRET_KEY))"


def _manage(*args, env_file: str, extra: dict | None = None):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "EMAIL_BACKEND"}
    }
    env.update({"LEERROUTE_ENV_FILE": env_file, **(extra or {})})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_commands_read_the_local_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\nSECRET_KEY=dev-local-only-key-for-this-test\n")
    done = _manage("shell", "-c", SHOW, env_file=str(env_file))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "True True"


def test_without_env_file_production_defaults_refuse_to_start(tmp_path):
    done = _manage("shell", "-c", SHOW, env_file=str(tmp_path / "missing.env"))
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr


def test_the_environment_wins_over_the_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\nSECRET_KEY=dev-local-only-key-for-this-test\n")
    done = _manage("shell", "-c", SHOW, env_file=str(env_file), extra={"DEBUG": "false"})
    # DEBUG off from the environment: the settings demand a delivering email backend.
    assert done.returncode != 0
    assert "EMAIL_BACKEND" in done.stderr


def test_make_run_writes_the_env_file_and_starts_the_worker():
    makefile = (ROOT / "Makefile").read_text()
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    run = makefile[makefile.index("\nrun:") + 1 :]
    run = run[: run.index("\n\n")]
    assert "$(ENV_FILE)" in run.splitlines()[0]
    assert "db_worker &" in run and "runserver" in run
    assert re.search(r"trap .*kill", run)
    writer = makefile[makefile.index("$(ENV_FILE):") :]
    assert "DEBUG=true" in writer and "SECRET_KEY=" in writer and "secrets.token_urlsafe" in writer
    assert "\nworker: install\n\t$(PY) manage.py db_worker" in makefile
