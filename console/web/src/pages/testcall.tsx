/**
 * Test call: the browser microphone talks to a script over the gateway's Twilio-dialect WebSocket
 * (G.711 mu-law, 8 kHz, 20 ms media messages), plays the bot, and lists turn latencies live from
 * the `tz.turn` native extension (and bot/caller text from `tz.transcript`, when the gateway sends it).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, post } from '../api.js';
import { errorText } from '../errors.js';
import { lang, t } from '../i18n.js';
import { Downsampler, fromBase64, mulawDecodeByte, mulawEncodeSample, toBase64 } from '../phone.js';

interface Turn { turn: number; gapMs?: number; via: string; endOfSpeechAt?: number; asrFinalAt?: number; decisionAt?: number; firstTtsChunkAt?: number; firstPacketAt?: number }
interface Line { speaker: string; text: string }
const FRAME = 160; // 20 ms at 8 kHz

export function TestCallPage(props: { enabled: boolean }) {
  const [scripts, setScripts] = useState<{ id: string; title: Record<string, string> | string }[]>([]);
  const [scriptId, setScriptId] = useState('');
  const [language, setLanguage] = useState(lang.value === 'en' ? 'en' : 'zh-CN');
  const [status, setStatus] = useState('');
  const [turns, setTurns] = useState<Turn[]>([]);
  const [lines, setLines] = useState<Line[]>([]);
  const [speaking, setSpeaking] = useState(false);
  const [botAudioMs, setBotAudioMs] = useState(0);
  const [err, setErr] = useState('');
  const call = useRef<{ hangup: () => void } | null>(null);
  useEffect(() => { void api<{ items: typeof scripts }>('/api/scripts').then((r) => { setScripts(r.items); setScriptId(r.items[0]?.id ?? ''); }); return () => call.current?.hangup(); }, []);

  const start = async () => {
    setErr(''); setTurns([]); setLines([]); setBotAudioMs(0);
    let mic: MediaStream;
    try { mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 } }); }
    catch { setErr(t('micNeeded')); return; }
    let grant: { path: string; token: string; parameters: Record<string, string> };
    try { grant = await post('/api/testcall', { scriptId, language }); } catch (x) { mic.getTracks().forEach((tr) => tr.stop()); setErr(errorText(x)); return; }
    const ctx = new AudioContext();
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${grant.path}?token=${encodeURIComponent(grant.token)}`);
    const streamSid = `MZ${crypto.randomUUID().replace(/-/g, '')}`;
    let playAt = 0;
    let sources: AudioBufferSourceNode[] = [];
    let seq = 1; let chunk = 0; let pending: number[] = [];
    const src = ctx.createMediaStreamSource(mic);
    const proc = ctx.createScriptProcessor(2048, 1, 1);
    const down = new Downsampler(ctx.sampleRate);
    const mute = ctx.createGain(); mute.gain.value = 0;
    const hangup = () => {
      try { if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ event: 'stop', sequenceNumber: String(++seq), streamSid, stop: { callSid: streamSid } })); } catch { /* closing */ }
      ws.close(); proc.disconnect(); src.disconnect(); mic.getTracks().forEach((tr) => tr.stop()); void ctx.close();
      call.current = null; setStatus(t('disconnected')); setSpeaking(false);
    };
    call.current = { hangup };
    proc.onaudioprocess = (ev) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      pending = pending.concat(down.push(ev.inputBuffer.getChannelData(0)));
      while (pending.length >= FRAME) {
        const frame = pending.splice(0, FRAME);
        const bytes = new Uint8Array(frame.map(mulawEncodeSample));
        chunk++;
        ws.send(JSON.stringify({ event: 'media', sequenceNumber: String(++seq), streamSid, media: { track: 'inbound', chunk: String(chunk), timestamp: String(chunk * 20), payload: toBase64(bytes) } }));
      }
    };
    src.connect(proc); proc.connect(mute).connect(ctx.destination);
    ws.onopen = () => {
      setStatus(t('connected'));
      ws.send(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }));
      ws.send(JSON.stringify({ event: 'start', sequenceNumber: String(++seq), streamSid, start: { streamSid, callSid: streamSid, accountSid: 'browser', tracks: ['inbound'],
        customParameters: grant.parameters, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } } }));
    };
    ws.onclose = () => { if (call.current) hangup(); };
    ws.onerror = () => setErr(t('error'));
    ws.onmessage = (ev) => {
      const m = JSON.parse(String(ev.data)) as { event: string; media?: { payload: string }; mark?: { name: string }; turn?: Turn; transcript?: Line };
      if (m.event === 'media' && m.media) {
        const bytes = fromBase64(m.media.payload);
        const buf = ctx.createBuffer(1, bytes.length, 8000);
        const ch = buf.getChannelData(0);
        for (let i = 0; i < bytes.length; i++) ch[i] = mulawDecodeByte(bytes[i]!);
        const node = ctx.createBufferSource(); node.buffer = buf; node.connect(ctx.destination);
        playAt = Math.max(playAt, ctx.currentTime + 0.05);
        node.start(playAt); playAt += buf.duration;
        sources.push(node); node.onended = () => { sources = sources.filter((s) => s !== node); if (sources.length === 0) setSpeaking(false); };
        setSpeaking(true);
        setBotAudioMs((x) => x + (bytes.length / 8));
      } else if (m.event === 'clear') {
        for (const s of sources) s.stop(); sources = []; playAt = 0; setSpeaking(false);
      } else if (m.event === 'mark' && m.mark) {
        // Twilio echoes a mark once the audio before it has played.
        const name = m.mark.name;
        const delayMs = Math.max(0, (playAt - ctx.currentTime) * 1000);
        setTimeout(() => { if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ event: 'mark', sequenceNumber: String(++seq), streamSid, mark: { name } })); }, delayMs);
      } else if (m.event === 'tz.turn' && m.turn) {
        setTurns((x) => [...x, m.turn!]);
      } else if (m.event === 'tz.transcript' && m.transcript) {
        setLines((x) => [...x, m.transcript!]);
      }
    };
  };

  if (!props.enabled) return <div><h1>{t('testCall')}</h1><p>{lang.value === 'en' ? 'Test calls are not enabled on this server.' : '此服务器未启用测试通话。'}</p></div>;
  return (
    <div>
      <h1>{t('testCall')}</h1>
      <div class="card">
        <label>{t('script')}<select value={scriptId} onChange={(e) => setScriptId((e.target as HTMLSelectElement).value)}>
          {scripts.map((s) => <option value={s.id}>{typeof s.title === 'string' ? s.title : s.title[lang.value === 'en' ? 'en' : 'zh'] ?? s.id}</option>)}</select></label>
        <label>{t('language')}<select value={language} onChange={(e) => setLanguage((e.target as HTMLSelectElement).value)}><option value="zh-CN">中文</option><option value="en">English</option></select></label>
        {call.current ? <button type="button" class="danger" onClick={() => call.current?.hangup()}>{t('hangUp')}</button>
          : <button type="button" class="primary" onClick={() => void start()}>{t('startCall')}</button>}
        <span role="status" data-testid="call-status"> {status}</span>
        {speaking && <span class="badge" data-testid="bot-speaking"> {t('botSpeaking')}</span>}
        <span data-testid="bot-audio-ms" data-ms={botAudioMs}> {botAudioMs > 0 ? `${t('bot')}: ${(botAudioMs / 1000).toFixed(1)} s` : ''}</span>
      </div>
      {err && <p role="alert" class="err">{err}</p>}
      <section class="card" aria-labelledby="live-tr"><h2 id="live-tr">{t('transcript')}</h2>
        <ol class="transcript" data-testid="live-transcript" aria-live="polite">{lines.map((l) => <li class={l.speaker}><span class="who">{t(l.speaker === 'bot' ? 'bot' : 'caller')}</span> {l.text}</li>)}</ol></section>
      <section class="card" aria-labelledby="live-lat"><h2 id="live-lat">{t('latency')}</h2>
        <table data-testid="live-turns"><thead><tr><th scope="col">{t('turn')}</th><th scope="col">via</th><th scope="col">{t('gap')}</th></tr></thead>
          <tbody>{turns.map((x) => <tr><td>{x.turn}</td><td>{x.via}</td><td>{x.gapMs != null ? `${Math.round(x.gapMs)} ms` : '-'}</td></tr>)}</tbody></table></section>
    </div>
  );
}
