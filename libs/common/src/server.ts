// The server entry: everything of the light entry plus the NestJS pieces.
export * from './index';
export * from './config';
export * from './tenancy';
export * from './http';
