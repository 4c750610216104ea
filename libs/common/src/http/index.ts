export * from './error-body';
export * from './smartseg-exception.filter';
