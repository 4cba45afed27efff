// Starts nginx with deploy/nginx/marketing-2-0.conf.template in front of one or more Next servers:
// for the tests (startNginx) and by hand:
//   node deploy/nginx/start-nginx.mjs --listen 8080 --upstream 3000 [--upstream 3001] --purge 8081 --dir /tmp/x
// runs in the foreground until Ctrl+C (SIGINT) or SIGTERM. Everything it writes is under --dir:
// nginx.conf, cache/ (the cache) and prefix/ (pid, error.log, temporary files).
import { execFile, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';

export const NGINX = '/usr/sbin/nginx';
export const TEMPLATE = fileURLToPath(new URL('./marketing-2-0.conf.template', import.meta.url));
/** The workers' user when nginx starts as root (Debian's; RHEL and Alpine call it nginx). */
const DEFAULT_USER = 'www-data';

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

// What may go into the config: no spaces, quotes, semicolons or braces that would end a directive.
const ADDRESS = /^(\[[0-9a-fA-F:.]+\]|[\w.-]+):\d{1,5}$|^\d{1,5}$/;
const SAFE_PATH = /^\/[\w./+@-]*$/;
const USER = /^[a-z_][\w.-]*$/i;
// The purge server answers anyone who reaches it (allow/deny aside): loopback only.
const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|localhost):\d{1,5}$/;

function check(name, value, pattern) {
  if (typeof value !== 'string' || !pattern.test(value)) throw new Error(`renderNginxConfig: ${name} ${JSON.stringify(value)} is not allowed`);
  return value;
}

/**
 * The config for these addresses and directories. The line holding {{UPSTREAM}} is repeated once
 * per upstream server.
 * @param {{ listen: string, upstream: string | string[], purgeListen: string, cacheDir: string, prefix: string, user?: string, template?: string }} options
 */
function renderNginxConfig({ listen, upstream, purgeListen, cacheDir, prefix, user = DEFAULT_USER, template = readFileSync(TEMPLATE, 'utf8') }) {
  const upstreams = (Array.isArray(upstream) ? upstream : String(upstream).split(/\s+/)).filter(Boolean);
  if (upstreams.length === 0) throw new Error('renderNginxConfig: at least one upstream server is needed');
  for (const server of upstreams) check('upstream', server, ADDRESS);
  const values = {
    LISTEN: check('listen', listen, ADDRESS),
    PURGE_LISTEN: check('purgeListen', purgeListen, LOOPBACK),
    CACHE_DIR: check('cacheDir', cacheDir, SAFE_PATH),
    PREFIX: check('prefix', prefix, SAFE_PATH),
    USER: check('user', user, USER),
  };
  const lines = template.split('\n').flatMap((line) => {
    // Comments mention the placeholder too; only a directive line is repeated.
    if (!line.includes('{{UPSTREAM}}') || line.trimStart().startsWith('#')) return [line.replaceAll('{{UPSTREAM}}', upstreams.join(' '))];
    return upstreams.map((server) => line.replaceAll('{{UPSTREAM}}', server));
  });
  const config = lines.join('\n').replace(/\{\{([A-Z_]+)\}\}/g, (whole, name) => {
    if (!(name in values)) throw new Error(`renderNginxConfig: unknown placeholder ${whole}`);
    return values[name];
  });
  return config;
}

/** uid and gid of a user from /etc/passwd, or null. */
function userIds(name) {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [user, , uid, gid] = line.split(':');
      if (user === name) return { uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    // No /etc/passwd: not a system nginx runs as root on.
  }
  return null;
}

/**
 * Run as root, nginx's workers are `user`: they write the cache and the temporary files. The
 * master chowns those directories itself at start, but must reach them: `dir` gets o+x and every
 * directory above it must have it already.
 */
function openToWorkers(dir, directories, user) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  const ids = userIds(user);
  if (!ids) throw new Error(`startNginx: nginx would run its workers as "${user}", and there is no such user (pass user: '…')`);
  for (const directory of directories) chownSync(directory, ids.uid, ids.gid);
  chmodSync(dir, statSync(dir).mode | 0o001);
  for (let parent = path.dirname(dir); ; parent = path.dirname(parent)) {
    if ((statSync(parent).mode & 0o001) === 0) throw new Error(`startNginx: ${parent} is not open to others (o+x): nginx's workers (${user}) could not reach ${dir}`);
    if (parent === path.dirname(parent)) break;
  }
}

/** Resolves once something accepts connections on the port. */
function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function readPid(file) {
  try {
    return Number(readFileSync(file, 'utf8').trim());
  } catch {
    return null;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readLog(file) {
  try {
    return readFileSync(file, 'utf8').trim() || '(empty)';
  } catch {
    return '(none)';
  }
}

/** The processes whose parent is `pid` (nginx's workers, cache manager and loader). */
function childrenOf(pid) {
  const children = [];
  let entries = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    // No /proc (not Linux): only the master can be killed.
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

const address = (value) => (typeof value === 'number' || /^\d+$/.test(String(value)) ? `127.0.0.1:${value}` : String(value));

/**
 * Renders the config into `dir`, checks it (nginx -t), starts nginx in the foreground and waits
 * until it accepts connections on listenPort.
 * @param {{ listenPort: number, upstreamPorts: Array<number | string>, purgePort: number, dir: string, listenHost?: string, user?: string }} options
 *   upstreamPorts: ports on 127.0.0.1, or host:port strings. listenHost: 127.0.0.1 unless told.
 */
export async function startNginx({ listenPort, upstreamPorts, purgePort, dir, listenHost = '127.0.0.1', user = DEFAULT_USER }) {
  if (!existsSync(NGINX)) throw new Error(`startNginx: ${NGINX} is not installed (apt-get install nginx libnginx-mod-http-cache-purge)`);
  dir = path.resolve(dir);
  const cacheDir = path.join(dir, 'cache');
  const prefix = path.join(dir, 'prefix');
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(prefix, { recursive: true });
  openToWorkers(dir, [cacheDir, prefix], user);

  const file = path.join(dir, 'nginx.conf');
  writeFileSync(
    file,
    renderNginxConfig({
      listen: `${listenHost}:${listenPort}`,
      upstream: upstreamPorts.map(address),
      // The purge server stays on loopback whatever the site listens on.
      purgeListen: `127.0.0.1:${purgePort}`,
      cacheDir,
      prefix,
      user,
    }),
  );
  const errorLog = path.join(prefix, 'error.log');
  const pidFile = path.join(prefix, 'nginx.pid');
  // -p: nginx's prefix, for anything relative (nothing is, but it keeps /usr/share/nginx out of it).
  const args = ['-c', file, '-p', `${prefix}/`];

  try {
    await promisify(execFile)(NGINX, ['-t', '-q', ...args]);
  } catch (error) {
    throw new Error(`startNginx: nginx -t rejected ${file}:\n${(error.stderr || error.message).trim()}`);
  }

  const child = spawn(NGINX, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-8_000)));
  let exited = null;
  const exit = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.once('error', (error) => {
      exited = { code: null, signal: null, error };
      resolve(exited);
    });
  });
  // If this process ends without stop() (a crashed test run), nginx must not stay behind:
  // SIGTERM is nginx's fast shutdown, which stops the workers too.
  const onExit = () => {
    if (!exited && child.pid) {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  };
  process.on('exit', onExit);

  const stop = async () => {
    process.off('exit', onExit);
    if (exited || !child.pid) return;
    const pid = child.pid;
    // SIGQUIT: graceful shutdown, the requests under way finish.
    child.kill('SIGQUIT');
    const timedOut = await Promise.race([exit.then(() => false), sleep(STOP_TIMEOUT_MS).then(() => true)]);
    if (!timedOut) return;
    // The workers do not die with their master: kill them first, by their parent's pid.
    for (const worker of childrenOf(pid)) {
      try {
        process.kill(worker, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    child.kill('SIGKILL');
    await exit;
  };

  const failure = (why) =>
    new Error(`startNginx: ${why}\n--- ${errorLog} ---\n${readLog(errorLog)}${stderr.trim() ? `\n--- stderr ---\n${stderr.trim()}` : ''}`);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      process.off('exit', onExit);
      throw failure(`nginx exited (${exited.error?.message ?? `code ${exited.code}, signal ${exited.signal}`}) before accepting connections on ${listenHost}:${listenPort}`);
    }
    // The pid file is written once the master has bound its ports (another process answering on
    // listenPort would fool a bare connection test).
    if (readPid(pidFile) === child.pid && (await accepts(listenPort))) break;
    if (Date.now() > deadline) {
      await stop();
      throw failure(`nothing accepted connections on ${listenHost}:${listenPort} within ${START_TIMEOUT_MS / 1000} s`);
    }
    await sleep(50);
  }

  return {
    url: `http://127.0.0.1:${listenPort}`,
    purgeUrl: `http://127.0.0.1:${purgePort}/purge`,
    pid: child.pid,
    /** Settles when the master has exited, whoever stopped it. */
    exited: exit,
    configFile: file,
    errorLog,
    stop,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      listen: { type: 'string' },
      upstream: { type: 'string', multiple: true },
      purge: { type: 'string' },
      dir: { type: 'string' },
      host: { type: 'string' },
      user: { type: 'string' },
    },
  });
  if (!values.listen || !values.upstream?.length || !values.purge || !values.dir) {
    console.error(
      'Usage: node deploy/nginx/start-nginx.mjs --listen 8080 --upstream 3000 [--upstream 3001] --purge 8081 --dir /tmp/x [--host 127.0.0.1] [--user www-data]',
    );
    process.exit(2);
  }
  const nginx = await startNginx({
    listenPort: Number(values.listen),
    upstreamPorts: values.upstream,
    purgePort: Number(values.purge),
    dir: values.dir,
    listenHost: values.host,
    user: values.user,
  });
  console.log(`nginx ${nginx.pid}: ${nginx.url} -> ${values.upstream.map(address).join(', ')}; purge: ${nginx.purgeUrl}/<path>; log: ${nginx.errorLog}`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await nginx.stop();
    process.exit(0);
  };
  nginx.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`nginx exited by itself (code ${code}, signal ${signal}); see ${nginx.errorLog}`);
    process.exit(1);
  });
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
