/** Domain constants shared by the CLI, the API and the dashboard (one copy of each). */
export * from './bands.js';
export * from './categories.js';
export * from './labels.js';
export * from './measure-types.js';
export * from './procedure.js';
export * from './statuses.js';
