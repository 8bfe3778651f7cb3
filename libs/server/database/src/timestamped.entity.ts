import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * The `created_at` / `updated_at` pair that the migrations add with `col.timestamps()`, declared once:
 * TypeORM fills `createdAt` on insert and `updatedAt` on every save. Entities whose table has both columns
 * extend this class (not an entity itself, so it has no table); the schema still comes from migrations only.
 */
export abstract class TimestampedEntity {
  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
