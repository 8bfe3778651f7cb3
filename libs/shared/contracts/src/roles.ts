/** System-wide roles of an account. Per-meeting roles (chair of *this* meeting) live with meetings. */
export const ROLES = ['admin', 'secretary', 'chair', 'delegate', 'guest', 'site_operator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  secretary: { vi: 'Thư ký', en: 'Secretary' },
  chair: { vi: 'Chủ tọa', en: 'Chair' },
  delegate: { vi: 'Đại biểu', en: 'Delegate' },
  guest: { vi: 'Khách mời', en: 'Guest' },
  site_operator: { vi: 'Kỹ thuật viên điểm cầu', en: 'Site operator' },
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
