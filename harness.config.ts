import { defineConfig } from './src/config/options.js';

// Options for `npm start` and `partly-conformance run`. CLI flags override these, and
// credentials fall back to the PARTLY_* environment variables, then to the demo credentials.
export default defineConfig({
  cases: 100,
  concurrency: 16,
  reports: 'reports',
  reporters: ['console', 'junit', 'json', 'html'],
});
