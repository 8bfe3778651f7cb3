import type { Role } from '@phonghop/contracts';
import { TimestampedEntity } from '@phonghop/server-database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('app_user')
export class UserEntity extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ name: 'full_name', type: 'varchar', length: 255 })
  fullName!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  title!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: 'simple-array' })
  roles!: Role[];

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId!: string | null;

  @Column({ name: 'site_id', type: 'varchar', length: 36, nullable: true })
  siteId!: string | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword!: boolean;

  // failed_logins and locked_until held the old per-account lock; sign-in delays now live in LoginThrottle (memory).
  // No longer read; kept (and zeroed) until a migration drops them.
  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: Date, nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_login_at', type: Date, nullable: true })
  lastLoginAt!: Date | null;
}
