/**
 * A test caller: the far end of a call, speaking the Twilio dialect (our native protocol), jambonz
 * `listen`, FreeSWITCH mod_audio_fork or Asterisk chan_websocket over WebSocket (chosen by the URL's
 * last path segment: /media/jambonz, /media/audio-fork, /media/asterisk; anything else is Twilio),
 * or AudioSocket over TCP. It streams caller audio in real time (20 ms frames; silence
 * when it has nothing to say, like a phone), sends DTMF, echoes marks like Twilio does, and keeps
 * what the bot said with arrival times, so tests, the `call` command and the benchmark can measure
 * the turn gap and the barge-in stop delay from the outside.
 */
import net from 'node:net';
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { randomUUID } from 'node:crypto';
import { mulawDecode, mulawEncode } from '@tingzhen/voice-core';
import { AS_KIND, asFrame, uuidToBytes } from '../codecs/audiosocket.js';
import { l16ToSamples, samplesToL16 } from '../codecs/types.js';

export interface TestCallerOptions {
  /** ws://host:port/media/native?token=... or tcp://host:port for AudioSocket. */
  url: string;
  callId?: string;
  /** Custom parameters in the Twilio start message (e.g. tzStats: '1', token). */
  parameters?: Record<string, string>;
  /** Level of the line noise sent when silent, dBFS (default: digital silence). */
  noiseDb?: number;
  /** Feed the bot's own audio back at this gain, dB (echo simulation, e.g. -20). */
  echoDb?: number;
  /**
   * Answer on a WebSocket the gateway opened to us (outbound calls: the test phone side of
   * createWsDialer) instead of dialling `url`.
   */
  socket?: WebSocket;
}

/** The wire dialect a caller speaks, from its URL. */
export type CallerDialect = 'twilio' | 'jambonz' | 'audio-fork' | 'asterisk' | 'audiosocket';

export function callerDialect(url: string): CallerDialect {
  const u = new URL(url);
  if (u.protocol === 'tcp:') return 'audiosocket';
  const last = u.pathname.split('/').filter(Boolean).pop() ?? '';
  return last === 'jambonz' || last === 'audio-fork' || last === 'asterisk' ? last : 'twilio';
}

/** WebSocket subprotocol each dialect's real peer offers. */
const SUBPROTOCOL: Partial<Record<CallerDialect, string>> = { jambonz: 'audio.jambonz.org', 'audio-fork': 'audio.drachtio.org' };

/** Bot audio packet gap that ends a bot utterance when the peer sends no mark, ms. */
const BOT_GAP_MS = 300;
const RATE = 8000;
const FRAME = 160;

export interface BotUtterance { startAt: number; endAt: number | null; samples: Int16Array[] }

export class TestCaller extends EventEmitter {
  private ws: WebSocket | null = null;
  private sock: net.Socket | null = null;
  private readonly outQueue: Int16Array[] = [];
  private timer: NodeJS.Timeout | null = null;
  private t0 = 0;
  private sent = 0;
  private seq = 0;
  private lastBotAt = -Infinity;
  private readonly echo: Int16Array[] = [];
  readonly utterances: BotUtterance[] = [];
  readonly turnStats: Record<string, unknown>[] = [];
  /** Live transcript entries the gateway sent (tz.transcript, with tzStats=1). */
  readonly transcript: Record<string, unknown>[] = [];
  closed = false;
  closeReason = '';
  /** The WebSocket close code the gateway sent (1008: refused, 1013: try again later), when it closed. */
  closeCode: number | null = null;
  /** The call id this caller sent (random per call unless given). */
  readonly callId: string;
  readonly dialect: CallerDialect;
  /** Wall time (performance.now) the last queued caller audio finished leaving. */
  speechEndAt = 0;
  private readonly streamSid = `MZ${Math.random().toString(16).slice(2, 12)}`;

  constructor(private readonly opts: TestCallerOptions) {
    super();
    this.dialect = opts.socket ? 'twilio' : callerDialect(opts.url);
    // AudioSocket identifies a call by a UUID: a fresh one per call (a fixed one would collide).
    this.callId = opts.callId ?? (this.dialect === 'audiosocket' || this.dialect === 'asterisk' ? randomUUID() : `CA${randomUUID().replace(/-/g, '').slice(0, 12)}`);
  }

  get botSpeaking(): boolean {
    const u = this.utterances.at(-1);
    return u !== undefined && u.endAt === null;
  }

  async connect(): Promise<void> {
    const u = new URL(this.opts.socket ? 'ws://answering' : this.opts.url);
    const callId = this.callId;
    if (u.protocol === 'tcp:') {
      const sock = net.connect(Number(u.port), u.hostname);
      this.sock = sock;
      await new Promise<void>((resolve, reject) => { sock.once('connect', resolve); sock.once('error', reject); });
      sock.setNoDelay(true);
      let pending = Buffer.alloc(0);
      sock.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 3 && pending.length >= 3 + pending.readUInt16BE(1)) {
          const kind = pending[0]!;
          const payload = pending.subarray(3, 3 + pending.readUInt16BE(1));
          pending = pending.subarray(3 + payload.length);
          if (kind === AS_KIND.audio) this.onBotAudio(l16ToSamples(payload));
          else if (kind === AS_KIND.hangup) this.finish('hangup');
        }
      });
      sock.on('close', () => this.finish('closed'));
      sock.on('error', () => this.finish('error'));
      const uuid = /^[0-9a-f-]{36}$/i.test(callId) ? callId : randomUUID();
      sock.write(asFrame(AS_KIND.uuid, uuidToBytes(uuid)));
    } else {
      const sub = SUBPROTOCOL[this.dialect];
      const ws = this.opts.socket ?? (sub ? new WebSocket(this.opts.url, sub) : new WebSocket(this.opts.url));
      this.ws = ws;
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) this.onBinary(data);
        else if (this.dialect === 'asterisk' && !data.toString('utf8').trimStart().startsWith('{')) this.onAsteriskCommand(data.toString('utf8'));
        else this.onJson(data.toString('utf8'));
      });
      ws.on('close', (code, reason) => { this.closeCode = code; this.finish(reason.toString() || 'closed'); });
      ws.on('error', (err) => this.finish(`error: ${err.message}`));
      if (ws.readyState !== WebSocket.OPEN) await new Promise<void>((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
      if (this.dialect !== 'twilio') {
        this.startNonTwilio(callId);
        this.t0 = performance.now();
        this.timer = setInterval(() => this.pump(), 10);
        return;
      }
      this.sendJson({ event: 'connected', protocol: 'Call', version: '1.0.0' });
      this.sendJson({
        event: 'start', sequenceNumber: String(++this.seq), streamSid: this.streamSid,
        start: { streamSid: this.streamSid, callSid: callId, accountSid: 'AC0', tracks: ['inbound'], customParameters: this.opts.parameters ?? {}, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: RATE, channels: 1 } },
      });
    }
    this.t0 = performance.now();
    this.timer = setInterval(() => this.pump(), 10);
  }

  /** The first message of a jambonz, mod_audio_fork or chan_websocket stream. */
  private startNonTwilio(callId: string): void {
    const params = this.opts.parameters ?? {};
    if (this.dialect === 'asterisk') {
      // chan_websocket's plain-text event; parameters travel in the URL query (see the gateway's route).
      this.ws!.send(`MEDIA_START connection_id:${callId} channel:WebSocket/tingzhen-call channel_id:${callId} format:ulaw optimal_frame_size:160`);
      return;
    }
    // jambonz sends the call's webhook attributes (snake_case) plus sampleRate, mixType and the
    // verb's metadata; mod_audio_fork sends the JSON given to uuid_audio_fork.
    const meta = this.dialect === 'jambonz'
      ? { call_sid: callId, call_id: callId, direction: 'inbound', from: 'tingzhen-call', to: 'tingzhen', sampleRate: RATE, mixType: 'mono', metadata: params }
      : { callId, sampleRate: RATE, ...params };
    this.sendJson(meta);
  }

  private onBinary(data: Buffer): void {
    if (this.dialect === 'asterisk') this.onBotAudio(mulawDecode(data));
    else if (this.dialect === 'jambonz' || this.dialect === 'audio-fork') this.onBotAudio(l16ToSamples(data));
  }

  /** chan_websocket commands in plain text: MARK_MEDIA (echoed once played), FLUSH_MEDIA, HANGUP. */
  private onAsteriskCommand(line: string): void {
    const [command = '', ...rest] = line.trim().split(/\s+/);
    const fields = Object.fromEntries(rest.map((kv) => [kv.slice(0, kv.indexOf(':')), kv.slice(kv.indexOf(':') + 1)]));
    if (command === 'MARK_MEDIA') {
      this.endUtterance('bot-end');
      this.ws?.send(`MEDIA_MARK_PROCESSED correlation_id:${fields.correlation_id ?? ''}`);
    } else if (command === 'FLUSH_MEDIA') this.endUtterance('bot-cleared');
    else if (command === 'HANGUP') this.finish('hangup');
  }

  private endUtterance(event: 'bot-end' | 'bot-cleared'): void {
    const u = this.utterances.at(-1);
    if (u && u.endAt === null) { u.endAt = performance.now(); if (event === 'bot-cleared') this.emit('bot-cleared', u); this.emit('bot-end', u); }
  }

  private sendJson(m: unknown): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }

  private onJson(text: string): void {
    let m: { event?: string; type?: string; command?: string; data?: { name?: string; audioContent?: string }; media?: { payload?: string }; mark?: { name?: string }; turn?: Record<string, unknown>; transcript?: Record<string, unknown> };
    try { m = JSON.parse(text) as typeof m; } catch { return; }
    // Our gateway's own extras (asked for with tzStats=1), in any WebSocket dialect.
    if (m.event === 'tz.turn' && m.turn) { this.turnStats.push(m.turn); return; }
    if (m.event === 'tz.transcript' && m.transcript) { this.transcript.push(m.transcript); this.emit('transcript', m.transcript); return; }
    if (this.dialect === 'jambonz' || this.dialect === 'audio-fork') {
      if (m.type === 'playAudio' && m.data?.audioContent) this.onBotAudio(l16ToSamples(Buffer.from(m.data.audioContent, 'base64')));
      else if (m.type === 'mark') {
        this.endUtterance('bot-end');
        // jambonz reports a mark once the audio before it has played.
        this.sendJson({ type: 'mark', data: { name: m.data?.name ?? '', event: 'playout' } });
      } else if (m.type === 'killAudio') this.endUtterance('bot-cleared');
      else if (m.type === 'disconnect') { this.finish('hangup'); this.ws?.close(1000); }
      else if (m.type === 'transfer') this.emit('transfer', m);
      return;
    }
    if (this.dialect === 'asterisk') {
      if (m.command) this.onAsteriskCommand([m.command, ...Object.entries(m).filter(([k]) => k !== 'command').map(([k, v]) => `${k}:${typeof v === 'string' ? v : JSON.stringify(v)}`)].join(' '));
      return;
    }
    if (m.event === 'media' && m.media?.payload) this.onBotAudio(mulawDecode(Buffer.from(m.media.payload, 'base64')));
    else if (m.event === 'mark') {
      // Twilio echoes a mark once the audio before it has played.
      const u = this.utterances.at(-1);
      if (u && u.endAt === null) { u.endAt = performance.now(); this.emit('bot-end', u); }
      this.sendJson({ event: 'mark', streamSid: this.streamSid, sequenceNumber: String(++this.seq), mark: { name: m.mark?.name ?? '' } });
    } else if (m.event === 'clear') {
      const u = this.utterances.at(-1);
      if (u && u.endAt === null) { u.endAt = performance.now(); this.emit('bot-cleared', u); this.emit('bot-end', u); }
    } else if (m.event === 'tz.turn' && m.turn) this.turnStats.push(m.turn);
    else if (m.event === 'tz.transcript' && m.transcript) { this.transcript.push(m.transcript); this.emit('transcript', m.transcript); }
    else if (m.event === 'transfer') this.emit('transfer', m);
  }

  private onBotAudio(samples: Int16Array): void {
    const now = performance.now();
    if (this.opts.echoDb !== undefined) {
      const g = 10 ** (this.opts.echoDb / 20);
      this.echo.push(samples.map((s) => Math.round(s * g)));
    }
    let cur = this.utterances.at(-1);
    if (!cur || cur.endAt !== null || now - this.lastBotAt > BOT_GAP_MS) {
      if (cur && cur.endAt === null) cur.endAt = this.lastBotAt;
      cur = { startAt: now, endAt: null, samples: [] };
      this.utterances.push(cur);
      this.emit('bot-start', cur);
    }
    cur.samples.push(samples);
    this.lastBotAt = now;
  }

  /** Real-time sender: one 20 ms frame per due slot, caller audio or silence/noise, plus echo. */
  private pump(): void {
    const now = performance.now();
    const u = this.utterances.at(-1);
    if (u && u.endAt === null && now - this.lastBotAt > BOT_GAP_MS) { u.endAt = this.lastBotAt; this.emit('bot-end', u); }
    const due = Math.floor((now - this.t0) / 20) + 1;
    while (this.sent < due && !this.closed) {
      let frame = this.outQueue.shift();
      const wasSpeech = frame !== undefined;
      frame ??= this.noiseFrame();
      const e = this.echo.shift();
      if (e) frame = frame.map((s, i) => Math.max(-32768, Math.min(32767, s + (e[i] ?? 0))));
      this.sendFrame(frame);
      this.sent++;
      if (wasSpeech && this.outQueue.length === 0) { this.speechEndAt = performance.now(); this.emit('speech-sent'); }
    }
  }

  private noiseFrame(): Int16Array {
    const f = new Int16Array(FRAME);
    if (this.opts.noiseDb !== undefined) {
      const a = 32768 * 10 ** (this.opts.noiseDb / 20) * Math.sqrt(3);
      for (let i = 0; i < FRAME; i++) f[i] = Math.round((Math.random() * 2 - 1) * a);
    }
    return f;
  }

  private sendFrame(samples: Int16Array): void {
    if (this.sock) { if (!this.sock.destroyed) this.sock.write(asFrame(AS_KIND.audio, samplesToL16(samples))); return; }
    if (this.dialect !== 'twilio') {
      if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(this.dialect === 'asterisk' ? Buffer.from(mulawEncode(samples)) : samplesToL16(samples), { binary: true });
      return;
    }
    this.sendJson({ event: 'media', sequenceNumber: String(++this.seq), streamSid: this.streamSid, media: { track: 'inbound', chunk: String(this.sent), timestamp: String(this.sent * 20), payload: Buffer.from(mulawEncode(samples)).toString('base64') } });
  }

  /** Queue caller speech (8 kHz PCM16); resolves when it has all been sent. */
  say(samples8k: Int16Array): Promise<void> {
    for (let i = 0; i < samples8k.length; i += FRAME) {
      const f = new Int16Array(FRAME);
      f.set(samples8k.subarray(i, i + FRAME));
      this.outQueue.push(f);
    }
    return new Promise((r) => this.once('speech-sent', () => r()));
  }

  sendDtmf(digit: string): void {
    if (this.sock) this.sock.write(asFrame(AS_KIND.dtmf, Buffer.from(digit, 'ascii')));
    else if (this.dialect === 'asterisk') this.ws?.send(`DTMF_END digit:${digit}`);
    else if (this.dialect === 'jambonz' || this.dialect === 'audio-fork') this.sendJson({ event: 'dtmf', dtmf: digit, duration: 100 });
    else this.sendJson({ event: 'dtmf', streamSid: this.streamSid, sequenceNumber: String(++this.seq), dtmf: { track: 'inbound_track', digit } });
  }

  /** Resolves at the end of the next bot utterance (or the current one). */
  waitBotEnd(timeoutMs = 20_000): Promise<BotUtterance> {
    return this.waitFor('bot-end', timeoutMs);
  }

  waitBotStart(timeoutMs = 20_000): Promise<BotUtterance> {
    return this.waitFor('bot-start', timeoutMs);
  }

  waitClosed(timeoutMs = 20_000): Promise<string> {
    if (this.closed) return Promise.resolve(this.closeReason);
    return this.waitFor('closed', timeoutMs);
  }

  private waitFor<T>(event: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => { this.off(event, on); reject(new Error(`timed out waiting for ${event}`)); }, timeoutMs);
      const on = (v: T) => { clearTimeout(t); resolve(v); };
      this.once(event, on);
    });
  }

  /** Hang up: Twilio `stop` then close, or AudioSocket hangup; `abrupt` just drops the socket. */
  hangup(abrupt = false): void {
    if (this.ws) {
      if (!abrupt && this.dialect === 'asterisk') this.ws.send('HANGUP');
      else if (!abrupt && this.dialect === 'twilio') this.sendJson({ event: 'stop', streamSid: this.streamSid, sequenceNumber: String(++this.seq), stop: {} });
      if (abrupt) this.ws.terminate(); else this.ws.close(1000);
    } else if (this.sock) {
      if (!abrupt) this.sock.write(asFrame(AS_KIND.hangup));
      this.sock.destroy();
    }
    this.finish('local');
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.closeReason = reason;
    if (this.timer) clearInterval(this.timer);
    const u = this.utterances.at(-1);
    if (u && u.endAt === null) u.endAt = this.lastBotAt;
    this.emit('closed', reason);
  }
}
