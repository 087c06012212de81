/**
 * The scale-out topology as processes on one machine (issue 17 item 5), the production shape of
 * docker-compose.yml without containers: Kamailio as the edge (sip-config/kamailio/kamailio.cfg,
 * a dispatcher list of its own naming both gateways, OPTIONS probes every `probeIntervalS`), two
 * gateways (TINGZHEN_ROLES=gateway, each its own SIP and HTTP port, campaign calls leaving
 * through the edge), two workers (each dialling through one gateway: GATEWAY_URL is one URL, a
 * load balancer or a Kubernetes Service would stand there in production) and the api role, against
 * the PostgreSQL and Redis it is given. Each child logs to its own file in `dir`.
 *
 * The roles are started with crash-services' roleProcess (`tingzhen start --roles X`, ready once
 * GET /health answers 200). A part that fails to start stops everything started so far and
 * throws a TopologyError naming it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freeTcpPort, freeUdpRange, readText } from './campaign-calls-kit.js';
import { ROOT, gone, roleProcess, type RoleProcess } from './crash-services.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const KAMAILIO_CFG = join(ROOT, 'sip-config', 'kamailio', 'kamailio.cfg');
/** RTP ports per gateway (two per call, room for a few dozen calls). */
const RTP_SPAN = 100;

/** A trunk behind the edge (the carrier; SIPp in the tests). */
export interface TopologyTrunk { id: string; host: string; port: number; transport: 'udp' | 'tcp'; callerId?: string; maxConcurrentCalls?: number }

export interface TopologyOptions {
  databaseUrl: string;
  redisUrl?: string;
  queuePrefix: string;
  /** Where the logs, sip.yaml files and Kamailio's run files go (default: a new temp dir). */
  dir?: string;
  /** Dispatcher OPTIONS probe interval, s (default 2). */
  probeIntervalS?: number;
  /** The edge's SIP port (UDP and TCP; default a free one). */
  edgePort?: number;
  trunk?: TopologyTrunk;
  /** Script the hotline answers calls from the edge with (default triage-hotline). */
  hotlineScript?: string;
  gatewaySecret?: string;
  /** Settings every role gets (TINGZHEN_MODELS_DIR, HOSPITAL_NAME, LOG_LEVEL...). */
  env?: Record<string, string>;
  /** The environment the roles start from (PATH, HOME...; role-specific settings are scrubbed): the caller's own. */
  baseEnv: Record<string, string | undefined>;
  say?: (line: string) => void;
}

export interface TopologyGateway { name: string; sipPort: number; sipFile: string; role: RoleProcess; dispatcherUri: string }

export interface Topology {
  dir: string;
  edge: { port: number; proc: ChildProcess; logFile: string; ctlSocket: string };
  gateways: TopologyGateway[];
  workers: RoleProcess[];
  api: RoleProcess;
  probeIntervalS: number;
  /** Dispatcher destinations and their flags as Kamailio holds them now (`AP` active and probed, `IP`/`I` inactive). */
  dispatcherState(): Promise<Record<string, string>>;
  /** Where each part listens, one line each. */
  describe(): string[];
  stop(): Promise<void>;
}

/** A part of the topology did not start; `part` names it (edge, gateway-1, worker-2, api). */
export class TopologyError extends Error {
  constructor(readonly part: string, detail: string) {
    super(`topology: ${part} failed to start: ${detail}`);
    this.name = 'TopologyError';
  }
}

function gatewaySipYaml(o: { sipPort: number; rtpBase: number; edgePort: number; trunk?: TopologyTrunk; hotlineScript: string }): string {
  const t = o.trunk;
  return `gateway:
  listen: { host: 127.0.0.1, port: ${o.sipPort} }
  edge: { host: 127.0.0.1, port: ${o.edgePort} }
  mediaAddress: 127.0.0.1
  rtpPorts: { minPort: ${o.rtpBase}, maxPort: ${o.rtpBase + RTP_SPAN - 1} }
  codecs: [PCMU, PCMA]
  ringTimeoutMs: 15000
${t ? `trunks:
  - id: ${t.id}
    host: ${t.host}
    port: ${t.port}
    transport: ${t.transport}
    viaEdge: true
${t.callerId ? `    callerId: "${t.callerId}"\n` : ''}    maxConcurrentCalls: ${t.maxConcurrentCalls ?? 20}
    maxCallsPerSecond: 5
` : ''}peers:
  - id: kamailio-edge
    addresses: [127.0.0.1]
    script: ${o.hotlineScript}
`;
}

async function startEdge(dir: string, port: number, list: string, probeIntervalS: number): Promise<Topology['edge']> {
  const logFile = join(dir, 'edge.log');
  const ctlSocket = join(dir, 'kamailio-ctl');
  // The repository's cfg probes every 10 s (a modparam, no #!define): a wrapper includes it and
  // sets the interval after it (the last modparam wins; kamailio's --modparam runs before modules load).
  const cfg = join(dir, 'edge.cfg');
  writeFileSync(cfg, `#!KAMAILIO\ninclude_file "${KAMAILIO_CFG}"\nmodparam("dispatcher", "ds_ping_interval", ${probeIntervalS})\n`);
  const fd = openSync(logFile, 'a');
  const proc = spawn('kamailio', ['-DD', '-E', '-f', cfg, '-w', dir, '-A', `RUNDIR="${dir}"`, '-A', `CTL_SOCKET="unix:${ctlSocket}"`,
    '-A', `LISTEN_PORT=${port}`, '-A', `DISPATCHER_LIST="${list}"`],
  { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const spawned = new Promise<Error | null>((r) => { proc.once('spawn', () => r(null)); proc.once('error', (err) => r(err)); });
  const err = await spawned;
  if (err) throw new TopologyError('edge', `kamailio could not be run (${err.message}); install the Debian package kamailio`);
  for (let i = 0; i < 100; i++) {
    if (gone(proc)) throw new TopologyError('edge', `kamailio exited (${proc.exitCode ?? proc.signalCode}):\n${readText(logFile).slice(-2000)}`);
    const up = await run('kamcmd', ['-s', `unix:${ctlSocket}`, 'core.uptime']).then(() => true, () => false);
    if (up) return { port, proc, logFile, ctlSocket };
    await sleep(100);
  }
  proc.kill('SIGKILL');
  throw new TopologyError('edge', `kamailio did not answer on its control socket:\n${readText(logFile).slice(-2000)}`);
}

async function stopProc(p: ChildProcess, graceMs = 5000): Promise<void> {
  if (gone(p)) return;
  const exited = new Promise<void>((r) => p.once('exit', () => r()));
  p.kill('SIGTERM');
  const t = setTimeout(() => p.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(t);
}

/** Parses `kamcmd dispatcher.list` into URI -> FLAGS. */
export function parseDispatcherList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/URI:\s*(\S+)\s+FLAGS:\s*(\S+)/g)) out[m[1]!] = m[2]!;
  return out;
}

export async function startTopology(o: TopologyOptions): Promise<Topology> {
  const say = o.say ?? (() => undefined);
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'tz-topology-'));
  mkdirSync(dir, { recursive: true });
  const probeIntervalS = o.probeIntervalS ?? 2;
  if (!Number.isInteger(probeIntervalS) || probeIntervalS < 1) throw new TopologyError('edge', `probeIntervalS must be a whole number of seconds >= 1 (got ${probeIntervalS})`);
  const secret = o.gatewaySecret ?? `topology-${o.queuePrefix}-secret-0123456789abcdef`;
  const edgePort = o.edgePort ?? await freeTcpPort();
  const baseEnv = o.baseEnv;
  const common: Record<string, string> = {
    DATABASE_URL: o.databaseUrl, ...(o.redisUrl ? { REDIS_URL: o.redisUrl } : {}), QUEUE_PREFIX: o.queuePrefix,
    GATEWAY_AUTH_SECRET: secret, TINGZHEN_SUPERVISE: 'false', RECORDINGS_DIR: join(dir, 'recordings'), ...o.env,
  };
  // Each process its own data folder (the gateway's listen-in relay locks its store there), one
  // recordings folder for all (the api role plays what the gateways recorded).
  const dataDir = (part: string) => ({ TINGZHEN_DATA_DIR: join(dir, 'data', part) });
  const started: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of started.reverse()) await s().catch(() => undefined);
    started.length = 0;
  };
  const startRole = async (part: string, r: RoleProcess) => {
    started.push(() => r.stop());
    try {
      await r.start();
    } catch (err) {
      throw new TopologyError(part, `${(err as Error).message.slice(0, 3000)}\n(log: ${r.logFile})`);
    }
  };
  try {
    const gateways: TopologyGateway[] = [];
    let rtpFrom = 30_000 + (process.pid % 40) * 500;
    for (const n of [1, 2]) {
      const name = `gateway-${n}`;
      const sipPort = await freeTcpPort();
      const rtpBase = await freeUdpRange(rtpFrom, RTP_SPAN);
      rtpFrom = rtpBase + RTP_SPAN;
      const sipFile = join(dir, `${name}.sip.yaml`);
      writeFileSync(sipFile, gatewaySipYaml({ sipPort, rtpBase, edgePort, trunk: o.trunk, hotlineScript: o.hotlineScript ?? 'triage-hotline' }));
      const role = roleProcess('gateway', { port: await freeTcpPort(), env: { ...common, ...dataDir(name), SIP_CONFIG: sipFile }, baseEnv, logFile: join(dir, `${name}.log`) });
      gateways.push({ name, sipPort, role, sipFile, dispatcherUri: `sip:127.0.0.1:${sipPort};transport=tcp` });
    }
    // Every role reads the trunks from SIP_CONFIG (the workers hold calls to each trunk's capacity).
    // The api role first: it migrates, the others find the schema in place.
    const api = roleProcess('api', { port: await freeTcpPort(), env: { ...common, ...dataDir('api'), SIP_CONFIG: gateways[0]!.sipFile }, baseEnv, logFile: join(dir, 'api.log') });
    await startRole('api', api);
    say(`api      ${api.url}  (log ${api.logFile})`);
    await Promise.all(gateways.map((g) => startRole(g.name, g.role)));
    for (const g of gateways) say(`${g.name}  ${g.role.url}  SIP tcp 127.0.0.1:${g.sipPort}  (log ${g.role.logFile})`);

    const list = join(dir, 'dispatcher.list');
    writeFileSync(list, `# setid destination flags priority\n${gateways.map((g) => `1 ${g.dispatcherUri} 0 0`).join('\n')}\n`);
    const edge = await startEdge(dir, edgePort, list, probeIntervalS);
    started.push(() => stopProc(edge.proc));
    say(`edge     sip:127.0.0.1:${edgePort} (udp, tcp)  probes every ${probeIntervalS} s  (log ${edge.logFile})`);

    const workers: RoleProcess[] = [];
    for (const [i, g] of gateways.entries()) {
      workers.push(roleProcess('worker', { port: await freeTcpPort(), env: { ...common, ...dataDir(`worker-${i + 1}`), SIP_CONFIG: g.sipFile, GATEWAY_URL: g.role.url }, baseEnv, logFile: join(dir, `worker-${i + 1}.log`) }));
    }
    await Promise.all(workers.map((w, i) => startRole(`worker-${i + 1}`, w)));
    for (const [i, w] of workers.entries()) say(`worker-${i + 1} ${w.url}  dials through ${gateways[i]!.name}  (log ${w.logFile})`);

    const dispatcherState = async () => parseDispatcherList((await run('kamcmd', ['-s', `unix:${edge.ctlSocket}`, 'dispatcher.list'])).stdout);
    return {
      dir, edge, gateways, workers, api, probeIntervalS, dispatcherState,
      describe: () => [
        `api       ${api.url}`,
        ...gateways.map((g) => `${g.name} ${g.role.url}  SIP tcp 127.0.0.1:${g.sipPort}`),
        `edge      sip:127.0.0.1:${edgePort} (udp, tcp), OPTIONS every ${probeIntervalS} s`,
        ...workers.map((w, i) => `worker-${i + 1}  ${w.url} -> ${gateways[i]!.name}`),
        `logs      ${dir}`,
      ],
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
