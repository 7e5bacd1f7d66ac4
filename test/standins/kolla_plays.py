# The plays the stand-in kolla-ansible runs (test only): WHICH plays a command runs, and in which order, is
# the release's own (kolla-plays.json here, generated from each release's tarball by
# scripts/gen-kolla-plays.mjs); what the stand-in does in a play is playbooks/plays.yml, by play name. A play
# it has no body for runs on no hosts (ansible prints "skipping: no hosts matched"), as kolla's plays of
# disabled services do.
import json
import os

import yaml

HERE = os.path.dirname(os.path.realpath(__file__))


def _release(release):
    with open(os.path.join(HERE, "kolla-plays.json")) as f:
        return json.load(f)["releases"].get(release)


def playbook_name(release, command):
    """The file name of the playbook the release's kolla-ansible runs for the command (stop: site.yml)."""
    return _release(release)["commands"][command]


def plays(release, command):
    """The playbook (a list of plays) for the command, or None when the release has no such command."""
    data = _release(release)
    if data is None or command not in data["commands"]:
        return None
    with open(os.path.join(HERE, "playbooks", "plays.yml")) as f:
        bodies = yaml.safe_load(f)
    return [
        dict({"name": name, "gather_facts": False}, **bodies.get(name, {"hosts": "all:!all", "tasks": []}))
        for name in data["playbooks"][data["commands"][command]]
    ]
