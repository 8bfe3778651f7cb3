import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * `document_version.first_page_chunks`: which 64 KiB chunks of the stored file pdf.js reads to draw page 1 (beyond
 * the first and the last), recorded when the page-1 preview is made; the reader fetches them all at once. Null until
 * then (and for versions stored before this migration, until the background work records them).
 */
export class FirstPageChunks1765400000000 implements MigrationInterface {
  name = 'FirstPageChunks1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('document_version', new TableColumn({ name: 'first_page_chunks', type: 'varchar', length: '400', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('document_version', 'first_page_chunks');
  }
}
