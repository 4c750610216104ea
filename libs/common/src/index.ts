export * from './errors/error-code.enum';
export * from './errors/smartseg.error';
export * from './paths/smartseg-home';
export * from './config';
export * from './tenancy';
export * from './http';
