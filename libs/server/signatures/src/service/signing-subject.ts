import type { SignedSubjectKind } from '../store/signature.entities';

/** A document phonghop produced, as the signing services see it: what it is and how to print it once. */
export interface SigningSubject {
  meetingId: string;
  kind: SignedSubjectKind;
  /** The minutes version's row id, or the motion id. */
  subjectId: string;
  /** The version number, or the motion id (in DTOs and URLs). */
  ref: string;
  /** Prints the PDF to freeze when nobody signed it yet (with an empty signature field per signer's role). */
  render(): Promise<Uint8Array>;
}

/** Who signs, and in which signature area (their meeting role). */
export interface SignerIdentity {
  userId: string;
  /** chair or secretary: names the signature field. */
  role: string;
  fullName: string;
  /** Their title (chức vụ), or the role's name. */
  title: string;
  /** The organisation the meeting belongs to (for the visible block when a personal certificate names none). */
  organisation: string | null;
}

export const SIGNING_REASON: Record<SignedSubjectKind, string> = {
  minutes: 'Ký biên bản cuộc họp',
  conclusions: 'Ký thông báo kết luận',
  vote_result: 'Ký kết quả biểu quyết',
};
