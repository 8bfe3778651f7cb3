export * from './annotation.entity';
export * from './annotations.module';
export * from './annotations.service';
