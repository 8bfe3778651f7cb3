export * from './conference-site.entity';
export * from './org-unit.entity';
export * from './organisation.module';
export * from './organisation.service';
