/** The parts of node-media-server v4 (CommonJS, untyped) that the relay uses. */
declare module 'node-media-server' {
  export default class NodeMediaServer {
    constructor(config: Record<string, unknown>, configPath?: string);
    on(event: string, listener: (session: unknown) => void): void;
    run(): Promise<void>;
    stop(): Promise<void>;
  }
}
declare module 'node-media-server/src/core/logger.js' {
  const logger: { level: string; log: (message: string, level?: string) => void };
  export default logger;
}
