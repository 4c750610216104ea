export * from './entities';
export * from './services/audit.service';
export * from './services/tenant.service';
export * from './services/api-key.service';
export * from './services/auth-cache';
export * from './services/prompt-version.service';
export * from './services/clock';
export * from './tenant-config.module';
