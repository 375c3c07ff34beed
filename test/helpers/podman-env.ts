// Podman for tests in this sandbox: a containers.conf of the tests' own, pointed at by CONTAINERS_CONF.
//
// Test-environment set-up only, not product behaviour: on a normal systemd host (cgroup v2, journald, an
// unrestricted root) podman's defaults work and none of this is needed. Nothing under /etc is changed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CONTAINERS_CONF = `# inferload tests: podman settings for a sandbox without systemd (see test/helpers/podman-env.ts).
[containers]
# Rootful podman raises RLIMIT_NOFILE to 1048576 by default; this sandbox's hard limit is lower and even root
# may not raise it ("error setting rlimit type 7: operation not permitted"), so keep the inherited limits.
default_ulimits = []
# No journald here: keep container logs in files so that \`podman logs\` works.
log_driver = "k8s-file"

[engine]
# No systemd as init, so no systemd cgroup manager (cgroup v1 hierarchy here).
cgroup_manager = "cgroupfs"
# Debian's crun fails in this VM; runc works.
runtime = "runc"
# No journald for podman's own events either.
events_logger = "file"
`;

export interface PodmanTestEnv {
  /** Variables to give every podman command (e.g. createLocalRunner(env)). */
  env: Record<string, string>;
  confPath: string;
  /** Removes the temporary folder holding containers.conf. */
  dispose(): void;
}

/** Writes the tests' containers.conf to a fresh temporary folder and returns the environment that uses it. */
export function createPodmanTestEnv(): PodmanTestEnv {
  const dir = mkdtempSync(join(tmpdir(), 'inferload-podman-'));
  const confPath = join(dir, 'containers.conf');
  writeFileSync(confPath, CONTAINERS_CONF);
  return {
    env: { CONTAINERS_CONF: confPath },
    confPath,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Why podman tests cannot run here (podman or runc missing), or undefined when they can. */
export function podmanSkipReason(): string | undefined {
  for (const program of ['podman', 'runc']) {
    const probe = spawnSync(program, ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) return `${program} is not installed (apt-get install podman runc)`;
  }
  return undefined;
}
