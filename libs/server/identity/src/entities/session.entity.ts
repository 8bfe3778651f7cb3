import { TimestampedEntity } from '@phonghop/server-database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('user_session')
export class SessionEntity extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** SHA-256 (hex) of the cookie token; the token itself is never stored or logged. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;

  @Column({ name: 'last_seen_at', type: Date })
  lastSeenAt!: Date;

  @Column({ name: 'user_agent', type: 'varchar', length: 255, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;
}
