/**
 * Live listen-in: calls in progress, and a player for one of them. Starting asks the API to
 * monitor the call (audited) and plays the signed HTTP-FLV stream (AAC) with mpegts.js on an
 * <audio> element, chasing the live edge so the delay stays low. Stopping ends the monitoring.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, post } from '../api.js';
import { errorText } from '../errors.js';
import { lang } from '../i18n.js';

const TEXT = {
  'zh-CN': { title: '实时监听', none: '当前没有进行中的通话', call: '通话', listen: '监听', stop: '停止监听', listening: '正在监听', monitored: '监听中', refresh: '刷新', unsupported: '此浏览器不支持实时播放' },
  en: { title: 'Live listen-in', none: 'No calls in progress', call: 'Call', listen: 'Listen', stop: 'Stop listening', listening: 'Listening to', monitored: 'monitored', refresh: 'Refresh', unsupported: 'This browser cannot play the live stream' },
} as const;

interface LiveCall { callId: string; monitoring: boolean }
interface Player { destroy(): void }

export function ListenPage() {
  const tx = TEXT[lang.value === 'en' ? 'en' : 'zh-CN'];
  const [calls, setCalls] = useState<LiveCall[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [err, setErr] = useState('');
  const audio = useRef<HTMLAudioElement>(null);
  const player = useRef<Player | null>(null);

  const load = () => api<{ calls: LiveCall[] }>('/api/listen/calls').then((r) => setCalls(r.calls), (e: unknown) => setErr(errorText(e)));
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 3000);
    return () => { clearInterval(timer); player.current?.destroy(); };
  }, []);
  // The call ended: its stream is gone.
  useEffect(() => { if (current && !calls.some((c) => c.callId === current)) { player.current?.destroy(); player.current = null; setCurrent(null); } }, [calls]);

  const listen = async (callId: string) => {
    setErr('');
    player.current?.destroy();
    player.current = null;
    try {
      const grant = await post<{ playUrl: string }>(`/api/listen/${encodeURIComponent(callId)}`);
      const mpegts = (await import('mpegts.js')).default;
      if (!mpegts.getFeatureList().mseLivePlayback) { setErr(tx.unsupported); return; }
      const p = mpegts.createPlayer({ type: 'flv', isLive: true, hasAudio: true, hasVideo: false, url: new URL(grant.playUrl, location.href).href },
        { enableWorker: false, enableStashBuffer: false, liveBufferLatencyChasing: true, liveBufferLatencyMaxLatency: 1.5, liveBufferLatencyMinRemain: 0.3 });
      p.attachMediaElement(audio.current!);
      p.load();
      void Promise.resolve(p.play()).catch(() => undefined);
      player.current = { destroy: () => { p.pause(); p.unload(); p.detachMediaElement(); p.destroy(); } };
      setCurrent(callId);
      void load();
    } catch (e) {
      setErr(errorText(e));
    }
  };

  const stop = async () => {
    const callId = current;
    player.current?.destroy();
    player.current = null;
    setCurrent(null);
    if (callId) await api(`/api/listen/${encodeURIComponent(callId)}`, { method: 'DELETE' }).catch(() => undefined);
    void load();
  };

  return (
    <section class="pad" data-testid="listen-page">
      <h1>{tx.title}</h1>
      {err && <p role="alert" class="err">{err}</p>}
      {current && (
        <p data-testid="listening">{tx.listening} <code>{current}</code> <button type="button" onClick={() => void stop()}>{tx.stop}</button></p>
      )}
      <audio ref={audio} aria-label={tx.title} />
      <button type="button" onClick={() => void load()}>{tx.refresh}</button>
      {calls.length === 0 ? <p>{tx.none}</p> : (
        <table>
          <thead><tr><th scope="col">{tx.call}</th><th scope="col">{tx.listen}</th></tr></thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.callId}>
                <td><code>{c.callId}</code>{c.monitoring && ` · ${tx.monitored}`}</td>
                <td><button type="button" disabled={current === c.callId} onClick={() => void listen(c.callId)}>{tx.listen}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
