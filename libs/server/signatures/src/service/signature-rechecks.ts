import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { TrustAnchorsRecheckDto } from '@phonghop/contracts';

/** What one domain's recheck found: how many stored verdicts it checked again, and those that changed. */
export type RecheckOutcome = Pick<TrustAnchorsRecheckDto, 'checked' | 'changed'>;

/**
 * Stored verdicts that depend on the trust anchors ("unknown signer" uploads) are checked again when the operator
 * installs a CA certificate: at start-up (in the background, so the server listens at once) and when an
 * administrator asks (POST /api/admin/trust-anchors/recheck). Each domain that keeps verdicts registers its recheck
 * here; this service only runs them, one at a time.
 */
@Injectable()
export class SignatureRechecks implements OnApplicationBootstrap {
  private readonly logger = new Logger('SignatureRechecks');
  private readonly rechecks = new Map<string, () => Promise<RecheckOutcome>>();
  private running: Promise<RecheckOutcome> = Promise.resolve({ checked: 0, changed: [] });

  register(name: string, recheck: () => Promise<RecheckOutcome>): void {
    this.rechecks.set(name, recheck);
  }

  onApplicationBootstrap(): void {
    // Not awaited: a long list of uploads must not hold the server back.
    void this.run('start-up').catch((err: unknown) => this.logger.error({ err }, 'checking stored signatures again failed'));
  }

  /** Runs every registered recheck after any still running (two never overlap). */
  run(reason: string): Promise<RecheckOutcome> {
    this.running = this.running.catch(() => undefined).then(() => this.runAll(reason));
    return this.running;
  }

  private async runAll(reason: string): Promise<RecheckOutcome> {
    const total: RecheckOutcome = { checked: 0, changed: [] };
    for (const [name, recheck] of this.rechecks) {
      const outcome = await recheck();
      total.checked += outcome.checked;
      total.changed.push(...outcome.changed);
      if (outcome.changed.length) this.logger.log({ reason, domain: name, checked: outcome.checked, changed: outcome.changed.length }, 'signature verdicts changed with the trust anchors');
    }
    return total;
  }
}
