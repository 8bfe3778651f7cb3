import type { Ack, ConferenceMethod, ConferenceNotification, ConferenceRequests } from '@phonghop/contracts';

/**
 * The socket a conference rides on, as the display sees it: the hall display has its own connection (a display
 * token, no user), so it hands the conference its requests, notices and reconnects instead of the app's client.
 */
export interface ConferenceChannel {
  request<M extends ConferenceMethod>(method: M, data: ConferenceRequests[M]['req']): Promise<Ack<ConferenceRequests[M]['res']>>;
  onNotification(handler: (n: ConferenceNotification) => void): () => void;
  onReconnect(handler: () => void): () => void;
}
