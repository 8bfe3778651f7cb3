import type { VgcaSignParams, VgcaUploadResult } from '@phonghop/contracts';

/**
 * The address public integrations use to reach the VGCA Sign Service on the signer's own computer: its browser
 * plugin (vgcaplugin.js, not shipped here) opens a WebSocket per function, sends the parameters' JSON and reads one
 * answer. The vendor's specification is not public; see docs/operations.md before relying on it.
 */
export const VGCA_SIGN_APPROVED_URL = 'wss://127.0.0.1:8987/SignApproved';

export type VgcaOutcome = { kind: 'signed' } | { kind: 'refused'; message: string } | { kind: 'unreachable' };

/** What the tool's answer means: Status 0 is a signed, accepted file; anything else carries its reason. */
export function vgcaOutcome(answer: string): VgcaOutcome {
  try {
    const msg = JSON.parse(answer) as Partial<VgcaUploadResult> & { Error?: string };
    if (msg.Status === 0) return { kind: 'signed' };
    return { kind: 'refused', message: msg.Message || msg.Error || `Status ${msg.Status ?? '?'}` };
  } catch {
    return { kind: 'refused', message: answer.slice(0, 200) };
  }
}

/** Hands the parameters to the local VGCA Sign Service and waits for its one answer. */
export function sendToVgcaSignService(params: VgcaSignParams, url = VGCA_SIGN_APPROVED_URL, timeoutMs = 10 * 60_000): Promise<VgcaOutcome> {
  return new Promise((resolve) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      resolve({ kind: 'unreachable' });
      return;
    }
    let answered = false;
    const finish = (outcome: VgcaOutcome) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      socket.close();
      resolve(outcome);
    };
    // The signer may take minutes to pick a certificate and type the PIN.
    const timer = setTimeout(() => finish({ kind: 'unreachable' }), timeoutMs);
    socket.onopen = () => socket.send(JSON.stringify(params));
    socket.onmessage = (e) => finish(vgcaOutcome(String(e.data)));
    socket.onerror = () => finish({ kind: 'unreachable' });
    socket.onclose = () => finish({ kind: 'unreachable' });
  });
}
