"""The deployment files in deploy/ agree with what they configure.

- deploy/z2jh/values.yaml sets only keys that the Zero to JupyterHub chart version it names
  accepts: each key path is looked up in tests/data/z2jh-3.0.0-values-keys.yaml, the chart's
  values.schema.yaml reduced to its keys (its header gives the source and commit).
- The Kubernetes image, the exchange volume and the single-server hub all use one exchange path,
  the one in deploy/jupyterhub/nbgrader_config.py.
- The hub test's settings (tests/hub_support.py) have the same keys as deploy/jupyterhub/hub.toml,
  and the hub's configuration reads no other key, so the test starts the hub as IT would.
- deploy/jupyterhub/jupyterhub_config.py, loaded as installed (without the hub test's overrides),
  logs people in with PAM by unix group, serves HTTPS, gives the grading role to trainers and
  assessors, and names a missing group with the command that makes it.

The hub itself is started from these files by tests/test_hub.py.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from hub_support import HUB_SETTINGS

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
CHART_VERSION = "3.0.0"
CHART_KEYS = Path(__file__).with_name("data") / f"z2jh-{CHART_VERSION}-values-keys.yaml"


def unknown_keys(values: dict, known: dict | str, path: str = "") -> list[str]:
    """The key paths in ``values`` that ``known`` (the chart's key tree) does not have."""
    if known == "any":
        return []
    if not isinstance(values, dict):
        return []
    if known == "leaf":
        return [f"{path} (the chart expects a single value or a list here, not keys)"]
    problems = []
    for key, value in values.items():
        where = f"{path}.{key}" if path else str(key)
        if key in known:
            problems += unknown_keys(value, known[key], where)
        elif "*" in known:  # a map of named entries, each with the listed keys
            problems += unknown_keys(value, known["*"], where)
        else:
            problems.append(where)
    return problems


def chart_keys() -> dict:
    return yaml.safe_load(CHART_KEYS.read_text("utf-8"))["values"]


def z2jh_values() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text("utf-8"))


def test_every_key_in_the_z2jh_values_exists_in_the_chart_version_named():
    assert unknown_keys(z2jh_values(), chart_keys()) == []


def test_the_key_check_refuses_a_key_the_chart_does_not_have():
    values = z2jh_values()
    values["singleuser"]["storage"]["homeMountPth"] = "/home/jovyan"  # a typo the chart would reject
    values["cull"]["timeout"] = {"minutes": 60}
    assert unknown_keys(values, chart_keys()) == [
        "singleuser.storage.homeMountPth",
        "cull.timeout (the chart expects a single value or a list here, not keys)"]


def test_the_values_and_guide_name_the_chart_version_the_keys_come_from():
    assert f"--version {CHART_VERSION}" in (DEPLOY / "z2jh" / "values.yaml").read_text("utf-8")
    guide = (DEPLOY / "z2jh" / "README.md").read_text("utf-8")
    assert f"--version {CHART_VERSION}" in guide and "02dd73df01bdbb6d602fed21b0be12565ab38080" in CHART_KEYS.read_text()


def exchange_root() -> str:
    found = re.search(r'^c\.Exchange\.root = "([^"]+)"$', (DEPLOY / "jupyterhub" / "nbgrader_config.py").read_text("utf-8"), re.M)
    assert found, "deploy/jupyterhub/nbgrader_config.py must set c.Exchange.root"
    return found.group(1)


def test_kubernetes_mounts_the_exchange_where_nbgrader_looks_for_it():
    single = z2jh_values()["singleuser"]["storage"]
    mounts = {m["name"]: m["mountPath"] for m in single["extraVolumeMounts"]}
    claims = {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in single["extraVolumes"]}
    assert mounts["exchange"] == exchange_root()
    volume = yaml.safe_load((DEPLOY / "z2jh" / "exchange-volume.yaml").read_text("utf-8"))
    assert volume["metadata"]["name"] == claims["exchange"] and volume["spec"]["accessModes"] == ["ReadWriteMany"]
    dockerfile = (DEPLOY / "z2jh" / "Dockerfile").read_text("utf-8")
    assert "COPY deploy/jupyterhub/nbgrader_config.py /etc/jupyter/nbgrader_config.py" in dockerfile
    assert re.search(r'coursekit\[[^\]]*\blab\b', dockerfile)


def settings_read_by_the_hub() -> set[str]:
    text = (DEPLOY / "jupyterhub" / "jupyterhub_config.py").read_text("utf-8")
    keys = set(re.findall(r'settings(?:\[|\.get\()\s*["\']([a-z_]+)["\']', text))
    if 'settings[f"{role}_group"]' in text:
        keys |= {f"{role}_group" for role in ("learners", "trainers", "assessors")}
    return keys


@pytest.mark.parametrize("settings", ["deploy", "test"])
def test_the_hub_settings_have_exactly_the_keys_the_hub_reads(settings):
    if settings == "deploy":
        data = tomllib.loads((DEPLOY / "jupyterhub" / "hub.toml").read_text("utf-8"))
    else:
        data = tomllib.loads(HUB_SETTINGS.format(learners="l", trainers="t", assessors="a", grader="g",
                                                 grader_port=1, port=2, data_dir="/tmp"))
    assert set(data) == settings_read_by_the_hub()


@pytest.mark.parametrize("guide", ["jupyterhub/README.md", "z2jh/README.md"])
def test_every_coursekit_command_in_the_deployment_guides_parses(guide, capsys):
    from test_guides import commands, problem

    found = commands((DEPLOY / guide).read_text("utf-8"))
    assert found, f"deploy/{guide} gives the trainer's first command"
    bad = {c: problem(c) for c in found if problem(c)}
    capsys.readouterr()
    assert not bad, f"deploy/{guide}: these commands do not parse: {bad}"


def load_hub_config(settings: Path) -> "Config":
    """deploy/jupyterhub/jupyterhub_config.py as JupyterHub loads it, with ``settings`` as /etc/coursekit/hub.toml."""
    from traitlets.config.loader import PyFileConfigLoader

    os.environ["COURSEKIT_HUB_SETTINGS"] = str(settings)
    try:
        return PyFileConfigLoader("jupyterhub_config.py", str(DEPLOY / "jupyterhub")).load_config()
    finally:
        del os.environ["COURSEKIT_HUB_SETTINGS"]


def settings_file(tmp_path: Path, **changes: str) -> Path:
    """deploy/jupyterhub/hub.toml with groups and a grader account this machine has."""
    text = (DEPLOY / "jupyterhub" / "hub.toml").read_text("utf-8")
    here = {"learners_group": grp.getgrgid(os.getgid()).gr_name, "trainers_group": grp.getgrgid(os.getgid()).gr_name,
            "assessors_group": grp.getgrgid(os.getgid()).gr_name, "grader_account": pwd.getpwuid(os.getuid()).pw_name}
    for key, value in {**here, **changes}.items():
        text, count = re.subn(rf'^{key} = "[^"]*"$', f'{key} = "{value}"', text, flags=re.M)
        assert count == 1, key
    path = tmp_path / "hub.toml"
    path.write_text(text, "utf-8")
    return path


def test_the_hub_config_as_it_installs_logs_in_by_unix_group_with_https(tmp_path):
    c = load_hub_config(settings_file(tmp_path))
    group = grp.getgrgid(os.getgid()).gr_name
    assert c.JupyterHub.authenticator_class == "pam" and c.LocalAuthenticator.allowed_groups == {group}
    assert c.JupyterHub.bind_url == "https://:443" and c.JupyterHub.ssl_cert == "/etc/coursekit/tls/hub.crt"
    assert c.JupyterHub.db_url == "sqlite:////var/lib/coursekit-hub/jupyterhub.sqlite"
    grading = {role["name"]: role for role in c.JupyterHub.load_roles}["coursekit-grading"]
    assert grading["groups"] == ["trainers", "assessors"]
    assert grading["scopes"] == ["access:services!service=coursekit-grading"]
    service = c.JupyterHub.services[0]
    assert service["name"] == "coursekit-grading" and service["user"] == pwd.getpwuid(os.getuid()).pw_name
    assert service["url"] == "http://127.0.0.1:9999"


def test_the_hub_config_names_a_missing_group_and_says_how_to_make_it(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        load_hub_config(settings_file(tmp_path, trainers_group="no-such-group-ck"))
    assert "The unix group 'no-such-group-ck'" in str(stopped.value) and "groupadd no-such-group-ck" in str(stopped.value)
