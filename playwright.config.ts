import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/chromium.mjs';
import { E2E_BASE_URL, E2E_PORT, E2E_PROXY_URL, E2E_SERVER_ENV } from './tests/e2e/server-settings';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: `test-results/${E2E_PORT}`,
  // The admin tests close and reopen articles: they run after the reader's tests, one at a time.
  projects: [
    { name: 'site', testIgnore: /(admin.*|http-cache|launch)\.spec\.ts/ },
    // Its own two servers, nginx and database, waiting for an instant a few minutes ahead: beside the others from the start.
    { name: 'launch', testMatch: /launch\.spec\.ts/, fullyParallel: false, workers: 1 },
    { name: 'admin', testMatch: /admin.*\.spec\.ts/, dependencies: ['site'], fullyParallel: false, workers: 1 },
    // Through nginx in front (deploy/nginx): it closes an article too, so after the admin's tests.
    { name: 'http-cache', testMatch: /http-cache\.spec\.ts/, dependencies: ['admin'], fullyParallel: false, workers: 1, use: { baseURL: E2E_PROXY_URL } },
  ],
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 30_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: {
    // A fresh database, a production build and `next start`: the same path as `npm start`.
    command: 'node tests/e2e/serve.mjs',
    url: `${E2E_BASE_URL}/`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    env: E2E_SERVER_ENV,
  },
});
