"""The deploy files: the lock installs and runs, app.json matches the settings, every platform runs the
same commands (Procfile, app.json, Dockerfile, compose.yaml)."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from bot.errors import ConfigError
from bot.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[2]
PLATFORM_VARS = {"WEB_CONCURRENCY"}  # read by the Procfile line, not by the bot


def procfile() -> dict[str, str]:
    lines = (REPO / "Procfile").read_text().splitlines()
    return dict(line.split(":", 1) for line in lines if line.strip() and not line.startswith("#"))


def pins(name: str) -> dict[str, str]:
    text = (REPO / name).read_text()
    return {m[1].lower().replace("_", "-"): m[2] for m in re.finditer(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", text, re.M)}


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


# ---------------------------------------------------------------- the lock


@pytest.mark.parametrize(
    ("lock", "extras"), [("requirements.txt", []), ("requirements-test.txt", ["test"])], ids=["runtime", "test"]
)
def test_lock_pins_every_dependency_of_pyproject_with_hashes(lock, extras):
    """An offline check (CI also runs `scripts/lock --check`, which re-resolves)."""
    pinned = pins(lock)
    wanted = list(project()["dependencies"]) + [r for e in extras for r in project()["optional-dependencies"][e]]
    env = {"sys_platform": "linux", "python_version": "3.11", "extra": ""}
    for spec in wanted:
        req = Requirement(spec)
        if req.marker and not req.marker.evaluate(env):
            continue
        name = req.name.lower().replace("_", "-")
        assert name in pinned, f"{lock} does not pin {name}: run scripts/lock"
        assert req.specifier.contains(pinned[name], prereleases=True), f"{lock}: {name}=={pinned[name]} ∉ {spec}"
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (REPO / lock).read_text())
    unhashed = [b.split("==")[0] for b in blocks if "==" in b and "--hash=sha256:" not in b]
    assert not unhashed, f"{lock}: pins without hashes: {unhashed}"


def test_runtime_and_test_locks_agree_on_every_shared_pin():
    runtime, test = pins("requirements.txt"), pins("requirements-test.txt")
    assert set(runtime) <= set(test)
    assert {n: v for n, v in runtime.items() if test[n] != v} == {}


def test_lock_installs_in_a_fresh_venv_with_hashes_required_and_answers(tmp_path):
    """What a deploy does: a new virtual environment, the lock with --require-hashes, the wheel, then a
    question asked from outside the checkout (so the fact base must come from the installed package)."""
    from hatchling.builders.wheel import WheelBuilder

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    lock = REPO / "requirements.txt"
    done = subprocess.run([*pip, "install", "--require-hashes", "-r", str(lock)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    wheel = next(iter(WheelBuilder(str(REPO)).build(directory=str(tmp_path / "dist"), versions=["standard"])))
    done = subprocess.run([*pip, "install", "--no-deps", wheel], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("KNOWLEDGE_DIR", "PYTHONPATH", "VIRTUAL_ENV")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    got = subprocess.run(
        [str(venv / "bin" / "tip-bot"), "ask", "penalties 130.1"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert got.returncode == 0, got.stderr
    assert "5 to 8 years" in got.stdout and "27.B" in got.stdout, got.stdout


# ---------------------------------------------------------------- app.json


def app_json() -> dict:
    return json.loads((REPO / "app.json").read_text())


def test_app_json_declares_what_http_mode_requires_and_nothing_unknown():
    env = app_json()["env"]
    fields = {name.upper() for name in Settings.model_fields}
    unknown = set(env) - fields - PLATFORM_VARS
    assert not unknown, f"app.json declares settings the bot does not have: {sorted(unknown)}"
    required = {k for k, v in env.items() if v.get("required")}
    assert required >= {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"}
    for name, spec in env.items():
        assert spec.get("description"), f"{name} has no description"
        assert spec.get("required") or "value" in spec or "generator" in spec, f"{name}: optional without a default"


def test_app_json_defaults_are_valid_settings():
    values = {k.lower(): v["value"] for k, v in app_json()["env"].items() if "value" in v and k not in PLATFORM_VARS}
    try:
        s = load_settings(env_file=None, **values)
    except ConfigError as e:  # pragma: no cover - the failure message is the point
        pytest.fail(f"app.json's defaults are not valid settings: {e}")
    assert s.slack_api_url.startswith("https://")
    assert str(int(app_json()["env"]["WEB_CONCURRENCY"]["value"])) == app_json()["env"]["WEB_CONCURRENCY"]["value"]


def test_app_json_formation_and_addon():
    a = app_json()
    assert {k: v["quantity"] for k, v in a["formation"].items()} == {"web": 1, "clock": 1, "worker": 0}
    assert set(a["formation"]) <= set(procfile()), "a formation entry names no Procfile process"
    assert any(addon["plan"].startswith("heroku-postgresql") for addon in a["addons"])


# ---------------------------------------------------------------- one set of commands


def _compose_command(cmd) -> str:
    argv = cmd if isinstance(cmd, list) else shlex.split(cmd)
    if argv[:2] == ["sh", "-c"]:
        return argv[2].removeprefix("exec ").replace("$$", "$")
    return shlex.join(argv)


def _dockerfile_cmd() -> str:
    line = next(x for x in (REPO / "Dockerfile").read_text().splitlines() if x.startswith("CMD "))
    argv = json.loads(line[4:])
    assert argv[:2] == ["sh", "-c"] and argv[2].startswith("exec "), "the image must exec its command (SIGTERM)"
    return argv[2].removeprefix("exec ")


def test_procfile_dockerfile_and_compose_run_the_same_commands():
    proc = {k.strip(): v.strip() for k, v in procfile().items()}
    services = yaml.safe_load((REPO / "compose.yaml").read_text())["services"]
    compose = {name: _compose_command(s["command"]) for name, s in services.items() if "command" in s}
    assert _dockerfile_cmd() == proc["web"]
    assert compose["web"] == proc["web"]
    assert compose["clock"] == proc["clock"]
    if "release" in proc:  # the store's schema upgrade (Heroku's release phase)
        assert compose["migrate"] == proc["release"]
    assert {"web", "clock", "postgres"} <= set(services)
    assert "postgresql" in services["web"]["environment"]["DATABASE_URL"]


def test_every_process_runs_a_real_subcommand():
    tip_bot = Path(sys.executable).parent / "tip-bot"
    for name, line in procfile().items():
        argv = shlex.split(line)
        assert argv[0] == "tip-bot", f"{name}: {line}"
        words = [a for a in argv[1:3] if not a.startswith("-")]  # `db upgrade`, `serve`, `digest`
        got = subprocess.run([str(tip_bot), *words, "--help"], capture_output=True, text=True, cwd=REPO)
        assert got.returncode == 0, f"Procfile {name}: {got.stderr}"
