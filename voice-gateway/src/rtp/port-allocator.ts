/**
 * RTP port allocation from a configured range (e.g. 10000-20000). RTP takes an even port and
 * RTCP the next odd one (RFC 3550 section 11). Ports in use by other processes are skipped by
 * trying to bind; a pair is released when its session closes.
 */
import dgram from 'node:dgram';
import { TzError } from '@tingzhen/voice-core';

export interface PortRange {
  minPort: number;
  maxPort: number;
}

export interface SocketPair {
  rtp: dgram.Socket;
  rtcp: dgram.Socket;
  port: number;
}

export class PortAllocator {
  private readonly inUse = new Set<number>();
  private cursor: number;

  constructor(readonly range: PortRange, readonly host = '0.0.0.0') {
    if (!Number.isInteger(range.minPort) || !Number.isInteger(range.maxPort) || range.minPort < 1024 || range.maxPort > 65535 || range.maxPort - range.minPort < 3) {
      throw new TzError('TZ_ERR_CONFIG_INVALID', { field: 'rtpPorts', reason: 'need 1024 <= minPort < maxPort <= 65535 with room for a pair' });
    }
    this.cursor = range.minPort + (range.minPort % 2);
  }

  get allocated(): number {
    return this.inUse.size;
  }

  /** Bind an RTP/RTCP socket pair on the next free even port of the range. */
  async allocate(): Promise<SocketPair> {
    const first = this.cursor;
    const span = this.range.maxPort - this.range.minPort;
    for (let tried = 0; tried <= span; tried += 2) {
      const port = this.cursor;
      this.cursor += 2;
      if (this.cursor + 1 > this.range.maxPort) this.cursor = this.range.minPort + (this.range.minPort % 2);
      if (this.inUse.has(port)) continue;
      const pair = await this.tryBind(port);
      if (pair) {
        this.inUse.add(port);
        return pair;
      }
    }
    throw new TzError('TZ_ERR_CALL_LEG', { reason: 'rtp-ports-exhausted', firstTried: first });
  }

  release(pair: SocketPair): void {
    this.inUse.delete(pair.port);
    for (const s of [pair.rtp, pair.rtcp]) {
      try {
        s.close();
      } catch {
        // already closed
      }
    }
  }

  private async tryBind(port: number): Promise<SocketPair | null> {
    const rtp = await bind(port, this.host);
    if (!rtp) return null;
    const rtcp = await bind(port + 1, this.host);
    if (!rtcp) {
      rtp.close();
      return null;
    }
    return { rtp, rtcp, port };
  }
}

function bind(port: number, host: string): Promise<dgram.Socket | null> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const onError = () => {
      s.close();
      resolve(null);
    };
    s.once('error', onError);
    s.bind(port, host, () => {
      s.off('error', onError);
      resolve(s);
    });
  });
}
