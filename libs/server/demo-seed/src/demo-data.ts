import type { MeetingRole, Role, UnitKind } from '@phonghop/contracts';

/** Fictional but realistic demo data: a province under the three-level model with its sites. */
export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parent?: string;
  site?: string;
}

export const DEMO_UNITS: DemoUnit[] = [
  { code: 'T-ANBINH', name: 'UBND tỉnh An Bình', kind: 'province', site: 'Hội trường UBND tỉnh (điểm cầu chính)' },
  { code: 'VP-UBND', name: 'Văn phòng UBND tỉnh', kind: 'department', parent: 'T-ANBINH' },
  { code: 'SO-KHCN', name: 'Sở Khoa học và Công nghệ', kind: 'department', parent: 'T-ANBINH' },
  { code: 'H-PHULOC', name: 'UBND huyện Phú Lộc', kind: 'district', parent: 'T-ANBINH', site: 'Điểm cầu UBND huyện Phú Lộc' },
  { code: 'TX-TANHOA', name: 'UBND thị xã Tân Hòa', kind: 'district', parent: 'T-ANBINH', site: 'Điểm cầu UBND thị xã Tân Hòa' },
  { code: 'X-PHUMY', name: 'UBND xã Phú Mỹ', kind: 'commune', parent: 'H-PHULOC', site: 'Điểm cầu UBND xã Phú Mỹ' },
  { code: 'X-LOCDIEN', name: 'UBND xã Lộc Điền', kind: 'commune', parent: 'H-PHULOC', site: 'Điểm cầu UBND xã Lộc Điền' },
  { code: 'TT-PHULOC', name: 'UBND thị trấn Phú Lộc', kind: 'commune', parent: 'H-PHULOC', site: 'Điểm cầu UBND thị trấn Phú Lộc' },
  { code: 'P-TANAN', name: 'UBND phường Tân An', kind: 'commune', parent: 'TX-TANHOA', site: 'Điểm cầu UBND phường Tân An' },
  { code: 'X-HOABINH', name: 'UBND xã Hòa Bình', kind: 'commune', parent: 'TX-TANHOA', site: 'Điểm cầu UBND xã Hòa Bình' },
  { code: 'X-TANLAP', name: 'UBND xã Tân Lập', kind: 'commune', parent: 'TX-TANHOA', site: 'Điểm cầu UBND xã Tân Lập' },
];

/** One account per role; documented in README.md. Demo passwords are for evaluation only. */
export const DEMO_PASSWORD = 'PhongHop@2026';

export interface DemoAccount {
  username: string;
  fullName: string;
  title: string;
  roles: Role[];
  unit: string;
  /** Site-operator accounts join as their unit's site. */
  siteOfUnit?: boolean;
  /** Role in the demo meeting; none means the account has no meetings (shows the empty state). */
  meetingRole?: MeetingRole;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'quantri', fullName: 'Đỗ Quang Huy', title: 'Quản trị hệ thống', roles: ['admin'], unit: 'VP-UBND' },
  { username: 'thuky', fullName: 'Nguyễn Thị Thu Hà', title: 'Chuyên viên Văn phòng UBND tỉnh', roles: ['secretary'], unit: 'VP-UBND', meetingRole: 'secretary' },
  { username: 'chutoa', fullName: 'Trần Văn Minh', title: 'Chủ tịch UBND tỉnh', roles: ['chair'], unit: 'T-ANBINH', meetingRole: 'chair' },
  { username: 'daibieu', fullName: 'Lê Hoàng Nam', title: 'Giám đốc Sở Khoa học và Công nghệ', roles: ['delegate'], unit: 'SO-KHCN', meetingRole: 'delegate' },
  { username: 'khachmoi', fullName: 'Phạm Thị Lan', title: 'Phóng viên Báo An Bình', roles: ['guest'], unit: 'T-ANBINH' },
  { username: 'diemcau.phuloc', fullName: 'Võ Minh Tuấn', title: 'Kỹ thuật viên điểm cầu huyện Phú Lộc', roles: ['site_operator'], unit: 'H-PHULOC', siteOfUnit: true, meetingRole: 'site' },
];

export const DEMO_MEETING = {
  title: 'Phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026',
  location: 'Phòng họp số 1, trụ sở UBND tỉnh',
  organiser: 'T-ANBINH',
  /** Days from first start, so the demo meeting is always upcoming. */
  startsInDays: 2,
  /**
   * Units whose sites the meeting invites: the province hall, both districts and communes of each, so the first
   * conference a new user opens shows the province → district → commune tree filling up as sites join.
   */
  siteUnits: ['T-ANBINH', 'H-PHULOC', 'X-PHUMY', 'X-LOCDIEN', 'TX-TANHOA', 'P-TANAN', 'X-HOABINH'],
};
