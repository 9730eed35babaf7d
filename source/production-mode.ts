/**
 * React's production build for the console: imported before anything that loads React (ES
 * modules run in import order). The development build checks and times every component as it
 * renders (React 19 records each render with performance.measure), which made every key several
 * times slower and the memory grow with every frame. NODE_ENV=development still gets it; any
 * other value (a test runner's "test" too) gets what users run.
 */
if (process.env['NODE_ENV'] !== 'development') process.env['NODE_ENV'] = 'production';

export {};
