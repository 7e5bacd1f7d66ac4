# The cephadm stand-in's orchestrator and `ceph df` (test only): host drain and removal as cephadm's
# "Removing Hosts" runs them. The command signatures are the REAL ones: each `orch ...` command's
# handler is read from Debian's ceph-mgr-modules-core (/usr/share/ceph/mgr/orchestrator/module.py,
# the `@_cli_*_command('orch host drain')` functions), turned into the descriptor the manager
# advertises exactly as mgr_module.CLICommand.load_func_metadata does (with ceph_argparse's own
# CephArgtype.to_argdesc), and the arguments are matched by the real `ceph` CLI's parser
# (Debian's python3-ceph-argparse: parse_json_funcsigs, validate_command). What each command then
# does, prints and refuses follows cephadm's module (ceph-mgr-cephadm 16.2.15, cephadm/module.py:
# drain_host, remove_host, remove_osds; services/osd.py OSD.to_json; orchestrator/_interface.py
# DaemonDescription.to_json), over the stand-in's state: the hosts, their labels, the OSDs the
# OSD specs created, the removal queue.
import ast
import enum
import inspect
import json
import os
import subprocess
import sys
import typing

import lib

ORCH_MODULE = "/usr/share/ceph/mgr/orchestrator/module.py"
# the monitor's `df` (src/mon/MonCommands.h, 16.2.15): COMMAND("df name=detail,type=CephChoices,strings=detail,req=false", ...)
MON_COMMANDS = {"df": ("df name=detail,type=CephChoices,strings=detail,req=false", "show cluster free space stats")}
# what the stand-in answers of the orchestrator (prefix -> the handler's name in module.py)
ORCH_PREFIXES = ["orch host ls", "orch host drain", "orch host rm", "orch osd rm status", "orch ps"]
# the ceph CLI's own -f/--format (src/ceph.in): parsed before the command, handed to it as `format`
CLI_FORMATS = ["json", "json-pretty", "xml", "xml-pretty", "plain", "yaml"]
# each OSD's size in `ceph df` (the stand-in has no disks to measure): 10 GiB
OSD_BYTES = 10 * 1024 ** 3
# how many `osd rm status` polls report a scheduled removal before its OSD is drained and purged
RM_POLLS = 2
# cephadm's default placement counts (mon: 5, mgr: 2)
MON_COUNT, MGR_COUNT = 5, 2


def fail(msg, rc):
    sys.stderr.write(msg + "\n")
    sys.exit(rc)


def _orch_descriptors():
    """prefix -> (descriptor string, help) of the modelled orchestrator commands, from the real module's source."""
    if not os.path.exists(ORCH_MODULE):
        fail("cephadm (stand-in): %s is missing (Debian package ceph-mgr-modules-core): it defines the orchestrator's commands" % ORCH_MODULE, 127)
    from ceph_argparse import CephArgtype
    tree = ast.parse(open(ORCH_MODULE).read())
    ns = dict(vars(typing))
    ns.update({"enum": enum, "HandleCommandResult": object})
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "Format":
            exec(compile(ast.Module(body=[node], type_ignores=[]), ORCH_MODULE, "exec"), ns)
    out = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        for d in node.decorator_list:
            if (isinstance(d, ast.Call) and isinstance(d.func, ast.Name) and d.func.id.startswith("_cli_")
                    and d.args and isinstance(d.args[0], ast.Constant) and d.args[0].value in ORCH_PREFIXES):
                fn = ast.FunctionDef(name=node.name, args=node.args, body=[ast.Pass()], decorator_list=[],
                                     returns=node.returns, type_comment=None)
                fn = ast.fix_missing_locations(ast.copy_location(fn, node))
                exec(compile(ast.Module(body=[fn], type_ignores=[]), ORCH_MODULE, "exec"), ns)
                f = ns[node.name]
                # mgr_module.CLICommand.load_func_metadata (ceph-mgr 16.2.15), line for line
                full = inspect.getfullargspec(f)
                arg_spec = full.annotations
                first_default = len(arg_spec) - len(full.defaults or ())
                args = []
                for index, arg in enumerate(full.args):
                    if arg in ("_", "self", "mgr", "inbuf", "return"):
                        continue
                    args.append(CephArgtype.to_argdesc(arg_spec[arg], dict(name=arg), index >= first_default))
                out[d.args[0].value] = ("%s %s" % (d.args[0].value, " ".join(args)), (ast.get_docstring(node) or "").strip())
    missing = [p for p in ORCH_PREFIXES if p not in out]
    if missing:
        fail("cephadm (stand-in): %s defines no %s" % (ORCH_MODULE, ", ".join(missing)), 127)
    return out


def _sig(desc):
    """A descriptor string ("orch host rm name=hostname,type=CephString ...") as the JSON signature the daemons send."""
    sig = []
    for word in desc.split():
        if "=" not in word:
            sig.append(word)
        else:
            sig.append(dict(kv.split("=", 1) for kv in word.split(",")))
    return sig


def parse(words):
    """The real ceph CLI's matching of `words` against the modelled signatures: the parsed dict, or exit 22 as the CLI does."""
    from ceph_argparse import parse_json_funcsigs, validate_command
    fmt, rest, i = None, [], 0
    while i < len(words):
        w = words[i]
        if w in ("-f", "--format") or w.startswith("--format="):
            if "=" in w:
                value = w.split("=", 1)[1]
            elif i + 1 < len(words):
                value = words[i + 1]
                i += 1
            else:
                fail("ceph: error: argument -f/--format: expected one argument", 2)
            if value not in CLI_FORMATS:
                fail("ceph: error: argument -f/--format: invalid choice: '%s' (choose from %s)"
                     % (value, ", ".join("'%s'" % f for f in CLI_FORMATS)), 2)
            fmt = value
        else:
            rest.append(w)
        i += 1
    descs = dict(MON_COMMANDS)
    descs.update(_orch_descriptors())
    sigs = {"cmd%03d" % n: {"sig": _sig(d), "help": h, "module": "mgr", "perm": "rw", "flags": 0}
            for n, (d, h) in enumerate(descs.values())}
    valid = validate_command(parse_json_funcsigs(json.dumps(sigs), "cli"), rest)
    if not valid:
        fail("Error EINVAL: invalid command", 22)
    if fmt and "format" not in valid:
        valid["format"] = fmt
    return valid


def handles(words):
    """True when the stand-in answers these words here (the orchestrator commands of a host's removal, `df`)."""
    joined = " ".join(w for w in words if not w.startswith("-"))
    return words[:1] == ["df"] or any(joined.startswith(p) for p in ORCH_PREFIXES)


def einval(msg):
    # an OrchestratorError / OrchestratorValidationError: errno -EINVAL, the message on stderr
    fail("Error EINVAL: %s" % msg, 22)


def _labels(state, host):
    return state.setdefault("labels", {}).setdefault(host, ["_admin"] if host == state["hosts"][0] else [])


def daemons(state, host):
    """The daemons cephadm runs on a host: mon and mgr by their default counts, crash everywhere, RGW where placed, the OSDs."""
    if host not in state["hosts"]:
        return []
    ok = [h for h in state["hosts"] if "_no_schedule" not in _labels(state, h)]
    out = []

    def d(kind, ident, service):
        out.append({"daemon_type": kind, "daemon_id": ident, "service_name": service, "daemon_name": "%s.%s" % (kind, ident),
                    "hostname": host, "container_image_name": "quay.io/ceph/ceph:v16.2.15", "version": "16.2.15",
                    "status": 1, "status_desc": "running", "is_active": False, "ports": []})
        if kind == "osd":
            out[-1]["osdspec_affinity"] = service.split(".", 1)[1]

    if host in ok[:MON_COUNT]:
        d("mon", host, "mon")
    if host in ok[:MGR_COUNT]:
        d("mgr", host + ".standin", "mgr")
    if host in ok:
        d("crash", host, "crash")
        for name, svc in sorted(state.get("services", {}).items()):
            if host in svc.get("hosts", []):
                d(name.split(".", 1)[0], "%s.%s.standin" % (name.split(".", 1)[1], host), name)
    for osd_id, osd in sorted(state.get("osds", {}).items(), key=lambda kv: int(kv[0])):
        if osd["host"] == host:
            d("osd", osd_id, osd["service"])
    return sorted(out, key=lambda x: (x["daemon_type"], x["daemon_id"]))


def add_osds(state, service_name, hosts, paths):
    """An applied OSD spec: one OSD per data device on each placed host (kept when the spec is applied again)."""
    osds = state.setdefault("osds", {})
    for h in hosts:
        for p in paths:
            if not any(o["host"] == h and o["device"] == p for o in osds.values()):
                osds[str(max([int(k) for k in osds] + [-1]) + 1)] = {"host": h, "device": p, "service": service_name}


def _table(rows):
    t = "{:<20} {:<15}\n".format("type", "id") + "{:<20} {:<15}\n".format("-" * 20, "-" * 15)
    return t + "".join("{:<20} {:<15}\n".format(d["daemon_type"], d["daemon_id"]) for d in rows)


def _offline(state, host):
    """cephadm's offline hosts: those it cannot log in to with its own SSH key."""
    key = os.path.join(state["out_dir"], "ceph-standin-key")
    addr = state.get("addrs", {}).get(host, host)
    r = subprocess.run(["ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                        "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=5", "-i", key, "root@" + addr, "true"],
                       capture_output=True, text=True)
    return r.returncode != 0


def _dump(obj, fmt):
    return json.dumps(obj, indent=4 if fmt == "json-pretty" else None)


def run(state, save, words):
    """Answers one modelled command (exits like the ceph CLI on a refusal)."""
    v = parse(words)
    prefix, fmt = v["prefix"], v.get("format", "plain")
    if fmt not in ("plain", "json", "json-pretty"):
        fail("cephadm (stand-in): --format %s is not modelled (plain, json, json-pretty)" % fmt, 2)
    queue = state.setdefault("rm_queue", [])
    if prefix == "orch host ls":
        hosts = [{"hostname": h, "addr": state.get("addrs", {}).get(h, h), "labels": _labels(state, h), "status": ""}
                 for h in state["hosts"]]
        if fmt == "plain":
            lib.out("HOST  ADDR  LABELS  STATUS\n" + "".join("%s  %s  %s\n" % (h["hostname"], h["addr"], " ".join(h["labels"])) for h in hosts)
                    + "%d hosts in cluster\n" % len(hosts))
        else:
            lib.out(_dump(hosts, fmt) + "\n")
    elif prefix == "orch host drain":
        host = v["hostname"]
        admins = [h for h in state["hosts"] if "_admin" in _labels(state, h)]
        if not v.get("force") and admins == [host]:
            einval("Host %s is the last host with the '_admin' label.\nDraining this host could cause the removal of the last "
                   "cluster config/keyring managed by cephadm.\nIt is recommended to add the _admin label to another host before "
                   "completing this operation.\nIf you're certain this is what you want rerun this command with --force." % host)
        if host not in state["hosts"]:
            einval("host %s does not exist" % host)
        # the daemons as cephadm's cache lists them when the drain starts (the table it prints)
        listed = daemons(state, host)
        if "_no_schedule" not in _labels(state, host):
            _labels(state, host).append("_no_schedule")
        for d in listed:
            if d["daemon_type"] == "osd" and not any(q["osd_id"] == int(d["daemon_id"]) for q in queue):
                queue.append({"osd_id": int(d["daemon_id"]), "hostname": host, "polls": RM_POLLS})
        save()
        lib.out("Scheduled to remove the following daemons from host '%s'\n%s" % (host, _table(listed)))
    elif prefix == "orch osd rm status":
        if not queue:
            # the module answers so before it looks at the format
            lib.out("No OSD remove/replace operations reported\n")
            return
        stop = lib.marker("fail-osd-rm")
        report = []
        for q in list(queue):
            report.append({"osd_id": q["osd_id"], "started": True, "draining": q["polls"] > 1 and not stop, "stopped": stop,
                           "replace": False, "force": False, "zap": False, "hostname": q["hostname"],
                           "drain_started_at": "2026-12-07T00:00:00.000000Z", "drain_stopped_at": None,
                           "drain_done_at": None, "process_started_at": "2026-12-07T00:00:00.000000Z"})
            if stop:
                # as `ceph orch osd rm stop`: the removal leaves the queue, the OSD stays
                queue.remove(q)
                continue
            q["polls"] -= 1
            if q["polls"] <= 0:
                queue.remove(q)
                state["osds"].pop(str(q["osd_id"]), None)
        save()
        if fmt == "plain":
            lib.out("OSD  HOST  STATE\n" + "".join("%d  %s  %s\n" % (r["osd_id"], r["hostname"], "draining" if r["draining"] else "done, waiting for purge")
                                                   for r in report))
        else:
            lib.out(_dump(report, fmt) + "\n")
    elif prefix == "orch ps":
        hosts = [v["hostname"]] if v.get("hostname") else state["hosts"]
        found = [d for h in hosts for d in daemons(state, h)]
        for key in ("service_name", "daemon_type", "daemon_id"):
            if v.get(key):
                found = [d for d in found if d[key] == v[key]]
        found.sort(key=lambda d: (d["daemon_type"], d["hostname"], d["daemon_id"]))
        if fmt != "plain":
            lib.out(_dump(found, fmt) + "\n")
        elif not found:
            lib.out("No daemons reported\n")
        else:
            lib.out("NAME  HOST  STATUS\n" + "".join("%s  %s  running\n" % (d["daemon_name"], d["hostname"]) for d in found))
    elif prefix == "orch host rm":
        host, force, offline = v["hostname"], bool(v.get("force")), bool(v.get("offline"))
        host_offline = host in state["hosts"] and _offline(state, host)
        if host_offline and not offline:
            einval("%s is offline, please use --offline and --force to remove this host. This can potentially cause data loss" % host)
        if not host_offline and offline:
            einval("%s is online, please remove host without --offline." % host)
        if offline and not force:
            einval("Removing an offline host requires --force")
        left = daemons(state, host)
        if not force and left:
            einval("Not allowed to remove %s from cluster. The following daemons are running in the host:\n%s\n"
                   "Please run 'ceph orch host drain %s' to remove daemons from host" % (host, _table(left), host))
        admins = [h for h in state["hosts"] if "_admin" in _labels(state, h)]
        if not force and admins == [host]:
            einval("Host %s is the last host with the '_admin' label. Please add the '_admin' label to a host or add --force to this command" % host)
        if host not in state["hosts"]:
            einval("host %s does not exist" % host)
        if offline:
            # `osd purge-actual` of each OSD on it, then `osd crush rm HOST`
            for osd_id in [k for k, o in state.get("osds", {}).items() if o["host"] == host]:
                del state["osds"][osd_id]
            state["rm_queue"] = [q for q in queue if q["hostname"] != host]
        state["hosts"].remove(host)
        state.get("labels", {}).pop(host, None)
        save()
        lib.out("Removed %s host '%s'\n" % ("offline" if offline else "", host))
    elif prefix == "df":
        osds = len(state.get("osds", {}))
        total = osds * OSD_BYTES
        pools, used = [], 0
        stored_file = lib.state_path("ceph-stored-bytes")
        extra = int(open(stored_file).read().strip() or 0) if os.path.exists(stored_file) else 0
        for i, (name, p) in enumerate(state["pools"].items()):
            stored = p.get("stored", 0) + (extra if i == 0 else 0)
            used += stored * p["size"]
            pools.append({"name": name, "id": i + 1, "stats": {"stored": stored, "objects": 0, "kb_used": (stored * p["size"] + 1023) // 1024,
                                                                "bytes_used": stored * p["size"], "percent_used": 0.0, "max_avail": 0}})
        avail = max(total - used, 0)
        for p in pools:
            size = state["pools"][p["name"]]["size"]
            p["stats"]["max_avail"] = avail // size
            p["stats"]["percent_used"] = p["stats"]["bytes_used"] / (p["stats"]["bytes_used"] + avail) if p["stats"]["bytes_used"] else 0.0
        stats = {"total_bytes": total, "total_avail_bytes": avail, "total_used_bytes": used, "total_used_raw_bytes": used,
                 "total_used_raw_ratio": used / total if total else 0.0}
        doc = {"stats": dict(stats, num_osds=osds, num_per_pool_osds=osds, num_per_pool_omap_osds=osds),
               "stats_by_class": {"hdd": stats} if osds else {}, "pools": pools}
        if fmt == "plain":
            lib.out("--- RAW STORAGE ---\nTOTAL  %d  %d  %d\n--- POOLS ---\n%s" % (total, avail, used, "".join(
                "%s  %d  %d\n" % (p["name"], p["id"], p["stats"]["stored"]) for p in pools)))
        else:
            lib.out(_dump(doc, fmt) + "\n")
