import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sites as participants in their own right (`meeting_site`), which the conference's site tree shows. Until now a
 * secretary could invite only a site's operator, as a person with meeting role `site`, which left the tree empty:
 * every such operator's site is now invited too. Data only; the schema already has the table.
 */
export class SiteParticipants1765050000000 implements MigrationInterface {
  name = 'SiteParticipants1765050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO meeting_site (meeting_id, site_id)
       SELECT DISTINCT p.meeting_id, u.site_id
         FROM meeting_participant p
         JOIN app_user u ON u.id = p.user_id
        WHERE p.meeting_role = 'site'
          AND u.site_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM meeting_site s WHERE s.meeting_id = p.meeting_id AND s.site_id = u.site_id)`,
    );
  }

  async down(): Promise<void> {
    // Nothing to undo: the sites added here cannot be told from those a secretary invited since, and stay valid.
  }
}
