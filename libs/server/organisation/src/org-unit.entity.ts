import type { UnitKind } from '@phonghop/contracts';
import { TimestampedEntity } from '@phonghop/server-database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('org_unit')
export class OrgUnitEntity extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: UnitKind;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder!: number;
}
