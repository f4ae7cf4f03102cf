// Starts the Conversations server for a test file (or uses CONVERSATIONS_URL) and stops it afterwards.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
const serverProject = resolve(repoRoot, 'src/Conversations.Server');
const READY_TIMEOUT_MS = Number(process.env.CONVERSATIONS_READY_TIMEOUT_MS ?? 120_000);

/** A port nobody listens on right now: bind port 0 on loopback and give it back. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * Returns { url, stop, output }. With CONVERSATIONS_URL set, uses that server and stop() does nothing;
 * otherwise runs `dotnet run --no-build -c Release` (build first) on a free loopback port.
 */
export async function startServer() {
  const external = process.env.CONVERSATIONS_URL?.replace(/\/+$/, '');
  if (external) {
    await waitReady(external, null);
    return { url: external, stop: async () => {}, output: () => '' };
  }

  const port = await freePort();
  // The silo's own TCP port too, so a test server never collides with a dev server on the default 11111.
  const siloPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const lines = [];
  const child = spawn('dotnet', ['run', '--no-build', '-c', 'Release', '--project', serverProject, '--', '--urls', url, '--Conversations:Cluster:SiloPort', String(siloPort)], {
    cwd: repoRoot,
    env: { ...process.env, DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() reaches the app that `dotnet run` starts as well.
    detached: true,
  });
  const keep = chunk => {
    for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > 400) lines.splice(0, lines.length - 400);
    if (process.env.CONVERSATIONS_SERVER_LOG) process.stderr.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise(resolveExit => child.once('exit', (code, signal) => resolveExit({ code, signal })));

  const output = () => lines.join('\n');
  try {
    await waitReady(url, exited);
  } catch (error) {
    await stopProcess(child, exited);
    throw new Error(`${error.message}\n--- server output ---\n${output()}`);
  }
  return { url, stop: () => stopProcess(child, exited), output };
}

async function stopProcess(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const killTimer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Exited between the check and the kill.
    }
  }, 15_000);
  await exited;
  clearTimeout(killTimer);
}

/** Polls /health/ready until it answers 200; fails early if the server process exits. */
async function waitReady(url, exited) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let gone = null;
  exited?.then(result => {
    gone = result;
  });
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (gone) throw new Error(`The server exited before it was ready (code ${gone.code}, signal ${gone.signal}).`);
    try {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    // Readiness has no push notification; a short poll interval is the only way to see it.
    await sleep(250);
  }
  throw new Error(`${url}/health/ready was not ready within ${READY_TIMEOUT_MS} ms (last: ${last}).`);
}

/** POST /api/dev/tokens { role, id } → token. */
export async function devToken(url, role, id) {
  const response = await fetch(`${url}/api/dev/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, id }),
  });
  if (!response.ok) throw new Error(`POST /api/dev/tokens answered ${response.status}: ${await response.text()}`);
  const body = await response.json();
  if (typeof body.token !== 'string' || !body.token) throw new Error(`No token in ${JSON.stringify(body)}`);
  return body.token;
}

/** A unique id for this run, so a shared server (CONVERSATIONS_URL) never resumes an old session. */
export function uniqueId(prefix) {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
