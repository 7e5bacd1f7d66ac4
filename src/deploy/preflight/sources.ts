// The package sources a run needs, checked from the manager before any host is changed (issue 12, offline and
// proxied sites): the pip index or wheelhouse the kolla-ansible venv is built from, the manager's OS package
// mirrors (the quickstart's packages), and the container registry (or its mirror) kolla pulls from. One python3
// script checks them all at once with short timeouts and one overall deadline, so an offline manager fails in
// seconds, not after pip's minutes of retries. Pure: the script, the list and the findings; the phase runs it.
import { shq } from '../../hosts/shell-quote.js';
import type { Finding } from '../../types/findings.js';
import type { Spec } from '../../types/spec.js';
import { printable } from '../../text/printable.js';

/** Seconds the whole check may take on the manager (DNS included); a source not answered by then is unreachable. */
export const SOURCES_DEADLINE_S = 6;

/** kolla's default registry (group_vars/all.yml `docker_registry`). */
export const KOLLA_DEFAULT_REGISTRY = 'quay.io';

/** The index pip uses without deploy.pipIndex. */
export const PYPI_SIMPLE = 'https://pypi.org/simple/';

/** One source to check: how, what it is for, and when it is needed. */
export interface SourceCheck {
  /** url: an HTTP(S) answer of any status; dir: a directory with packages on the manager; registry: its /v2/ endpoint; os: every mirror in the manager's apt/dnf sources. */
  kind: 'url' | 'dir' | 'registry' | 'os';
  /** What the source is, for the finding ("pip index", "container registry", "OS package mirror"). */
  what: string;
  /** URL, directory or registry host; empty for `os` (the script reads the sources files). */
  target: string;
  /** Only checked when the manager will build the kolla-ansible venv (no deploy.kollaAnsible of its own, no venv yet). */
  onlyForVenv: boolean;
  /** Unreachable is a failure (the run needs it) or a warning (the run may do without, e.g. preloaded images). */
  severity: 'fail' | 'warn';
  /** What to set or do: the preset key first. */
  fix: string;
}

/** The sources the run needs, for a spec (and whether kolla will pull images in this run). */
export function sourcesToCheck(spec: Spec, pullsImages: boolean): SourceCheck[] {
  const { pipIndex, registry, proxy } = spec.deploy;
  const viaProxy = proxy ? '' : ", or set deploy.proxy to the site's HTTP proxy";
  const out: SourceCheck[] = [
    pipIndex && !/^[a-z]+:\/\//i.test(pipIndex)
      ? {
          kind: 'dir',
          what: 'pip wheelhouse (deploy.pipIndex)',
          target: pipIndex,
          onlyForVenv: true,
          severity: 'fail',
          fix: `Copy the wheels of kolla-ansible and its requirements to ${pipIndex} on the manager (pip download -d), or set deploy.pipIndex to an index the manager reaches.`,
        }
      : {
          kind: 'url',
          what: pipIndex ? 'pip index (deploy.pipIndex)' : 'pip index (PyPI; deploy.pipIndex is not set)',
          target: pipIndex ?? PYPI_SIMPLE,
          onlyForVenv: true,
          severity: 'fail',
          fix: `Set deploy.pipIndex to a pip index URL or a wheelhouse directory the manager reaches${viaProxy}; or set deploy.kollaAnsible to a kolla-ansible already installed on the manager.`,
        },
    {
      kind: 'os',
      what: 'OS package mirror',
      target: '',
      onlyForVenv: true,
      severity: 'fail',
      fix: `Point the manager's package sources (/etc/apt/sources.list.d, /etc/yum.repos.d) at a mirror it reaches${viaProxy}.`,
    },
  ];
  if (pullsImages)
    out.push(
      registry
        ? {
            kind: 'registry',
            what: 'container registry (deploy.registry)',
            target: registry,
            onlyForVenv: false,
            severity: 'fail',
            fix: `Set deploy.registry to a registry or mirror with kolla's images that the hosts reach${viaProxy}.`,
          }
        : {
            kind: 'registry',
            what: `container registry (${KOLLA_DEFAULT_REGISTRY}, kolla's default; deploy.registry is not set)`,
            target: KOLLA_DEFAULT_REGISTRY,
            onlyForVenv: false,
            // the hosts may have the images already (docker load), which nothing can see before bootstrap-servers installs Docker
            severity: 'warn',
            fix: `Set deploy.registry to a registry or mirror with kolla's images${viaProxy}; without one, kolla pull fails unless every host has the images loaded.`,
          },
    );
  return out;
}

/**
 * The checker (python3, which every manager has). argv: proxy ('' for none), kolla-ansible command, venv directory,
 * then one argument per check: `kind\ttarget\tgate`. Prints one line per source: `src\t<index>\t<target>\t<ok|skip|reason>`.
 */
const CHECKER = String.raw`import glob,os,re,shutil,sys,threading,urllib.request as u
D=float(sys.argv[1]); px=sys.argv[2]; ka=sys.argv[3]; venv=sys.argv[4]
w=shutil.which(ka)
venv_needed=not os.path.exists(venv+'/bin/kolla-ansible') and not (w and not w.startswith(venv+'/'))
op=u.build_opener(u.ProxyHandler({'http':px,'https':px} if px else {}))
def get(url):
  try: op.open(u.Request(url,method='GET'),timeout=D-1).close(); return 'ok'
  except u.HTTPError: return 'ok'
  except Exception as e: return str(getattr(e,'reason',e)) or type(e).__name__
def mirrors():
  found=[]
  for f in ['/etc/apt/sources.list']+glob.glob('/etc/apt/sources.list.d/*.list'):
    try: found+=re.findall(r'^\s*deb(?:-src)?\s+(?:\[[^\]]*\]\s+)?(https?://\S+)',open(f).read(),re.M)
    except OSError: pass
  for f in glob.glob('/etc/apt/sources.list.d/*.sources'):
    try: found+=[x for l in re.findall(r'^URIs:(.*)$',open(f).read(),re.M) for x in l.split() if re.match(r'https?://',x)]
    except OSError: pass
  for f in glob.glob('/etc/yum.repos.d/*.repo'):
    try: found+=[x for x in re.findall(r'^\s*(?:baseurl|mirrorlist|metalink)\s*=\s*(https?://\S+)',open(f).read(),re.M) if '$' not in x]
    except OSError: pass
  seen=[]
  for m in found:
    b=re.match(r'https?://[^/]+/',m.rstrip('/')+'/').group(0)
    if b not in seen: seen.append(b)
  return seen
jobs=[]
for i,a in enumerate(sys.argv[5:]):
  kind,target,gate=a.split('\t')
  if gate=='venv' and not venv_needed: print('src\t%d\t%s\tskip'%(i,target)); continue
  if kind=='dir':
    ok=os.path.isdir(target) and any(n.endswith(('.whl','.tar.gz','.zip')) for n in os.listdir(target))
    print('src\t%d\t%s\t%s'%(i,target,'ok' if ok else ('no package file in it' if os.path.isdir(target) else 'no such directory'))); continue
  if kind=='os': urls=mirrors() or ['']
  elif kind=='registry': urls=[(target if re.match(r'https?://',target) else 'https://'+target).rstrip('/')+'/v2/']
  else: urls=[target]
  for url in urls: jobs.append((i,url or '-',url))
res={}
def run(j):
  res[j]='ok' if not j[2] else get(j[2])
ts=[threading.Thread(target=run,args=(j,),daemon=True) for j in jobs]
for t in ts: t.start()
end=__import__('time').time()+D
for t in ts: t.join(max(0,end-__import__('time').time()))
for j in jobs: print('src\t%d\t%s\t%s'%(j[0],j[1],res.get(j,'no answer within %ds'%D)))
sys.stdout.flush(); os._exit(0)`;

/**
 * The command the manager runs: every source of `checks` at once, answered within SOURCES_DEADLINE_S. Its first
 * line names the sources (the plan shows a script by that line).
 */
export function sourcesScript(checks: readonly SourceCheck[], spec: Spec, venv: string): string {
  const args = checks.map((c) => shq(`${c.kind}\t${c.target}\t${c.onlyForVenv ? 'venv' : ''}`));
  const named = checks.map((c) => (c.target ? `${c.what.replace(/ \(.*\)$/, '')} ${c.target}` : c.what)).join(', ');
  return (
    `# osism-installer package sources (read-only, ${SOURCES_DEADLINE_S} s at most): ${printable(named).replace(/\n/g, ' ')}\n` +
    [
      'python3 -c',
      shq(CHECKER),
      String(SOURCES_DEADLINE_S),
      shq(spec.deploy.proxy ?? ''),
      shq(spec.deploy.kollaAnsible),
      shq(venv),
      ...args,
    ].join(' ')
  );
}

/** Findings from the script's answer: one per unreachable source (a mirror of the `os` kind names itself). */
export function sourceFindings(host: string, checks: readonly SourceCheck[], output: string, proxy?: string | null): Finding[] {
  const out: Finding[] = [];
  const answered = new Set<number>();
  for (const line of output.split('\n').slice(0, 200)) {
    const m = /^src\t(\d+)\t([^\t]{0,300})\t(.{1,300})$/.exec(line.trim());
    if (!m) continue;
    const check = checks[Number(m[1])];
    if (!check) continue;
    answered.add(Number(m[1]));
    const [target, answer] = [printable(m[2]!, { max: 200 }), printable(m[3]!, { max: 200 })];
    if (answer === 'ok' || answer === 'skip') continue;
    const where = check.kind === 'os' ? `${check.what} ${target}` : `${check.what} at ${target}`;
    out.push({
      id: 'preflight.source',
      severity: check.severity,
      subject: host,
      message: `${host} cannot reach the ${where}${proxy ? ` through the proxy ${proxy}` : ''}: ${answer}.`,
      fix: check.fix,
    });
  }
  if (answered.size === 0 && checks.length > 0)
    // the checker did not run at all (no python3: the host probe fails the run for that with its own finding)
    return [
      {
        id: 'preflight.source',
        severity: 'warn',
        subject: host,
        message: `${host} could not check its package sources (${checks.map((c) => c.what).join('; ')}).`,
        fix: 'Run python3 on the manager; the preflight probe names what is missing.',
      },
    ];
  for (const [i, check] of checks.entries())
    if (!answered.has(i))
      out.push({
        id: 'preflight.source',
        severity: check.severity,
        subject: host,
        message: `${host} did not say whether the ${check.what} answers.`,
        fix: check.fix,
      });
  return out;
}
