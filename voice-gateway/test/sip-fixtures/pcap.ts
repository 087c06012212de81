/**
 * Writes a classic pcap (Ethernet / IPv4 / UDP) of an RTP stream for SIPp's play_pcap_audio:
 * G.711 mu-law audio every 20 ms with RFC 4733 telephone-events at given times. SIPp replays the
 * UDP payloads with the pcap's timing to the media address from our SDP.
 */
import { writeFileSync } from 'node:fs';
import { mulawEncode } from '@tingzhen/voice-core';
import { serializeRtp, telephoneEventPackets } from '../../src/rtp/index.js';

export interface RtpPcapOptions {
  durationMs: number;
  /** Digits and when they start, ms from the beginning. */
  digits: { digit: string; atMs: number }[];
  /** Audio samples to send (8 kHz), looped or padded with silence; default silence. */
  audio?: Int16Array;
  /** Network impairment on audio packets: drop every Nth, swap the send times of every Mth pair. */
  impair?: { dropEvery: number; swapEvery: number };
}

export function writeRtpPcap(path: string, o: RtpPcapOptions): number {
  const packets: { tMs: number; rtp: Buffer }[] = [];
  let seq = 1000;
  const ssrc = 0x1234abcd;
  const frames = Math.floor(o.durationMs / 20);
  const pending = [...o.digits].sort((a, b) => a.atMs - b.atMs);
  let eventUntil = -1;
  for (let i = 0; i < frames; i++) {
    const tMs = i * 20;
    const ts = 160 * i;
    const d = pending[0];
    if (d && tMs >= d.atMs) {
      pending.shift();
      const evs = telephoneEventPackets(d.digit, 100)!;
      evs.forEach((e, k) => packets.push({ tMs: tMs + Math.min(k, 4) * 20, rtp: serializeRtp({ payloadType: 101, marker: e.marker, sequenceNumber: seq++ & 0xffff, timestamp: ts, ssrc, payload: e.payload }) }));
      eventUntil = tMs + 100;
      continue;
    }
    if (tMs < eventUntil) continue;
    const chunk = new Int16Array(160);
    if (o.audio) chunk.set(o.audio.subarray((i * 160) % o.audio.length, ((i * 160) % o.audio.length) + 160));
    packets.push({ tMs, rtp: serializeRtp({ payloadType: 0, marker: i === 0, sequenceNumber: seq++ & 0xffff, timestamp: ts, ssrc, payload: Buffer.from(mulawEncode(chunk)) }) });
  }
  if (o.impair) {
    const { dropEvery, swapEvery } = o.impair;
    let audioIdx = 0;
    for (let i = 0; i < packets.length; i++) {
      if (packets[i]!.rtp[1]! & 0x7f) continue; // only PT 0 audio is impaired
      audioIdx++;
      if (audioIdx % swapEvery === 0 && i + 1 < packets.length && (packets[i + 1]!.rtp[1]! & 0x7f) === 0) {
        const t = packets[i]!.tMs;
        packets[i]!.tMs = packets[i + 1]!.tMs + 1; // arrives just after its successor
        packets[i + 1]!.tMs = t;
      }
    }
    audioIdx = 0;
    for (let i = packets.length - 1; i >= 0; i--) {
      if ((packets[i]!.rtp[1]! & 0x7f) === 0 && ++audioIdx % dropEvery === 0) packets.splice(i, 1);
    }
  }
  packets.sort((a, b) => a.tMs - b.tMs);
  const global = Buffer.alloc(24);
  global.writeUInt32LE(0xa1b2c3d4, 0);
  global.writeUInt16LE(2, 4);
  global.writeUInt16LE(4, 6);
  global.writeUInt32LE(65535, 16);
  global.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  const recs = packets.map((p) => {
    const udpLen = 8 + p.rtp.length;
    const ipLen = 20 + udpLen;
    const frame = Buffer.alloc(14 + ipLen);
    frame.writeUInt16BE(0x0800, 12);
    const ip = 14;
    frame[ip] = 0x45;
    frame.writeUInt16BE(ipLen, ip + 2);
    frame[ip + 8] = 64;
    frame[ip + 9] = 17;
    frame.set([127, 0, 0, 1], ip + 12);
    frame.set([127, 0, 0, 1], ip + 16);
    const udp = ip + 20;
    frame.writeUInt16BE(6000, udp);
    frame.writeUInt16BE(6002, udp + 2);
    frame.writeUInt16BE(udpLen, udp + 4);
    p.rtp.copy(frame, udp + 8);
    const h = Buffer.alloc(16);
    h.writeUInt32LE(1_700_000_000 + Math.floor(p.tMs / 1000), 0);
    h.writeUInt32LE((p.tMs % 1000) * 1000, 4);
    h.writeUInt32LE(frame.length, 8);
    h.writeUInt32LE(frame.length, 12);
    return Buffer.concat([h, frame]);
  });
  writeFileSync(path, Buffer.concat([global, ...recs]));
  return packets.length;
}
