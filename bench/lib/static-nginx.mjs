// The benchmark's upper bound: Debian's nginx serving the article page's HTML as a plain file, the
// way a static site would be served, and its compressed copy (gzip_static) to clients that ask.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NGINX } from '../../deploy/nginx/start-nginx.mjs';

const waitForPort = async (port, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket.end() && true)).on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`static nginx did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Serves `html` at `pagePath` on 127.0.0.1:`port`, and `gzipped` to clients that ask for gzip; returns { url, stop }. */
export async function startStaticNginx({ port, pagePath, html, gzipped }) {
  // Under /tmp, readable by nginx's workers (nobody or www-data) whoever starts it.
  const dir = mkdtempSync(path.join(tmpdir(), 'm20-static-'));
  chmodSync(dir, 0o755);
  const root = path.join(dir, 'root');
  mkdirSync(path.join(root, path.dirname(pagePath)), { recursive: true, mode: 0o755 });
  writeFileSync(path.join(root, `${pagePath}.html`), html, { mode: 0o644 });
  writeFileSync(path.join(root, `${pagePath}.html.gz`), gzipped, { mode: 0o644 });
  const config = path.join(dir, 'nginx.conf');
  writeFileSync(
    config,
    `worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65s;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  types { text/html html; }
  gzip_static on;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { try_files $uri.html =404; }
  }
}
`,
  );
  const child = spawn(NGINX, ['-c', config, '-p', dir, '-g', 'daemon off;'], { stdio: 'inherit' });
  await waitForPort(port);
  return {
    url: `http://127.0.0.1:${port}${pagePath}`,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
