# The real kolla-ansible CLI's argument parsers (test only), read in place from the release's upstream
# tarball in ../shared/reference/kolla-ansible/src (never unpacked): kolla_ansible/ansible.py,
# utils.py and cli/commands.py are loaded from the archive into memory and the command's class (named
# by setup.cfg's kolla_ansible.cli entry points) builds its parser as cliff does, so a command line the
# release's kolla-ansible refuses is refused here with argparse's own message and exit 2. Only the
# cliff releases (kolla-ansible 20+) have these; kolla 17 is a bash script. Debian's python3-cliff
# provides cliff.
import configparser
import importlib.abc
import importlib.util
import os
import sys
import tarfile
import types

REFS = {"2023.2": "2023.2-eol", "2025.1": "stable-2025.1", "2025.2": "stable-2025.2", "2026.1": "stable-2026.1"}
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))


def tarball(release):
    shared = os.environ.get("OSISM_SHARED") or os.path.join(os.path.dirname(REPO), "shared")
    return os.path.join(shared, "reference", "kolla-ansible", "src", "kolla-ansible-%s.tar.gz" % REFS[release])


class _TarLoader(importlib.abc.Loader):
    def __init__(self, source, path):
        self.source, self.path = source, path

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__file__ = self.path
        exec(compile(self.source, self.path, "exec"), module.__dict__)


def _load(tar, name, path):
    source = tar.extractfile(path).read().decode("utf-8")
    spec = importlib.util.spec_from_loader(name, _TarLoader(source, path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def command_class(release, command):
    """The cliff Command class of `kolla-ansible COMMAND` in that release, or None when it has no such command."""
    with tarfile.open(tarball(release)) as tar:
        cfg = configparser.ConfigParser()
        cfg.read_string(tar.extractfile("setup.cfg").read().decode("utf-8"))
        entries = {}
        for line in cfg.get("entry_points", "kolla_ansible.cli", fallback="").splitlines():
            if "=" in line:
                k, v = line.split("=", 1)
                entries[k.strip()] = v.strip()
        if command not in entries:
            return None
        # the package's __init__ asks pbr for the installed version: an empty package stands for it
        pkg = types.ModuleType("kolla_ansible")
        pkg.__path__ = []
        sys.modules["kolla_ansible"] = pkg
        cli = types.ModuleType("kolla_ansible.cli")
        cli.__path__ = []
        sys.modules["kolla_ansible.cli"] = cli
        pkg.utils = _load(tar, "kolla_ansible.utils", "kolla_ansible/utils.py")
        pkg.ansible = _load(tar, "kolla_ansible.ansible", "kolla_ansible/ansible.py")
        module_name, cls = entries[command].split(":")
        module = _load(tar, module_name, module_name.replace(".", "/") + ".py")
        return getattr(module, cls)


def parse(release, command, argv):
    """argv parsed by the release's own parser of COMMAND (exits 2 with argparse's message on a refusal)."""
    cls = command_class(release, command)
    if cls is None:
        sys.stderr.write("kolla-ansible: '%s' is not a kolla-ansible command. See 'kolla-ansible --help'.\n" % command)
        sys.exit(2)
    app = types.SimpleNamespace(options=types.SimpleNamespace(verbose_level=1))
    return cls(app, None).get_parser("kolla-ansible " + command).parse_args(argv)
