export * from './eval-case.model';
export * from './eval-metrics';
export * from './eval-report';
export * from './eval-runner';
export * from './segment-concepts';
export * from './segment-signatures';
