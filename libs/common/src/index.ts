// The light entry: errors and paths, free of NestJS (the CLI and the pure libs load it).
// Server pieces (config, tenancy, HTTP error mapping) live in '@smartseg/common/server'.
export * from './errors/error-code.enum';
export * from './errors/smartseg.error';
export * from './paths/smartseg-home';
