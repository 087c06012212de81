export { SipConfigSchema, TrunkSchema, PeerSchema, type SipConfig, type Trunk, type Peer } from './schema.js';
export { parseSipConfig, loadSipConfigFile, peerAllowList, peerFor, trunkViaEdge, type SipConfigIssue } from './load.js';
