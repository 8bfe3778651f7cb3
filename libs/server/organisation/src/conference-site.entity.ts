import { TimestampedEntity } from '@phonghop/server-database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A điểm cầu: a room with camera and microphone that joins online conferences for its unit. */
@Entity('conference_site')
export class ConferenceSiteEntity extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'unit_id', type: 'varchar', length: 36 })
  unitId!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  location!: string | null;

  @Column({ name: 'is_host', type: 'boolean', default: false })
  isHost!: boolean;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;
}
