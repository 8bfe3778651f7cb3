import { type DynamicModule, Module } from '@nestjs/common';
import { SignedDocumentsStore } from '../store/signed-documents.store';
import { OrganisationKeyService } from './organisation-key.service';
import { SignatureVerifier } from './signature-verifier.service';
import { SignedDocumentsService } from './signed-documents.service';
import { SignatureRechecks } from './signature-rechecks';
import { SigningLinksController } from './signing-links.controller';
import { SigningRequestsService } from './signing-requests.service';
import { SIGNATURES_OPTIONS, type SignaturesOptions } from './signatures.options';
import { TrustAnchorsController } from './trust-anchors.controller';

/**
 * PDF signing (the organisation key, people's own tokens through one-time links) and verification (the
 * operator's trust anchors); configured once by the app and available to every domain that signs or checks PDFs.
 */
@Module({})
export class SignaturesModule {
  static register(options: SignaturesOptions): DynamicModule {
    return {
      module: SignaturesModule,
      global: true,
      controllers: [SigningLinksController, TrustAnchorsController],
      providers: [
        { provide: SIGNATURES_OPTIONS, useValue: options },
        OrganisationKeyService,
        SignatureVerifier,
        SignatureRechecks,
        SignedDocumentsStore,
        SignedDocumentsService,
        SigningRequestsService,
      ],
      exports: [SIGNATURES_OPTIONS, OrganisationKeyService, SignatureVerifier, SignatureRechecks, SignedDocumentsService, SigningRequestsService],
    };
  }
}
