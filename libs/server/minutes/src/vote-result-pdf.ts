import { PDFDict, PDFName, PDFString } from 'pdf-lib';
import { PageFlow, type ParagraphStyle } from './minutes-flow';
import { drawHeader, drawHeading, type HeaderFields } from './minutes-header';
import type { MinutesRun } from './minutes-html';
import { type MinutesPdfOptions, newAdministrativePdf } from './minutes-pdf';
import { drawSignatures, type Signer } from './minutes-signatures';
import { drawCodeColumns, drawTable, type TableColumn } from './minutes-table';
import { plainText as clean } from './minutes-text';

/**
 * A closed vote's results, already in words (see render/vote-result-document.ts): the worker lays them out and
 * never reads the voting contracts itself.
 */
export interface VoteResultPdfInput {
  header: Omit<HeaderFields, 'kind' | 'finalized' | 'number'>;
  /** The motion's title, the subject under "KẾT QUẢ BIỂU QUYẾT". */
  title: string;
  /** Meeting, agenda item, time, form of the vote, rule, who could vote: "label: value". */
  facts: { label: string; value: string }[];
  /** One row per option: label, ballots, weight, share of the base. */
  options: { columns: TableColumn[]; rows: string[][] };
  /** Valid, abstained, invalid, base and required: "label: value". */
  totals: { label: string; value: string }[];
  /** The decision in words, one sentence per line. */
  decision: string[];
  /** A named vote's list: number, member, choice, note; null for a secret ballot. */
  named: { columns: TableColumn[]; rows: string[][] } | null;
  /** Every counted ballot's receipt, sorted. */
  receipts: string[];
  resultHash: string;
  prevHash: string;
  /** Where the hashes can be checked, in words. */
  chainNote: string;
  signatures: Signer[];
}

const BODY = 14;
const para: ParagraphStyle = { size: BODY, align: 'justify', firstIndent: 36, spaceAfter: 3 };
const section = (flow: PageFlow, title: string) =>
  flow.paragraph([{ text: title, bold: true }], { size: BODY, align: 'left', spaceBefore: 8, spaceAfter: 4, keepWithNext: 3 * BODY * 1.3 });
const labelled = (label: string, value: string): MinutesRun[] => [{ text: `${clean(label)}: ` }, { text: clean(value) }];

/**
 * The results of one vote as an A4 PDF in the minutes' administrative layout (Decree 30/2020 header, title, body,
 * signatures of the secretary and the chair), so that it can be signed and filed with the minutes.
 */
export async function renderVoteResultPdf(doc: VoteResultPdfInput, options: MinutesPdfOptions = {}): Promise<Uint8Array> {
  const { pdf, fonts } = await newAdministrativePdf(options);
  pdf.setTitle(`Kết quả biểu quyết: ${clean(doc.title)}`, { showInWindowTitleBar: true });
  pdf.setAuthor(clean(doc.header.issuingBody));
  pdf.setKeywords(['Kết quả biểu quyết', doc.resultHash]);
  pdf.setCreator('phonghop');
  pdf.setProducer('phonghop (pdf-lib 1.17.1)');
  pdf.setLanguage('vi-VN');
  pdf.setCreationDate(options.now ?? new Date());
  pdf.setModificationDate(options.now ?? new Date());
  // The result hash as its own Info entry, so a program can match the file to the chain without parsing text.
  pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict).set(PDFName.of('PhonghopResultHash'), PDFString.of(doc.resultHash));

  const flow = new PageFlow(pdf, fonts);
  drawHeader(flow, { ...doc.header, kind: 'vote_result', number: '', finalized: true });
  drawHeading(flow, 'KẾT QUẢ BIỂU QUYẾT', clean(doc.title));
  flow.skip(6);
  for (const f of doc.facts) flow.paragraph(labelled(f.label, f.value), para);

  section(flow, '1. Kết quả kiểm phiếu');
  drawTable(flow, doc.options.columns, doc.options.rows);
  flow.skip(6);
  for (const t of doc.totals) flow.paragraph(labelled(t.label, t.value), para);

  section(flow, '2. Kết luận');
  for (const line of doc.decision) flow.paragraph([{ text: clean(line), bold: true }], para);

  let n = 3;
  if (doc.named) {
    section(flow, `${n++}. Danh sách thành viên biểu quyết`);
    drawTable(flow, doc.named.columns, doc.named.rows);
  }
  section(flow, `${n++}. Mã biên nhận của ${doc.receipts.length} phiếu được kiểm`);
  drawCodeColumns(flow, doc.receipts);

  section(flow, `${n}. Mã kiểm tra chuỗi kết quả`);
  const hashStyle: ParagraphStyle = { size: 12, align: 'left', spaceAfter: 2 };
  flow.paragraph([{ text: 'Mã kết quả (SHA-256): ' }, { text: doc.resultHash, bold: true }], hashStyle);
  flow.paragraph([{ text: 'Mã kết quả liền trước: ' }, { text: doc.prevHash }], hashStyle);
  flow.paragraph([{ text: clean(doc.chainNote), italic: true }], { ...hashStyle, align: 'justify' });

  drawSignatures(flow, doc.signatures, []);
  return pdf.save();
}

