export const NGINX: string;
export const TEMPLATE: string;

export type RunningNginx = {
  /** http://127.0.0.1:<listenPort> */
  url: string;
  /** http://127.0.0.1:<purgePort>/purge — append the page's path: GET <purgeUrl>/articles/foo */
  purgeUrl: string;
  pid: number;
  configFile: string;
  errorLog: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>;
  /** SIGQUIT (graceful), then SIGKILL to the master and its workers after 5 s. */
  stop: () => Promise<void>;
};

export function startNginx(options: {
  listenPort: number;
  upstreamPorts: Array<number | string>;
  purgePort: number;
  dir: string;
  listenHost?: string;
  user?: string;
}): Promise<RunningNginx>;
