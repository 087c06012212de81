export { MonitorHub, type MonitorHubOptions, type MonitorTicket } from './monitor-hub.js';
export { startMediaRelay, type MediaRelay, type MediaRelayOptions } from './media-relay.js';
export { FfmpegPublisher, type FfmpegPublisherOptions } from './ffmpeg-publisher.js';
export { tapLeg, type TappedLeg, type MixListener } from './leg-tap.js';
export { streamSign, STREAM_APP, STREAM_NAME_PATTERN } from './signed-url.js';
