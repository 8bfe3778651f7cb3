import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DocumentSignaturesDto, TrustAnchorsDto } from '@phonghop/contracts';
import { TrustAnchors } from '../trust/trust-anchors';
import { bufferSource, fileSource, type PdfSource } from '../verify/pdf-source';
import { verifyPdfSignatures } from '../verify/verify-pdf';
import { SIGNATURES_OPTIONS, type SignaturesOptions } from './signatures.options';

/** Quick test before the work: a signed PDF has at least one /ByteRange. */
export async function carriesSignatures(file: string): Promise<boolean> {
  const src = await fileSource(file);
  try {
    return (await src.find('/ByteRange')).length > 0;
  } finally {
    await src.close();
  }
}

/** Checks the signatures of PDFs against the trust anchors the operator installed. */
@Injectable()
export class SignatureVerifier {
  private readonly logger = new Logger('SignatureVerifier');
  private readonly anchors: TrustAnchors;
  private reported = '';

  constructor(@Inject(SIGNATURES_OPTIONS) options: SignaturesOptions) {
    this.anchors = new TrustAnchors(options.trustDir);
  }

  /** The report for a file on disk; null when it carries no signature. */
  async verifyFile(file: string): Promise<DocumentSignaturesDto | null> {
    const src = await fileSource(file);
    try {
      return await this.verify(src);
    } finally {
      await src.close();
    }
  }

  verifyBytes(pdf: Buffer): Promise<DocumentSignaturesDto | null> {
    return this.verify(bufferSource(pdf));
  }

  private async verify(src: PdfSource): Promise<DocumentSignaturesDto | null> {
    const { certs, problems } = await this.anchors.load();
    const key = problems.join('|');
    if (key && key !== this.reported) this.logger.warn({ problems }, 'some trust anchor files cannot be read');
    this.reported = key;
    return verifyPdfSignatures(src, certs);
  }

  async trustAnchors() {
    return (await this.anchors.load()).certs;
  }

  async anchorsReport(): Promise<TrustAnchorsDto> {
    const { certs, problems } = await this.anchors.load();
    return {
      configured: !!this.anchors.dir,
      anchors: certs.map((c) => ({ commonName: c.commonName, organisation: c.organisation, sha256: c.fingerprint256, notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString() })),
      problems,
    };
  }
}
