# The stand-in cloud (test only): what Nova and Neutron of a kolla-deployed cloud would hold, kept as
# JSON in the stand-in state dir of the deploy host (cloud.json). The kolla-ansible stand-in registers
# the services and agents a deploy starts on the hosts of its inventory; the openstack stand-in reads
# and changes it as the real APIs would (bin/openstack). Live migrations take a moment, as real ones do.
import json
import os
import subprocess
import time
import uuid

import lib

FLAVORS = {"m1.tiny": (1, 512), "m1.small": (1, 2048), "m1.medium": (2, 4096), "m1.large": (4, 8192)}
# How long a live migration runs before the server shows on its new host.
MIGRATION_SECONDS = 1.0


def path():
    return lib.state_path("cloud.json")


def load():
    if not os.path.exists(path()):
        return {"services": [], "agents": [], "servers": [], "routers": [], "networks": [], "hypervisors": {}}
    with open(path()) as f:
        return json.load(f)


def save(cloud):
    tmp = path() + ".tmp"
    with open(tmp, "w") as f:
        json.dump(cloud, f, indent=1)
    os.replace(tmp, path())


def settle(cloud):
    """Finishes the live migrations whose time has come (the server now runs on its target)."""
    now = time.time()
    for s in cloud["servers"]:
        m = s.get("migration")
        if m and m["until"] <= now:
            s["host"] = m["to"]
            s["status"] = "ACTIVE"
            s.pop("migration")


def new_id():
    return str(uuid.uuid4())


def inventory_groups(inventories):
    """Group -> hosts of kolla's inventory, read by the real ansible-inventory."""
    cmd = ["ansible-inventory"]
    for i in inventories:
        cmd += ["-i", i]
    out = subprocess.run(cmd + ["--list"], capture_output=True, text=True, check=True).stdout
    data = json.loads(out)

    def hosts(group, seen=None):
        seen = seen or set()
        if group in seen:
            return []
        seen.add(group)
        g = data.get(group, {})
        found = list(g.get("hosts", []))
        for child in g.get("children", []):
            found += hosts(child, seen)
        return found

    return {g: sorted(set(hosts(g))) for g in data if g != "_meta"}


def register(inventories, network_backend):
    """What a kolla deploy starts in the cloud: nova-compute per compute host, the control services per
    control host, Neutron's agents per network and compute host (OVN's or Open vSwitch's)."""
    groups = inventory_groups(inventories)
    cloud = load()

    def service(binary, host):
        if not any(s["binary"] == binary and s["host"] == host for s in cloud["services"]):
            cloud["services"].append(
                {"id": new_id(), "binary": binary, "host": host, "zone": "nova" if binary == "nova-compute" else "internal",
                 "status": "enabled", "state": "up", "disabled_reason": None}
            )

    def agent(kind, binary, host):
        if not any(a["agent_type"] == kind and a["host"] == host for a in cloud["agents"]):
            cloud["agents"].append(
                {"id": new_id(), "agent_type": kind, "host": host, "zone": "nova", "alive": True, "admin_state_up": True, "binary": binary}
            )

    for h in groups.get("control", []):
        for b in ("nova-scheduler", "nova-conductor"):
            service(b, h)
    for h in groups.get("compute", []):
        service("nova-compute", h)
        cloud["hypervisors"].setdefault(h, {"id": new_id(), "vcpus": 16, "memory_mb": 65536})
    if network_backend == "ovn":
        for h in groups.get("compute", []):
            agent("OVN Controller agent", "ovn-controller", h)
            agent("OVN Metadata agent", "neutron-ovn-metadata-agent", h)
        for h in groups.get("network", []):
            agent("OVN Controller Gateway agent", "ovn-controller", h)
    else:
        for h in sorted(set(groups.get("compute", []) + groups.get("network", []))):
            agent("Open vSwitch agent", "neutron-openvswitch-agent", h)
        for h in groups.get("network", []):
            agent("L3 agent", "neutron-l3-agent", h)
            agent("DHCP agent", "neutron-dhcp-agent", h)
            agent("Metadata agent", "neutron-metadata-agent", h)
    save(cloud)


def runs_release(release):
    """After a deploy or an upgrade: the release whose images the cloud's containers run (kolla's openstack_release)."""
    cloud = load()
    cloud["release"] = release
    save(cloud)


def network_backend(configdir):
    """neutron_plugin_agent of globals.yml (kolla's default: openvswitch)."""
    import yaml

    with open(os.path.join(configdir, "globals.yml")) as f:
        return (yaml.safe_load(f) or {}).get("neutron_plugin_agent", "openvswitch")


def stopped(inventories, limit):
    """After `kolla-ansible stop`: the Nova services of the stopped hosts are down, their agents dead."""
    groups = inventory_groups(inventories)
    every = sorted({h for hs in groups.values() for h in hs})
    hosts = set()
    for item in (limit.split(",") if limit else ["all"]):
        hosts.update(groups.get(item, every if item == "all" else [item]))
    state = load()
    for s in state["services"]:
        if s["host"] in hosts:
            s["state"] = "down"
    for a in state["agents"]:
        if a["host"] in hosts:
            a["alive"] = False
    save(state)
