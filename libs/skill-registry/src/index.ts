export * from './skill.model';
export * from './skill-loader';
export * from './skill-registry';
export * from './skill-registry.module';
