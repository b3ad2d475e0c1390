// Upkeep's own documentation texts for httpd: directives, RewriteRule/RewriteCond flags, server
// variables, status codes, modules, argument values; and the official documentation URLs.
export * from './directives';
export * from './modules';
export * from './rewrite-flags';
export * from './status';
export * from './urls';
export * from './values';
export * from './variables';
