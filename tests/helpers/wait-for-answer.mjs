// The one loop that waits for a server the tests or the bench started: ask until it answers 2xx,
// give up as soon as its process has exited, or when the time is over.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once `url` answers with a 2xx status. Rejects when `child` (the server's process) has
 * exited or after `timeoutMs`; stopping what was started is the caller's part.
 */
export async function waitForAnswer(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode}) before answering on ${url}`);
    }
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`no answer on ${url} within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}
