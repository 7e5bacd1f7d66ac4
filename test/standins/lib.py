# Shared helpers of the stand-ins (test only): where they record their calls and keep state.
# Stand-ins replace tools that cannot run here (kolla-ansible, cephadm, docker, gluster, rally);
# product code never knows about them. Each call is appended as one JSON line to
# $OSISM_STANDIN_DIR/calls.jsonl (default /root/.standins, private per lab host).
import json
import os
import sys
import time

STATE = os.environ.get("OSISM_STANDIN_DIR", "/root/.standins")


def record(tool):
    """Append {tool, argv, cwd, at} to calls.jsonl."""
    os.makedirs(STATE, exist_ok=True)
    with open(os.path.join(STATE, "calls.jsonl"), "a") as f:
        f.write(json.dumps({"tool": tool, "argv": sys.argv[1:], "cwd": os.getcwd(), "at": time.time()}) + "\n")


def marker(name):
    """True when the test put a marker file of this name (to make a stand-in fail)."""
    return os.path.exists(os.path.join(STATE, name))


def state_path(name):
    os.makedirs(STATE, exist_ok=True)
    return os.path.join(STATE, name)


def out(text):
    sys.stdout.write(text)
    sys.stdout.flush()
