/** Media server settings, from the API's validated configuration (docs/operations.md, "Online conferences"). */
export interface ConferenceOptions {
  /** mediasoup workers (one process each, one core each); 0 turns conferences off. */
  workers: number;
  /** Address the workers listen on for media (UDP first, TCP as fallback). */
  listenIp: string;
  /** Address announced to browsers in ICE candidates: the server's LAN address when listening on 0.0.0.0. */
  announcedAddress?: string;
  rtcMinPort: number;
  rtcMaxPort: number;
  /**
   * With a port, each worker runs a WebRtcServer on `webRtcServerPort + worker index` (UDP and TCP) and every
   * transport shares it: one port per worker to open in a LAN firewall instead of a range.
   */
  webRtcServerPort?: number;
  /** Keep one more worker started and idle, to replace a worker that dies without waiting for a process start. */
  spareWorker: boolean;
  /** How often worker CPU is sampled for placing new transports (ms). */
  loadSampleMs: number;
  /** Recordings go under `<dataDir>/recordings`. */
  dataDir: string;
  /** Linking conferences between servers (province ↔ district); off when empty. */
  cascade: CascadeOptions;
}

/** docs/operations.md, "Linking servers": both administrators agree a secret per lower-level server. */
export interface CascadeOptions {
  /** This server's name when it links up (CASCADE_SERVER_NAME), e.g. `huyen-phuloc`. */
  serverName?: string;
  /** Lower-level servers allowed to link here (CASCADE_LOWER_SERVERS `name=secret,…`): name → secret. */
  lowerServers: ReadonlyMap<string, string>;
  /** The upper-level server this one links meetings to (CASCADE_UPPER_URL, CASCADE_UPPER_SECRET). */
  upper?: { url: string; secret: string };
}

export const CONFERENCE_OPTIONS = Symbol('CONFERENCE_OPTIONS');

export const DEFAULT_CONFERENCE_OPTIONS: ConferenceOptions = {
  workers: 1,
  listenIp: '127.0.0.1',
  rtcMinPort: 40000,
  rtcMaxPort: 49999,
  spareWorker: true,
  loadSampleMs: 1000,
  dataDir: 'data',
  cascade: { lowerServers: new Map() },
};
